// WebP: decoder with a pixel limit, chunk stripping and the ICC reader. A stripped file
// decodes to the same pixels as its source and is no larger.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "filters/image/pixels.h"
#include "filters/image/webp_codec.h"
#include "tests/fuzz/fuzz_check.h"

namespace img = pagebake::image;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  constexpr uint64_t kMaxPixels = 1 << 20;
  auto px = img::DecodeWebp(in, kMaxPixels);
  if (px.ok()) {
    FUZZ_CHECK(uint64_t{px->width} * px->height <= kMaxPixels);
    FUZZ_CHECK(px->rgba.size() == px->row_bytes() * px->height);
  }
  (void)img::WebpIccProfile(in);
  auto stripped = img::StripWebpChunks(in, true, true);
  if (stripped.ok()) {
    FUZZ_CHECK(stripped->size() <= in.size());
    if (px.ok()) {
      auto again = img::DecodeWebp(stripped.value(), kMaxPixels);
      FUZZ_CHECK(again.ok());
      FUZZ_CHECK(img::SamePixels(again.value(), px.value()));
    }
  }
  return 0;
}
