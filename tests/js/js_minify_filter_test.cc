// JsMinifyFilter through the Filter interface, as the pipeline calls it.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/js/js_filters.h"

namespace pagebake::js {
namespace {

struct Fixture {
  Options options;
  DiagnosticSink sink;
  std::unique_ptr<Filter> filter;
  Resource resource;

  explicit Fixture(std::string path = "app.js", ContentType type = ContentType::kJs) {
    const FilterInfo* info = FindFilter("js-minify");
    REQUIRE(info != nullptr);
    filter = CreateFilter(*info, options);
    REQUIRE(filter != nullptr);
    resource.path = std::move(path);
    resource.type = type;
  }
  FilterContext Context() { return FilterContext(options, nullptr, &resource, &sink, "js-minify"); }
};

TEST_CASE("js-minify declares what it handles", "[js][filter]") {
  Fixture f;
  CHECK(f.filter->id() == "js-minify");
  CHECK(f.filter->HandlesResource(ContentType::kJs));
  CHECK(f.filter->HandlesResource(ContentType::kJson));
  CHECK_FALSE(f.filter->HandlesResource(ContentType::kCss));
  CHECK(f.filter->HandlesInline(InlineKind::kClassicScript));
  CHECK(f.filter->HandlesInline(InlineKind::kModuleScript));
  CHECK(f.filter->HandlesInline(InlineKind::kJsonScript));
  CHECK_FALSE(f.filter->HandlesInline(InlineKind::kStyleSheet));
}

TEST_CASE("js-minify rewrites an external script", "[js][filter]") {
  Fixture f;
  FilterContext ctx = f.Context();
  std::string bytes = "// hello\nvar a = 1;\n";
  REQUIRE(f.filter->RewriteResource(ctx, bytes).ok());
  CHECK(bytes == "var a=1;");
  CHECK(ctx.counters().rewrites == 1);
  CHECK(ctx.counters().fallbacks == 0);
}

TEST_CASE("js-minify reads .mjs files as modules", "[js][filter]") {
  Fixture f("m.mjs");
  FilterContext ctx = f.Context();
  std::string bytes = "x = a\n-->b";  // in a classic script `-->b` would be a comment
  REQUIRE(f.filter->RewriteResource(ctx, bytes).ok());
  CHECK(bytes == "x=a\n-->b");
}

TEST_CASE("js-minify keeps a broken script and reports where", "[js][filter]") {
  Fixture f;
  FilterContext ctx = f.Context();
  std::string bytes = "var a = 1;\nvar s = 'oops\n";
  const std::string before = bytes;
  REQUIRE(f.filter->RewriteResource(ctx, bytes).ok());
  CHECK(bytes == before);
  CHECK(ctx.counters().fallbacks == 1);
  auto d = f.sink.Sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].path == "app.js");
  CHECK(d[0].line == 2);
  CHECK(d[0].col == 9);
  CHECK(d[0].filter_id == "js-minify");
}

TEST_CASE("js-minify minifies .json files as JSON", "[js][filter]") {
  Fixture f("data.json", ContentType::kJson);
  FilterContext ctx = f.Context();
  std::string bytes = "{ \"a\" : [ 1, 2 ] }\n";
  REQUIRE(f.filter->RewriteResource(ctx, bytes).ok());
  CHECK(bytes == "{\"a\":[1,2]}");
}

TEST_CASE("js-minify inline fragments", "[js][filter][inline]") {
  struct Row {
    const char* name;
    InlineKind kind;
    std::string in;
    std::string want;
    uint64_t fallbacks;
  };
  const std::vector<Row> rows = {
      {"classic", InlineKind::kClassicScript, "\n  var a = 1;\n", "var a=1;", 0},
      {"module", InlineKind::kModuleScript, "import { a } from './a.js'\n a()",
       "import{a}from'./a.js'\na()", 0},
      {"json_ld", InlineKind::kJsonScript, "{ \"@context\": \"https://schema.org\" }",
       "{\"@context\":\"https://schema.org\"}", 0},
      {"invalid_json_kept", InlineKind::kJsonScript, "{ a: 1 }", "{ a: 1 }", 1},
      {"no_script_close_created", InlineKind::kClassicScript, "x = a < /script>/.test(b)",
       "x=a< /script>/.test(b)", 0},
      {"position_reported_in_page", InlineKind::kClassicScript, "var s = 'x\n", "var s = 'x\n", 1},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Fixture f("index.html", ContentType::kHtml);
      FilterContext ctx = f.Context();
      ctx.base_line = 10;
      ctx.base_col = 9;
      std::string text = row.in;
      REQUIRE(f.filter->RewriteInline(ctx, row.kind, text).ok());
      CHECK(text == row.want);
      CHECK(ctx.counters().fallbacks == row.fallbacks);
      if (row.fallbacks) {
        auto d = f.sink.Sorted();
        REQUIRE(d.size() == 1);
        CHECK(d[0].path == "index.html");
        CHECK(d[0].line == 10);
      }
    }
  }
}

TEST_CASE("js options parse and reject unknown keys", "[js][options]") {
  JsOptions o;
  REQUIRE(ParseOptions(nlohmann::json::parse(R"({"keep_license_comments": false,
      "inline_max_bytes": 100, "source_maps": true})"), &o).ok());
  CHECK_FALSE(o.keep_license_comments);
  CHECK(o.inline_max_bytes == 100);
  CHECK(o.source_maps);
  Status s = ParseOptions(nlohmann::json::parse(R"({"bogus": 1})"), &o);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("js.bogus") != std::string::npos);
  s = ParseOptions(nlohmann::json::parse(R"({"inline_max_bytes": -1})"), &o);
  CHECK(s.message().find("js.inline_max_bytes") != std::string::npos);
  s = ParseOptions(nlohmann::json::parse(R"({"source_maps": "yes"})"), &o);
  CHECK(!s.ok());
}

}  // namespace
}  // namespace pagebake::js
