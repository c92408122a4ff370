// img-convert-gif-to-png (risk: low; levels core, all): a still GIF becomes a PNG with the same
// pixels (composited as a browser shows it: areas no frame covers are transparent), encoded by
// the img-recompress-png encoder, when that is smaller. Sets the new extension (.png) so the
// pipeline renames the file and rewrites its references. Animated GIFs are left to img-webp.
// Unsafe only where something depends on the .gif name outside the site (hotlinks).
#ifndef PAGEBAKE_IMAGE_CONVERT_GIF_TO_PNG_FILTER_H_
#define PAGEBAKE_IMAGE_CONVERT_GIF_TO_PNG_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

// The PNG for a still GIF, or the status saying why there is none (animated: Unimplemented).
Result<std::string> GifToPng(std::string_view bytes, const ImageOptions& options);

class ConvertGifToPngFilter : public Filter {
 public:
  explicit ConvertGifToPngFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kGif; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_CONVERT_GIF_TO_PNG_FILTER_H_
