// GIF: the frame decoder with pixel and frame limits. Every canvas handed to the callback has
// the logical screen size and width*height pixels; the frame count reported is the number of
// callbacks; limits are never exceeded.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "filters/image/gif_codec.h"
#include "tests/fuzz/fuzz_check.h"

namespace img = pagebake::image;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  img::GifLimits limits;
  limits.max_pixels = 1 << 18;
  limits.max_frames = 64;
  int frames = 0;
  uint32_t w = 0, h = 0;
  auto r = img::DecodeGif(in, limits, [&](const img::Pixels& canvas, int duration_ms) {
    if (frames == 0) {
      w = canvas.width;
      h = canvas.height;
    }
    FUZZ_CHECK(canvas.width == w && canvas.height == h);
    FUZZ_CHECK(uint64_t{w} * h <= limits.max_pixels);
    FUZZ_CHECK(canvas.rgba.size() == canvas.row_bytes() * canvas.height);
    FUZZ_CHECK(duration_ms > 0);
    ++frames;
    return pagebake::Status::OK();
  });
  FUZZ_CHECK(frames <= limits.max_frames);
  if (r.ok()) {
    FUZZ_CHECK(r->frames == frames);
    if (frames > 0) FUZZ_CHECK(r->width == w && r->height == h);
  }
  return 0;
}
