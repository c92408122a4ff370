// The CSS filters on a small in-memory site: css-minify, css-rewrite-urls, css-flatten-imports,
// and the URL hook (css_urls.h) other families use.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/css/css_filters.h"
#include "filters/css/css_urls.h"

namespace pagebake::css {
namespace {

struct TestSite {
  Options options;
  Site site{"/nonexistent"};
  DiagnosticSink diagnostics;

  Resource* Add(std::string path, std::string bytes, std::string output_path = {}) {
    Resource r;
    r.path = std::move(path);
    r.output_path = std::move(output_path);
    r.type = ContentTypeFromPath(r.path);
    r.bytes = std::move(bytes);
    return site.Add(std::move(r));
  }
  std::unique_ptr<Filter> Make(std::string_view id) {
    const FilterInfo* info = FindFilter(id);
    REQUIRE(info != nullptr);
    std::unique_ptr<Filter> f = CreateFilter(*info, options);
    REQUIRE(f != nullptr);
    return f;
  }
  // Runs filter `id` on resource `r`; returns the new bytes.
  std::string Run(std::string_view id, Resource* r, FilterCounters* counters = nullptr) {
    auto f = Make(id);
    FilterContext ctx(options, &site, r, &diagnostics, id);
    std::string bytes = r->bytes;
    REQUIRE(f->RewriteResource(ctx, bytes).ok());
    if (counters) *counters = ctx.counters();
    return bytes;
  }
  std::string RunInline(std::string_view id, Resource* page, InlineKind kind, std::string text) {
    auto f = Make(id);
    REQUIRE(f->HandlesInline(kind));
    FilterContext ctx(options, &site, page, &diagnostics, id);
    REQUIRE(f->RewriteInline(ctx, kind, text).ok());
    return text;
  }
  std::string Messages() const {
    std::string all;
    for (const Diagnostic& d : diagnostics.Sorted()) all += d.ToString() + "\n";
    return all;
  }
};

TEST_CASE("css filters: factory and options", "[css][filters]") {
  Options o;
  for (const char* id : {"css-minify", "css-rewrite-urls", "css-flatten-imports"}) {
    DYNAMIC_SECTION(id) {
      const FilterInfo* info = FindFilter(id);
      REQUIRE(info);
      auto f = CreateFilter(*info, o);
      REQUIRE(f);
      CHECK(f->id() == id);
      CHECK(f->HandlesResource(ContentType::kCss));
      CHECK_FALSE(f->HandlesResource(ContentType::kJs));
    }
  }
  CssOptions co;
  CHECK(ParseOptions(nlohmann::json::parse(R"({"flatten_max_bytes": 10, "source_maps": true})"),
                     &co).ok());
  CHECK(co.flatten_max_bytes == 10);
  CHECK(co.source_maps);
  Status bad = ParseOptions(nlohmann::json::parse(R"({"nope": 1})"), &co);
  CHECK(bad.message().find("css.nope") != std::string::npos);
  CHECK_FALSE(ParseOptions(nlohmann::json::parse(R"({"inline_max_bytes": -1})"), &co).ok());
  CHECK_FALSE(ParseOptions(nlohmann::json::parse(R"({"keep_important_comments": 1})"), &co).ok());
}

TEST_CASE("css-minify: resources, <style> and style=\"\"", "[css][filters]") {
  TestSite t;
  Resource* css = t.Add("a.css", "a {  color : #FFFFFF ; }\n");
  FilterCounters c;
  CHECK(t.Run("css-minify", css, &c) == "a{color:#fff}");
  CHECK(c.rewrites == 1);

  Resource* page = t.Add("index.html", "<html></html>");
  CHECK(t.RunInline("css-minify", page, InlineKind::kStyleSheet, " a { b : c } ") == "a{b:c}");
  CHECK(t.RunInline("css-minify", page, InlineKind::kStyleAttribute, "color : red ; ") ==
        "color:red");
  // Joining "<" and "/style" would end the <style> element early: kept as written.
  std::string risky = "a{b:c < /style}";
  CHECK(t.RunInline("css-minify", page, InlineKind::kStyleSheet, risky) == risky);

  Resource* broken = t.Add("broken.css", "a{\n  b:\"x\ny\"}");
  CHECK(t.Run("css-minify", broken, &c) == broken->bytes);
  CHECK(c.fallbacks == 1);
  CHECK(t.Messages().find("broken.css:2:5: warning: [css-minify] css: unterminated string") !=
        std::string::npos);
}

TEST_CASE("css urls: collect", "[css][urls]") {
  auto urls = CollectCssUrls(
      "@import 'a.css';\n@import url(b.css) print;\n"
      "a{background:url( \"c d.png\" ) , url(e\\(1\\).png)}\n"
      "@font-face{src:url(f.woff2)}\n"
      "b{c:image-set(\"g.png\" 1x, 'h.png' 2x)}\n"
      "i{j:url(x\"y)}");  // a bad url is not a URL
  REQUIRE(urls.size() == 7);
  CHECK(urls[0].url == "a.css");
  CHECK(urls[0].is_import);
  CHECK(urls[0].line == 1);
  CHECK(urls[0].col == 9);
  CHECK(urls[1].url == "b.css");
  CHECK(urls[1].is_import);
  CHECK(urls[2].url == "c d.png");
  CHECK_FALSE(urls[2].is_import);
  CHECK(urls[3].url == "e(1).png");
  CHECK(urls[4].url == "f.woff2");
  CHECK(urls[4].in_font_face);
  CHECK_FALSE(urls[3].in_font_face);
  CHECK(urls[5].url == "g.png");
  CHECK(urls[6].url == "h.png");
}

TEST_CASE("css urls: rewrite only the URLs, even in broken sheets", "[css][urls]") {
  struct Row {
    const char* name;
    const char* in;
    const char* want;
  } rows[] = {
      {"unquoted", "a{b:url(x.png)}", "a{b:url(X)}"},
      {"double quoted keeps quote", "a{b:url(\"x.png\")}", "a{b:url(\"X\")}"},
      {"single quoted keeps quote", "a{b:url( 'x.png' )}", "a{b:url( 'X' )}"},
      {"import string", "@import \"x.png\";", "@import \"X\";"},
      {"broken sheet", "a{b:url(x.png) c:\"unterminated\n}}}", "a{b:url(X) c:\"unterminated\n}}}"},
      {"untouched when callback declines", "a{b:url(keep.png)}", "a{b:url(keep.png)}"},
      {"needs quoting", "a{b:url(space.png)}", "a{b:url(\"a b\")}"},
      {"quote inside string", "a{b:url('quote.png')}", "a{b:url('it\\'s')}"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      std::string out;
      REQUIRE(RewriteCssUrls(
                  row.in,
                  [](std::string_view url, bool) -> std::optional<std::string> {
                    if (url == "x.png") return "X";
                    if (url == "space.png") return "a b";
                    if (url == "quote.png") return "it's";
                    return std::nullopt;
                  },
                  &out)
                  .ok());
      CHECK(out == row.want);
    }
  }
  CHECK(CssUrlToken("a.png") == "url(a.png)");
  CHECK(CssUrlToken("a b.png") == "url(\"a b.png\")");
  CHECK(CssUrlToken("") == "url(\"\")");
  CHECK(CssUnescape("'\\41 b\\\nc'") == "Abc");
}

TEST_CASE("css-rewrite-urls: renamed targets and moved referrers", "[css][filters]") {
  TestSite t;
  t.Add("img/x.png", "png", "img/x.3f9a.png");
  t.Add("img/same.png", "png");
  Resource* css = t.Add("css/a.css",
                        "a{b:url(../img/x.png?v=1#f)}\n"
                        "c{d:url(../img/same.png)}\n"
                        "e{f:url(https://cdn.example/x.png)}\n"
                        "g{h:url(data:image/png;base64,AA==)}\n"
                        "i{j:url(../img/missing.png)}");
  FilterCounters c;
  std::string out = t.Run("css-rewrite-urls", css, &c);
  CHECK(out ==
        "a{b:url(../img/x.3f9a.png?v=1#f)}\n"
        "c{d:url(../img/same.png)}\n"
        "e{f:url(https://cdn.example/x.png)}\n"
        "g{h:url(data:image/png;base64,AA==)}\n"
        "i{j:url(../img/missing.png)}");
  CHECK(c.rewrites == 1);
  CHECK(t.Messages().find("css/a.css:5:5: warning: [css-rewrite-urls] css: url() target not found: "
                          "../img/missing.png") != std::string::npos);

  // Inline CSS resolves against the page.
  Resource* page = t.Add("docs/index.html", "<html></html>");
  CHECK(t.RunInline("css-rewrite-urls", page, InlineKind::kStyleAttribute,
                    "background:url('../img/x.png')") == "background:url('../img/x.3f9a.png')");

  // A referrer written elsewhere than its source path gets its URLs re-based.
  Resource* moved = t.Add("css/b.css", "a{b:url(../img/same.png)}", "b.css");
  CHECK(t.Run("css-rewrite-urls", moved) == "a{b:url(img/same.png)}");
}

TEST_CASE("css-flatten-imports", "[css][filters]") {
  SECTION("media, layer, supports and re-based URLs") {
    TestSite t;
    t.Add("css/b.css", "@charset \"utf-8\";b{x:url(i.png)}");
    t.Add("css/sub/c.css", "c{x:url(i.png);y:url(/abs.png);z:url(http://e/x.png)}");
    t.Add("css/d.css", "d{x:y}");
    t.Add("css/e.css", "e{x:y}");
    Resource* a = t.Add("css/a.css",
                        "@charset \"utf-8\";\n@import \"b.css\";\n@import url(sub/c.css) print;\n"
                        "@import 'd.css' layer(base);\n@import 'e.css' supports(display:grid);\n"
                        "a{x:y}");
    FilterCounters c;
    std::string out = t.Run("css-flatten-imports", a, &c);
    CHECK(out ==
          "@charset \"utf-8\";\nb{x:url(i.png)}\n@media print{c{x:url(sub/i.png);y:url(/abs.png);"
          "z:url(http://e/x.png)}}\n@layer base{d{x:y}}\n@supports (display:grid){e{x:y}}\n"
          "a{x:y}");
    CHECK(c.rewrites == 4);
  }
  SECTION("unflattenable imports stay first; later ones are inlined after them") {
    TestSite t;
    t.Add("b.css", "b{x:y}");
    Resource* a = t.Add("a.css",
                        "@import url(https://fonts.example/f.css);\n@import 'b.css';\na{x:y}");
    CHECK(t.Run("css-flatten-imports", a) ==
          "@import url(https://fonts.example/f.css);\nb{x:y}\na{x:y}");
  }
  SECTION("an unflattenable import after a flattenable one blocks both") {
    TestSite t;
    t.Add("b.css", "b{x:y}");
    Resource* a = t.Add("a.css", "@import 'b.css';\n@import 'missing.css';\na{x:y}");
    CHECK(t.Run("css-flatten-imports", a) == a->bytes);
    CHECK(t.Messages().find("a.css:2:1: warning: [css-flatten-imports] css: @import target not "
                            "found: missing.css") != std::string::npos);
  }
  SECTION("cycles are reported and not flattened") {
    TestSite t;
    t.Add("y.css", "@import 'x.css';\ny{a:b}");
    Resource* x = t.Add("x.css", "@import 'y.css';\nx{a:b}");
    CHECK(t.Run("css-flatten-imports", x) == x->bytes);
    CHECK(t.Messages().find("@import cycle, not flattened: x.css -> y.css -> x.css") !=
          std::string::npos);
    Resource* self = t.Add("self.css", "@import 'self.css';");
    CHECK(t.Run("css-flatten-imports", self) == self->bytes);
  }
  SECTION("size limit, nested @import and combined conditions keep the @import") {
    TestSite t;
    t.options.css.flatten_max_bytes = 20;
    t.Add("big.css", "big{a:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb}");
    Resource* a = t.Add("a.css", "@import 'big.css';");
    CHECK(t.Run("css-flatten-imports", a) == a->bytes);
    t.options.css.flatten_max_bytes = 100 * 1024;
    t.Add("nested.css", "@import 'big.css';n{a:b}");
    Resource* b = t.Add("b.css", "@import 'nested.css';");
    CHECK(t.Run("css-flatten-imports", b) == b->bytes);
    Resource* c = t.Add("c.css", "@import 'big.css' layer(x) print;");
    CHECK(t.Run("css-flatten-imports", c) == c->bytes);
  }
  SECTION("imports after a rule are not imports") {
    TestSite t;
    t.Add("b.css", "b{x:y}");
    Resource* a = t.Add("a.css", "a{x:y}\n@import 'b.css';");
    CHECK(t.Run("css-flatten-imports", a) == a->bytes);
  }
  SECTION("targets renamed by cache extension are found by their output name") {
    TestSite t;
    t.Add("img/i.png", "png", "img/i.77.png");
    t.Add("css/b.css", "b{x:url(../img/i.77.png)}", "css/b.12.css");
    Resource* a = t.Add("a.css", "@import 'css/b.12.css';");
    CHECK(t.Run("css-flatten-imports", a) == "b{x:url(img/i.77.png)}");
  }
}

}  // namespace
}  // namespace pagebake::css
