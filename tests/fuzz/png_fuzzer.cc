// PNG: chunk split/join round trip (a split PNG joins back to a file that splits the same),
// and the decoder within its pixel limit: the pixel buffer is exactly width*height pixels and
// agrees with the header reader; what decodes re-encodes and decodes to the same pixels.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "filters/image/image_header.h"
#include "filters/image/png_codec.h"
#include "tests/fuzz/fuzz_check.h"

namespace img = pagebake::image;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto chunks = img::SplitPngChunks(in);
  if (chunks.ok()) {
    std::string joined = img::JoinPngChunks(chunks.value());
    auto again = img::SplitPngChunks(joined);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->size() == chunks->size());
    for (size_t i = 0; i < chunks->size(); ++i) {
      FUZZ_CHECK((*again)[i].type == (*chunks)[i].type);
      FUZZ_CHECK((*again)[i].data == (*chunks)[i].data);
    }
  }
  constexpr uint64_t kMaxPixels = 1 << 20;  // keeps each run fast; the limit path is fuzzed too
  auto png = img::DecodePng(in, kMaxPixels);
  if (!png.ok()) return 0;
  const img::Pixels& px = png->pixels;
  FUZZ_CHECK(uint64_t{px.width} * px.height <= kMaxPixels);
  FUZZ_CHECK(px.rgba.size() == px.row_bytes() * px.height);
  auto header = img::ReadImageHeader(in);
  FUZZ_CHECK(header.ok());
  FUZZ_CHECK(header->stored_width == px.width && header->stored_height == px.height);

  if (uint64_t{px.width} * px.height > 4096) return 0;  // encoding is slow; small images only
  img::PngEncodeOptions options;
  auto encoded = img::EncodePng(px, {}, options);
  FUZZ_CHECK(encoded.ok());
  auto back = img::DecodePng(encoded.value(), kMaxPixels);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(img::SamePixels(back->pixels, px));
  return 0;
}
