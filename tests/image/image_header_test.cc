#include "filters/image/image_header.h"

#include <catch2/catch.hpp>

#include "filters/image/jpeg_codec.h"
#include "filters/image/png_codec.h"
#include "filters/image/webp_codec.h"
#include "tests/image/image_test_util.h"

namespace pagebake::image {
namespace {

using testing::GifFrame;
using testing::PngSpec;

std::string Png(int color_type, int depth, std::vector<PngChunk> extra = {}, std::string trns = "") {
  PngSpec s;
  s.width = 5;
  s.height = 3;
  s.color_type = color_type;
  s.bit_depth = depth;
  int ch = color_type == 2 ? 3 : color_type == 4 ? 2 : color_type == 6 ? 4 : 1;
  s.samples.assign(((5 * ch * depth + 7) / 8) * 3, 0);
  if (color_type == 3) s.plte = std::string(6, '\x10');
  s.trns = trns;
  s.extra = std::move(extra);
  return testing::WritePng(s);
}

struct Row {
  const char* name;
  std::string bytes;
  ContentType type;
  uint32_t width, height;
  bool animated;
  std::optional<bool> alpha;
  int depth;
  int orientation;
};

TEST_CASE("ReadImageHeader reads each format's header", "[image][header]") {
  Pixels px = testing::Gradient(6, 4, false);
  Pixels pxa = testing::Gradient(6, 4, true);
  JpegEncodeOptions rot;
  rot.orientation = 6;
  WebpEncodeOptions lossless, lossy;
  lossy.lossless = false;
  GifFrame f1{0, 0, 2, 2, {0, 1, 1, 0}};
  GifFrame f2 = f1;
  f2.transparent = 1;
  const std::vector<uint8_t> pal = {0, 0, 0, 255, 255, 255};
  std::vector<Row> rows = {
      {"png rgb", Png(2, 8), ContentType::kPng, 5, 3, false, false, 8, 1},
      {"png rgba 16", Png(6, 16), ContentType::kPng, 5, 3, false, true, 16, 1},
      {"png palette", Png(3, 1), ContentType::kPng, 5, 3, false, false, 1, 1},
      {"png palette + tRNS", Png(3, 1, {}, std::string(1, '\0')), ContentType::kPng, 5, 3, false, true, 1, 1},
      {"apng", Png(6, 8, {{"acTL", std::string(8, '\0')}}), ContentType::kPng, 5, 3, true, true, 8, 1},
      {"jpeg", EncodeJpeg(px, {}).value(), ContentType::kJpeg, 6, 4, false, false, 8, 1},
      {"jpeg rotated 90", EncodeJpeg(px, rot).value(), ContentType::kJpeg, 4, 6, false, false, 8, 6},
      {"gif still", testing::WriteGif(2, 2, pal, {f1}), ContentType::kGif, 2, 2, false, false, 8, 1},
      {"gif animated", testing::WriteGif(2, 2, pal, {f1, f2}), ContentType::kGif, 2, 2, true, true, 8, 1},
      {"webp lossless", EncodeWebp(pxa, lossless).value(), ContentType::kWebp, 6, 4, false, true, 8, 1},
      {"webp lossy", EncodeWebp(px, lossy).value(), ContentType::kWebp, 6, 4, false, false, 8, 1},
  };
  for (const Row& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Result<ImageHeader> h = ReadImageHeader(r.bytes);
      REQUIRE(h.ok());
      CHECK(h->type == r.type);
      CHECK(h->width == r.width);
      CHECK(h->height == r.height);
      CHECK(h->animated == r.animated);
      CHECK(h->has_alpha == r.alpha);
      CHECK(h->bit_depth == r.depth);
      CHECK(h->orientation == r.orientation);
    }
  }
}

TEST_CASE("ReadImageHeader refuses what is not a usable image", "[image][header]") {
  std::string png = Png(2, 8);
  std::string zero = png;
  zero[16] = zero[17] = zero[18] = zero[19] = 0;  // width 0
  struct Bad {
    const char* name;
    std::string bytes;
  };
  std::vector<Bad> rows = {
      {"empty", ""},
      {"text", "hello, world"},
      {"png signature only", png.substr(0, 8)},
      {"png cut in IHDR", png.substr(0, 20)},
      {"png zero width", zero},
      {"jpeg SOI only", std::string("\xFF\xD8\xFF", 3)},
      {"gif header only", "GIF89a"},
      {"riff not webp", std::string("RIFF\0\0\0\0WAVEfmt ", 16)},
  };
  for (const Bad& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Result<ImageHeader> h = ReadImageHeader(r.bytes);
      REQUIRE_FALSE(h.ok());
      CHECK(h.status().IsContentError());
    }
  }
}

TEST_CASE("ReadImageHeader reads a 100000x100000 PNG header without allocating", "[image][header]") {
  std::string png = Png(2, 8);
  std::string ihdr = png.substr(12, 17);
  std::string big;
  PngChunk c{"IHDR", png.substr(16, 13)};
  c.data[0] = 0; c.data[1] = 1; c.data[2] = '\x86'; c.data[3] = '\xA0';  // 100000
  c.data[4] = 0; c.data[5] = 1; c.data[6] = '\x86'; c.data[7] = '\xA0';
  std::vector<PngChunk> chunks = SplitPngChunks(png).value();
  chunks[0] = c;
  Result<ImageHeader> h = ReadImageHeader(JoinPngChunks(chunks));
  REQUIRE(h.ok());
  CHECK(h->width == 100000);
  CHECK(h->pixels() == 10000000000ull);
}

}  // namespace
}  // namespace pagebake::image
