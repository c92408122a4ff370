#include "filters/image/png_codec.h"

#include <catch2/catch.hpp>
#include <random>

#include "filters/image/recompress_png_filter.h"
#include "filters/image/webp_filter.h"
#include "tests/image/image_test_util.h"

namespace pagebake::image {
namespace {

using testing::PngSpec;

// Samples for a spec, deterministic, exercising every value range of the format.
PngSpec MakeSpec(int color_type, int depth, uint32_t w = 37, uint32_t h = 19, int seed = 7) {
  PngSpec s;
  s.width = w;
  s.height = h;
  s.color_type = color_type;
  s.bit_depth = depth;
  int ch = color_type == 2 ? 3 : color_type == 4 ? 2 : color_type == 6 ? 4 : 1;
  size_t row = (size_t{w} * ch * depth + 7) / 8;
  s.samples.resize(row * h);
  std::mt19937 rng(seed);
  for (size_t i = 0; i < s.samples.size(); ++i)
    s.samples[i] = static_cast<uint8_t>((i % 61) * 4 + (rng() % 3));
  if (color_type == 3) {
    // Palette indices must stay below the palette size: use a full palette for the depth.
    for (int k = 0; k < (1 << depth); ++k) {
      s.plte.push_back(static_cast<char>(k * 13));
      s.plte.push_back(static_cast<char>(255 - k * 7));
      s.plte.push_back(static_cast<char>(k * 3));
    }
  }
  return s;
}

struct Row {
  const char* name;
  PngSpec spec;
  int min_depth_out;  // the encoder must never go below this (no lost bit depth)
};

std::vector<Row> Rows() {
  std::vector<Row> rows = {
      {"gray 1", MakeSpec(0, 1), 1},
      {"gray 2", MakeSpec(0, 2), 1},
      {"gray 4", MakeSpec(0, 4), 1},
      {"gray 8", MakeSpec(0, 8), 1},
      {"gray 16", MakeSpec(0, 16), 16},
      {"gray+alpha 8", MakeSpec(4, 8), 8},
      {"gray+alpha 16", MakeSpec(4, 16), 16},
      {"rgb 8", MakeSpec(2, 8), 8},
      {"rgb 16", MakeSpec(2, 16), 16},
      {"rgba 8", MakeSpec(6, 8), 8},
      {"rgba 16", MakeSpec(6, 16), 16},
      {"palette 1", MakeSpec(3, 1), 1},
      {"palette 2", MakeSpec(3, 2), 1},
      {"palette 4", MakeSpec(3, 4), 1},
      {"palette 8", MakeSpec(3, 8), 1},
  };
  PngSpec trns = MakeSpec(3, 8);
  trns.trns = std::string("\x00\x80\xFF\x10", 4);
  rows.push_back({"palette + tRNS", trns, 1});
  PngSpec gray_key = MakeSpec(0, 8);
  gray_key.trns = std::string("\x00\x04", 2);
  rows.push_back({"gray + tRNS key", gray_key, 1});
  PngSpec inter = MakeSpec(2, 8);
  inter.interlaced = true;
  rows.push_back({"rgb interlaced", inter, 8});
  PngSpec inter16 = MakeSpec(6, 16);
  inter16.interlaced = true;
  rows.push_back({"rgba 16 interlaced", inter16, 16});
  // 16-bit whose samples are all v * 257: exact at 8 bits.
  PngSpec wide = MakeSpec(2, 16);
  for (size_t i = 0; i + 1 < wide.samples.size(); i += 2) wide.samples[i + 1] = wide.samples[i];
  rows.push_back({"rgb 16 reducible to 8", wide, 8});
  return rows;
}

TEST_CASE("EncodePng is lossless for every PNG format", "[image][png]") {
  for (const Row& r : Rows()) {
    for (ImageEffort effort : {ImageEffort::kFast, ImageEffort::kDefault}) {
      DYNAMIC_SECTION(r.name << (effort == ImageEffort::kFast ? " fast" : " default")) {
        std::string in = testing::WritePng(r.spec);
        REQUIRE_FALSE(in.empty());
        Result<DecodedPng> a = DecodePng(in, UINT64_MAX);
        REQUIRE(a.ok());
        PngEncodeOptions o;
        o.effort = effort;
        PngEncodeInfo info;
        Result<std::string> out = EncodePng(a->pixels, {}, o, &info);
        REQUIRE(out.ok());
        Result<DecodedPng> b = DecodePng(*out, UINT64_MAX);
        REQUIRE(b.ok());
        CHECK(testing::DecodeAny(*out).width == r.spec.width);
        CHECK(CountDifferentPixels(a->pixels, b->pixels) == 0);
        CHECK(info.bit_depth >= r.min_depth_out);
        // The sharp pitfall: a palette image never comes out as truecolor.
        if (r.spec.color_type == 3) CHECK((info.color_type == 3 || info.color_type == 0));
      }
    }
  }
}

TEST_CASE("EncodePng picks exact reductions", "[image][png]") {
  SECTION("16-bit reducible comes out 8-bit") {
    PngSpec s = MakeSpec(2, 16);
    for (size_t i = 0; i + 1 < s.samples.size(); i += 2) s.samples[i + 1] = s.samples[i];
    PngEncodeInfo info;
    REQUIRE(EncodePng(DecodePng(testing::WritePng(s), UINT64_MAX)->pixels, {}, {}, &info).ok());
    CHECK(info.bit_depth == 8);
  }
  SECTION("16-bit with one odd sample stays 16-bit") {
    PngSpec s = MakeSpec(2, 16);
    for (size_t i = 0; i + 1 < s.samples.size(); i += 2) s.samples[i + 1] = s.samples[i];
    s.samples[1] ^= 1;
    PngEncodeInfo info;
    REQUIRE(EncodePng(DecodePng(testing::WritePng(s), UINT64_MAX)->pixels, {}, {}, &info).ok());
    CHECK(info.bit_depth == 16);
  }
  SECTION("black and white becomes 1-bit gray or palette") {
    PngSpec s = MakeSpec(2, 8);
    for (size_t i = 0; i < s.samples.size(); i += 3)
      s.samples[i] = s.samples[i + 1] = s.samples[i + 2] = (i / 3) % 5 ? 255 : 0;
    PngEncodeInfo info;
    REQUIRE(EncodePng(DecodePng(testing::WritePng(s), UINT64_MAX)->pixels, {}, {}, &info).ok());
    CHECK(info.bit_depth == 1);
  }
}

std::string PngWithChunk(PngChunk chunk) {
  PngSpec s = MakeSpec(2, 8, 64, 64);
  s.extra.push_back(std::move(chunk));
  return testing::WritePng(s);
}

TEST_CASE("img-recompress-png keeps only chunks that change rendering", "[image][png]") {
  struct ChunkRow {
    const char* name;
    PngChunk chunk;
    bool kept;
  };
  std::vector<ChunkRow> rows = {
      {"gAMA", {"gAMA", std::string("\x00\x01\x86\xA0", 4)}, true},
      {"sRGB", {"sRGB", std::string("\x00", 1)}, true},
      {"cHRM", {"cHRM", std::string(32, '\x01')}, true},
      {"tEXt", {"tEXt", std::string("Comment\0hello", 13)}, false},
      {"tIME", {"tIME", std::string("\x07\xE6\x01\x01\x00\x00\x00", 7)}, false},
      {"pHYs", {"pHYs", std::string("\x00\x00\x0B\x13\x00\x00\x0B\x13\x01", 9)}, false},
  };
  ImageOptions o;
  for (const ChunkRow& r : rows) {
    DYNAMIC_SECTION(r.name) {
      std::string in = PngWithChunk(r.chunk);
      Result<std::string> out = RecompressPng(in, o);
      REQUIRE(out.ok());
      std::vector<PngChunk> chunks = SplitPngChunks(*out).value();
      bool found = false;
      for (const PngChunk& c : chunks) found |= c.type == r.chunk.type && c.data == r.chunk.data;
      CHECK(found == r.kept);
      CHECK(SamePixels(testing::DecodeAny(in), testing::DecodeAny(*out)));
    }
  }
}

// Issue 7 pitfall: cwebp applied gAMA and changed pixels by up to 73 levels.
TEST_CASE("gAMA: PNG stays exact and gets no WebP variant that would render differently",
          "[image][png][webp][pitfall]") {
  std::string linear = PngWithChunk({"gAMA", std::string("\x00\x01\x86\xA0", 4)});  // 1.0
  std::string srgbish = PngWithChunk({"gAMA", std::string("\x00\x00\xB1\x8F", 4)});  // 45455
  ImageOptions o;
  Result<std::string> w1 = MakeWebpVariant(linear, o);
  REQUIRE_FALSE(w1.ok());
  CHECK(w1.status().code() == StatusCode::kUnimplemented);
  Result<std::string> w2 = MakeWebpVariant(srgbish, o);
  REQUIRE(w2.ok());
  CHECK(SamePixels(testing::DecodeAny(srgbish), testing::DecodeAny(*w2)));
}

TEST_CASE("APNG is left as it is (libpng would drop the animation)", "[image][png][pitfall]") {
  std::string apng = PngWithChunk({"acTL", std::string("\x00\x00\x00\x01\x00\x00\x00\x00", 8)});
  Result<std::string> out = RecompressPng(apng, ImageOptions());
  REQUIRE_FALSE(out.ok());
  CHECK(out.status().code() == StatusCode::kUnimplemented);
}

TEST_CASE("A PNG that cannot get smaller is returned unchanged", "[image][png][pitfall]") {
  // Already recompressed once: the second pass must not grow it.
  PngSpec s = MakeSpec(6, 8, 50, 50);
  s.zlevel = 9;
  std::string once = RecompressPng(testing::WritePng(s), ImageOptions()).value();
  std::string twice = RecompressPng(once, ImageOptions()).value();
  CHECK(twice.size() <= once.size());
}

// Issue 7 pitfall: zopfli took 74 s on one sprite sheet. At effort max the budget decides.
TEST_CASE("zopfli respects its per-image budget", "[image][png][pitfall]") {
  Pixels noisy = testing::Gradient(400, 300, true);
  PngEncodeOptions o;
  o.effort = ImageEffort::kMax;
  o.zopfli_seconds = 0.001;  // far below one iteration on 480 KB
  PngEncodeInfo info;
  Result<std::string> out = EncodePng(noisy, {}, o, &info);
  REQUIRE(out.ok());
  CHECK(info.zopfli_skipped);
  CHECK(std::string(info.deflater) != "zopfli");
  o.zopfli_seconds = 10;
  Pixels small = testing::FewColors(40, 30, 5);
  REQUIRE(EncodePng(small, {}, o, &info).ok());
  CHECK_FALSE(info.zopfli_skipped);
}

}  // namespace
}  // namespace pagebake::image
