// html-move-css-to-head and html-move-css-above-scripts: table rows judged by gumbo under the
// moved-CSS model (same sheets, same order, the rest of the tree unchanged).
#include <catch2/catch.hpp>

#include "filters/core/site.h"
#include "filters/html/move_css_above_scripts_filter.h"
#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

using testing::FilterRow;
using testing::RunFilters;

void CheckMoveTable(const std::string& id, const FilterRow* rows, size_t n, Site* site,
                    const Resource* page) {
  Options o;
  for (size_t i = 0; i < n; ++i) {
    const FilterRow& row = rows[i];
    DYNAMIC_SECTION(row.name) {
      if (row.disabled_reason) {
        WARN("disabled row: " << row.disabled_reason);
        continue;
      }
      std::string want = row.want ? row.want : row.in;
      std::string got = RunFilters({id}, row.in, o, site, page);
      CHECK(got == want);
      CHECK(RunFilters({id}, got, o, site, page) == got);  // idempotent
      CHECK(got.size() <= std::string(row.in).size());
      std::string diff;
      bool same = CompareDom(row.in, got, DomCompareOptionsFor({id}), &diff);
      INFO("DOM difference: " << diff);
      CHECK(same);
    }
  }
}

struct TestSite {
  Site site{"/nonexistent"};
  Resource* page = nullptr;
  TestSite() {
    Resource p;
    p.path = "index.html";
    p.type = ContentType::kHtml;
    page = site.Add(p);
    Add("quiet.js", "var config = {a: 1};");
    Add("layout.js", "var w = document.body.offsetWidth;");
  }
  void Add(const char* path, const char* js) {
    Resource r;
    r.path = path;
    r.type = ContentType::kJs;
    r.bytes = js;
    site.Add(r);
  }
};

const FilterRow kToHead[] = {
    {"link from body", "<head><title>t</title></head><body><p>x</p><link rel=stylesheet href=a.css></body>",
     "<head><title>t</title><link rel=stylesheet href=a.css></head><body><p>x</p></body>"},
    {"style from body", "<head></head><body>x<style>p{}</style>y</body>",
     "<head><style>p{}</style></head><body>xy</body>"},
    {"order kept after head sheets",
     "<head><link rel=stylesheet href=1.css></head><body><style>a{}</style><link rel=stylesheet href=3.css></body>",
     "<head><link rel=stylesheet href=1.css><style>a{}</style><link rel=stylesheet href=3.css></head><body></body>"},
    {"nested in div", "<head></head><body><div><link rel=\"Stylesheet preload\" href=a.css></div></body>",
     "<head><link rel=\"Stylesheet preload\" href=a.css></head><body><div></div></body>"},
    {"whitespace around merges", "<head></head><body>\n<link rel=stylesheet href=a.css>\n<p>x</body>",
     "<head><link rel=stylesheet href=a.css></head><body>\n\n<p>x</body>"},
    {"implied end of head", "<html><head><title>t</title><body><style>b{}</style>",
     "<html><head><title>t</title><style>b{}</style><body>"},
    {"script stops the move",
     "<head></head><body><link rel=stylesheet href=a.css><script>x()</script><style>c{}</style></body>",
     "<head><link rel=stylesheet href=a.css></head><body><script>x()</script><style>c{}</style></body>"},
    {"module script stops too",
     "<head></head><body><script type=module src=m.js></script><style>c{}</style></body>", nullptr},
    {"data block does not stop",
     "<head></head><body><script type=application/json>{}</script><style>c{}</style></body>",
     "<head><style>c{}</style></head><body><script type=application/json>{}</script></body>"},
    {"already in head", "<head><style>a{}</style></head><body>x</body>", nullptr},
    {"no head element", "<body><style>a{}</style></body>", nullptr},
    {"noscript stays", "<head></head><body><noscript><link rel=stylesheet href=a.css></noscript></body>", nullptr},
    {"template stays", "<head></head><body><template><style>a{}</style></template></body>", nullptr},
    {"svg style stays", "<head></head><body><svg><style>a{}</style></svg></body>", nullptr},
    {"link without href", "<head></head><body><link rel=stylesheet></body>", nullptr},
    {"other rel", "<head></head><body><link rel=preload href=a.css as=style></body>", nullptr},
    {"join would change text", "<head></head><body>a &am<style>b{}</style>p; c</body>", nullptr},
};

TEST_CASE("html-move-css-to-head", "[move-css-to-head]") {
  TestSite ts;
  CheckMoveTable("html-move-css-to-head", kToHead, std::size(kToHead), &ts.site, ts.page);
}

const FilterRow kAbove[] = {
    {"above a quiet inline script",
     "<head><script>var a=1</script><link rel=stylesheet href=a.css></head>",
     "<head><link rel=stylesheet href=a.css><script>var a=1</script></head>"},
    {"above several, order kept",
     "<head><script>var a=1</script><style>x{}</style><script>var b</script><style>y{}</style></head>",
     "<head><style>x{}</style><style>y{}</style><script>var a=1</script><script>var b</script></head>"},
    {"above a quiet external script",
     "<head><script src=quiet.js></script><link rel=stylesheet href=a.css></head>",
     "<head><link rel=stylesheet href=a.css><script src=quiet.js></script></head>"},
    {"passes a deferred unknown script on the way",
     "<head><script>var a</script><script defer src=https://cdn.test/x.js></script><style>a{}</style></head>",
     "<head><style>a{}</style><script>var a</script><script defer src=https://cdn.test/x.js></script></head>"},
    {"nothing to gain above a deferred script",
     "<head><script defer src=https://cdn.test/x.js></script><style>a{}</style></head>", nullptr},
    {"nothing to gain above a module",
     "<head><script type=module>import './m.js'</script><style>a{}</style></head>", nullptr},
    {"not above a layout-reading script",
     "<head><script src=layout.js></script><link rel=stylesheet href=a.css></head>", nullptr},
    {"not above document.write",
     "<head><script>document.write('<link rel=stylesheet href=b.css>')</script><style>a{}</style></head>",
     nullptr},
    {"not above an unknown external script",
     "<head><script src=https://cdn.test/x.js></script><style>a{}</style></head>", nullptr},
    {"not above a missing script", "<head><script src=missing.js></script><style>a{}</style></head>",
     nullptr},
    {"not above an async script", "<head><script async src=quiet.js></script><style>a{}</style></head>",
     nullptr},
    {"stops at a blocking one, then resumes",
     "<head><script src=layout.js></script><script>var q</script><style>a{}</style></head>",
     "<head><script src=layout.js></script><style>a{}</style><script>var q</script></head>"},
    {"never above base",
     "<head><script>var a</script><base href=/x/><link rel=stylesheet href=a.css></head>", nullptr},
    {"never above meta charset", "<head><script>var a</script><meta charset=utf-8><style>a{}</style></head>",
     nullptr},
    {"never above a CSP meta",
     "<head><script>var a</script><meta http-equiv=Content-Security-Policy content=\"style-src 'none'\"><style>a{}</style></head>",
     nullptr},
    {"nothing to gain above a data block",
     "<head><script type=application/ld+json>{}</script><style>a{}</style></head>", nullptr},
    {"sheets before scripts stay", "<head><style>a{}</style><script>var a</script></head>", nullptr},
    {"body sheets untouched", "<head><script>var a</script></head><body><style>a{}</style></body>",
     nullptr},
    {"noscript sheet stays",
     "<head><script>var a</script><noscript><link rel=stylesheet href=a.css></noscript></head>", nullptr},
};

TEST_CASE("html-move-css-above-scripts", "[move-css-above-scripts]") {
  TestSite ts;
  CheckMoveTable("html-move-css-above-scripts", kAbove, std::size(kAbove), &ts.site, ts.page);
}

TEST_CASE("ScriptMayObserveStyles", "[move-css-above-scripts]") {
  CHECK(ScriptMayObserveStyles("el.getBoundingClientRect()"));
  CHECK(ScriptMayObserveStyles("document.styleSheets[0]"));
  CHECK_FALSE(ScriptMayObserveStyles("window.dataLayer = [];"));
}

TEST_CASE("moved-CSS judge catches a reorder", "[move-css-to-head]") {
  DomCompareOptions o = DomCompareOptionsFor({"html-move-css-to-head"});
  std::string diff;
  CHECK_FALSE(CompareDom("<head><style>a{}</style></head><style>b{}</style>",
                         "<head><style>b{}</style><style>a{}</style></head>", o, &diff));
  CHECK_FALSE(CompareDom("<style>a{}</style>", "<style>b{}</style>", o, &diff));
  CHECK_FALSE(CompareDom("<p>x</p><style>a{}</style>", "<style>a{}</style><p>y</p>", o, &diff));
  CHECK(CompareDom("<p>x</p><style>a{}</style>", "<style>a{}</style><p>x</p>", o, &diff));
}

}  // namespace
}  // namespace pagebake::html
