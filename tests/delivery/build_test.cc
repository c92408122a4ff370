// cache-extend and sri through the whole pipeline on a small site in a temp dir: hashed names,
// every reference rewritten (checked by the link checker over the output), entry points keep
// their names, a change to one leaf changes exactly its referrer chain, collisions fail without
// touching the previous output, missing files warn and keep their URL, cycles terminate.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <map>
#include <regex>
#include <set>

#include "filters/core/hash.h"
#include "filters/delivery/link_check.h"
#include "tests/delivery/delivery_test_util.h"

namespace pagebake::delivery {
namespace {

using testing::TempDir;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8);

void MakeSite(const TempDir& t) {
  testing::WriteFile(
      t / "src/index.html",
      "<!doctype html><html><head><link rel=stylesheet href=css/site.css>\n"
      "<meta property=og:image content=/img/logo.png>\n"
      "<link rel=preload as=image href=img/hero.png>\n"
      "<script src=js/app.js></script></head><body>\n"
      "<img src=img/logo.png srcset=\"img/logo.png 1x, img/big.png 2x\">\n"
      "<img src=img/missing.png>\n"
      "<a href=about.html>about</a> <a href=robots.txt>robots</a>\n"
      "<div style=\"background:url(img/hero.png)\"></div></body></html>\n");
  testing::WriteFile(t / "src/about.html",
                     "<link rel=stylesheet href=/css/site.css><script src=/js/app.js></script>"
                     "<a href=./>home</a>\n");
  testing::WriteFile(t / "src/css/site.css",
                     "@import \"base.css\";\nbody { background: url(../img/bg.png) }\n");
  testing::WriteFile(t / "src/css/base.css", "h1 { background: url('../img/logo.png') }\n");
  testing::WriteFile(t / "src/js/app.js", "console.log('app');\n");
  for (const char* img : {"logo", "bg", "big", "hero", "unused"})
    testing::WriteFile(t / ("src/img/" + std::string(img) + ".png"), kPng + img);
  testing::WriteFile(t / "src/robots.txt", "User-agent: *\n");
}

Options Opts(const TempDir& t, const std::string& out, std::vector<std::string> enable) {
  Options o;
  o.source_dir = t / "src";
  o.output_dir = t / out;
  o.level = Level::kPassthrough;
  o.enable = std::move(enable);
  o.jobs = testing::TestJobs(2);
  return o;
}

// source path -> output path, from the build's report.
std::map<std::string, std::string> Names(const BuildResult& r) {
  std::map<std::string, std::string> m;
  for (const OutputFile& o : r.report.outputs) m[o.source] = o.path;
  return m;
}

std::string Hash10(const std::string& bytes) { return Sha256Hex(bytes).substr(0, 10); }

TEST_CASE("cache-extend: hashed names, references rewritten, entry points kept") {
  TempDir t;
  MakeSite(t);
  auto run = testing::RunPipeline(Opts(t, "out", {"cache-extend"}));
  REQUIRE(run.status.ok());
  auto names = Names(run.result);

  SECTION("referenced static files get the hash of their final bytes") {
    for (const char* src : {"css/site.css", "css/base.css", "js/app.js", "img/logo.png",
                            "img/bg.png", "img/big.png", "img/hero.png"}) {
      CAPTURE(src);
      const std::string& out = names[src];
      std::string bytes = testing::ReadFile(t / ("out/" + out));
      REQUIRE(!bytes.empty());
      std::string stem = std::string(src).substr(0, std::string(src).rfind('.'));
      std::string ext = std::string(src).substr(std::string(src).rfind('.'));
      CHECK(out == stem + "." + Hash10(bytes) + ext);
      // The original name is kept too (runtime-built URLs, outside links): the same inode.
      struct stat hashed_st, kept_st;
      REQUIRE(::stat((t / ("out/" + out)).c_str(), &hashed_st) == 0);
      REQUIRE(::stat((t / ("out/" + std::string(src))).c_str(), &kept_st) == 0);
      CHECK(hashed_st.st_ino == kept_st.st_ino);
    }
  }
  SECTION("the manifest says where the original name was kept, headers never call it immutable") {
    std::string manifest = testing::ReadFile(t / "out/pagebake-manifest.json");
    CHECK(manifest.find("\"also_at\": \"css/site.css\"") != std::string::npos);
  }
  SECTION("entry points and unreferenced files keep their names") {
    for (const char* src : {"index.html", "about.html", "robots.txt", "img/unused.png"}) {
      CAPTURE(src);
      CHECK(names[src] == src);
      CHECK(testing::Exists(t / ("out/" + std::string(src))));
    }
  }
  SECTION("every reference resolves in the output, except the one missing in the source") {
    std::vector<Diagnostic> problems;
    REQUIRE(CheckLinks(t / "out", &problems).ok());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == "index.html");
    CHECK(problems[0].message.find("'img/missing.png'") != std::string::npos);
    // ... which the build reported as a warning naming the page and line, URL kept.
    bool warned = false;
    for (const Diagnostic& d : run.diagnostics)
      warned |= d.severity == Severity::kWarning && d.path == "index.html" && d.line == 6 &&
                d.message.find("img/missing.png") != std::string::npos;
    CHECK(warned);
  }
  SECTION("og:image, srcset, preload and style=\"\" were rewritten") {
    std::string page = testing::ReadFile(t / "out/index.html");
    INFO(page);
    CHECK(page.find(names["img/big.png"] + " 2x") != std::string::npos);
    CHECK(page.find(names["img/logo.png"] + ">\n") != std::string::npos);  // og:image content
    CHECK(page.find("href=" + names["img/hero.png"]) != std::string::npos);
    CHECK(page.find("url(" + names["img/hero.png"] + ")") != std::string::npos);
    CHECK(page.find("img/logo.png") == std::string::npos);
  }
  SECTION("a stylesheet's hash covers its images' hashed names") {
    std::string base = testing::ReadFile(t / ("out/" + names["css/base.css"]));
    CHECK(base.find(names["img/logo.png"].substr(4)) != std::string::npos);
    std::string site = testing::ReadFile(t / ("out/" + names["css/site.css"]));
    CHECK(site.find(names["css/base.css"].substr(4)) != std::string::npos);
  }
}

TEST_CASE("cache-extend: keep_original_names false writes only hashed names") {
  TempDir t;
  MakeSite(t);
  Options o = Opts(t, "out", {"cache-extend", "headers", "precompress-br"});
  o.delivery.keep_original_names = false;
  auto run = testing::RunPipeline(o);
  REQUIRE(run.status.ok());
  auto names = Names(run.result);
  CHECK(names["css/site.css"] != "css/site.css");
  CHECK(testing::Exists(t / ("out/" + names["css/site.css"])));
  CHECK_FALSE(testing::Exists(t / "out/css/site.css"));
  CHECK_FALSE(testing::Exists(t / "out/css/site.css.br"));
}

TEST_CASE("cache-extend: kept original names get siblings and no immutable caching") {
  TempDir t;
  MakeSite(t);
  testing::WriteFile(t / "src/css/site.css", testing::ReadFile(t / "src/css/site.css") +
                                                 std::string(4000, ' ') + ".pad{color:red}\n");
  auto run = testing::RunPipeline(Opts(t, "out", {"cache-extend", "headers", "precompress-br"}));
  REQUIRE(run.status.ok());
  auto names = Names(run.result);
  const std::string hashed = names["css/site.css"];
  REQUIRE(testing::Exists(t / ("out/" + hashed + ".br")));
  CHECK(testing::ReadFile(t / "out/css/site.css.br") ==
        testing::ReadFile(t / ("out/" + hashed + ".br")));
  const std::string headers = testing::ReadFile(t / "out/_headers");
  INFO(headers);
  // The hashed name is immutable; the kept name is not (its content changes across builds), so
  // css/ is no longer a directory of hashed files only.
  CHECK(headers.find("/css/*") == std::string::npos);
  CHECK(headers.find("/css/site.css\n") == std::string::npos);
  size_t at = headers.find("/" + hashed + "\n");
  REQUIRE(at != std::string::npos);
  const size_t line = headers.find('\n', at) + 1;
  CHECK(headers.substr(line, headers.find('\n', line) - line).find("immutable") !=
        std::string::npos);
}

TEST_CASE("cache-extend: rewritten URLs keep the form the author wrote") {
  // A root-relative URL must stay root-relative: a page served at another path (pretty URLs,
  // fragments loaded by AJAX) resolves relative URLs differently — pagespeed's trim_urls broke
  // pages exactly so. And og:image is read by crawlers that do not resolve relative URLs.
  TempDir t;
  MakeSite(t);
  auto run = testing::RunPipeline(Opts(t, "out", {"cache-extend"}));
  REQUIRE(run.status.ok());
  auto names = Names(run.result);
  std::string index = testing::ReadFile(t / "out/index.html");
  std::string about = testing::ReadFile(t / "out/about.html");
  INFO(index << about);
  CHECK(index.find("content=/" + names["img/logo.png"]) != std::string::npos);
  CHECK(about.find("href=/" + names["css/site.css"]) != std::string::npos);
  CHECK(about.find("src=/" + names["js/app.js"]) != std::string::npos);
  CHECK(index.find("href=" + names["css/site.css"]) != std::string::npos);  // relative stays so
}

TEST_CASE("cache-extend: fonts, SVG and other leaves get hashed names too") {
  TempDir t;
  testing::WriteFile(t / "src/index.html",
                     "<link rel=stylesheet href=css/a.css><img src=img/logo.svg>"
                     "<a href=doc/manual.pdf>manual</a>");
  testing::WriteFile(t / "src/css/a.css",
                     "@font-face{font-family:x;src:url(../fonts/x.woff2) format('woff2')}");
  testing::WriteFile(t / "src/fonts/x.woff2", "wOF2 font bytes");
  testing::WriteFile(t / "src/img/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
  testing::WriteFile(t / "src/doc/manual.pdf", "%PDF-1.4 bytes");
  auto run = testing::RunPipeline(Opts(t, "out", {"cache-extend"}));
  REQUIRE(run.status.ok());
  auto names = Names(run.result);
  for (const char* src : {"fonts/x.woff2", "img/logo.svg", "doc/manual.pdf", "css/a.css"}) {
    CAPTURE(src);
    CHECK(names[src] != src);
  }
  std::vector<Diagnostic> problems;
  REQUIRE(CheckLinks(t / "out", &problems).ok());
  CHECK(problems.empty());
}

TEST_CASE("cache-extend: one changed leaf changes exactly its referrer chain") {
  struct Row {
    const char* name;
    const char* leaf;
    std::set<std::string> changed;  // sources whose output name must change
  };
  const Row rows[] = {
      {"bg.png: site.css", "img/bg.png", {"img/bg.png", "css/site.css"}},
      {"logo.png: base.css, then site.css through @import", "img/logo.png",
       {"img/logo.png", "css/base.css", "css/site.css"}},
      {"app.js: itself", "js/app.js", {"js/app.js"}},
      {"unused.png: nothing (it keeps its name)", "img/unused.png", {}},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      TempDir t;
      MakeSite(t);
      auto before = testing::RunPipeline(Opts(t, "out1", {"cache-extend"}));
      REQUIRE(before.status.ok());
      std::string path = t / ("src/" + std::string(row.leaf));
      testing::WriteFile(path, testing::ReadFile(path) + "changed");
      auto after = testing::RunPipeline(Opts(t, "out2", {"cache-extend"}));
      REQUIRE(after.status.ok());
      auto a = Names(before.result), b = Names(after.result);
      REQUIRE(a.size() == b.size());
      std::set<std::string> changed;
      for (auto& [src, out] : a)
        if (b[src] != out) changed.insert(src);
      CHECK(changed == row.changed);
    }
  }
}

TEST_CASE("cache-extend: a hashed name colliding with a file fails, previous output intact") {
  TempDir t;
  MakeSite(t);
  auto first = testing::RunPipeline(Opts(t, "out", {"cache-extend"}));
  REQUIRE(first.status.ok());
  std::string hashed = Names(first.result)["js/app.js"];
  std::string before = testing::ReadFile(t / "out/index.html");
  // A source file already named like app.js's hashed name (unreferenced: it keeps that name).
  testing::WriteFile(t / ("src/" + hashed), "something else");
  auto second = testing::RunPipeline(Opts(t, "out", {"cache-extend"}));
  CHECK_FALSE(second.status.ok());
  CHECK(second.status.message().find(hashed) != std::string::npos);
  CHECK(testing::ReadFile(t / "out/index.html") == before);
  CHECK(testing::ReadFile(t / ("out/" + hashed)) == "console.log('app');\n");
}

TEST_CASE("cache-extend: an @import cycle is reported and the build completes") {
  TempDir t;
  testing::WriteFile(t / "src/index.html", "<link rel=stylesheet href=a.css>");
  testing::WriteFile(t / "src/a.css", "@import 'b.css'; a{}");
  testing::WriteFile(t / "src/b.css", "@import 'a.css'; b{}");
  auto run = testing::RunPipeline(Opts(t, "out", {"cache-extend"}));
  REQUIRE(run.status.ok());
  bool cycle = false;
  for (const Diagnostic& d : run.diagnostics)
    cycle |= d.message.find("cycle") != std::string::npos;
  CHECK(cycle);
  auto names = Names(run.result);
  CHECK(names["a.css"] != "a.css");
  std::string page = testing::ReadFile(t / "out/index.html");
  CHECK(page.find(names["a.css"]) != std::string::npos);
}

TEST_CASE("cache-extend: output independent of the thread count") {
  TempDir t;
  MakeSite(t);
  Options o1 = Opts(t, "out1", {"cache-extend", "sri"});
  o1.jobs = 1;
  Options o4 = Opts(t, "out4", {"cache-extend", "sri"});
  o4.jobs = 4;
  auto r1 = testing::RunPipeline(o1);
  auto r4 = testing::RunPipeline(o4);
  REQUIRE(r1.status.ok());
  REQUIRE(r4.status.ok());
  REQUIRE(r1.result.report.outputs.size() == r4.result.report.outputs.size());
  for (const OutputFile& f : r1.result.report.outputs) {
    CAPTURE(f.path);
    CHECK(testing::ReadFile(t / ("out1/" + f.path)) == testing::ReadFile(t / ("out4/" + f.path)));
  }
}

TEST_CASE("sri: every integrity in the output matches openssl's digest of the served file") {
  TempDir t;
  MakeSite(t);
  auto run = testing::RunPipeline(Opts(t, "out", {"cache-extend", "sri"}));
  REQUIRE(run.status.ok());
  const std::regex attr(R"re((?:src|href)="?([^" >]+)"?[^>]*?\sintegrity="([^"]+)")re");
  int checked = 0;
  for (const char* page : {"index.html", "about.html"}) {
    std::string html = testing::ReadFile(t / ("out/" + std::string(page)));
    for (std::sregex_iterator it(html.begin(), html.end(), attr), end; it != end; ++it) {
      std::string url = (*it)[1];
      if (!url.empty() && url[0] == '/') url = url.substr(1);
      CAPTURE(page, url);
      auto want = testing::OpensslSri(t / ("out/" + url));
      REQUIRE(want);
      CHECK((*it)[2] == *want);
      ++checked;
    }
  }
  CHECK(checked == 4);  // index: css + js; about: css + js
}

}  // namespace
}  // namespace pagebake::delivery
