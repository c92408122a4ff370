// JPEG: the info reader, the lossless transcoder and the decoder on damaged input, with a
// pixel limit. A transcoded JPEG decodes to exactly the pixels of its source (same DCT
// coefficients); a decoded image has width*height pixels and the size ReadJpegInfo reported; a
// scaled decode (1/2, 1/4, 1/8) has each side divided by the scale, rounded up.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "filters/image/jpeg_codec.h"
#include "tests/fuzz/fuzz_check.h"

namespace img = pagebake::image;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  constexpr uint64_t kMaxPixels = 1 << 20;
  auto info = img::ReadJpegInfo(in, kMaxPixels);
  auto px = img::DecodeJpeg(in, kMaxPixels);
  if (px.ok()) {
    FUZZ_CHECK(info.ok());
    FUZZ_CHECK(px->width == info->width && px->height == info->height);
    FUZZ_CHECK(uint64_t{px->width} * px->height <= kMaxPixels);
    FUZZ_CHECK(px->rgba.size() == px->row_bytes() * px->height);
    // Shrink-on-load (img-resize): a scaled decode has each side divided, rounded up.
    const int denom = 2 << (size % 3);
    auto small = img::DecodeJpeg(in, kMaxPixels, denom);
    if (small.ok()) {
      FUZZ_CHECK(small->width == (px->width + denom - 1) / denom);
      FUZZ_CHECK(small->height == (px->height + denom - 1) / denom);
      FUZZ_CHECK(small->rgba.size() == small->row_bytes() * small->height);
    }
  }
  img::JpegTranscodeOptions options;
  options.max_pixels = kMaxPixels;
  options.progressive = size & 1;
  auto out = img::TranscodeJpeg(in, options);
  if (out.ok() && px.ok()) {
    auto again = img::DecodeJpeg(out.value(), kMaxPixels);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(img::SamePixels(again.value(), px.value()));
  }
  return 0;
}
