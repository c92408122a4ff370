// img-jpeg-subsampling (risk: medium; level all): 4:2:0 chroma subsampling for lossy JPEG
// re-encodes. The lossy encoders (img-recompress-jpeg with jpeg-quality, img-convert-png-to-
// jpeg) already use 4:2:0 when this filter is enabled; on its own pass it re-encodes 4:4:4 and
// 4:2:2 JPEGs only when lossy output is allowed (image.jpeg-quality set), at the lower of the
// source's estimated quality and jpeg-quality, kept when smaller with SSIM (R, G, B) >= min-ssim.
// Unsafe for images with fine colored detail (red text on blue).
#ifndef PAGEBAKE_IMAGE_JPEG_SUBSAMPLING_FILTER_H_
#define PAGEBAKE_IMAGE_JPEG_SUBSAMPLING_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

Result<std::string> SubsampleJpeg(std::string_view bytes, const Options& options,
                                  std::string* note = nullptr);

class JpegSubsamplingFilter : public Filter {
 public:
  explicit JpegSubsamplingFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kJpeg; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_JPEG_SUBSAMPLING_FILTER_H_
