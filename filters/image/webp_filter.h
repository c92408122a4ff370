// img-webp (risk: medium; levels core, all): writes a WebP variant beside each JPEG, PNG and GIF
// when it is smaller, and serves it. Variants: lossy at image.webp-quality (80) from JPEG,
// stepping up to 90 and 95 until SSIM >= image.min-ssim (EXIF orientation applied to the
// pixels, ICC profile carried over); lossless and pixel-exact from PNG and still GIF; animated
// from animated GIF (lossless, libwebp's min-size search), else the GIF stays alone. gAMA: a
// PNG whose gAMA/cHRM differ from sRGB gets no variant (WebP cannot carry them and cwebp
// changed pixels by up to 73 levels applying them); iCCP becomes the WebP's ICCP; 16-bit PNGs
// that are not exact at 8 bits get none. The variant is added to the site as '<path>.webp'
// (a.png -> a.png.webp: a.png and a.jpg never collide) with the image as its one source; the
// image itself is unchanged. Serving (webp_serve.h), image.webp-mode: `picture` (default)
// wraps each <img> whose image (every srcset candidate) has a variant in <picture> with a
// <source type="image/webp">, so browsers without WebP keep the original; CSS is left alone
// (it has no fallback). `replace` swaps the URLs outright in HTML and CSS. Unsafe: lossy for
// JPEG sources; picture adds an element (CSS such as `div > img` or `img:first-child` stops
// matching); replace breaks the images for browsers without WebP (Safari < 14, IE).
#ifndef PAGEBAKE_IMAGE_WEBP_FILTER_H_
#define PAGEBAKE_IMAGE_WEBP_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"
#include "filters/image/pixels.h"
#include "pagebake/image_options.h"

namespace pagebake::image {

// The WebP variant of an image, or the status saying why there is none. The encode stops
// (ContentError) once `deadline` passes. `pixels`, for a JPEG or PNG: the upright 8-bit pixels
// `bytes` were encoded from (a resized variant's, see ResizeImage); they are encoded instead
// of decoding `bytes`, which still decide the format, the ICC profile, the PNG color rules and
// the size the WebP must beat.
Result<std::string> MakeWebpVariant(std::string_view bytes, const ImageOptions& options,
                                    std::string* note = nullptr, const Deadline& deadline = {},
                                    const Pixels* pixels = nullptr);

class WebpFilter : public Filter {
 public:
  // `mode`: the build's image.webp-mode; in replace mode external sheets are handled too.
  explicit WebpFilter(const FilterInfo* info, WebpMode mode = WebpMode::kPicture)
      : Filter(info), mode_(mode) {}
  // replace mode: a variant's URL is longer than the original's, so sheets and pages grow by
  // design (kMayGrow).
  unsigned capabilities() const override {
    return kRewritesResource | kRewritesHtml | (mode_ == WebpMode::kReplace ? kMayGrow : 0u);
  }
  bool HandlesResource(ContentType t) const override {
    return t == ContentType::kPng || t == ContentType::kJpeg || t == ContentType::kGif ||
           (t == ContentType::kCss && mode_ == WebpMode::kReplace);
  }
  // An image: adds its variant. A sheet (replace mode): points its url()s at the variants.
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;

 private:
  WebpMode mode_;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_WEBP_FILTER_H_
