// img-strip-metadata (risk: low; levels core, bandwidth, all): removes metadata that does not
// change rendering, at the container level without touching pixel data: PNG text/time/EXIF/
// physical-size chunks, JPEG APPn (except JFIF, ICC and Adobe) and COM segments with the EXIF
// orientation kept as a minimal EXIF segment, GIF comments and application extensions other
// than the loop count, WebP EXIF/XMP. Composition: the recompress filters already write only
// what renders, so after them this filter finds nothing; it covers files they could not or
// did not rewrite (disabled, not smaller, APNG, GIF).
#ifndef PAGEBAKE_IMAGE_STRIP_METADATA_FILTER_H_
#define PAGEBAKE_IMAGE_STRIP_METADATA_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

Result<std::string> StripMetadata(std::string_view bytes, ContentType type);

class StripMetadataFilter : public Filter {
 public:
  explicit StripMetadataFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kPng || t == ContentType::kJpeg || t == ContentType::kGif ||
           t == ContentType::kWebp; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_STRIP_METADATA_FILTER_H_
