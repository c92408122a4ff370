// The JPEG, GIF and WebP shims.
#include <catch2/catch.hpp>
#include <webp/demux.h>


#include "filters/image/gif_codec.h"
#include "filters/image/image_filter_util.h"
#include "filters/image/image_header.h"
#include "filters/image/image_resize.h"
#include "filters/image/jpeg_codec.h"
#include "filters/image/recompress_jpeg_filter.h"
#include "filters/image/webp_codec.h"
#include "filters/image/webp_filter.h"
#include "tests/image/image_test_util.h"
#include "tests/regress/regress_inputs.h"

namespace pagebake::image {
namespace {

using testing::GifFrame;

TEST_CASE("TranscodeJpeg keeps the coefficients exactly", "[image][jpeg]") {
  Pixels px = testing::Gradient(160, 120, false);
  for (bool progressive : {false, true}) {
    DYNAMIC_SECTION((progressive ? "progressive" : "baseline")) {
      JpegEncodeOptions eo;
      eo.progressive = false;
      eo.quality = 90;
      std::string in = EncodeJpeg(px, eo).value();
      JpegTranscodeOptions to;
      to.progressive = progressive;
      Result<std::string> out = TranscodeJpeg(in, to);
      REQUIRE(out.ok());
      // Same coefficients decode to the same pixels, bit for bit.
      CHECK(DecodeJpeg(in, UINT64_MAX)->rgba == DecodeJpeg(*out, UINT64_MAX)->rgba);
      CHECK(ReadImageHeader(*out)->interlaced == progressive);
    }
  }
}

// A progressive file cut after any of its scans (an interrupted upload, a truncating CDN)
// still decodes: libjpeg fills in with block smoothing, as browsers show it. Transcoding must
// either keep those exact pixels or refuse, never write complete scans of the partial data.
TEST_CASE("TranscodeJpeg refuses progressive files that stop before full precision",
          "[image][jpeg]") {
  Pixels px = testing::Gradient(96, 80, false);
  JpegEncodeOptions eo;
  eo.progressive = true;
  eo.quality = 90;
  const std::string full = EncodeJpeg(px, eo).value();
  std::vector<size_t> scans;  // offsets of the SOS markers
  for (size_t i = 2; i + 1 < full.size(); ++i)
    if (static_cast<unsigned char>(full[i]) == 0xFF && static_cast<unsigned char>(full[i + 1]) == 0xDA)
      scans.push_back(i);
  REQUIRE(scans.size() >= 5);
  int refused = 0;
  for (size_t n = 1; n <= scans.size(); ++n) {
    INFO("scans kept: " << n);
    std::string cut = n < scans.size() ? full.substr(0, scans[n]) + "\xFF\xD9" : full;
    Result<Pixels> shown = DecodeJpeg(cut, UINT64_MAX);
    REQUIRE(shown.ok());
    Result<std::string> out = TranscodeJpeg(cut, {});
    if (!out.ok()) {
      ++refused;
      CHECK(out.status().message().find("full precision") != std::string::npos);
      continue;
    }
    CHECK(SamePixels(DecodeJpeg(*out, UINT64_MAX).value(), shown.value()));
  }
  CHECK(refused == static_cast<int>(scans.size()) - 1);  // all but the complete file
}

// Every JPEG the fuzzers found: when it decodes and transcodes, the transcoded file decodes to
// the same pixels (tests/regress/image/jpeg_*.md).
TEST_CASE("regress: fuzzer-found JPEGs transcode to the same pixels or not at all",
          "[image][jpeg][regress]") {
  int files = 0;
  for (const auto& [name, bytes] : pagebake::testing::RegressInputs("image", ".jpg")) {
    ++files;
    INFO(name);
    Result<Pixels> shown = DecodeJpeg(bytes, 1u << 20);
    for (bool progressive : {false, true}) {
      JpegTranscodeOptions to;
      to.progressive = progressive;
      Result<std::string> out = TranscodeJpeg(bytes, to);
      if (out.ok() && shown.ok()) CHECK(SamePixels(DecodeJpeg(*out, 1u << 20).value(), *shown));
    }
  }
  CHECK(files >= 1);
}

// max_file_seconds inside one encode: libwebp's progress hook polls the file's deadline.
TEST_CASE("EncodeWebp stops once the file's deadline has passed", "[image][webp]") {
  Pixels px = testing::Gradient(512, 384, true);
  WebpEncodeOptions eo;
  const Deadline passed = Deadline::After(1e-9);
  while (!passed.Passed()) {
  }
  eo.deadline = &passed;
  for (bool lossless : {true, false}) {
    eo.lossless = lossless;
    Result<std::string> out = EncodeWebp(px, eo);
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().message().find("max_file_seconds") != std::string::npos);
  }
  const Deadline later = Deadline::After(3600);
  eo.deadline = &later;
  CHECK(EncodeWebp(px, eo).ok());
}

TEST_CASE("JPEG quality is estimated from the quantization table", "[image][jpeg]") {
  Pixels px = testing::Gradient(64, 64, false);
  for (int q : {30, 50, 75, 85, 95}) {
    DYNAMIC_SECTION("q" << q) {
      JpegEncodeOptions eo;
      eo.quality = q;
      Result<JpegInfo> info = ReadJpegInfo(EncodeJpeg(px, eo).value(), UINT64_MAX);
      REQUIRE(info.ok());
      CHECK(info->quality == q);
    }
  }
}

TEST_CASE("img-recompress-jpeg: orientation kept, lossy only above the source quality",
          "[image][jpeg]") {
  Pixels px = testing::Gradient(200, 100, false);
  JpegEncodeOptions eo;
  eo.quality = 60;
  eo.orientation = 6;
  eo.progressive = false;
  std::string in = EncodeJpeg(px, eo).value();
  Options o;
  o.image.jpeg_quality = 85;  // higher than the source's 60: lossless only
  std::string note;
  Result<std::string> out = RecompressJpeg(in, o, &note);
  REQUIRE(out.ok());
  CHECK(note == "lossless");
  CHECK(ReadImageHeader(*out)->orientation == 6);
  CHECK(DecodeJpeg(in, UINT64_MAX)->rgba == DecodeJpeg(*out, UINT64_MAX)->rgba);
  o.image.jpeg_quality = 40;  // lower than the source: a lossy re-encode may be chosen
  REQUIRE(RecompressJpeg(in, o, &note).ok());
  CHECK(note.rfind("lossy q40", 0) == 0);
}

TEST_CASE("ApplyOrientation matches the EXIF table", "[image][jpeg]") {
  // 2x3 stored image; pixel value = its index.
  Pixels p;
  p.width = 2;
  p.height = 3;
  for (int i = 0; i < 6; ++i) p.rgba.insert(p.rgba.end(), {uint8_t(i), 0, 0, 255});
  auto at = [](const Pixels& q, uint32_t x, uint32_t y) { return q.rgba[(y * q.width + x) * 4]; };
  struct Row {
    int orientation;
    uint32_t w, h;
    uint8_t top_left, top_right;
  };
  // Stored:  0 1 / 2 3 / 4 5
  std::vector<Row> rows = {{1, 2, 3, 0, 1}, {2, 2, 3, 1, 0}, {3, 2, 3, 5, 4}, {4, 2, 3, 4, 5},
                           {5, 3, 2, 0, 4}, {6, 3, 2, 4, 0}, {7, 3, 2, 5, 1}, {8, 3, 2, 1, 5}};
  for (const Row& r : rows) {
    DYNAMIC_SECTION("orientation " << r.orientation) {
      Pixels o = ApplyOrientation(p, r.orientation);
      CHECK(o.width == r.w);
      CHECK(o.height == r.h);
      CHECK(at(o, 0, 0) == r.top_left);
      CHECK(at(o, r.w - 1, 0) == r.top_right);
    }
  }
}

const std::vector<uint8_t> kPal = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255};

TEST_CASE("DecodeGif composites frames like a browser", "[image][gif]") {
  GifFrame a{0, 0, 2, 2, {0, 0, 0, 0}};
  a.disposal = 2;  // background: clear to transparent
  GifFrame b{1, 1, 1, 1, {1}};
  b.disposal = 3;  // previous
  GifFrame c{0, 0, 1, 1, {0}, {0, 0, 0, 9, 9, 9}};  // local palette: index 0 = black
  c.transparent = -1;
  std::string gif = testing::WriteGif(2, 2, kPal, {a, b, c}, 0);
  std::vector<Pixels> canvases;
  Result<GifInfo> info = DecodeGif(gif, {}, [&](const Pixels& p, int ms) {
    canvases.push_back(p);
    CHECK(ms == 100);
    return Status::OK();
  });
  REQUIRE(info.ok());
  CHECK(info->frames == 3);
  CHECK(info->loop_count == 0);
  REQUIRE(canvases.size() == 3);
  auto px = [](const Pixels& p, int x, int y) {
    const uint8_t* q = &p.rgba[(y * p.width + x) * 4];
    return std::array<int, 4>{q[0], q[1], q[2], q[3]};
  };
  CHECK(px(canvases[0], 1, 1) == std::array<int, 4>{255, 0, 0, 255});
  CHECK(px(canvases[1], 0, 0) == std::array<int, 4>{0, 0, 0, 0});  // cleared by disposal 2
  CHECK(px(canvases[1], 1, 1) == std::array<int, 4>{0, 255, 0, 255});
  CHECK(px(canvases[2], 1, 1) == std::array<int, 4>{0, 0, 0, 0});  // restored by disposal 3
  CHECK(px(canvases[2], 0, 0) == std::array<int, 4>{0, 0, 0, 255});  // local palette
}

std::vector<Pixels> DecodeAnimatedWebp(const std::string& webp, int* loop) {
  WebPData data{reinterpret_cast<const uint8_t*>(webp.data()), webp.size()};
  WebPAnimDecoderOptions o;
  WebPAnimDecoderOptionsInit(&o);
  o.color_mode = MODE_RGBA;
  WebPAnimDecoder* dec = WebPAnimDecoderNew(&data, &o);
  std::vector<Pixels> frames;
  if (!dec) return frames;
  WebPAnimInfo info;
  WebPAnimDecoderGetInfo(dec, &info);
  *loop = static_cast<int>(info.loop_count);
  while (WebPAnimDecoderHasMoreFrames(dec)) {
    uint8_t* buf;
    int ts;
    WebPAnimDecoderGetNext(dec, &buf, &ts);
    Pixels p;
    p.width = info.canvas_width;
    p.height = info.canvas_height;
    p.rgba.assign(buf, buf + size_t{p.width} * p.height * 4);
    frames.push_back(std::move(p));
  }
  WebPAnimDecoderDelete(dec);
  return frames;
}

TEST_CASE("Animated GIF -> animated WebP keeps every composited frame exactly",
          "[image][gif][webp]") {
  std::vector<GifFrame> frames;
  for (int i = 0; i < 4; ++i) {
    GifFrame f{0, 0, 16, 16, std::vector<uint8_t>(256)};
    for (int k = 0; k < 256; ++k) f.indices[k] = static_cast<uint8_t>((k / 16 + k % 16 + i) % 4);
    f.transparent = i == 2 ? 3 : -1;
    frames.push_back(f);
  }
  std::string gif = testing::WriteGif(16, 16, kPal, frames, 3);
  std::vector<Pixels> want;
  REQUIRE(DecodeGif(gif, {}, [&](const Pixels& p, int) {
            want.push_back(p);
            return Status::OK();
          }).ok());
  Result<std::string> webp = MakeWebpVariant(gif, ImageOptions());
  REQUIRE(webp.ok());
  int loop = -1;
  std::vector<Pixels> got = DecodeAnimatedWebp(*webp, &loop);
  CHECK(loop == 3);
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) CHECK(CountDifferentPixels(want[i], got[i]) == 0);
}

TEST_CASE("Lossless WebP is exact, invisible colors may change", "[image][webp]") {
  Pixels p = testing::Gradient(33, 17, true);
  WebpEncodeOptions o;
  Result<std::string> w = EncodeWebp(p, o);
  REQUIRE(w.ok());
  Pixels back = DecodeWebp(*w, UINT64_MAX).value();
  CHECK(CountDifferentPixels(p, back) == 0);
  // SamePixels must not ignore a visible difference.
  back.rgba[4 * 5 + 3] = 255;
  back.rgba[4 * 5] ^= 0x40;
  if (p.rgba[4 * 5 + 3] == 255) CHECK_FALSE(SamePixels(p, back));
}

TEST_CASE("Lossy WebP from JPEG bakes the orientation into the pixels", "[image][webp]") {
  Pixels p = testing::Gradient(64, 32, false);
  JpegEncodeOptions eo;
  eo.orientation = 8;
  std::string jpeg = EncodeJpeg(p, eo).value();
  Result<std::string> w = MakeWebpVariant(jpeg, ImageOptions());
  REQUIRE(w.ok());
  Result<ImageHeader> h = ReadImageHeader(*w);
  CHECK(h->width == 32);
  CHECK(h->height == 64);
}

// min-ssim 0 asks for no quality floor: the first (webp-quality) encode is the variant, with no
// decode and SSIM pass; with the default floor the note names the SSIM it reached.
TEST_CASE("Lossy WebP from JPEG at min-ssim 0 is one encode at webp-quality", "[image][webp]") {
  std::string jpeg = EncodeJpeg(testing::Gradient(96, 64, false), JpegEncodeOptions()).value();
  ImageOptions none;
  none.min_ssim = 0;
  std::string note;
  Result<std::string> w = MakeWebpVariant(jpeg, none, &note);
  REQUIRE(w.ok());
  CHECK(note == "lossy q80");
  CHECK(DecodeWebp(*w, 1u << 20).ok());
  std::string floor_note;
  Result<std::string> f = MakeWebpVariant(jpeg, ImageOptions(), &floor_note);
  if (f.ok()) CHECK(floor_note.find("SSIM") != std::string::npos);
}

TEST_CASE("JpegShrinkOnLoad picks the largest 1/2^n that is still twice the target",
          "[image][jpeg][resize]") {
  struct {
    const char* name;
    uint32_t w, h, tw, th;
    int want;
  } rows[] = {
      {"bench header 1900x1250 -> 800x527: 2.4x, no shrink", 1900, 1250, 800, 527, 1},
      {"exactly 4x: half", 3200, 2000, 800, 500, 2},
      {"half rounds up", 3203, 2001, 801, 500, 2},
      {"just under 4x", 3200, 2000, 801, 500, 1},
      {"8x: quarter", 6400, 4800, 800, 600, 4},
      {"16x: eighth", 12800, 9600, 800, 600, 8},
      {"height decides", 6400, 1000, 800, 500, 1},
  };
  for (const auto& r : rows) {
    DYNAMIC_SECTION(r.name) { CHECK(JpegShrinkOnLoad(r.w, r.h, r.tw, r.th) == r.want); }
  }
}

TEST_CASE("DecodeJpeg at 1/2, 1/4, 1/8 scale is close to a full decode averaged down",
          "[image][jpeg][resize]") {
  std::string jpeg = EncodeJpeg(testing::Gradient(203, 97, false), JpegEncodeOptions()).value();
  Pixels full = DecodeJpeg(jpeg, 1u << 20).value();
  for (int d : {2, 4, 8}) {
    DYNAMIC_SECTION("1/" << d) {
      Pixels scaled = DecodeJpeg(jpeg, 1u << 20, d).value();
      CHECK(scaled.width == uint32_t((203 + d - 1) / d));
      CHECK(scaled.height == uint32_t((97 + d - 1) / d));
      Pixels averaged = Downscale(full, scaled.width, scaled.height).value();
      CHECK(Ssim(averaged, scaled) >= 0.95);
    }
  }
  CHECK_FALSE(DecodeJpeg(jpeg, 1u << 20, 3).ok());
}

// What img-webp encodes for a resized variant: the pixels the resize encoded the variant from,
// not the variant decoded again (for a PNG the same pixels, for a JPEG better ones).
TEST_CASE("MakeWebpVariant from a resized variant's pixels", "[image][webp][resize]") {
  ImageOptions o;
  o.min_ssim = 0;
  SECTION("PNG: the same WebP as decoding the variant") {
    PngEncodeOptions eo;
    std::string png = EncodePng(testing::Gradient(300, 200, true), {}, eo).value();
    Pixels px;
    std::string variant = ResizeImage(png, 150, 100, o, nullptr, &px).value();
    CHECK(SamePixels(px, testing::DecodeAny(variant)));
    CHECK(MakeWebpVariant(variant, o, nullptr, {}, &px).value() ==
          MakeWebpVariant(variant, o).value());
  }
  SECTION("JPEG: closer to the resized pixels than a WebP of the decoded variant") {
    JpegEncodeOptions eo;
    eo.quality = 70;
    eo.orientation = 6;
    std::string jpeg = EncodeJpeg(testing::Gradient(400, 300, false), eo).value();
    Pixels px;
    std::string variant = ResizeImage(jpeg, 150, 200, o, nullptr, &px).value();
    CHECK(px.width == 150);  // upright: 300x400
    CHECK(ResizePixels(jpeg, 150, 200, o).value().rgba == px.rgba);
    std::string direct = MakeWebpVariant(variant, o, nullptr, {}, &px).value();
    std::string redecoded = MakeWebpVariant(variant, o).value();
    Pixels a = DecodeWebp(direct, 1u << 20).value(), b = DecodeWebp(redecoded, 1u << 20).value();
    CHECK(Ssim(px, a) >= Ssim(px, b));
  }
}

TEST_CASE("Handed-off pixels are taken once, and only for the bytes they were offered with",
          "[image][resize]") {
  Pixels p = testing::Gradient(8, 8, false);
  HandOffPixels("variant bytes", p);
  CHECK_FALSE(TakeHandedOffPixels("other bytes"));
  std::optional<Pixels> got = TakeHandedOffPixels("variant bytes");
  REQUIRE(got);
  CHECK(got->rgba == p.rgba);
  CHECK_FALSE(TakeHandedOffPixels("variant bytes"));
}

}  // namespace
}  // namespace pagebake::image

namespace pagebake::image {
namespace {

// Inputs the fuzzers found (tests/regress/image): each decodes or fails with a Status, and what
// it reports is sane. Under ./build.sh sanitize (ASan+UBSan) this is where a regression shows.
TEST_CASE("regress: fuzzer-found GIFs decode cleanly", "[image][gif][regress]") {
  int files = 0;
  for (const auto& [name, bytes] : pagebake::testing::RegressInputs("image", ".gif")) {
    ++files;
    INFO(name);
    int frames = 0;
    Result<GifInfo> info = DecodeGif(bytes, {1u << 24, 1000}, [&](const Pixels&, int ms) {
      ++frames;
      CHECK(ms > 0);
      CHECK(ms <= 655350);  // a 16-bit delay in centiseconds
      return Status::OK();
    });
    if (info.ok()) CHECK(info->frames == frames);
  }
  CHECK(files >= 1);
}

}  // namespace
}  // namespace pagebake::image
