// The filters through the Filter interface, as the pipeline calls them.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/image/color_profile.h"
#include "filters/image/convert_png_to_jpeg_filter.h"
#include "filters/image/image_filters.h"
#include "filters/image/image_header.h"
#include "filters/image/jpeg_codec.h"
#include "filters/image/strip_color_profile_filter.h"
#include "filters/image/strip_metadata_filter.h"
#include "filters/image/webp_filter.h"
#include "tests/image/image_test_util.h"

namespace pagebake::image {
namespace {

using testing::GifFrame;
using testing::PngSpec;

struct Harness {
  Options options;
  Site site{"/nonexistent-source-root"};
  DiagnosticSink diagnostics;

  // Runs filter `id` on `bytes` as resource `path`; returns the context's counters/outcome.
  FilterCounters Run(std::string_view id, const std::string& path, std::string& bytes,
                     std::string* new_extension = nullptr) {
    const FilterInfo* info = FindFilter(id);
    REQUIRE(info);
    std::unique_ptr<Filter> f = CreateFilter(*info, options);
    REQUIRE(f);
    Resource* r = site.Find(path);
    if (!r) {
      Resource res;
      res.path = path;
      res.type = ClassifyContent(path, bytes);
      res.bytes = bytes;
      r = site.Add(std::move(res));
    }
    FilterContext ctx(options, &site, r, &diagnostics, id);
    REQUIRE(f->RewriteResource(ctx, bytes).ok());
    if (new_extension) *new_extension = ctx.new_extension;
    return ctx.counters();
  }
};

std::string BloatedPng() {
  PngSpec s;
  s.width = 64;
  s.height = 64;
  s.color_type = 6;
  Pixels p = testing::FewColors(64, 64, 6);
  s.samples = p.rgba;
  s.zlevel = 0;
  return testing::WritePng(s);
}

TEST_CASE("Every implemented image filter is created by the factory", "[image][filters]") {
  for (const char* id : {"img-recompress-png", "img-recompress-jpeg", "img-recompress-webp",
                         "img-convert-gif-to-png", "img-convert-png-to-jpeg",
                         "img-jpeg-subsampling", "img-strip-metadata", "img-strip-color-profile",
                         "img-webp", "img-inline", "img-resize", "img-responsive"}) {
    DYNAMIC_SECTION(id) { CHECK(CreateFilter(*FindFilter(id), Options()) != nullptr); }
  }
}

TEST_CASE("img-recompress-png shrinks a bloated PNG and counts it", "[image][filters]") {
  Harness h;
  std::string bytes = BloatedPng();
  const std::string before = bytes;
  FilterCounters c = h.Run("img-recompress-png", "a.png", bytes);
  CHECK(c.rewrites == 1);
  CHECK(bytes.size() < before.size());
  CHECK(SamePixels(testing::DecodeAny(before), testing::DecodeAny(bytes)));
}

TEST_CASE("Damaged or mislabeled images are kept with a diagnostic", "[image][filters]") {
  Harness h;
  std::string png = BloatedPng();
  struct Row {
    const char* name;
    const char* id;
    std::string path, bytes;
    uint64_t fallbacks;
  };
  std::vector<Row> rows = {
      {"text named .png", "img-recompress-png", "t.png", "not an image", 1},
      {"png cut in half", "img-recompress-png", "h.png", png.substr(0, png.size() / 2), 1},
      {"png over max-file-bytes", "img-recompress-png", "big.png", png, 1},
  };
  h.options.image.max_file_bytes = png.size() - 1;
  for (Row& r : rows) {
    DYNAMIC_SECTION(r.name) {
      if (std::string(r.name) != "png over max-file-bytes") h.options.image.max_file_bytes = 1 << 30;
      std::string bytes = r.bytes;
      FilterCounters c = h.Run(r.id, r.path, bytes);
      CHECK(bytes == r.bytes);
      CHECK(c.fallbacks == r.fallbacks);
      CHECK(h.diagnostics.Sorted().size() >= 1);
    }
  }
}

TEST_CASE("img-convert-gif-to-png renames still GIFs only", "[image][filters]") {
  Harness h;
  const std::vector<uint8_t> pal = {0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255};
  GifFrame f{0, 0, 40, 40, std::vector<uint8_t>(1600)};
  for (int i = 0; i < 1600; ++i) f.indices[i] = static_cast<uint8_t>((i / 40 / 10) % 4);
  std::string still = testing::WriteGif(40, 40, pal, {f});
  std::string bytes = still, ext;
  h.Run("img-convert-gif-to-png", "s.gif", bytes, &ext);
  CHECK(ext == ".png");
  CHECK(ReadImageHeader(bytes)->type == ContentType::kPng);
  CHECK(SamePixels(testing::DecodeAny(still), testing::DecodeAny(bytes)));
  std::string anim = testing::WriteGif(40, 40, pal, {f, f});
  bytes = anim;
  ext.clear();
  h.Run("img-convert-gif-to-png", "a.gif", bytes, &ext);
  CHECK(ext.empty());
  CHECK(bytes == anim);
}

// Issue 7 pitfall (gif2webp doubled a GIF): the variant exists only when it is smaller.
TEST_CASE("img-webp adds <path>.webp only when smaller", "[image][filters][pitfall]") {
  Harness h;
  std::vector<std::pair<std::string, std::string>> inputs;
  inputs.push_back({"bloated.png", BloatedPng()});
  inputs.push_back({"photo.jpg", EncodeJpeg(testing::Gradient(120, 80, false), {}).value()});
  const std::vector<uint8_t> pal = {0, 0, 0, 255, 255, 255};
  inputs.push_back({"tiny.gif", testing::WriteGif(1, 1, pal, {GifFrame{0, 0, 1, 1, {1}}})});
  for (auto& [path, bytes] : inputs) {
    DYNAMIC_SECTION(path) {
      std::string b = bytes;
      Result<std::string> variant = MakeWebpVariant(bytes, h.options.image);
      h.Run("img-webp", path, b);
      CHECK(b == bytes);  // the source itself is untouched
      const Resource* w = h.site.Find(path + ".webp");
      bool smaller = variant.ok() && variant->size() < bytes.size();
      CHECK((w != nullptr) == smaller);
      if (w) {
        CHECK(w->type == ContentType::kWebp);
        CHECK(w->sources == std::vector<std::string>{path});
      }
    }
  }
}

TEST_CASE("img-strip-metadata drops what does not render", "[image][filters]") {
  SECTION("jpeg: COM and EXIF go, orientation stays") {
    JpegEncodeOptions eo;
    eo.orientation = 3;
    std::string jpeg = EncodeJpeg(testing::Gradient(32, 32, false), eo).value();
    JpegLayout l = ReadJpegLayout(jpeg).value();
    std::vector<JpegSegment> segs = l.segments;
    std::string com = "made by a camera";
    segs.insert(segs.begin(), JpegSegment{0xFE, com});
    std::string with = WriteJpegLayout(segs, jpeg, l.scan_start);
    std::string out = StripMetadata(with, ContentType::kJpeg).value();
    CHECK(out.find(com) == std::string::npos);
    CHECK(ReadImageHeader(out)->orientation == 3);
    CHECK(DecodeJpeg(out, UINT64_MAX)->rgba == DecodeJpeg(jpeg, UINT64_MAX)->rgba);
  }
  SECTION("gif: comment goes, loop count stays") {
    const std::vector<uint8_t> pal = {0, 0, 0, 255, 255, 255};
    GifFrame f{0, 0, 2, 1, {0, 1}};
    std::string gif = testing::WriteGif(2, 1, pal, {f, f}, 5, "a comment");
    std::string out = StripMetadata(gif, ContentType::kGif).value();
    CHECK(out.find("a comment") == std::string::npos);
    CHECK(out.find("NETSCAPE2.0") != std::string::npos);
    CHECK(out.size() < gif.size());
  }
  SECTION("png: tEXt goes, gAMA stays") {
    PngSpec s;
    s.width = s.height = 2;
    s.color_type = 0;
    s.samples = {1, 2, 3, 4};
    s.extra = {{"tEXt", std::string("Author\0me", 9)}, {"gAMA", std::string("\0\1\x86\xA0", 4)}};
    std::string out = StripMetadata(testing::WritePng(s), ContentType::kPng).value();
    CHECK(out.find("tEXt") == std::string::npos);
    CHECK(out.find("gAMA") != std::string::npos);
  }
}

TEST_CASE("img-strip-color-profile drops sRGB only", "[image][filters]") {
  PngSpec s;
  s.width = s.height = 2;
  s.color_type = 0;
  s.samples = {1, 2, 3, 4};
  s.extra = {{"sRGB", std::string("\0", 1)}};
  std::string srgb = testing::WritePng(s);
  CHECK(StripColorProfile(srgb, ContentType::kPng)->find("sRGB") == std::string::npos);
  s.extra = {{"gAMA", std::string("\0\1\x86\xA0", 4)}};
  std::string linear = testing::WritePng(s);
  CHECK(StripColorProfile(linear, ContentType::kPng).value() == linear);
}

TEST_CASE("img-convert-png-to-jpeg converts photos, keeps artwork", "[image][filters]") {
  Options o;
  o.level = Level::kAll;
  PngSpec photo;
  photo.width = 256;
  photo.height = 192;
  photo.color_type = 2;
  // Smooth shading with texture, as photos have (noise alone is not what JPEG is for).
  for (int y = 0; y < 192; ++y)
    for (int x = 0; x < 256; ++x)
      for (int c = 0; c < 3; ++c)
        photo.samples.push_back(static_cast<uint8_t>(
            128 + 90 * std::sin(x / (7.0 + c) + c) * std::cos(y / (9.0 - c)) + (x * y) % 3));
  photo.zlevel = 6;
  std::string note;
  Result<std::string> jpeg = PngToJpeg(testing::WritePng(photo), o, &note);
  INFO(jpeg.status().ToString());
  REQUIRE(jpeg.ok());
  CHECK(ReadImageHeader(*jpeg)->type == ContentType::kJpeg);
  CHECK(note.rfind("SSIM", 0) == 0);
  PngSpec art;
  art.width = art.height = 64;
  art.color_type = 6;
  art.samples = testing::FewColors(64, 64, 5).rgba;
  Result<std::string> kept = PngToJpeg(testing::WritePng(art), o);
  REQUIRE_FALSE(kept.ok());
  CHECK(kept.status().code() == StatusCode::kUnimplemented);
}

TEST_CASE("ParseOptions reads the image section", "[image][options]") {
  ImageOptions o;
  REQUIRE(ParseOptions(nlohmann::json::parse(R"({"jpeg-quality": 80, "effort": "max",
      "webp-mode": "replace", "min-ssim": 0.99, "max-decoded-pixels": 1000})"), &o).ok());
  CHECK(o.jpeg_quality == 80);
  CHECK(o.effort == ImageEffort::kMax);
  CHECK(o.webp_mode == WebpMode::kReplace);
  CHECK(o.min_ssim == 0.99);
  CHECK(o.max_decoded_pixels == 1000);
  struct Bad {
    const char* json;
    const char* message;
  };
  for (const Bad& b : std::vector<Bad>{{R"({"colour": 1})", "image.colour: unknown option"},
                                       {R"({"jpeg-quality": 101})", "image.jpeg-quality"},
                                       {R"({"effort": "hard"})", "image.effort"},
                                       {R"([1])", "image: expected an object"}}) {
    DYNAMIC_SECTION(b.json) {
      Status s = ParseOptions(nlohmann::json::parse(b.json), &o);
      REQUIRE_FALSE(s.ok());
      CHECK(s.message().find(b.message) != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace pagebake::image
