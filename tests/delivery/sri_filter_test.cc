// The sri filter on pages over a small site graph: which elements get integrity, which never do,
// and that the value is the SHA-384 of the target's final bytes.
#include <catch2/catch.hpp>

#include "filters/core/filter_table.h"
#include "filters/core/hash.h"
#include "filters/delivery/sri_filter.h"
#include "filters/html/document.h"

namespace pagebake::delivery {
namespace {

const std::string kJs = "console.log('app');\n";
const std::string kCss = "body{color:red}\n";
const std::string kMod = "export const x = 1;\n";

std::unique_ptr<Site> MakeSite() {
  auto site = std::make_unique<Site>("/nonexistent-root");
  auto add = [&](const char* path, ContentType type, const std::string& bytes) {
    Resource r;
    r.path = path;
    r.output_path = path;
    r.type = type;
    r.bytes = bytes;
    site->Add(std::move(r));
  };
  add("js/app.js", ContentType::kJs, kJs);
  add("css/site.css", ContentType::kCss, kCss);
  add("js/mod.mjs", ContentType::kJs, kMod);
  add("fonts/a.woff2", ContentType::kFont, "wOF2");
  add("index.html", ContentType::kHtml, "");
  add("docs/page.html", ContentType::kHtml, "");
  return site;
}

std::string Run(const std::string& page_path, const std::string& html,
                const DeliveryOptions& o = {}, uint64_t* rewrites = nullptr) {
  auto site = MakeSite();
  Options options;
  options.delivery = o;
  SriFilter f(FindFilter("sri"), o);
  DiagnosticSink sink;
  FilterContext ctx(options, site.get(), site->Find(page_path), &sink, "sri");
  auto doc = html::Document::Parse(html);
  REQUIRE(f.RewriteHtml(ctx, *doc).ok());
  if (rewrites) *rewrites = ctx.counters().rewrites;
  return doc->Serialize();
}

TEST_CASE("sri: integrity on local scripts and stylesheets, never elsewhere") {
  const std::string js = SriSha384(kJs), css = SriSha384(kCss), mod = SriSha384(kMod);
  struct Row {
    const char* name;
    const char* page;
    std::string in;
    std::string want;
  };
  const Row rows[] = {
      {"script src", "index.html", "<script src=js/app.js></script>",
       "<script src=js/app.js integrity=\"" + js + "\"></script>"},
      {"stylesheet", "index.html", "<link rel=stylesheet href=css/site.css>",
       "<link rel=stylesheet href=css/site.css integrity=\"" + css + "\">"},
      {"rel token list, any case", "index.html", "<link rel=\"Alternate StyleSheet\" href=css/site.css>",
       "<link rel=\"Alternate StyleSheet\" href=css/site.css integrity=\"" + css + "\">"},
      {"modulepreload", "index.html", "<link rel=modulepreload href=js/mod.mjs>",
       "<link rel=modulepreload href=js/mod.mjs integrity=\"" + mod + "\">"},
      {"relative to the page, with query", "docs/page.html",
       "<script src=\"../js/app.js?v=3\"></script>",
       "<script src=\"../js/app.js?v=3\" integrity=\"" + js + "\"></script>"},
      {"root-relative", "docs/page.html", "<script src=/js/app.js></script>",
       "<script src=/js/app.js integrity=\"" + js + "\"></script>"},
      {"preload with a consumer in the page", "index.html",
       "<link rel=preload as=style href=css/site.css><link rel=stylesheet href=css/site.css>",
       "<link rel=preload as=style href=css/site.css integrity=\"" + css +
           "\"><link rel=stylesheet href=css/site.css integrity=\"" + css + "\">"},
      {"preload without a consumer: would be fetched twice", "index.html",
       "<link rel=preload as=script href=js/app.js>", "<link rel=preload as=script href=js/app.js>"},
      {"preload as=font: its consumer (@font-face) carries no integrity", "index.html",
       "<link rel=preload as=font href=fonts/a.woff2 crossorigin>",
       "<link rel=preload as=font href=fonts/a.woff2 crossorigin>"},
      {"other origin: not ours to hash", "index.html",
       "<script src=https://cdn.example.net/js/app.js></script>",
       "<script src=https://cdn.example.net/js/app.js></script>"},
      {"scheme-relative other origin", "index.html",
       "<script src=//cdn.example.net/js/app.js></script>",
       "<script src=//cdn.example.net/js/app.js></script>"},
      {"missing file: left alone", "index.html", "<script src=js/nope.js></script>",
       "<script src=js/nope.js></script>"},
      {"data: URI", "index.html", "<script src=\"data:text/javascript,1\"></script>",
       "<script src=\"data:text/javascript,1\"></script>"},
      {"inline script, icon, image: nothing", "index.html",
       "<script>1</script><link rel=icon href=js/app.js><img src=js/app.js>",
       "<script>1</script><link rel=icon href=js/app.js><img src=js/app.js>"},
      {"stale integrity (the file was minified) is replaced", "index.html",
       "<script src=js/app.js integrity=\"sha384-stale\"></script>",
       "<script src=js/app.js integrity=\"" + js + "\"></script>"},
      {"<base href> is honoured", "index.html",
       "<base href=/docs/><script src=../js/app.js></script>",
       "<base href=/docs/><script src=../js/app.js integrity=\"" + js + "\"></script>"},
      {"remote <base>: relative URLs are remote", "index.html",
       "<base href=https://other.example/><script src=js/app.js></script>",
       "<base href=https://other.example/><script src=js/app.js></script>"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) { CHECK(Run(row.page, row.in) == row.want); }
  }
}

TEST_CASE("sri: a configured own origin (CDN) gets integrity and crossorigin") {
  DeliveryOptions o;
  o.sri_own_origins = {"https://cdn.example.com/site/"};
  const std::string js = SriSha384(kJs);
  uint64_t n = 0;
  CHECK(Run("index.html", "<script src=https://cdn.example.com/site/js/app.js></script>", o, &n) ==
        "<script src=https://cdn.example.com/site/js/app.js integrity=\"" + js +
            "\" crossorigin=\"anonymous\"></script>");
  CHECK(n == 1);
  // An explicit crossorigin is kept.
  CHECK(Run("index.html",
            "<script crossorigin=use-credentials src=https://cdn.example.com/site/js/app.js>"
            "</script>",
            o) == "<script crossorigin=use-credentials src=https://cdn.example.com/site/js/app.js "
                  "integrity=\"" + js + "\"></script>");
  // Another path on that host is not ours.
  CHECK(Run("index.html", "<script src=https://cdn.example.com/other/js/app.js></script>", o) ==
        "<script src=https://cdn.example.com/other/js/app.js></script>");
}

TEST_CASE("sri: unchanged pages count no rewrite, idempotent") {
  uint64_t n = 5;
  std::string once = Run("index.html", "<script src=js/app.js></script>", {}, &n);
  CHECK(n == 1);
  CHECK(Run("index.html", once, {}, &n) == once);
  CHECK(n == 0);
}

}  // namespace
}  // namespace pagebake::delivery
