// WebP shim over libwebp: decode (still), lossless and lossy encode (libwebp's advanced API,
// cwebp's defaults), animation from a stream of canvases (WebPAnimEncoder with its min-size
// search), and chunk-level edits through WebPMux (ICC profile, EXIF/XMP removal).
#ifndef PAGEBAKE_IMAGE_WEBP_CODEC_H_
#define PAGEBAKE_IMAGE_WEBP_CODEC_H_

#include <memory>
#include <string>
#include <string_view>

#include "filters/core/deadline.h"
#include "filters/image/pixels.h"
#include "pagebake/image_options.h"
#include "pagebake/status.h"

namespace pagebake::image {

// Decodes a still WebP to RGBA8. Animated files are refused (ContentError).
Result<Pixels> DecodeWebp(std::string_view bytes, uint64_t max_pixels);

struct WebpEncodeOptions {
  bool lossless = true;
  // Lossy: 0..100 (cwebp -q). Lossless: the effort level 0..9 (cwebp -z).
  int quality = 80;
  int lossless_level = 6;
  // Written as an ICCP chunk when not empty.
  std::string icc;
  // Polled by libwebp's progress hook: once it passes, the encode stops (ContentError).
  const Deadline* deadline = nullptr;
};

// Lossless output decodes to the same pixels (SamePixels: libwebp may change the color of
// fully transparent pixels, which never renders).
Result<std::string> EncodeWebp(const Pixels& pixels, const WebpEncodeOptions& options);

// Builds an animated WebP from composited canvases, lossless, with libwebp's minimize_size
// search over keyframes and sub-rectangles (what gif2webp -min_size does).
class WebpAnimationEncoder {
 public:
  WebpAnimationEncoder(uint32_t width, uint32_t height, int loop_count, int lossless_level);
  ~WebpAnimationEncoder();
  Status AddFrame(const Pixels& canvas, int duration_ms);
  // 0 = forever. May be set any time before Finish().
  void SetLoopCount(int loop_count);
  Result<std::string> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Chunk-level: the same WebP without EXIF and XMP chunks (when drop_metadata) and without ICCP
// (when drop_icc). Returns the input unchanged when there is nothing to drop.
Result<std::string> StripWebpChunks(std::string_view bytes, bool drop_metadata, bool drop_icc);
// The ICC profile of a WebP, empty when there is none.
std::string WebpIccProfile(std::string_view bytes);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_WEBP_CODEC_H_
