// html-insert-image-dimensions over a small site of real image headers.
#include <catch2/catch.hpp>

#include "filters/core/site.h"
#include "filters/html/insert_image_dimensions_filter.h"
#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

using testing::FilterRow;
using testing::RunFilters;

std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}
std::string Be16(uint32_t v) { return {static_cast<char>(v >> 8), static_cast<char>(v)}; }
std::string Le16(uint32_t v) { return {static_cast<char>(v), static_cast<char>(v >> 8)}; }

// Signature + IHDR + IEND: all the header reader looks at (CRCs are not checked by it).
std::string PngHeader(uint32_t w, uint32_t h) {
  std::string b("\x89PNG\r\n\x1a\n", 8);
  b += Be32(13) + "IHDR" + Be32(w) + Be32(h) + std::string("\x08\x06\x00\x00\x00", 5) + Be32(0);
  b += Be32(0) + "IEND" + Be32(0);
  return b;
}

std::string GifHeader(uint32_t w, uint32_t h) {
  return "GIF89a" + Le16(w) + Le16(h) + std::string("\x00\x00\x00", 3) + ";";
}

// SOI, APP1 Exif with Orientation, SOF0: stored w x h.
std::string JpegHeader(uint32_t w, uint32_t h, int orientation) {
  std::string tiff = std::string("MM\0\x2a", 4) + Be32(8) + Be16(1) + Be16(0x0112) + Be16(3) +
                     Be32(1) + Be16(orientation) + Be16(0) + Be32(0);
  std::string app1 = std::string("Exif\0\0", 6) + tiff;
  std::string b("\xFF\xD8", 2);
  b += std::string("\xFF\xE1", 2) + Be16(app1.size() + 2) + app1;
  b += std::string("\xFF\xC0", 2) + Be16(17) + "\x08" + Be16(h) + Be16(w) + "\x03";
  b += std::string("\x01\x11\x00\x02\x11\x01\x03\x11\x01", 9);
  b += std::string("\xFF\xD9", 2);
  return b;
}

struct TestSite {
  Site site{"/nonexistent"};
  Resource* page = nullptr;
  TestSite() {
    Resource p;
    p.path = "docs/index.html";
    p.type = ContentType::kHtml;
    page = site.Add(p);
    Add("docs/a.png", ContentType::kPng, PngHeader(640, 480));
    Add("img/g.gif", ContentType::kGif, GifHeader(16, 9));
    Add("docs/r.jpg", ContentType::kJpeg, JpegHeader(200, 100, 6));
    Add("docs/bad.png", ContentType::kPng, std::string("\x89PNG\r\n\x1a\n\0\0", 10));
    Add("docs/v.svg", ContentType::kSvg, "<svg xmlns='http://www.w3.org/2000/svg' width='5'/>");
    // WebP variants as img-webp generates them (made from one image each).
    site.AddGenerated("docs/a.png.webp", ContentType::kWebp, "RIFF", {"docs/a.png"});
    site.AddGenerated("docs/r.jpg.webp", ContentType::kWebp, "RIFF", {"docs/r.jpg"});
  }
  void Add(const char* path, ContentType type, std::string bytes) {
    Resource r;
    r.path = path;
    r.type = type;
    r.bytes = std::move(bytes);
    site.Add(r);
  }
};

constexpr const char* kId = "html-insert-image-dimensions";

const FilterRow kRows[] = {
    {"png", "<img src=a.png>", "<img src=a.png width=\"640\" height=\"480\">"},
    {"gif in another directory", "<img src=\"../img/g.gif\" alt=x>",
     "<img src=\"../img/g.gif\" alt=x width=\"16\" height=\"9\">"},
    {"root-relative", "<p><img src=/img/g.gif></p>",
     "<p><img src=/img/g.gif width=\"16\" height=\"9\"></p>"},
    {"exif orientation swaps the box", "<img src=r.jpg>",
     "<img src=r.jpg width=\"100\" height=\"200\">"},
    {"query ignored for lookup", "<img src=\"a.png?v=1&amp;x=2\">",
     "<img src=\"a.png?v=1&amp;x=2\" width=\"640\" height=\"480\">"},
    {"upper-case tag", "<IMG SRC=a.png>", "<IMG SRC=a.png width=\"640\" height=\"480\">"},
    {"self-closing", "<img src=a.png />", "<img src=a.png width=\"640\" height=\"480\" />"},
    {"unrelated style", "<img src=a.png style=\"border:0\">",
     "<img src=a.png style=\"border:0\" width=\"640\" height=\"480\">"},
    {"template content is live once cloned", "<template><img src=a.png></template>",
     "<template><img src=a.png width=\"640\" height=\"480\"></template>"},
    {"width attribute", "<img src=a.png width=10>", nullptr},
    {"height attribute only", "<img src=a.png HEIGHT=10>", nullptr},
    {"style width", "<img src=a.png style=\"width: 50%\">", nullptr},
    {"style max-height", "<img src=a.png style=\"max-HEIGHT:3em\">", nullptr},
    {"style aspect-ratio", "<img src=a.png style=\"aspect-ratio:1\">", nullptr},
    {"srcset picks another size", "<img src=a.png srcset=\"a.png 1x, b.png 2x\">", nullptr},
    {"picture sources may differ", "<picture><source srcset=b.png><img src=a.png></picture>",
     nullptr},
    {"picture of the img's own WebP variant (img-webp)",
     "<picture><source type=\"image/webp\" srcset=\"a.png.webp\"><img src=a.png></picture>",
     "<picture><source type=\"image/webp\" srcset=\"a.png.webp\"><img src=a.png width=\"640\" "
     "height=\"480\"></picture>"},
    {"variant source with media (art direction)",
     "<picture><source media=\"(min-width:9em)\" srcset=a.png.webp><img src=a.png></picture>",
     nullptr},
    {"variant of another image",
     "<picture><source srcset=r.jpg.webp><img src=a.png></picture>", nullptr},
    {"variant source beside another source",
     "<picture><source srcset=a.png.webp><source srcset=b.png><img src=a.png></picture>",
     nullptr},
    {"external", "<img src=\"https://cdn.test/a.png\">", nullptr},
    {"missing", "<img src=nope.png>", nullptr},
    {"svg has no raster header", "<img src=v.svg>", nullptr},
    {"truncated header", "<img src=bad.png>", nullptr},
    {"empty src", "<img src=\"\">", nullptr},
    {"svg image element", "<svg><image href=a.png /></svg>", nullptr},
    {"input type=image", "<input type=image src=a.png>", nullptr},
    {"data: URI", "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
     "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" width=\"1\" height=\"1\">",
     "data: URIs (from img-inline) are not decoded yet"},
};

TEST_CASE("html-insert-image-dimensions", "[insert-image-dimensions]") {
  TestSite ts;
  Options o;
  for (const FilterRow& row : kRows) {
    DYNAMIC_SECTION(row.name) {
      if (row.disabled_reason) {
        WARN("disabled row: " << row.disabled_reason);
        continue;
      }
      std::string want = row.want ? row.want : row.in;
      std::string got = RunFilters({kId}, row.in, o, &ts.site, ts.page);
      CHECK(got == want);
      CHECK(RunFilters({kId}, got, o, &ts.site, ts.page) == got);  // idempotent
      std::string diff;
      INFO("DOM difference: " << diff);
      CHECK(CompareDom(row.in, got, DomCompareOptionsFor({kId}), &diff));
    }
  }
}

TEST_CASE("html-insert-image-dimensions counts", "[insert-image-dimensions]") {
  TestSite ts;
  Options o;
  auto doc = Document::Parse("<img src=a.png><img src=bad.png><img src=nope.png>");
  auto f = CreateFilter(*FindFilter(kId), o);
  REQUIRE(f);
  DiagnosticSink sink;
  FilterContext ctx(o, &ts.site, ts.page, &sink, kId);
  REQUIRE(f->RewriteHtml(ctx, *doc).ok());
  CHECK(ctx.counters().rewrites == 1);
  CHECK(ctx.counters().fallbacks == 1);
}

TEST_CASE("html-insert-image-dimensions without a site", "[insert-image-dimensions]") {
  // Unit use (no site graph): nothing to read a header from, nothing changes.
  CHECK(RunFilters({kId}, "<img src=a.png>") == "<img src=a.png>");
}

TEST_CASE("StyleSizesElement", "[insert-image-dimensions]") {
  CHECK(StyleSizesElement("width:1px"));
  CHECK(StyleSizesElement("min-width:1px"));
  CHECK(StyleSizesElement("INLINE-SIZE: 3em"));
  CHECK_FALSE(StyleSizesElement("color: red; border: 0"));
}

}  // namespace
}  // namespace pagebake::html
