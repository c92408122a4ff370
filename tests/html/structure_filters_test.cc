// The filters beyond the minification set: add-head, lazyload-images, convert-meta-tags,
// trim-urls, rewrite-domains, insert-dns-prefetch, defer-javascript.
#include <catch2/catch.hpp>

#include "filters/core/site.h"
#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

using testing::FilterRow;
using testing::RunFilters;

void CheckTable(const std::string& id, const FilterRow* rows, size_t n, const Options& o,
                Site* site = nullptr, const Resource* page = nullptr) {
  for (size_t i = 0; i < n; ++i) {
    const FilterRow& row = rows[i];
    DYNAMIC_SECTION(row.name) {
      std::string want = row.want ? row.want : row.in;
      std::string got = RunFilters({id}, row.in, o, site, page);
      CHECK(got == want);
      CHECK(RunFilters({id}, got, o, site, page) == got);  // idempotent
      std::string diff;
      DomCompareOptions dco = DomCompareOptionsFor({id});
      if (dco.unmodeled.empty()) {
        INFO(diff);
        CHECK(CompareDom(row.in, got, dco, &diff));
      }
    }
  }
}

const FilterRow kAddHead[] = {
    {"no head", "<html><body>x</body></html>", "<html><head></head><body>x</body></html>"},
    {"has head", "<html><head></head><body>x</body></html>", nullptr},
    {"no html either", "<p>x</p>", "<head></head><p>x</p>"},
    {"doctype first", "<!DOCTYPE html><p>x", "<!DOCTYPE html><head></head><p>x"},
    {"leading head elements move in", "<title>t</title>\n<meta charset=utf-8><p>x",
     "<head><title>t</title>\n<meta charset=utf-8></head><p>x"},
    {"comment before stays", "<!-- c --><html><body>", "<!-- c --><html><head></head><body>"},
    {"ignored head tag counts", "<html><body><head></head></body>", nullptr},
    {"xhtml untouched", "<?xml version=\"1.0\"?><html><body></body></html>", nullptr},
};

TEST_CASE("html-add-head", "[add-head]") {
  CheckTable("html-add-head", kAddHead, std::size(kAddHead), Options());
}

const FilterRow kLazy[] = {
    {"first two eager", "<img src=a><img src=b><img src=c>",
     "<img src=a><img src=b><img src=c loading=\"lazy\" decoding=\"async\">"},
    {"iframes count", "<img src=a><iframe src=f></iframe><iframe src=g></iframe>",
     "<img src=a><iframe src=f></iframe><iframe src=g loading=\"lazy\"></iframe>"},
    {"explicit loading kept", "<img><img><img loading=eager>", nullptr},
    {"explicit decoding kept", "<img><img><img decoding=sync>",
     "<img><img><img decoding=sync loading=\"lazy\">"},
    {"noscript not counted", "<noscript><img src=n></noscript><img src=a><img src=b>", nullptr},
    {"template skipped", "<template><img><img><img></template>", nullptr},
    {"svg image untouched", "<svg><image/><image/><image/></svg>", nullptr},
};

TEST_CASE("html-lazyload-images", "[lazyload-images]") {
  CheckTable("html-lazyload-images", kLazy, std::size(kLazy), Options());
  Options o;
  o.html.lazyload_skip_first = 0;
  CHECK(RunFilters({"html-lazyload-images"}, "<img src=a>", o) ==
        "<img src=a loading=\"lazy\" decoding=\"async\">");
}

TEST_CASE("html-convert-meta-tags records http-equiv", "[convert-meta-tags]") {
  auto doc = Document::Parse(
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
      "<meta http-equiv=refresh content=5><meta http-equiv=X-UA-Compatible content=\"IE=edge\">"
      "<meta name=viewport content=width=device-width><meta http-equiv=\"Content-Security-Policy\" "
      "content=\"default-src &apos;self&apos;\">");
  Options o;
  auto f = CreateFilter(*FindFilter("html-convert-meta-tags"), o);
  DiagnosticSink sink;
  FilterContext ctx(o, nullptr, nullptr, &sink, "html-convert-meta-tags");
  REQUIRE(f->RewriteHtml(ctx, *doc).ok());
  using P = std::pair<std::string, std::string>;
  CHECK(doc->http_equiv() == std::vector<P>{{"content-type", "text/html; charset=utf-8"},
                                            {"x-ua-compatible", "IE=edge"},
                                            {"content-security-policy", "default-src 'self'"}});
  CHECK_FALSE(doc->modified());
}

const FilterRow kTrim[] = {
    {"same origin absolute", "<a href=\"https://example.com/docs/x.html\">", "<a href=\"x.html\">"},
    {"other directory", "<img src=\"https://example.com/img/a.png\">", "<img src=\"/img/a.png\">"},
    {"scheme-relative", "<script src=\"//example.com/docs/a.js\"></script>", "<script src=\"a.js\"></script>"},
    {"other origin kept", "<a href=\"https://other.com/docs/x.html\">", nullptr},
    {"other scheme kept", "<a href=\"http://example.com/docs/x.html\">", nullptr},
    {"host prefix is not a match", "<a href=\"https://example.com.evil/x\">", nullptr},
    {"root", "<a href=\"https://example.com\">", "<a href=\"/\">"},
    {"query kept", "<a href=\"https://example.com/docs/?q=1\">", "<a href=\"/docs/?q=1\">"},
    {"colon in first segment", "<a href=\"https://example.com/docs/a:b\">", "<a href=\"/docs/a:b\">"},
    {"srcset", "<img srcset=\"https://example.com/docs/a.png 1x, https://x.org/b.png 2x\">",
     "<img srcset=\"a.png 1x, https://x.org/b.png 2x\">"},
    {"meta content kept", "<meta property=og:image content=\"https://example.com/docs/o.png\">", nullptr},
    {"page with base untouched", "<base href=/><a href=\"https://example.com/docs/x.html\">", nullptr},
    {"relative untouched", "<a href=x.html>", nullptr},
};

TEST_CASE("html-trim-urls", "[trim-urls]") {
  Options o;
  o.html.base_url = "https://example.com";
  Site site("/nonexistent");
  Resource page;
  page.path = "docs/index.html";
  CheckTable("html-trim-urls", kTrim, std::size(kTrim), o, &site, &page);
  CHECK(RunFilters({"html-trim-urls"}, "<a href=\"https://example.com/x\">", Options()) ==
        "<a href=\"https://example.com/x\">");
}

const FilterRow kDomains[] = {
    {"mapped", "<img src=\"https://old.test/a.png\">", "<img src=\"https://cdn.test/a.png\">"},
    {"case-insensitive host", "<img src=\"https://OLD.test/a.png\">", "<img src=\"https://cdn.test/a.png\">"},
    {"prefix host not mapped", "<img src=\"https://old.test.x/a.png\">", nullptr},
    {"srcset", "<img srcset=\"https://old.test/a.png 2x\">", "<img srcset=\"https://cdn.test/a.png 2x\">"},
    {"relative untouched", "<img src=a.png>", nullptr},
    {"origin only", "<a href=\"https://old.test\">", "<a href=\"https://cdn.test\">"},
};

TEST_CASE("html-rewrite-domains", "[rewrite-domains]") {
  Options o;
  o.html.rewrite_domains = {{"https://old.test", "https://cdn.test/"}};
  CheckTable("html-rewrite-domains", kDomains, std::size(kDomains), o);
}

TEST_CASE("html-insert-dns-prefetch", "[insert-dns-prefetch]") {
  Options o;
  o.html.base_url = "https://self.test";
  struct Row {
    const char* name;
    const char* in;
    const char* want;
  } rows[] = {
      {"one origin",
       "<head><meta charset=utf-8><title>t</title></head><script src=\"https://cdn.test/a.js\"></script>",
       "<head><meta charset=utf-8><link rel=\"preconnect\" href=\"https://cdn.test\"><link "
       "rel=\"dns-prefetch\" href=\"https://cdn.test\"><title>t</title></head><script "
       "src=\"https://cdn.test/a.js\"></script>"},
      {"deduplicated and own origin skipped",
       "<head></head><img src=\"//img.test/a\"><img src=\"https://img.test/b\"><img src=\"https://self.test/c\">",
       "<head><link rel=\"preconnect\" href=\"https://img.test\"><link rel=\"dns-prefetch\" "
       "href=\"https://img.test\"></head><img src=\"//img.test/a\"><img src=\"https://img.test/b\"><img "
       "src=\"https://self.test/c\">"},
      {"links are not fetched", "<head></head><a href=\"https://other.test/\">x</a>", nullptr},
      {"already hinted", "<head><link rel=dns-prefetch href=//cdn.test></head><script src=\"https://cdn.test/a.js\"></script>", nullptr},
      {"no head", "<script src=\"https://cdn.test/a.js\"></script>", nullptr},
  };
  for (const auto& row : rows) {
    DYNAMIC_SECTION(row.name) {
      std::string want = row.want ? row.want : row.in;
      std::string got = RunFilters({"html-insert-dns-prefetch"}, row.in, o);
      CHECK(got == want);
      CHECK(RunFilters({"html-insert-dns-prefetch"}, got, o) == got);
    }
  }
  o.html.dns_prefetch_max = 1;
  std::string got = RunFilters({"html-insert-dns-prefetch"},
                               "<head></head><img src=\"https://a.test/\"><img src=\"https://b.test/\">", o);
  CHECK(got.find("a.test\">") != std::string::npos);
  CHECK(got.find("b.test\">") == std::string::npos);
}

TEST_CASE("html-defer-javascript", "[defer-javascript]") {
  Site site("/nonexistent");
  Resource* p = testing::AddResource(site, "index.html", ContentType::kHtml);
  auto add_js = [&](const char* path, const char* bytes) {
    testing::AddResource(site, path, ContentType::kJs, bytes);
  };
  add_js("a.js", "var a = 1;");
  add_js("b.js", "use(a);");
  add_js("w.js", "document.write('<p>');");
  struct Row {
    const char* name;
    const char* in;
    const char* want;
  } rows[] = {
      {"all external", "<script src=a.js></script><script src=b.js></script>",
       "<script src=a.js defer></script><script src=b.js defer></script>"},
      {"inline after blocks earlier", "<script src=a.js></script><script>use(a)</script><script src=b.js></script>",
       "<script src=a.js></script><script>use(a)</script><script src=b.js defer></script>"},
      {"document.write stops the run", "<script src=a.js></script><script src=w.js></script><script src=b.js></script>",
       "<script src=a.js></script><script src=w.js></script><script src=b.js defer></script>"},
      {"missing target stops", "<script src=a.js></script><script src=missing.js></script>", nullptr},
      {"event handler attribute disables", "<body onload=init()><script src=a.js></script>", nullptr},
      {"async left alone", "<script src=a.js></script><script async src=b.js></script>",
       "<script src=a.js defer></script><script async src=b.js></script>"},
      {"json data block does not block", "<script src=a.js></script><script type=application/json>{}</script>",
       "<script src=a.js defer></script><script type=application/json>{}</script>"},
      {"language attribute stops", "<script src=a.js></script><script language=vbscript>x</script>", nullptr},
      {"external scripts only", "<script>var a</script>", nullptr},
  };
  Options o;
  for (const auto& row : rows) {
    DYNAMIC_SECTION(row.name) {
      std::string want = row.want ? row.want : row.in;
      std::string got = RunFilters({"html-defer-javascript"}, row.in, o, &site, p);
      CHECK(got == want);
      CHECK(RunFilters({"html-defer-javascript"}, got, o, &site, p) == got);
    }
  }
}

}  // namespace
}  // namespace pagebake::html
