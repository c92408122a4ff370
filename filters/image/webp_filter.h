// img-webp (risk: medium; levels core, all): writes a WebP variant beside each JPEG, PNG and GIF
// when it is smaller: lossy at image.webp-quality (80) from JPEG (EXIF orientation applied to
// the pixels, ICC profile carried over, kept only with SSIM >= image.min-ssim); lossless
// and pixel-exact from PNG and still GIF; animated from animated GIF (lossless, libwebp's
// min-size search), else the GIF stays alone. gAMA: a PNG whose gAMA/cHRM differ from sRGB
// gets no variant (WebP cannot carry them and cwebp changed pixels by up to 73 levels applying
// them); iCCP becomes the WebP's ICCP; 16-bit PNGs that are not exact at 8 bits get none. The
// variant is added to the site as '<path>.webp' (a.png -> a.png.webp: a.png and a.jpg never
// collide, and the <picture> rewrite finds it by appending). The source is unchanged.
// Unsafe: lossy for JPEG sources.
#ifndef PAGEBAKE_IMAGE_WEBP_FILTER_H_
#define PAGEBAKE_IMAGE_WEBP_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

// The WebP variant of an image, or the status saying why there is none.
Result<std::string> MakeWebpVariant(std::string_view bytes, const ImageOptions& options,
                                    std::string* note = nullptr);

class WebpFilter : public Filter {
 public:
  explicit WebpFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kPng || t == ContentType::kJpeg || t == ContentType::kGif; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_WEBP_FILTER_H_
