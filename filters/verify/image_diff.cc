// Pixel comparison and diff image (see image_diff.h).
#include "filters/verify/image_diff.h"

#include <algorithm>
#include <cstdlib>

#include "filters/image/png_codec.h"

namespace pagebake::verify {
namespace {

constexpr uint64_t kMaxPixels = 100'000'000;  // a 1280 x 78000 screenshot; far above any viewport

// 8-bit RGBA of pixel (x, y), or nullptr outside the image.
const uint8_t* At(const image::Pixels& p, uint32_t x, uint32_t y) {
  if (x >= p.width || y >= p.height) return nullptr;
  return &p.rgba[(size_t{y} * p.width + x) * 4];
}

// Screenshots are 8-bit; a 16-bit PNG (never seen from Chromium) is reduced to its high bytes.
void To8Bit(image::Pixels* p) {
  if (p->depth == 8) return;
  std::vector<uint8_t> out(size_t{p->width} * p->height * 4);
  for (size_t i = 0; i < out.size(); ++i) out[i] = p->rgba[i * 2];
  p->rgba = std::move(out);
  p->depth = 8;
}

}  // namespace

Status ComparePngs(std::string_view before, std::string_view after, int channel_threshold,
                   ImageDiff* diff, std::string* diff_png) {
  Result<image::DecodedPng> a = image::DecodePng(before, kMaxPixels);
  if (!a.ok()) return Status::ContentError("before screenshot: " + a.status().message());
  Result<image::DecodedPng> b = image::DecodePng(after, kMaxPixels);
  if (!b.ok()) return Status::ContentError("after screenshot: " + b.status().message());
  image::Pixels& pa = a->pixels;
  image::Pixels& pb = b->pixels;
  To8Bit(&pa);
  To8Bit(&pb);
  *diff = ImageDiff{};
  diff->width = std::max(pa.width, pb.width);
  diff->height = std::max(pa.height, pb.height);
  diff->pixels = uint64_t{diff->width} * diff->height;
  image::Pixels out;
  if (diff_png) {
    out.width = diff->width;
    out.height = diff->height;
    out.rgba.assign(size_t{out.width} * out.height * 4, 255);
  }
  for (uint32_t y = 0; y < diff->height; ++y) {
    for (uint32_t x = 0; x < diff->width; ++x) {
      const uint8_t* p = At(pa, x, y);
      const uint8_t* q = At(pb, x, y);
      bool changed = !p || !q;
      for (int c = 0; c < 4 && !changed; ++c) changed = std::abs(int(p[c]) - int(q[c])) > channel_threshold;
      diff->changed += changed;
      if (!diff_png) continue;
      uint8_t* o = &out.rgba[(size_t{y} * out.width + x) * 4];
      if (changed) {
        o[0] = 255, o[1] = 0, o[2] = 0;
      } else {  // the "after" pixel, dimmed toward white: context, not content
        for (int c = 0; c < 3; ++c) o[c] = static_cast<uint8_t>(170 + q[c] / 3);
      }
    }
  }
  if (diff_png) {
    image::PngEncodeOptions eo;
    eo.effort = ImageEffort::kFast;
    Result<std::string> png = image::EncodePng(out, {}, eo);
    if (!png.ok()) return png.status();
    *diff_png = std::move(*png);
  }
  return Status::OK();
}

}  // namespace pagebake::verify
