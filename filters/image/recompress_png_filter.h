// img-recompress-png (risk: low; levels core, bandwidth, all): lossless PNG recompression.
// Decodes every pixel exactly and re-encodes with the smallest exact representation (palette
// when <= 256 colors, gray, bit depths below 8 when the PNG scaling makes them exact, 16 -> 8
// bits only when every sample is v * 257) and the best of several filter strategies and
// deflaters (libdeflate, zlib; zopfli at --effort max within a per-image time budget).
// Metadata is dropped except the chunks that change rendering: gAMA, cHRM, iCCP, sRGB (only
// img-strip-color-profile drops those). Unsafe: never by design; APNGs (acTL) are left as they
// are, because libpng would decode only their first frame. Output kept only when smaller.
#ifndef PAGEBAKE_IMAGE_RECOMPRESS_PNG_FILTER_H_
#define PAGEBAKE_IMAGE_RECOMPRESS_PNG_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

// The recompressed PNG (input bytes when nothing smaller was found); ContentError/LimitExceeded
// for files it cannot handle. `note` says what was chosen.
Result<std::string> RecompressPng(std::string_view bytes, const ImageOptions& options,
                                  std::string* note = nullptr);

class RecompressPngFilter : public Filter {
 public:
  explicit RecompressPngFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kPng; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_RECOMPRESS_PNG_FILTER_H_
