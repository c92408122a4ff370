// The image header reader: never reads past the buffer (ASan), and a header it accepts is
// consistent (non-zero size, display size = stored size or its transpose, orientation 1..8).
// The EXIF orientation reader returns 1..8 whatever the TIFF bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "filters/image/image_header.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto h = pagebake::image::ReadImageHeader(in);
  if (h.ok()) {
    FUZZ_CHECK(h->stored_width > 0 && h->stored_height > 0);
    FUZZ_CHECK((h->width == h->stored_width && h->height == h->stored_height) ||
               (h->width == h->stored_height && h->height == h->stored_width));
    FUZZ_CHECK(h->orientation >= 1 && h->orientation <= 8);
  }
  int o = pagebake::image::ExifOrientationFromTiff(in);
  FUZZ_CHECK(o >= 1 && o <= 8);
  return 0;
}
