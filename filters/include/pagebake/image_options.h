// Options of the image filter family (filters/image). Owned by that family; config key "image".
#ifndef PAGEBAKE_IMAGE_OPTIONS_H_
#define PAGEBAKE_IMAGE_OPTIONS_H_

#include <cstdint>

namespace pagebake {

enum class WebpMode { kPicture, kReplace };
enum class ImageEffort { kFast, kDefault, kMax };

struct ImageOptions {
  // Images that would decode to more pixels than this are copied with a warning.
  // Default 32 MiB of RGBA = 8 Mi pixels (as pagespeed).
  uint64_t max_decoded_pixels = (32ull << 20) / 4;
  // Image files larger than this are copied with a warning. Default 64 MiB.
  uint64_t max_file_bytes = 64ull << 20;
  // Lossy JPEG re-encode quality; 0 = lossless only (default). 1..100.
  int jpeg_quality = 0;
  // img-webp lossy quality for JPEG sources. Default 80 (as pagespeed).
  int webp_quality = 80;
  WebpMode webp_mode = WebpMode::kPicture;
  // img-inline: images at most this big (after optimization) become data: URIs. Default 3072.
  uint64_t inline_max_bytes = 3072;
  uint64_t css_inline_max_bytes = 3072;
  ImageEffort effort = ImageEffort::kDefault;
};

}  // namespace pagebake

#endif  // PAGEBAKE_IMAGE_OPTIONS_H_
