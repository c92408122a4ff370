// CSS source maps: every mapping the minifier records points at the same text in the output and
// in the source (decoded by tests/text/source_map_judge.h, not by the writer), through dropped
// rules, lowercased names and verbatim at-rules; and a map stays right when url()s are replaced
// after minification (what the pipeline does when it renames images).
#include <catch2/catch.hpp>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/css/css_filters.h"
#include "filters/css/css_minifier.h"
#include "filters/css/css_urls.h"
#include "tests/text/source_map_judge.h"

namespace pagebake::css {
namespace {

const char kSheet[] =
    "/*! keep me */\n"
    "@charset \"utf-8\";\n"
    "@import url(\"base.css\") screen;\n"
    "BODY, .Main > P {\n"
    "  COLOR : #FFFFFF;\n"
    "  margin: 0px  auto ;   /* a comment */\n"
    "  background: url( 'img/a.png' ) no-repeat;\n"
    "}\n"
    ".empty { }\n"
    "@media (min-width: 600px) {\n"
    "  .grid { display : grid; gap: 0.50em }\n"
    "  .gone {}\n"
    "}\n"
    "@unknown-rule foo { bar: baz }\n"
    "a:hover { --custom:  { x } ; transform: translate( 10px , 0 ) }\n"
    "h1 { font: bold 2em/1.2 \"Helvetica Neue\", sans-serif; content: \"\xC3\xA9\xF0\x9F\x98\x80\" }\n";

TEST_CASE("css source map: every mapping points at its source text", "[css][sourcemap]") {
  std::string out;
  text::SourceMapBuilder map;
  REQUIRE(MinifyCssWithMap(kSheet, {}, &out, &map).ok());
  std::string plain;
  REQUIRE(MinifyCss(kSheet, {}, &plain).ok());
  CHECK(out == plain);  // the map changes nothing in the output
  const std::string json = map.Render(out, kSheet, "a.css", "src/a.css");
  size_t n = testing::CheckMappingsPointAtSameText(json, out, kSheet, /*fold_case=*/true);
  // At least every rule and declaration that survived: 8 selectors/at-rules, 11 declarations.
  CHECK(n >= 19);
}

TEST_CASE("css source map: url() edits after minification keep it right", "[css][sourcemap]") {
  std::string out;
  text::SourceMapBuilder map;
  const std::string in =
      ".a { background: url(img/a.png) } .b { color: red }\n"
      ".c { background: url('img/c.png') } .d { margin: 0 }\n";
  REQUIRE(MinifyCssWithMap(in, {}, &out, &map).ok());
  std::string relinked;
  std::vector<text::TextEdit> edits;
  REQUIRE(RewriteCssUrlsEx(
              out,
              [](const CssUrl& u) -> std::optional<std::string> {
                if (u.url == "img/a.png") return "img/a.0123456789abcdef.png";
                return "c.png";
              },
              &relinked, &edits)
              .ok());
  REQUIRE(edits.size() == 2);
  REQUIRE(relinked != out);
  map.ApplyEdits(edits);
  testing::CheckMappingsPointAtSameText(map.Render(relinked, in, "a", "b"), relinked, in, true);
}

TEST_CASE("css-minify writes a map beside the sheet", "[css][sourcemap][filter]") {
  Options options;
  options.css.source_maps = true;
  Site site("/nonexistent-src");
  Resource res;
  res.path = "css/app.css";
  res.output_path = "css/app.css";
  res.type = ContentType::kCss;
  Resource* r = site.Add(res);
  DiagnosticSink sink;
  auto filter = CreateFilter(*FindFilter("css-minify"), options);
  FilterContext ctx(options, &site, r, &sink, "css-minify");
  std::string bytes = std::string(kSheet) + "/*# sourceMappingURL=app.css.map-from-sass */\n";
  const std::string in = bytes;
  REQUIRE(filter->RewriteResource(ctx, bytes).ok());
  const std::string comment = "\n/*# sourceMappingURL=app.css.map */";
  REQUIRE(bytes.size() > comment.size());
  CHECK(bytes.substr(bytes.size() - comment.size()) == comment);
  CHECK(bytes.find("map-from-sass") == std::string::npos);
  const Resource* m = site.Find("css/app.css.map");
  REQUIRE(m != nullptr);
  CHECK(m->type == ContentType::kSourceMap);
  REQUIRE(ctx.source_map != nullptr);
  CHECK(ctx.source_map->map_path == "css/app.css.map");
  auto j = nlohmann::json::parse(m->bytes);
  CHECK(j["file"] == "app.css");
  CHECK(j["sources"][0] == "pagebake:///css/app.css");
  testing::CheckMappingsPointAtSameText(m->bytes, bytes, in, true);
}

}  // namespace
}  // namespace pagebake::css
