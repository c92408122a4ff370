// PNG shim: the chunk container (split/join, which chunks affect rendering), decoding through
// libpng to RGBA pixels, and a lossless encoder that picks the smallest exact representation
// (palette, gray, bit depth, tRNS) and the best of several filter/deflate strategies.
// libpng's setjmp/longjmp error handling lives in C-style frames in png_codec.cc.
#ifndef PAGEBAKE_IMAGE_PNG_CODEC_H_
#define PAGEBAKE_IMAGE_PNG_CODEC_H_

#include <string>
#include <string_view>
#include <vector>

#include "filters/image/pixels.h"
#include "pagebake/image_options.h"
#include "pagebake/status.h"

namespace pagebake::image {

struct PngChunk {
  std::string type;  // four ASCII letters
  std::string data;
};

// Splits a PNG into its chunks (signature checked, lengths bounded, CRCs not checked: libpng
// checks them when decoding). Data after IEND is dropped. ContentError when the structure is
// broken.
Result<std::vector<PngChunk>> SplitPngChunks(std::string_view bytes);
// Signature + chunks with their CRCs.
std::string JoinPngChunks(const std::vector<PngChunk>& chunks);
void AppendPngChunk(std::string& out, std::string_view type, std::string_view data);

// Chunks that change how a browser renders the pixels: gAMA, cHRM, iCCP, sRGB. Kept by the
// lossless filters (img-strip-color-profile alone may drop them).
bool IsPngColorChunk(std::string_view type);
// APNG: an acTL chunk. libpng decodes only the default image, so APNGs must not be
// re-encoded from pixels (the animation would be lost).
bool IsApng(const std::vector<PngChunk>& chunks);

struct DecodedPng {
  Pixels pixels;  // depth 8 or 16
  int color_type = 0;  // as stored (0 gray, 2 rgb, 3 palette, 4 gray+alpha, 6 rgba)
  int bit_depth = 8;   // as stored
  bool interlaced = false;
  std::vector<PngChunk> color_chunks;  // gAMA/cHRM/iCCP/sRGB, in file order
};

// Decodes every pixel exactly (no gamma or color transform). ContentError on a broken file
// (with libpng's message), LimitExceeded beyond max_pixels (checked from IHDR first).
Result<DecodedPng> DecodePng(std::string_view bytes, uint64_t max_pixels);

struct PngEncodeOptions {
  ImageEffort effort = ImageEffort::kDefault;
  // kMax only: zopfli is used for images whose filtered data is at most this big, with a
  // number of iterations scaled so one image costs at most about zopfli_seconds.
  uint64_t zopfli_max_raw_bytes = 8ull << 20;
  double zopfli_seconds = 10;
};

// What the encoder chose, for notes and tests.
struct PngEncodeInfo {
  int color_type = 0;
  int bit_depth = 0;
  int filter_strategy = 0;  // 0..4 fixed, 5 adaptive (min sum of abs)
  const char* deflater = "";  // "libdeflate", "zlib", "zopfli"
  bool zopfli_skipped = false;
};

// Losslessly encodes `pixels`: the output decodes to the same pixels (SamePixels), never at a
// lower bit depth. `chunks` (color chunks) are written before PLTE/IDAT.
Result<std::string> EncodePng(const Pixels& pixels, const std::vector<PngChunk>& chunks,
                              const PngEncodeOptions& options, PngEncodeInfo* info = nullptr);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_PNG_CODEC_H_
