// Screenshot comparison for pagebake verify: decodes two PNGs (libpng, through the image
// family's shim), counts the pixels whose largest channel difference exceeds a threshold, and
// draws a diff image: changed pixels pure red over a dimmed copy of the "after" screenshot, so
// a reviewer sees where the page changed and what is there now.
#ifndef PAGEBAKE_VERIFY_IMAGE_DIFF_H_
#define PAGEBAKE_VERIFY_IMAGE_DIFF_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "pagebake/status.h"

namespace pagebake::verify {

struct ImageDiff {
  uint32_t width = 0, height = 0;  // the larger extent of the two
  uint64_t pixels = 0;             // width * height
  // Pixels where any channel differs by more than the threshold; an area only one image covers
  // counts as changed.
  uint64_t changed = 0;
  double fraction() const { return pixels ? double(changed) / double(pixels) : 0; }
};

// `diff_png` may be null (no image drawn). ContentError when either input is not a PNG.
Status ComparePngs(std::string_view before, std::string_view after, int channel_threshold,
                   ImageDiff* diff, std::string* diff_png);

}  // namespace pagebake::verify

#endif  // PAGEBAKE_VERIFY_IMAGE_DIFF_H_
