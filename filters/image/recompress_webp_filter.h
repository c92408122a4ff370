// img-recompress-webp (risk: low; levels core, bandwidth, all): drops EXIF and XMP chunks from
// every WebP and re-encodes still lossless (VP8L) WebPs at the effort's lossless level (cwebp
// -z), keeping the ICC profile. Lossy (VP8) WebPs are never re-encoded (a second lossy
// generation), animated ones only lose their metadata. Kept only when smaller.
#ifndef PAGEBAKE_IMAGE_RECOMPRESS_WEBP_FILTER_H_
#define PAGEBAKE_IMAGE_RECOMPRESS_WEBP_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

Result<std::string> RecompressWebp(std::string_view bytes, const ImageOptions& options,
                                   std::string* note = nullptr);

class RecompressWebpFilter : public Filter {
 public:
  explicit RecompressWebpFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kWebp; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_RECOMPRESS_WEBP_FILTER_H_
