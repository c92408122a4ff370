// html-hint-preload over a small site graph whose CSS references the pipeline would have found.
#include <catch2/catch.hpp>

#include "filters/core/site.h"
#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

using testing::FilterRow;
using testing::RunFilters;

constexpr const char* kId = "html-hint-preload";

struct TestSite {
  Site site{"/nonexistent"};
  Resource* page = nullptr;
  TestSite() {
    Resource p;
    p.path = "index.html";
    p.type = ContentType::kHtml;
    page = site.Add(p);
    Add("css/app.css", ContentType::kCss,
        {{"a.woff2", "css/a.woff2", RefKind::kFont}, {"base.css", "css/base.css", RefKind::kStylesheet}});
    Add("css/base.css", ContentType::kCss,
        {{"b.woff2", "css/b.woff2", RefKind::kFont}, {"a.woff2", "css/a.woff2", RefKind::kFont}});
    Add("css/old.css", ContentType::kCss, {{"c.woff", "css/c.woff", RefKind::kFont},
                                           {"i.png", "css/i.png", RefKind::kImage}});
    Add("css/other.css", ContentType::kCss, {{"base.css", "css/base.css", RefKind::kStylesheet}});
    for (const char* f : {"css/a.woff2", "css/b.woff2", "css/c.woff"}) Add(f, ContentType::kOther, {});
    Add("css/i.png", ContentType::kPng, {});
  }
  void Add(const char* path, ContentType type, std::vector<Reference> refs) {
    Resource r;
    r.path = path;
    r.type = type;
    r.references = std::move(refs);
    site.Add(r);
  }
};

#define FONT(f) "<link rel=\"preload\" href=\"css/" f "\" as=\"font\" type=\"font/woff2\" crossorigin>"
#define STYLE(f) "<link rel=\"preload\" href=\"css/" f "\" as=\"style\">"

const FilterRow kRows[] = {
    {"imports and fonts", "<head><link rel=stylesheet href=css/app.css></head>",
     "<head>" FONT("a.woff2") STYLE("base.css") FONT("b.woff2")
     "<link rel=stylesheet href=css/app.css></head>"},
    {"after meta charset and base",
     "<head><meta charset=utf-8><base href=/><title>t</title><link rel=stylesheet href=css/base.css></head>",
     "<head><meta charset=utf-8><base href=/>" FONT("b.woff2") FONT("a.woff2")
     "<title>t</title><link rel=stylesheet href=css/base.css></head>"},
    {"media screen blocks", "<head><link rel=stylesheet media=\" Screen \" href=css/base.css></head>",
     "<head>" FONT("b.woff2") FONT("a.woff2")
     "<link rel=stylesheet media=\" Screen \" href=css/base.css></head>"},
    {"import loaded directly is not hinted",
     "<head><link rel=stylesheet href=css/app.css><link rel=stylesheet href=css/base.css></head>",
     "<head>" FONT("a.woff2") FONT("b.woff2")
     "<link rel=stylesheet href=css/app.css><link rel=stylesheet href=css/base.css></head>"},
    {"shared import once",
     "<head><link rel=stylesheet href=css/other.css><link rel=stylesheet href=css/app.css></head>",
     "<head>" STYLE("base.css") FONT("b.woff2") FONT("a.woff2")
     "<link rel=stylesheet href=css/other.css><link rel=stylesheet href=css/app.css></head>"},
    {"already preloaded",
     "<head><link rel=preload href=css/a.woff2 as=font crossorigin><link rel=stylesheet href=css/base.css></head>",
     "<head>" FONT("b.woff2")
     "<link rel=preload href=css/a.woff2 as=font crossorigin><link rel=stylesheet href=css/base.css></head>"},
    {"print media does not block", "<head><link rel=stylesheet media=print href=css/app.css></head>",
     nullptr},
    {"alternate does not block", "<head><link rel=\"alternate stylesheet\" href=css/app.css></head>",
     nullptr},
    {"disabled does not block", "<head><link rel=stylesheet disabled href=css/app.css></head>", nullptr},
    {"body sheet is not render-blocking", "<head></head><body><link rel=stylesheet href=css/app.css>",
     nullptr},
    {"noscript", "<head><noscript><link rel=stylesheet href=css/app.css></noscript></head>", nullptr},
    {"external sheet", "<head><link rel=stylesheet href=https://cdn.test/x.css></head>", nullptr},
    {"missing sheet", "<head><link rel=stylesheet href=css/none.css></head>", nullptr},
    {"no head", "<link rel=stylesheet href=css/app.css>", nullptr},
    {"only woff and images", "<head><link rel=stylesheet href=css/old.css></head>", nullptr},
    {"style element has no graph entry", "<head><style>@import 'css/app.css';</style></head>",
     nullptr, "inline <style> references are not in the site graph"},
};

void CheckRows(const FilterRow* rows, size_t n, const Options& o, TestSite& ts) {
  for (size_t i = 0; i < n; ++i) {
    const FilterRow& row = rows[i];
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
      bool same = CompareDom(row.in, got, DomCompareOptionsFor({kId}), &diff);
      INFO("DOM difference: " << diff);
      CHECK(same);
    }
  }
}

TEST_CASE("html-hint-preload", "[hint-preload]") {
  TestSite ts;
  CheckRows(kRows, std::size(kRows), Options(), ts);
}

TEST_CASE("html-hint-preload cap", "[hint-preload]") {
  TestSite ts;
  Options o;
  o.html.preload_max = 1;
  CHECK(RunFilters({kId}, "<head><link rel=stylesheet href=css/app.css></head>", o, &ts.site,
                   ts.page) == "<head>" FONT("a.woff2") "<link rel=stylesheet href=css/app.css></head>");
  o.html.preload_max = 0;
  CHECK(RunFilters({kId}, "<head><link rel=stylesheet href=css/app.css></head>", o, &ts.site,
                   ts.page) == "<head><link rel=stylesheet href=css/app.css></head>");
}

TEST_CASE("hint links are modeled by the judge", "[hint-preload]") {
  DomCompareOptions o = DomCompareOptionsFor({kId});
  CHECK(CompareDom("<head><title>t</title></head>",
                   "<head><link rel=preload href=a as=style><title>t</title></head>", o, nullptr));
  CHECK_FALSE(CompareDom("<head><title>t</title></head>",
                         "<head><link rel=stylesheet href=a><title>t</title></head>", o, nullptr));
}

}  // namespace
}  // namespace pagebake::html
