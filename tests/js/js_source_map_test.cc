// Source maps: VLQ encoding, and every mapping points at the same token text in the output and
// in the input (decoded back from the map, so the test does not trust the builder).
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
#include "filters/js/js_source_map.h"

namespace pagebake::js {
namespace {

struct Mapping {
  int gen_line, gen_col, src_line, src_col;
};

// Decodes "mappings" (4-field segments only).
std::vector<Mapping> Decode(const std::string& m) {
  const std::string b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<Mapping> r;
  int line = 0, gcol = 0, sline = 0, scol = 0, src = 0;
  std::vector<int> fields;
  int value = 0, shift = 0;
  auto flush = [&] {
    if (fields.empty()) return;
    REQUIRE(fields.size() == 4);
    gcol += fields[0];
    src += fields[1];
    sline += fields[2];
    scol += fields[3];
    CHECK(src == 0);
    r.push_back({line, gcol, sline, scol});
    fields.clear();
  };
  for (char c : m) {
    if (c == ';' || c == ',') {
      flush();
      if (c == ';') {
        ++line;
        gcol = 0;
      }
      continue;
    }
    int d = int(b64.find(c));
    REQUIRE(d >= 0);
    value += (d & 31) << shift;
    shift += 5;
    if (!(d & 32)) {
      fields.push_back(value & 1 ? -(value >> 1) : value >> 1);
      value = shift = 0;
    }
  }
  flush();
  return r;
}

// Byte offset of line:col (ASCII text, 0-based).
size_t OffsetOf(const std::string& s, int line, int col) {
  size_t off = 0;
  for (int l = 0; l < line; ++l) off = s.find('\n', off) + 1;
  return off + col;
}

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
  auto j = nlohmann::json::parse(map.Render(out, in, "a.js", "src/a.js"));
  CHECK(j["version"] == 3);
  CHECK(j["sources"][0] == "src/a.js");
  CHECK(j["sourcesContent"][0] == in);
  std::vector<Mapping> ms = Decode(j["mappings"]);
  REQUIRE(ms.size() == map.size());
  REQUIRE(ms.size() > 20);
  for (const Mapping& m : ms) {
    size_t g = OffsetOf(out, m.gen_line, m.gen_col);
    size_t s = OffsetOf(in, m.src_line, m.src_col);
    INFO(m.gen_line << ":" << m.gen_col << " -> " << m.src_line << ":" << m.src_col);
    // Same token start: same character, and the same identifier/number run after it.
    REQUIRE(g < out.size());
    REQUIRE(s < in.size());
    CHECK(out[g] == in[s]);
    size_t n = 0;
    while (g + n < out.size() && std::isalnum(static_cast<unsigned char>(out[g + n]))) ++n;
    CHECK(in.compare(s, n, out, g, n) == 0);
  }
}

TEST_CASE("source map columns count UTF-16 units", "[js][sourcemap]") {
  const std::string in = "s = '\xF0\x9F\x98\x80\xC3\xA9';  x = 1";  // U+1F600 (2 units), é (1)
  std::string out;
  SourceMapBuilder map;
  REQUIRE(MinifyJsWithMap(in, {}, &out, &map, nullptr).ok());
  CHECK(out == "s='\xF0\x9F\x98\x80\xC3\xA9';x=1");
  auto ms = Decode(nlohmann::json::parse(map.Render(out, in, "a", "b"))["mappings"]);
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
