// img-recompress-jpeg (risk: low; levels core, bandwidth, all): lossless JPEG recompression by
// default — the DCT coefficients are kept and re-entropy-coded with optimized Huffman tables,
// progressive when the input is larger than 10 KiB (as jpegtran -optimize -progressive).
// Metadata is dropped except the ICC profile; the EXIF orientation is kept as a minimal EXIF
// segment so the image does not rotate. With image.jpeg-quality set, a lossy re-encode at that
// quality is also tried, never when the source's estimated quality is already at or below it
// (4:2:0 when img-jpeg-subsampling is enabled, else the source's subsampling); CMYK files are
// only transcoded losslessly. Damaged files (libjpeg warnings) are left as they are.
#ifndef PAGEBAKE_IMAGE_RECOMPRESS_JPEG_FILTER_H_
#define PAGEBAKE_IMAGE_RECOMPRESS_JPEG_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

// The recompressed JPEG (input bytes when nothing smaller was found).
Result<std::string> RecompressJpeg(std::string_view bytes, const Options& options,
                                   std::string* note = nullptr);

class RecompressJpegFilter : public Filter {
 public:
  explicit RecompressJpegFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kJpeg; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_RECOMPRESS_JPEG_FILTER_H_
