// Precompression: every sibling decodes (by independent decoders) to exactly the bytes, the
// thresholds hold, and the cache is used on the second run — with no compression work — and
// survives damage.
#include <catch2/catch.hpp>

#include <random>

#include "filters/delivery/precompress.h"
#include "tests/delivery/delivery_test_util.h"

namespace pagebake::delivery {
namespace {

using testing::BrotliDecode;
using testing::GunzipZlib;
using testing::TempDir;

std::string Css(size_t approx) {
  std::string s;
  for (int i = 0; s.size() < approx; ++i)
    s += ".c" + std::to_string(i) + "{margin:" + std::to_string(i % 7) + "px;color:#" +
         std::to_string(100 + i % 900) + "}\n";
  return s;
}

std::string Random(size_t n) {
  std::mt19937 g(42);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(g());
  return s;
}

TEST_CASE("precompress: siblings decode to exactly the bytes, thresholds respected") {
  struct Row {
    const char* name;
    std::string bytes;
    ContentType type;
    bool want_siblings;
  };
  const Row rows[] = {
      {"css 1 KiB (at the threshold)", Css(1100), ContentType::kCss, true},
      {"css 200 KiB", Css(200'000), ContentType::kCss, true},
      {"html", "<!doctype html><title>x</title>" + Css(5000), ContentType::kHtml, true},
      {"svg", "<svg xmlns='http://www.w3.org/2000/svg'>" + Css(3000) + "</svg>", ContentType::kSvg,
       true},
      {"below min bytes", Css(500).substr(0, 1000), ContentType::kCss, false},
      {"png is not compressible", Css(5000), ContentType::kPng, false},
      {"random bytes do not save 10%", Random(8000), ContentType::kJs, false},
  };
  for (GzipEncoder enc : {GzipEncoder::kLibdeflate, GzipEncoder::kZopfli}) {
    for (const Row& row : rows) {
      DYNAMIC_SECTION(row.name << (enc == GzipEncoder::kZopfli ? " / zopfli" : " / libdeflate")) {
        DeliveryOptions o;
        o.gzip_encoder = enc;
        o.zopfli_iterations = 3;  // keep the test fast; the format is the same
        std::string br, gz;
        PrecompressStats st;
        REQUIRE(Precompress(o, true, true, row.bytes, row.type, &br, &gz, &st).ok());
        if (!row.want_siblings) {
          CHECK(br.empty());
          CHECK(gz.empty());
          continue;
        }
        REQUIRE(!br.empty());
        REQUIRE(!gz.empty());
        CHECK(br.size() <= row.bytes.size() * 0.9);
        CHECK(gz.size() <= row.bytes.size() * 0.9);
        CHECK(BrotliDecode(br) == row.bytes);
        CHECK(GunzipZlib(gz) == row.bytes);
        CHECK(st.cache_misses == 2);
        CHECK(st.cache_hits == 0);
      }
    }
  }
}

TEST_CASE("precompress: only the asked encodings, deterministic") {
  DeliveryOptions o;
  std::string css = Css(20'000), br, gz, br2, gz2;
  REQUIRE(Precompress(o, true, false, css, ContentType::kCss, &br, &gz, nullptr).ok());
  CHECK(!br.empty());
  CHECK(gz.empty());
  REQUIRE(Precompress(o, false, true, css, ContentType::kCss, &br2, &gz2, nullptr).ok());
  CHECK(br2.empty());
  CHECK(!gz2.empty());
  REQUIRE(Precompress(o, true, true, css, ContentType::kCss, &br2, &gz2, nullptr).ok());
  CHECK(br2 == br);
  CHECK(gz2 == GzipEncode(css, GzipEncoder::kLibdeflate, 15));
}

TEST_CASE("precompress: min saving is a fraction of the input") {
  DeliveryOptions o;
  std::string css = Css(4000);
  std::string br = BrotliEncode(css, 11, 24, ContentType::kCss);
  // Just above / just below the saving this file actually has.
  double saving = 1.0 - static_cast<double>(br.size()) / static_cast<double>(css.size());
  std::string out, gz;
  o.precompress_min_saving = saving - 0.001;
  REQUIRE(Precompress(o, true, false, css, ContentType::kCss, &out, &gz, nullptr).ok());
  CHECK(out == br);
  o.precompress_min_saving = saving + 0.001;
  REQUIRE(Precompress(o, true, false, css, ContentType::kCss, &out, &gz, nullptr).ok());
  CHECK(out.empty());
}

TEST_CASE("precompress cache: second run hits with no compression work, same bytes") {
  TempDir t;
  DeliveryOptions o;
  o.cache_dir = t / "cache";
  std::string css = Css(60'000);
  std::string br1, gz1, br2, gz2;
  PrecompressStats cold, warm;
  REQUIRE(Precompress(o, true, true, css, ContentType::kCss, &br1, &gz1, &cold).ok());
  CHECK(cold.cache_misses == 2);
  CHECK(cold.cache_writes == 2);
  CHECK(cold.compress_ns > 0);
  REQUIRE(Precompress(o, true, true, css, ContentType::kCss, &br2, &gz2, &warm).ok());
  CHECK(warm.cache_hits == 2);
  CHECK(warm.cache_misses == 0);
  CHECK(warm.compress_ns == 0);
  CHECK(br2 == br1);
  CHECK(gz2 == gz1);

  SECTION("other settings are other entries") {
    DeliveryOptions o2 = o;
    o2.brotli_quality = 5;
    PrecompressStats st;
    REQUIRE(Precompress(o2, true, false, css, ContentType::kCss, &br2, &gz2, &st).ok());
    CHECK(st.cache_misses == 1);
    CHECK(BrotliDecode(br2) == css);
  }
  SECTION("min saving is not part of the key: the decision is remade from the cached bytes") {
    DeliveryOptions o2 = o;
    o2.precompress_min_saving = 0.99;
    PrecompressStats st;
    REQUIRE(Precompress(o2, true, true, css, ContentType::kCss, &br2, &gz2, &st).ok());
    CHECK(st.cache_hits == 2);
    CHECK(br2.empty());
    CHECK(gz2.empty());
  }
  SECTION("a damaged entry is ignored and rewritten") {
    auto env = NewPosixEnv(IoStrategy::kRead);
    std::vector<std::string> damaged;
    std::vector<std::string> stack{o.cache_dir};
    while (!stack.empty()) {
      std::string d = stack.back();
      stack.pop_back();
      std::vector<DirEntry> entries;
      REQUIRE(env->ListDir(d, &entries).ok());
      for (auto& e : entries) {
        if (e.type == FileInfo::Type::kDirectory) stack.push_back(d + "/" + e.name);
        else damaged.push_back(d + "/" + e.name);
      }
    }
    REQUIRE(damaged.size() == 2);
    testing::WriteFile(damaged[0], testing::ReadFile(damaged[0]).substr(0, 100));  // truncated
    std::string other = testing::ReadFile(damaged[1]);
    other[other.size() / 2] ^= 0x55;  // a flipped byte
    testing::WriteFile(damaged[1], other);
    PrecompressStats st;
    REQUIRE(Precompress(o, true, true, css, ContentType::kCss, &br2, &gz2, &st).ok());
    CHECK(st.cache_misses == 2);
    CHECK(br2 == br1);
    CHECK(gz2 == gz1);
    PrecompressStats again;
    REQUIRE(Precompress(o, true, true, css, ContentType::kCss, &br2, &gz2, &again).ok());
    CHECK(again.cache_hits == 2);
  }
}

TEST_CASE("precompress cache: an unwritable cache is not an error") {
  TempDir t;
  testing::WriteFile(t / "file", "not a directory");
  DeliveryOptions o;
  o.cache_dir = t / "file/cache";
  std::string css = Css(5000), br, gz;
  PrecompressStats st;
  REQUIRE(Precompress(o, true, true, css, ContentType::kCss, &br, &gz, &st).ok());
  CHECK(BrotliDecode(br) == css);
  CHECK(st.cache_writes == 0);
}

}  // namespace
}  // namespace pagebake::delivery
