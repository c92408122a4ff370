// Source maps: VLQ encoding, edits after the fact, and every mapping points at the same token
// text in the output and in the input (decoded back from the map by tests/text/source_map_judge.h,
// so the test does not trust the builder).
#include <catch2/catch.hpp>

#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/js/js_filters.h"
#include "filters/js/js_minifier.h"
#include "filters/text/source_map.h"
#include "tests/text/source_map_judge.h"

namespace pagebake::js {
namespace {

using testing::DecodeMappings;
using text::AppendVlq;
using text::SourceMapBuilder;

TEST_CASE("VLQ encoding", "[js][sourcemap]") {
  struct Row {
    int64_t v;
    const char* want;
  };
  for (Row row : {Row{0, "A"}, Row{1, "C"}, Row{-1, "D"}, Row{15, "e"}, Row{16, "gB"},
                  Row{-16, "hB"}, Row{1000, "w+B"}}) {
    std::string s;
    AppendVlq(row.v, &s);
    CHECK(s == row.want);
  }
}

TEST_CASE("source map points every token at its origin", "[js][sourcemap]") {
  const std::string in =
      "// header\n"
      "function add(a, b) {\n"
      "  return a + b;   // sum\n"
      "}\n"
      "\n"
      "var t = `multi\nline ${ add(1, 2) }`;\n"
      "if (t)\n"
      "  console.log(t)\n";
  std::string out;
  SourceMapBuilder map;
  REQUIRE(MinifyJsWithMap(in, {}, &out, &map, nullptr).ok());
  const std::string json = map.Render(out, in, "a.js", "src/a.js");
  auto j = nlohmann::json::parse(json);
  CHECK(j["sources"][0] == "src/a.js");
  CHECK(testing::CheckMappingsPointAtSameText(json, out, in, /*fold_case=*/false) == map.size());
  CHECK(map.size() > 20);
}

TEST_CASE("ApplyEdits moves the pairs past each edit", "[js][sourcemap]") {
  // "a(u);b(v);c" with u -> "long" and v -> "" (offsets 2 and 7).
  const std::string in = "a(u);b(v);c";
  const std::string out = "a(long);b();c";
  SourceMapBuilder map;
  for (size_t off : {0, 2, 5, 7, 10}) map.Add(off, off);
  map.ApplyEdits({{2, 1, 4}, {7, 1, 0}});
  auto ms = DecodeMappings(nlohmann::json::parse(map.Render(out, in, "a", "b"))["mappings"]);
  REQUIRE(ms.size() == 5);
  const int want_gen[] = {0, 2, 8, 10, 12};
  for (int i = 0; i < 5; ++i) CHECK(ms[i].gen_col == want_gen[i]);
}

TEST_CASE("source map columns count UTF-16 units", "[js][sourcemap]") {
  const std::string in = "s = '\xF0\x9F\x98\x80\xC3\xA9';  x = 1";  // U+1F600 (2 units), é (1)
  std::string out;
  SourceMapBuilder map;
  REQUIRE(MinifyJsWithMap(in, {}, &out, &map, nullptr).ok());
  CHECK(out == "s='\xF0\x9F\x98\x80\xC3\xA9';x=1");
  auto ms = DecodeMappings(nlohmann::json::parse(map.Render(out, in, "a", "b"))["mappings"]);
  // Tokens: s = '...' ; x = 1. Before `x`: s=' (3 units), U+1F600 (2), é (1), '; (2).
  REQUIRE(ms.size() == 7);
  CHECK(ms[4].gen_col == 8);
  CHECK(ms[4].src_col == 12);
}

TEST_CASE("js-minify writes a map beside the script and replaces the old comment",
          "[js][sourcemap][filter]") {
  Options options;
  options.js.source_maps = true;
  Site site("/nonexistent-src");
  Resource res;
  res.path = "js/app.js";
  res.output_path = "js/app.js";
  res.type = ContentType::kJs;
  Resource* r = site.Add(res);
  DiagnosticSink sink;
  auto filter = CreateFilter(*FindFilter("js-minify"), options);
  FilterContext ctx(options, &site, r, &sink, "js-minify");
  std::string bytes =
      "/* a long comment that makes minification worth a map comment */\n"
      "function hello(name) {\n  return 'hello ' + name;\n}\n"
      "//# sourceMappingURL=app.js.map-from-the-bundler\n";
  REQUIRE(filter->RewriteResource(ctx, bytes).ok());
  CHECK(bytes == "function hello(name){return'hello '+name}\n//# sourceMappingURL=app.js.map");
  const Resource* m = site.Find("js/app.js.map");
  REQUIRE(m != nullptr);
  CHECK(m->type == ContentType::kSourceMap);
  CHECK(m->generated);
  auto j = nlohmann::json::parse(m->bytes);
  CHECK(j["file"] == "app.js");
  CHECK(j["sources"][0] == "pagebake:///js/app.js");
}

}  // namespace
}  // namespace pagebake::js
