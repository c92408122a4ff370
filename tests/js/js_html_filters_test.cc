// js-inline and js-outline on small sites held in memory.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/html/document.h"
#include "filters/js/js_filters.h"

namespace pagebake::js {
namespace {

struct SiteFixture {
  Options options;
  Site site{"/nonexistent-src"};
  DiagnosticSink sink;

  Resource* Add(std::string path, ContentType type, std::string bytes) {
    Resource r;
    r.path = path;
    r.output_path = path;
    r.type = type;
    r.bytes = std::move(bytes);
    return site.Add(std::move(r));
  }
  // Runs filter `id` over page `page_path` and returns the serialized page.
  std::string Run(const std::string& id, const std::string& page_path, const std::string& html,
                  uint64_t* rewrites = nullptr) {
    Resource* page = site.Find(page_path);
    if (page == nullptr) page = Add(page_path, ContentType::kHtml, html);
    auto f = CreateFilter(*FindFilter(id), options);
    REQUIRE(f != nullptr);
    auto doc = html::Document::Parse(html);
    FilterContext ctx(options, &site, page, &sink, id);
    REQUIRE(f->RewriteHtml(ctx, *doc).ok());
    if (rewrites) *rewrites = ctx.counters().rewrites;
    return doc->Serialize();
  }
};

struct Row {
  const char* name;
  std::string html;
  std::string want;  // empty: unchanged
};

TEST_CASE("js-inline", "[js][inline][html]") {
  const std::vector<Row> rows = {
      {"small_script_inlined", "<script src=a.js></script>", "<script>var a=1</script>"},
      {"type_kept", "<script type=text/javascript src=a.js></script>",
       "<script type=text/javascript>var a=1</script>"},
      {"attributes_dropped", "<script src=a.js charset=utf-8 crossorigin></script>",
       "<script>var a=1</script>"},
      {"async_kept_external", "<script async src=a.js></script>", ""},
      {"defer_kept_external", "<script defer src=a.js></script>", ""},
      {"module_kept_external", "<script type=module src=a.js></script>", ""},
      {"integrity_kept_external", "<script integrity=sha256-x src=a.js></script>", ""},
      {"onload_kept_external", "<script onload=f() src=a.js></script>", ""},
      {"too_big", "<script src=big.js></script>", ""},
      {"missing_target", "<script src=nope.js></script>", ""},
      {"external_url", "<script src=https://cdn.example/a.js></script>", ""},
      {"closes_element", "<script src=close.js></script>", ""},
      {"current_script", "<script src=cur.js></script>", ""},
      {"other_dir_with_fetch", "<script src=lib/fetch.js></script>", ""},
      {"other_dir_plain", "<script src=lib/plain.js></script>", "<script>x()</script>"},
      {"map_comment_dropped", "<script src=mapped.js></script>", "<script>y()</script>"},
      {"in_template", "<template><script src=a.js></script></template>", ""},
      {"text_replaced", "<script src=a.js>ignored</script>", "<script>var a=1</script>"},
  };
  SiteFixture f;
  f.Add("a.js", ContentType::kJs, "var a=1");
  f.Add("big.js", ContentType::kJs, std::string(3000, ';'));
  f.Add("close.js", ContentType::kJs, "s='</script>'");
  f.Add("cur.js", ContentType::kJs, "document.currentScript.src");
  f.Add("lib/fetch.js", ContentType::kJs, "fetch('data.json')");
  f.Add("lib/plain.js", ContentType::kJs, "x()");
  f.Add("mapped.js", ContentType::kJs, "y()\n//# sourceMappingURL=mapped.js.map");
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      uint64_t rewrites = 0;
      std::string got = f.Run("js-inline", std::string(row.name) + ".html", row.html, &rewrites);
      CHECK(got == (row.want.empty() ? row.html : row.want));
      CHECK(rewrites == (row.want.empty() ? 0u : 1u));
    }
  }
}

TEST_CASE("js-outline", "[js][outline][html]") {
  const std::string big(3000, ';');
  SiteFixture f;
  uint64_t rewrites = 0;
  std::string got = f.Run("js-outline", "docs/page.html",
                          "<script>" + big + "</script><script type=module>" + big +
                              "</script><script>small()</script><script type=application/json>" +
                              "[" + std::string(3000, ' ') + "]</script><script async>" + big +
                              "</script>",
                          &rewrites);
  CHECK(rewrites == 2);
  CHECK(got == "<script src=\"page.script0.js\"></script><script type=module "
               "src=\"page.script1.js\"></script><script>small()</script>"
               "<script type=application/json>[" + std::string(3000, ' ') +
               "]</script><script async>" + big + "</script>");
  const Resource* js = f.site.Find("docs/page.script0.js");
  REQUIRE(js != nullptr);
  CHECK(js->bytes == big);
  CHECK(js->type == ContentType::kJs);
  CHECK(js->generated);
  CHECK(f.site.Find("docs/page.script1.js") != nullptr);
}

}  // namespace
}  // namespace pagebake::js

namespace pagebake::js {
namespace {

void AddCombineMembers(SiteFixture& f) {
  f.options.js.combine_max_bytes = 1000;
  f.Add("a.js", ContentType::kJs, "var a=1//end");
  f.Add("b.js", ContentType::kJs, "(function(){b()})()");
  f.Add("c.js", ContentType::kJs, "c()");
  f.Add("strict.js", ContentType::kJs, "'use strict';s()");
  f.Add("broken.js", ContentType::kJs, "var s='");
  f.Add("big1.js", ContentType::kJs, std::string(600, ';'));
  f.Add("big2.js", ContentType::kJs, std::string(600, ';'));
}

TEST_CASE("js-combine", "[js][combine][html]") {
  const std::vector<Row> rows = {
      {"two_adjacent", "<script src=a.js></script>\n<script src=b.js></script>",
       "<script src=two_adjacent.combined0.js></script>"},
      {"three_adjacent", "<script src=a.js></script><script src=b.js></script><script src=c.js></script>",
       "<script src=three_adjacent.combined0.js></script>"},
      {"text_between", "<script src=a.js></script>x<script src=b.js></script>", ""},
      {"inline_between", "<script src=a.js></script><script>z()</script><script src=b.js></script>",
       ""},
      {"async_member", "<script src=a.js></script><script async src=b.js></script>", ""},
      {"different_attributes", "<script src=a.js id=x></script><script src=b.js></script>", ""},
      {"same_extra_attributes", "<script src=a.js nonce=n></script><script src=b.js nonce=n></script>",
       "<script src=same_extra_attributes.combined0.js nonce=n></script>"},
      {"strict_member", "<script src=a.js></script><script src=strict.js></script>", ""},
      {"broken_member", "<script src=a.js></script><script src=broken.js></script>", ""},
      {"too_big_together", "<script src=big1.js></script><script src=big2.js></script>", ""},
      {"external_member", "<script src=a.js></script><script src=//cdn/x.js></script>", ""},
      {"two_groups", "<script src=a.js></script><script src=b.js></script><p>"
                     "<script src=c.js></script><script src=a.js></script>",
       "<script src=two_groups.combined0.js></script><p>"
       "<script src=two_groups.combined1.js></script>"},
  };
  SiteFixture f;
  AddCombineMembers(f);
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      uint64_t rewrites = 0;
      std::string got = f.Run("js-combine", std::string(row.name) + ".html", row.html, &rewrites);
      CHECK(got == (row.want.empty() ? row.html : row.want));
      CHECK(rewrites == (row.want.empty() ? 0u : row.name == std::string("two_groups") ? 2u : 1u));
    }
  }
}

TEST_CASE("js-combine concatenates safely", "[js][combine][html]") {
  SiteFixture f;
  AddCombineMembers(f);
  f.Run("js-combine", "p.html", "<script src=a.js></script> <script src=b.js></script>");
  const Resource* two = f.site.Find("p.combined0.js");
  REQUIRE(two != nullptr);
  // The line break ends a.js's trailing comment; the semicolon keeps b.js's ( from calling.
  CHECK(two->bytes == "var a=1//end\n;\n(function(){b()})()");
  CHECK(two->sources == std::vector<std::string>{"a.js", "b.js"});
}

}  // namespace
}  // namespace pagebake::js
