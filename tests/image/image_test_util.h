// Test helpers for the image family: independent writers for test inputs (libpng's own
// writer, a hand-assembled GIF), decoding any output back to pixels, running the independent
// command-line decoders (pngcheck, djpeg, dwebp, ImageMagick, ffmpeg).
#ifndef PAGEBAKE_TESTS_IMAGE_IMAGE_TEST_UTIL_H_
#define PAGEBAKE_TESTS_IMAGE_IMAGE_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "filters/image/pixels.h"
#include "filters/image/png_codec.h"
#include "pagebake/options.h"

namespace pagebake::image::testing {

// A PNG as libpng writes it (zlib level `zlevel`), from raw samples in the given format.
struct PngSpec {
  uint32_t width = 4, height = 4;
  int color_type = 6;  // PNG color type
  int bit_depth = 8;
  bool interlaced = false;
  std::vector<uint8_t> samples;  // packed rows as PNG stores them (before filtering)
  std::string plte, trns;        // raw PLTE/tRNS data
  std::vector<PngChunk> extra;   // written before IDAT (gAMA, tEXt, acTL...)
  int zlevel = 0;
};
std::string WritePng(const PngSpec& spec);

// Deterministic test pictures.
Pixels Gradient(uint32_t w, uint32_t h, bool alpha, uint32_t seed = 1);  // photographic-ish
Pixels FewColors(uint32_t w, uint32_t h, int colors);                     // flat artwork

// A GIF built byte by byte (uncompressed-style LZW: a clear code before every pixel, so any
// decoder must handle it and we need no encoder).
struct GifFrame {
  uint16_t left = 0, top = 0, width = 0, height = 0;
  std::vector<uint8_t> indices;
  std::vector<uint8_t> local_palette;  // RGB triples; empty = global
  int disposal = 0;
  int transparent = -1;
  int delay_cs = 10;
};
std::string WriteGif(uint16_t width, uint16_t height, const std::vector<uint8_t>& palette,
                     const std::vector<GifFrame>& frames, int loop_count = -1,
                     const std::string& comment = "");

// Decodes PNG/JPEG/GIF (first frame)/WebP bytes with our shims (8 or 16 bit RGBA).
Pixels DecodeAny(const std::string& bytes);

std::string ReadFileOrEmpty(const std::string& path);
void WriteFile(const std::string& path, const std::string& bytes);
// A fresh directory under the build tree for tool round trips.
std::string TempDir(const std::string& name);
// Runs a shell command; returns its exit status and stdout+stderr.
int Run(const std::string& cmd, std::string* output = nullptr);
bool HaveTool(const std::string& name);

Options DefaultOptions();

}  // namespace pagebake::image::testing

#endif  // PAGEBAKE_TESTS_IMAGE_IMAGE_TEST_UTIL_H_
