// img-strip-color-profile (risk: medium; level all): drops color information that only
// restates sRGB, the browser default: an ICC profile that names itself sRGB (PNG iCCP, JPEG
// APP2, WebP ICCP), a PNG sRGB chunk, and PNG gAMA/cHRM equal to sRGB's. Other profiles are
// kept (converting them to sRGB needs a color management engine we do not link). Unsafe: the
// sRGB test reads the profile's description, not its curves; gAMA 1/2.2 is close to, not
// exactly, the sRGB curve.
#ifndef PAGEBAKE_IMAGE_STRIP_COLOR_PROFILE_FILTER_H_
#define PAGEBAKE_IMAGE_STRIP_COLOR_PROFILE_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/image/image_filter_util.h"

namespace pagebake::image {

Result<std::string> StripColorProfile(std::string_view bytes, ContentType type);

class StripColorProfileFilter : public Filter {
 public:
  explicit StripColorProfileFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kPng || t == ContentType::kJpeg || t == ContentType::kWebp; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_STRIP_COLOR_PROFILE_FILTER_H_
