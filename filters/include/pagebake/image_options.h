// Options of the image filter family (filters/image). Owned by that family; config key "image"
// (keys are the field names in kebab-case: "max-decoded-pixels", "jpeg-quality", ...).
#ifndef PAGEBAKE_IMAGE_OPTIONS_H_
#define PAGEBAKE_IMAGE_OPTIONS_H_

#include <cstdint>
#include <vector>

namespace pagebake {

enum class WebpMode { kPicture, kReplace };
enum class ImageEffort { kFast, kDefault, kMax };

struct ImageOptions {
  // Images that would decode to more pixels than this are copied with a warning. Checked from
  // the header before any decoder allocates. Default 32 MiB of RGBA = 8 Mi pixels (as
  // pagespeed); raising it raises peak memory (~8 bytes per pixel while re-encoding).
  uint64_t max_decoded_pixels = (32ull << 20) / 4;
  // Image files larger than this are copied with a warning. Default 64 MiB.
  uint64_t max_file_bytes = 64ull << 20;
  // Lossy JPEG re-encode quality; 0 = lossless only (default). 1..100. Never applied to a JPEG
  // whose estimated quality is already at or below it.
  int jpeg_quality = 0;
  // img-webp lossy quality for JPEG sources. Default 80 (as pagespeed). 0..100.
  int webp_quality = 80;
  // img-webp: serve the WebP through <picture> (default; every browser gets something it
  // decodes) or replace the URL outright (smaller HTML, needs WebP support everywhere).
  WebpMode webp_mode = WebpMode::kPicture;
  // img-inline: images at most this big (after optimization) become data: URIs. Default 3072.
  uint64_t inline_max_bytes = 3072;
  // The same limit for url() in CSS. Default 3072.
  uint64_t css_inline_max_bytes = 3072;
  // img-inline: what one request costs beyond the image bytes (headers, round trip), in bytes.
  // An image used N > 1 times in one page or sheet is inlined only when
  // N x (data URI - URL) <= image bytes + this. Default 1024; 0 inlines repeated images only
  // when the copies cost no more than the file; larger values favour fewer requests.
  uint64_t inline_request_overhead = 1024;
  // How hard the encoders try. kFast: one PNG strategy, WebP -z 2. kDefault: six PNG filter
  // strategies x libdeflate/zlib, WebP -z 6. kMax: adds zopfli (bounded by zopfli_seconds) and
  // WebP -z 9; several times slower for a few percent.
  ImageEffort effort = ImageEffort::kDefault;
  // img-convert-png-to-jpeg quality. Default 85 (pagespeed's image quality). 1..100.
  int png_to_jpeg_quality = 85;
  // Lossy outputs (png -> jpeg, chroma subsampling, JPEG -> WebP) are kept only when the SSIM of
  // the result against the source is at least this. Default 0.98; lower keeps more
  // conversions at a visible cost on text and line art. 0: no floor (img-webp then encodes
  // once at webp-quality and computes no SSIM).
  double min_ssim = 0.98;
  // effort=max: zopfli's iterations are scaled so one PNG costs about this many seconds; PNGs
  // whose filtered data is over 8 MB skip zopfli. Default 10.
  double zopfli_seconds = 10;
  // Animated GIFs with more frames than this are left as they are. Default 10000.
  int max_animation_frames = 10000;
  // img-resize: an image every page renders smaller is downscaled to the declared size times
  // this, so a 100 px wide slot keeps a 200 px image for hi-dpi screens (2, the default); 1 is
  // pagespeed's behaviour (sharp on 1x screens only, smallest files). The resize is done only
  // when it saves at least 10% of the pixels. 1..4.
  double resize_density = 2;
  // img-responsive: the density variants (1x, 1.5x, ...) offered in the added srcset for an
  // <img> with a declared width; only densities that save at least 10% of the pixels of the
  // image get a variant, and the image itself is the last candidate. Each in 0.25..8, at most
  // 8 values. Default [1, 1.5, 2, 3].
  std::vector<double> responsive_densities = {1, 1.5, 2, 3};
};

}  // namespace pagebake

#endif  // PAGEBAKE_IMAGE_OPTIONS_H_
