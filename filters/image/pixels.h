// Decoded pixels: the one in-memory form every codec shim produces and consumes. Always RGBA
// (gray and palette are expanded) so analysis and comparison have one shape; the encoders
// pick the smallest exact representation again (palette, gray, low bit depth).
#ifndef PAGEBAKE_IMAGE_PIXELS_H_
#define PAGEBAKE_IMAGE_PIXELS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "pagebake/status.h"

namespace pagebake::image {

struct Pixels {
  uint32_t width = 0;
  uint32_t height = 0;
  // Bits per sample: 8, or 16 (big-endian samples, as PNG stores them).
  int depth = 8;
  // width * height pixels of R, G, B, A samples, rows top to bottom, no padding.
  std::vector<uint8_t> rgba;

  size_t bytes_per_pixel() const { return depth == 16 ? 8 : 4; }
  size_t row_bytes() const { return size_t{width} * bytes_per_pixel(); }
  // Sample c (0..3) of pixel i, at its own depth.
  uint32_t Sample(size_t i, int c) const {
    if (depth == 8) return rgba[i * 4 + c];
    return (uint32_t{rgba[i * 8 + c * 2]} << 8) | rgba[i * 8 + c * 2 + 1];
  }
};

// Whether a and b render the same: same size and, scaled to 16 bits (v8 * 257, as PNG and
// every browser scale), the same samples — except that the color of a fully transparent
// pixel is not compared (browsers premultiply alpha, so it is never visible; encoders such as
// libwebp are allowed to normalize it).
bool SamePixels(const Pixels& a, const Pixels& b);

// Number of pixels at which a and b differ by the rule above (for test diagnostics).
uint64_t CountDifferentPixels(const Pixels& a, const Pixels& b);

// ContentError/LimitExceeded when width x height is empty or above max_pixels; checked from
// the header before any decoder allocates.
Status CheckPixelLimit(uint64_t width, uint64_t height, uint64_t max_pixels,
                       std::string_view what);

// Whether every pixel is fully opaque.
bool IsOpaque(const Pixels& p);

// Mean SSIM of a and b (same size, 8-bit), the average of the R, G and B channels'
// (composited over white), each over 8x8 windows with a stride of 4. A cheap guard for the
// lossy filters; chroma counts, so 4:2:0 damage on colored edges shows. Tests measure with an
// independent implementation (ffmpeg). 1.0 = equal.
double Ssim(const Pixels& a, const Pixels& b);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_PIXELS_H_
