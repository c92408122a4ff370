// The serving half of img-webp (webp_filter.h makes the variants): pointing pages and sheets
// at them. Internal to the image family; the filter class is WebpFilter.
//
// picture mode: <img src=a.jpg> becomes <picture><source type="image/webp" srcset="W"><img
// src=a.jpg></picture> when a.jpg has a WebP variant; with a srcset, only when every candidate
// has one (same descriptors, `sizes` copied). replace mode: the URL itself is swapped in img
// src/srcset, <source srcset> of <picture>, video poster, input type=image, <link rel=preload
// as=image> and CSS url() (external sheets, <style>, style="").
//
// URLs are written as the author wrote the original (relative, root-relative or absolute) and
// name the variant's site path: the pipeline's relink step turns them into the variant's final
// output name (cache-extend's hashed one) exactly as it does for every other reference, and the
// page filters that run after img-webp (image dimensions, combining) can still resolve them.
#ifndef PAGEBAKE_IMAGE_WEBP_SERVE_H_
#define PAGEBAKE_IMAGE_WEBP_SERVE_H_

#include <optional>
#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/site.h"
#include "pagebake/image_options.h"

namespace pagebake::html {
class Document;
}

namespace pagebake::image {

// The WebP variant img-webp generated from `target` (a JPEG, PNG or GIF of the site, read or
// generated), or nullptr. An index lookup (Site::VariantsOf), not a guess at the name.
const Resource* FindWebpVariant(const Site& site, const Resource& target);

// Maps URLs written in `from` to the URL of their target's WebP variant.
class WebpUrlMap {
 public:
  WebpUrlMap(Site& site, const Resource& from) : site_(site), from_(from) {}
  // The variant URL to write instead of `url` (decoded, as written), or nullopt: data:,
  // external, missing, not a JPEG/PNG/GIF, or no variant.
  std::optional<std::string> Map(std::string_view url);

 private:
  const Resource* TargetOf(std::string_view url, std::string* suffix);

  Site& site_;
  const Resource& from_;
};

// The page pass (both modes; replace mode also rewrites <style> and style="").
Status ServeWebpInPage(FilterContext& ctx, html::Document& doc, WebpMode mode);

// replace mode: every url() of `css` (written in ctx.resource(): the sheet) whose target has a
// variant. Adds the URLs changed to ctx's rewrites.
Status ReplaceWebpInCss(FilterContext& ctx, std::string& css);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_WEBP_SERVE_H_
