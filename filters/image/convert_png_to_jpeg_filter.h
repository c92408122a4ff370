// img-convert-png-to-jpeg (risk: medium; level all): photographic PNGs become JPEGs — lossy.
// Only opaque 8-bit PNGs with more than 256 colors, untagged or sRGB (a JPEG cannot carry
// gAMA), not APNG; at image.png-to-jpeg-quality (default 85), 4:2:0 when img-jpeg-subsampling
// is enabled else 4:4:4; kept only when the JPEG is smaller and its SSIM (R, G, B) against the PNG
// is at least image.min-ssim (0.98) — screenshots and line art fail that and stay PNG. Sets
// the new extension (.jpg). Unsafe where exact pixels matter (canvas reads, pixel art).
#ifndef PAGEBAKE_IMAGE_CONVERT_PNG_TO_JPEG_FILTER_H_
#define PAGEBAKE_IMAGE_CONVERT_PNG_TO_JPEG_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

// The JPEG, or the status saying why the PNG is kept (Unimplemented: not photographic).
Result<std::string> PngToJpeg(std::string_view bytes, const Options& options,
                              std::string* note = nullptr);

class ConvertPngToJpegFilter : public Filter {
 public:
  explicit ConvertPngToJpegFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kPng; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_CONVERT_PNG_TO_JPEG_FILTER_H_
