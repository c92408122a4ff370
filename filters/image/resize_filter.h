// img-resize (risk: medium; levels core, all): pagespeed's resize_images at build time. When
// every use of a still JPEG, PNG or WebP in the site is an <img> (not in <picture>, not sized by
// its style) that declares its rendered size with numeric width/height (or lists it in its
// srcset), and the largest of those sizes times image.resize-density (2: sharp on hi-dpi
// screens; 1 = pagespeed) saves at least 10% of the pixels, a downscaled variant
// 'photo.400x300.jpg' is written beside the image and those references point at it. An image
// also used anywhere else (CSS url(), <a href>, <picture><source>, og:image, an <img> without
// numeric size, a page with <base href>) is left alone, and nothing is ever upscaled. The
// original is still written (scripts may load it). GIF, SVG, APNG and animated WebP are not
// resized. Unsafe: lossy (re-encoded at quality min(85, the source's)); an image scripts or
// CSS enlarge at run time (zoom, lightbox on the same URL) shows the smaller variant.
#ifndef PAGEBAKE_IMAGE_RESIZE_FILTER_H_
#define PAGEBAKE_IMAGE_RESIZE_FILTER_H_

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake::image {

class ResizeFilter : public Filter {
 public:
  explicit ResizeFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override {
    return kRewritesResource | kRewritesHtml | kPlansSite;
  }
  bool HandlesResource(ContentType t) const override {
    return t == ContentType::kJpeg || t == ContentType::kPng || t == ContentType::kWebp;
  }
  // Decides which images get a variant and at what size, and adds the variants to the site.
  Status PlanSite(FilterContext& ctx, const SitePages& pages) override;
  // Resizes a variant this filter planned; other resources pass through.
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
  // Points every reference to a resized image at its variant (when the resize succeeded).
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_RESIZE_FILTER_H_
