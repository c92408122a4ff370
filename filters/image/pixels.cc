#include "filters/image/pixels.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace pagebake::image {
namespace {

uint32_t Sample16(const Pixels& p, size_t i, int c) {
  uint32_t v = p.Sample(i, c);
  return p.depth == 8 ? v * 257 : v;
}

bool SamePixel(const Pixels& a, const Pixels& b, size_t i) {
  uint32_t alpha = Sample16(a, i, 3);
  if (alpha != Sample16(b, i, 3)) return false;
  if (alpha == 0) return true;
  for (int c = 0; c < 3; ++c)
    if (Sample16(a, i, c) != Sample16(b, i, c)) return false;
  return true;
}

}  // namespace

bool SamePixels(const Pixels& a, const Pixels& b) {
  if (a.width != b.width || a.height != b.height) return false;
  if (a.depth == b.depth && a.rgba == b.rgba) return true;
  size_t n = size_t{a.width} * a.height;
  for (size_t i = 0; i < n; ++i)
    if (!SamePixel(a, b, i)) return false;
  return true;
}

uint64_t CountDifferentPixels(const Pixels& a, const Pixels& b) {
  if (a.width != b.width || a.height != b.height) return UINT64_MAX;
  size_t n = size_t{a.width} * a.height;
  uint64_t d = 0;
  for (size_t i = 0; i < n; ++i) d += !SamePixel(a, b, i);
  return d;
}

Status CheckPixelLimit(uint64_t width, uint64_t height, uint64_t max_pixels,
                       std::string_view what) {
  if (width == 0 || height == 0)
    return Status::ContentError(std::string(what) + ": empty image");
  // Both are at most 2^32, so the product cannot overflow 64 bits.
  if (width * height > max_pixels)
    return Status::LimitExceeded(std::string(what) + ": " + std::to_string(width) + "x" +
                                 std::to_string(height) + " is more than max-decoded-pixels (" +
                                 std::to_string(max_pixels) + ")");
  return Status::OK();
}

bool IsOpaque(const Pixels& p) {
  size_t n = size_t{p.width} * p.height;
  uint32_t max = p.depth == 8 ? 255 : 65535;
  for (size_t i = 0; i < n; ++i)
    if (p.Sample(i, 3) != max) return false;
  return true;
}

namespace {

// SSIM of two planes of w x h samples.
double PlaneSsim(const std::vector<float>& la, const std::vector<float>& lb, uint32_t w,
                 uint32_t h) {
  const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
  // Tiny images: one window over everything.
  const uint32_t win_w = std::min<uint32_t>(8, w), win_h = std::min<uint32_t>(8, h);
  const uint32_t step = 4;
  double total = 0;
  uint64_t windows = 0;
  for (uint32_t y0 = 0; y0 + win_h <= h; y0 += step) {
    for (uint32_t x0 = 0; x0 + win_w <= w; x0 += step) {
      double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (uint32_t y = y0; y < y0 + win_h; ++y) {
        const float* ra = &la[size_t{y} * w + x0];
        const float* rb = &lb[size_t{y} * w + x0];
        for (uint32_t x = 0; x < win_w; ++x) {
          sa += ra[x]; sb += rb[x];
          saa += ra[x] * ra[x]; sbb += rb[x] * rb[x]; sab += ra[x] * rb[x];
        }
      }
      const double n = static_cast<double>(win_w) * win_h;
      double ma = sa / n, mb = sb / n;
      double va = saa / n - ma * ma, vb = sbb / n - mb * mb, cov = sab / n - ma * mb;
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      ++windows;
    }
  }
  return windows ? total / windows : 0;
}

}  // namespace

double Ssim(const Pixels& a, const Pixels& b) {
  if (a.width != b.width || a.height != b.height || a.depth != 8 || b.depth != 8) return 0;
  const size_t n = size_t{a.width} * a.height;
  if (n == 0) return 0;
  std::vector<float> pa(n), pb(n);
  double sum = 0;
  for (int c = 0; c < 3; ++c) {
    for (size_t i = 0; i < n; ++i) {
      // Composite over white so transparent areas compare as what a page shows.
      const uint8_t* x = &a.rgba[i * 4];
      const uint8_t* y = &b.rgba[i * 4];
      pa[i] = (x[c] * x[3] + 255.0f * (255 - x[3])) / 255.0f;
      pb[i] = (y[c] * y[3] + 255.0f * (255 - y[3])) / 255.0f;
    }
    sum += PlaneSsim(pa, pb, a.width, a.height);
  }
  return sum / 3;
}

}  // namespace pagebake::image
