// JPEG shim over libjpeg-turbo: header facts (quality estimate, subsampling, color space),
// lossless transcoding of the DCT coefficients (optimized Huffman, optional progressive, as
// jpegtran does), decoding to RGBA through the TurboJPEG API, and lossy encoding from pixels.
// libjpeg's setjmp/longjmp error handling lives in C-style frames in jpeg_codec.cc. Corrupt-data
// warnings (truncation, bad Huffman codes) are treated as errors: a lossless transcode of a
// damaged file would bake libjpeg's gray filler into the output.
#ifndef PAGEBAKE_IMAGE_JPEG_CODEC_H_
#define PAGEBAKE_IMAGE_JPEG_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "filters/image/pixels.h"
#include "pagebake/status.h"

namespace pagebake::image {

enum class ChromaSubsampling { k444, k422, k420, kGray, kOther };

struct JpegInfo {
  uint32_t width = 0, height = 0;
  int components = 0;
  bool cmyk = false;       // CMYK or YCCK (Adobe)
  bool progressive = false;
  bool arithmetic = false;
  // Estimated IJG quality 1..100 of the luma quantization table (the q whose standard table
  // is closest); 0 when unknown.
  int quality = 0;
  ChromaSubsampling subsampling = ChromaSubsampling::kOther;
  int orientation = 1;  // EXIF
  bool has_icc = false;
};

Result<JpegInfo> ReadJpegInfo(std::string_view bytes, uint64_t max_pixels);

struct JpegTranscodeOptions {
  bool progressive = false;
  // Keep APP2 ICC_PROFILE markers (they change colors). Everything else except the EXIF
  // orientation is dropped.
  bool keep_icc = true;
  // When not 1, a minimal EXIF APP1 holding only this orientation is written first, so the
  // image does not rotate in browsers.
  int orientation = 1;
  uint64_t max_pixels = UINT64_MAX;
};

// Lossless: the same DCT coefficients, re-entropy-coded with optimized Huffman tables.
Result<std::string> TranscodeJpeg(std::string_view bytes, const JpegTranscodeOptions& options);

// Decodes to RGBA8 (alpha 255) in stored orientation. CMYK JPEGs are refused
// (ContentError): turning them into RGB needs a color managed conversion. `scale_denom` 2, 4
// or 8 decodes at 1/2, 1/4 or 1/8 of each side (libjpeg's scaled IDCT, sides rounded up):
// far cheaper than decoding everything and averaging it down (shrink-on-load, as libvips does).
Result<Pixels> DecodeJpeg(std::string_view bytes, uint64_t max_pixels, int scale_denom = 1);

// The largest of 8, 4, 2 (else 1) by which a width x height JPEG may be decoded smaller and
// still be at least twice target_width x target_height (both in stored orientation), so the
// area-averaging that follows still does a real downscale.
int JpegShrinkOnLoad(uint32_t width, uint32_t height, uint32_t target_width,
                     uint32_t target_height);

struct JpegEncodeOptions {
  int quality = 85;  // 1..100
  ChromaSubsampling subsampling = ChromaSubsampling::k420;  // k444/k422/k420; kGray = 1 channel
  bool progressive = true;
  std::string icc;   // written as APP2 when not empty
  int orientation = 1;
};

// Encodes opaque 8-bit pixels (alpha ignored) with optimized Huffman tables.
Result<std::string> EncodeJpeg(const Pixels& pixels, const JpegEncodeOptions& options);

// The APP1 payload "Exif\0\0" + a little-endian TIFF with one IFD entry: Orientation.
std::string MinimalExifOrientation(int orientation);

// Rotates/flips pixels by an EXIF orientation (1..8) so they are upright.
Pixels ApplyOrientation(const Pixels& in, int orientation);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_JPEG_CODEC_H_
