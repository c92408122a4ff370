// The headers files: immutable caching for hashed names (one rule per all-hashed directory),
// revalidation for entry points, recorded page headers, type overrides, precompression.
#include <catch2/catch.hpp>

#include "filters/delivery/cache_extend_filter.h"
#include "filters/delivery/headers.h"

namespace pagebake::delivery {
namespace {

struct Files {
  std::string headers, nginx;
};

Files Make(bool with_siblings, bool keep_original_names = false) {
  Options options;
  options.delivery.keep_original_names = keep_original_names;
  const DeliveryOptions& o = options.delivery;
  Site site("/nonexistent-root");
  auto add = [&](const std::string& path, ContentType type, bool hashed, bool entry) {
    Resource r;
    r.path = path;
    r.type = type;
    r.bytes = "content of " + path;
    r.entry_point = entry;
    r.output_path = hashed ? HashedPath(o, path, r.bytes) : path;
    if (hashed) r.kept_name = KeptOriginalName(o, r);  // as the naming stage does
    if (with_siblings && type == ContentType::kCss) {
      r.br_bytes = 10;
      r.gzip_bytes = 12;
    }
    return site.Add(std::move(r));
  };
  add("assets/a.css", ContentType::kCss, true, false);
  add("assets/img/b.png", ContentType::kPng, true, false);
  add("css/site.css", ContentType::kCss, true, false);
  add("css/unreferenced.css", ContentType::kCss, false, false);
  Resource* page = add("index.html", ContentType::kHtml, false, true);
  page->http_headers = {{"X-UA-Compatible", "IE=edge"},
                        {"Content-Type", "text/html; charset=iso-8859-1"},
                        {"Refresh", "5; url=/x"},
                        {"X-Evil", "a\r\nSet-Cookie: x"}};
  add("docs/index.html", ContentType::kHtml, false, true);
  add("manifest.webmanifest", ContentType::kJson, false, true);
  add("robots.txt", ContentType::kText, false, true);
  auto files = HeaderFiles(site, options);
  REQUIRE(files.size() == 2);
  CHECK(files[0].first == "_headers");
  CHECK(files[1].first == "nginx-pagebake.conf");
  return {files[0].second, files[1].second};
}

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST_CASE("headers: _headers") {
  Files f = Make(false);
  const std::string imm = "  Cache-Control: public, max-age=31536000, immutable\n";
  struct Row {
    const char* name;
    std::string needle;
    bool present;
  };
  const Row rows[] = {
      {"all-hashed directory in one rule", "/assets/*\n" + imm, true},
      {"its files need no rule of their own", "/assets/a.", false},
      {"mixed directory: per-file rule", "/css/site.", true},
      {"unhashed file: no immutable rule", "/css/unreferenced.css", false},
      {"page with recorded headers", "/index.html\n  Cache-Control: no-cache\n", true},
      {"its directory URL too", "\n/\n  Cache-Control: no-cache\n", true},
      {"recorded header", "  X-UA-Compatible: IE=edge\n", true},
      {"recorded content type", "  Content-Type: text/html; charset=iso-8859-1\n", true},
      {"refresh is page behaviour, not a header", "Refresh", false},
      {"header injection refused", "X-Evil", false},
      {"page without headers: host default", "/docs/", false},
      {"type stock servers lack", "/manifest.webmanifest\n  Cache-Control: no-cache\n"
                                  "  Content-Type: application/manifest+json\n", true},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      INFO(f.headers);
      CHECK(Has(f.headers, row.needle) == row.present);
    }
  }
}

TEST_CASE("headers: kept original names are never immutable") {
  // cache-extend's keep_original_names (the default): assets/a.css is also served under its
  // source name, whose content changes between builds, so assets/ is no longer all-hashed.
  Files f = Make(true, true);
  INFO(f.headers);
  INFO(f.nginx);
  CHECK_FALSE(Has(f.headers, "/assets/*"));
  CHECK_FALSE(Has(f.nginx, "location ^~ \"/assets/\""));
  CHECK(Has(f.headers, "/assets/a.c9ab6b7fa2.css\n  Cache-Control: public, max-age=31536000, immutable\n"));
  CHECK(Has(f.nginx, "location = \"/assets/a.c9ab6b7fa2.css\" {\n  add_header Cache-Control "
                     "\"public, max-age=31536000, immutable\""));
  CHECK_FALSE(Has(f.headers, "/assets/a.css"));
  CHECK_FALSE(Has(f.nginx, "\"/assets/a.css\""));
}

TEST_CASE("headers: nginx include") {
  Files f = Make(true);
  const std::string imm = "add_header Cache-Control \"public, max-age=31536000, immutable\" always;";
  struct Row {
    const char* name;
    std::string needle;
    bool present;
  };
  const Row rows[] = {
      {"gzip_static", "gzip_static on;\ngzip_vary on;\n", true},
      {"brotli_static", "brotli_static on;", true},
      {"hashed directory", "location ^~ \"/assets/\" {\n  " + imm, true},
      {"hashed file", "location = \"/css/site.", true},
      {"pages revalidate", "location ~ \"\\.html$\" {\n  add_header Cache-Control \"no-cache\"", true},
      {"page with recorded headers", "location = \"/index.html\" {\n  add_header Cache-Control "
                                     "\"no-cache\" always;\n  types { }\n  default_type "
                                     "\"text/html; charset=iso-8859-1\";\n  add_header "
                                     "X-UA-Compatible \"IE=edge\" always;\n}", true},
      {"entry point", "location = \"/robots.txt\" {\n  add_header Cache-Control \"no-cache\"", true},
      {"type override", "location = \"/manifest.webmanifest\" {\n  add_header Cache-Control "
                        "\"no-cache\" always;\n  types { }\n  default_type "
                        "\"application/manifest+json\";", true},
      {"unhashed asset untouched", "unreferenced", false},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      INFO(f.nginx);
      CHECK(Has(f.nginx, row.needle) == row.present);
    }
  }
  SECTION("no siblings, no *_static") {
    Files g = Make(false);
    CHECK_FALSE(Has(g.nginx, "gzip_static"));
    CHECK_FALSE(Has(g.nginx, "brotli_static"));
  }
}

}  // namespace
}  // namespace pagebake::delivery
