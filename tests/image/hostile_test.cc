// Hostile inputs: truncation at every 1/16th, random byte flips (fixed seed), decompression
// bombs. Every filter must return OK with the bytes either untouched or still a valid image,
// and never crash (the lead runs this under ASan too).
#include <catch2/catch.hpp>
#include <random>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/image/gif_codec.h"
#include "filters/image/image_filters.h"
#include "filters/image/image_header.h"
#include "filters/image/jpeg_codec.h"
#include "filters/image/png_codec.h"
#include "filters/image/recompress_png_filter.h"
#include "filters/image/webp_codec.h"
#include "tests/image/image_test_util.h"

namespace pagebake::image {
namespace {

const char* const kFilters[] = {"img-recompress-png",     "img-recompress-jpeg",
                                "img-recompress-webp",    "img-convert-gif-to-png",
                                "img-convert-png-to-jpeg", "img-jpeg-subsampling",
                                "img-strip-metadata",     "img-strip-color-profile",
                                "img-webp"};

std::vector<std::pair<std::string, std::string>> Seeds() {
  Pixels photo = testing::Gradient(48, 40, false);
  Pixels alpha = testing::Gradient(40, 24, true);
  testing::PngSpec png;
  png.width = 40;
  png.height = 24;
  png.color_type = 6;
  png.samples = alpha.rgba;
  png.zlevel = 6;
  png.interlaced = true;
  png.extra = {{"gAMA", std::string("\0\0\xB1\x8F", 4)}, {"tEXt", std::string("k\0v", 3)}};
  JpegEncodeOptions jo;
  jo.orientation = 6;
  jo.subsampling = ChromaSubsampling::k444;
  WebpEncodeOptions wo;
  const std::vector<uint8_t> pal = {0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255};
  testing::GifFrame f{2, 2, 8, 6, std::vector<uint8_t>(48)};
  for (int i = 0; i < 48; ++i) f.indices[i] = static_cast<uint8_t>(i % 4);
  f.disposal = 2;
  return {{"png", testing::WritePng(png)},
          {"jpeg", EncodeJpeg(photo, jo).value()},
          {"webp", EncodeWebp(alpha, wo).value()},
          {"gif", testing::WriteGif(12, 10, pal, {f, f}, 0, "c")}};
}

// Runs every filter on `bytes`; checks the contract.
void RunAll(const std::string& path, const std::string& bytes) {
  Options options;
  options.level = Level::kAll;
  options.image.jpeg_quality = 70;  // lets the lossy paths run too
  options.image.effort = ImageEffort::kFast;
  for (const char* id : kFilters) {
    std::unique_ptr<Filter> f = CreateFilter(*FindFilter(id), options);
    DiagnosticSink sink;
    FilterContext ctx(options, nullptr, nullptr, &sink, id);
    std::string b = bytes;
    Status s = f->RewriteResource(ctx, b);
    INFO(path << " " << id << " " << s.ToString());
    REQUIRE(s.ok());
    if (b != bytes) CHECK(ReadImageHeader(b).ok());
  }
}

TEST_CASE("Truncated images: every filter keeps them or writes a valid image", "[image][hostile]") {
  for (auto& [name, bytes] : Seeds()) {
    for (int k = 0; k < 16; ++k) {
      DYNAMIC_SECTION(name << " cut at " << k << "/16") {
        RunAll(name, bytes.substr(0, bytes.size() * k / 16));
      }
    }
  }
}

TEST_CASE("Flipped bytes: every filter survives", "[image][hostile]") {
  std::mt19937 rng(20260127);  // fixed seed: the same cases every run
  for (auto& [name, bytes] : Seeds()) {
    DYNAMIC_SECTION(name) {
      for (int trial = 0; trial < 40; ++trial) {
        std::string b = bytes;
        for (int flips = 1 + rng() % 4; flips > 0; --flips)
          b[rng() % b.size()] ^= static_cast<char>(1 + rng() % 255);
        RunAll(name, b);
      }
    }
  }
}

std::string WithSize(std::string png, uint32_t w, uint32_t h) {
  std::vector<PngChunk> chunks = SplitPngChunks(png).value();
  std::string& d = chunks[0].data;
  for (int i = 0; i < 4; ++i) {
    d[i] = static_cast<char>(w >> (24 - 8 * i));
    d[4 + i] = static_cast<char>(h >> (24 - 8 * i));
  }
  return JoinPngChunks(chunks);
}

TEST_CASE("Decompression bombs are refused from the header", "[image][hostile]") {
  testing::PngSpec s;
  s.width = s.height = 2;
  s.color_type = 0;
  s.samples = {0, 0, 0, 0};
  std::string bomb = WithSize(testing::WritePng(s), 100000, 100000);
  SECTION("codec: LimitExceeded before allocating") {
    Result<DecodedPng> d = DecodePng(bomb, ImageOptions().max_decoded_pixels);
    REQUIRE_FALSE(d.ok());
    CHECK(d.status().code() == StatusCode::kLimitExceeded);
  }
  SECTION("filter: a warning, a fallback, the original kept") {
    Options options;
    DiagnosticSink sink;
    std::unique_ptr<Filter> f = CreateFilter(*FindFilter("img-recompress-png"), options);
    FilterContext ctx(options, nullptr, nullptr, &sink, "img-recompress-png");
    std::string b = bomb;
    REQUIRE(f->RewriteResource(ctx, b).ok());
    CHECK(b == bomb);
    CHECK(ctx.counters().fallbacks == 1);
    REQUIRE(sink.Sorted().size() == 1);
    CHECK(sink.Sorted()[0].message.find("max-decoded-pixels") != std::string::npos);
  }
  SECTION("gif: a frame larger than the limit") {
    const std::vector<uint8_t> pal = {0, 0, 0, 255, 255, 255};
    testing::GifFrame f{0, 0, 65535, 65535, {0}};
    std::string gif = testing::WriteGif(65535, 65535, pal, {f});
    Result<GifInfo> g = DecodeGif(gif, {ImageOptions().max_decoded_pixels, 10},
                                  [](const Pixels&, int) { return Status::OK(); });
    REQUIRE_FALSE(g.ok());
    CHECK(g.status().code() == StatusCode::kLimitExceeded);
  }
}

}  // namespace
}  // namespace pagebake::image
