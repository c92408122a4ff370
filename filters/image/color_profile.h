// Color facts the image filters need: the ICC profile of a PNG/JPEG, whether a profile or a
// gAMA/cHRM pair describes sRGB (then dropping it does not change rendering), and the JPEG
// segment walker shared by the metadata filters.
#ifndef PAGEBAKE_IMAGE_COLOR_PROFILE_H_
#define PAGEBAKE_IMAGE_COLOR_PROFILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "filters/image/png_codec.h"
#include "pagebake/status.h"

namespace pagebake::image {

// An RGB display/input profile whose description names sRGB (the profiles cameras, editors
// and OSes embed for sRGB: "sRGB IEC61966-2.1", "sRGB built-in", ...). A heuristic: it does
// not compare curves; that is why img-strip-color-profile is rated medium risk.
bool IsSrgbIcc(std::string_view icc);

// The uncompressed profile of an iCCP chunk (bounded to 16 MiB); empty on error.
std::string PngIccProfile(const PngChunk& iccp);

// How the color chunks of a PNG make a browser render it, relative to untagged (sRGB).
enum class PngColor {
  kUntagged,   // no color chunks
  kSrgb,       // sRGB chunk, or gAMA = 1/2.2 with sRGB-like or no cHRM, or an sRGB iCCP
  kIcc,        // a non-sRGB ICC profile (see PngIccProfile)
  kOther,      // gAMA/cHRM that differ from sRGB: pixels would render differently elsewhere
};
PngColor ClassifyPngColor(const std::vector<PngChunk>& color_chunks);

// JPEG segments before the first SOS (marker + payload without the length), and where the
// scan data begins. ContentError when the marker structure is broken.
struct JpegSegment {
  uint8_t marker;
  std::string_view payload;
};
struct JpegLayout {
  std::vector<JpegSegment> segments;
  size_t scan_start = 0;  // offset of the first SOS marker; everything from here is kept
};
Result<JpegLayout> ReadJpegLayout(std::string_view bytes);
// SOI + the segments + bytes[scan_start..].
std::string WriteJpegLayout(const std::vector<JpegSegment>& segments, std::string_view bytes,
                            size_t scan_start);
// The ICC profile from APP2 ICC_PROFILE segments (joined in sequence order); empty if none.
std::string JpegIccProfile(const JpegLayout& layout);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_COLOR_PROFILE_H_
