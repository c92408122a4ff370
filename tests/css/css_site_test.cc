// css-combine and css-outline through pagebake::Build on a temporary site: the generated files
// are written, and every local reference of every output page and sheet resolves to a file of
// the output.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "filters/core/url.h"
#include "filters/css/css_urls.h"
#include "filters/html/document.h"
#include "pagebake/pagebake.h"
#include "tests/core/test_util.h"
#include "tests/text/source_map_judge.h"

namespace pagebake::css {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Rules that survive minification: at the core level css-minify runs first, and css-inline
// would take back any sheet under its 2048 bytes.
std::string Rules(const char* prefix, int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "." + std::string(prefix) + std::to_string(i) + " { margin-left: " + std::to_string(i) +
           "px }\n";
  return out;
}

void MakeSite(const TempDir& t) {
  const std::string big_style = Rules("s", 200);
  testing::WriteFile(t / "src/index.html",
                     "<!doctype html><html><head>\n"
                     "<link rel=stylesheet href=css/base.css>\n"
                     "<link rel=stylesheet href=theme/theme.css>\n"
                     "<style>.hero{background:url(img/hero.png)}" + big_style + "</style>\n"
                     "</head><body><p>home <a href=docs/>docs</a></body></html>\n");
  testing::WriteFile(t / "src/docs/index.html",
                     "<!doctype html><html><head>\n"
                     "<link rel=stylesheet href=../css/base.css>\n"
                     "<link rel=stylesheet href=../theme/theme.css>\n"
                     "<style>.doc{background:url(../img/hero.png)}" + big_style + "</style>\n"
                     "</head><body><p>docs</body></html>\n");
  testing::WriteFile(t / "src/css/base.css",
                     "body { background: url(../img/bg.png) }\n" + Rules("b", 200));
  testing::WriteFile(t / "src/theme/theme.css",
                     "@font-face { font-family: x; src: url(fonts/x.woff2) }\n"
                     ".t { background: url('../img/hero.png') }\n");
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "not really";
  testing::WriteFile(t / "src/img/bg.png", png);
  testing::WriteFile(t / "src/img/hero.png", png + "2");
  testing::WriteFile(t / "src/theme/fonts/x.woff2", "wOF2");
}

std::vector<std::string> Files(const std::string& dir, const std::string& ext) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ext)
      out.push_back(fs::relative(e.path(), dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

// Every local URL of the output's pages and sheets names an output file.
void CheckReferencesResolve(const std::string& out) {
  auto check = [&](const std::string& from, const std::string& url) {
    ResolvedUrl r = ResolveUrl(from, url);
    if (r.kind != UrlKind::kLocal) return;
    std::string path = r.path;
    if (r.directory) path += path.empty() ? "index.html" : "/index.html";
    INFO(from << " -> " << url);
    CHECK(testing::Exists(out + "/" + path));
  };
  for (const std::string& page : Files(out, ".html")) {
    auto doc = html::Document::Parse(testing::ReadFile(out + "/" + page));
    for (const html::UrlRef& ref : html::CollectUrls(*doc)) check(page, ref.url);
  }
  for (const std::string& sheet : Files(out, ".css"))
    for (const CssUrl& u : CollectCssUrls(testing::ReadFile(out + "/" + sheet))) check(sheet, u.url);
}

TEST_CASE("css-combine and css-outline end to end", "[css][site]") {
  struct Case {
    const char* name;
    Level level;
  } cases[] = {{"alone", Level::kPassthrough}, {"with the core level (renamed files)", Level::kCore}};
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) {
      TempDir t;
      MakeSite(t);
      Options o;
      o.source_dir = t / "src";
      o.output_dir = t / "out";
      o.level = c.level;
      o.enable = {"css-combine", "css-outline"};
      o.jobs = 2;
      BuildResult result;
      REQUIRE(Build(o, &result).ok());
      const std::string out = t / "out";
      const std::string index = testing::ReadFile(out + "/index.html");
      const std::string docs = testing::ReadFile(out + "/docs/index.html");
      std::smatch m;
      // One combined sheet shared by both pages, one outlined sheet per page directory.
      REQUIRE(std::regex_search(index, m, std::regex(R"(href=(css/combined\.[0-9a-f]{10}\.css))")));
      const std::string combined = m[1].str();
      CHECK(docs.find("href=../" + combined) != std::string::npos);
      CHECK(index.find("theme.css") == std::string::npos);
      CHECK(std::regex_search(index, std::regex(R"(href="style\.[0-9a-f]{10}\.css")")));
      CHECK(std::regex_search(docs, std::regex(R"(href="style\.[0-9a-f]{10}\.css")")));
      CHECK(index.find("<style") == std::string::npos);
      const std::string sheet = testing::ReadFile(out + "/" + combined);
      CHECK(sheet.find("body") < sheet.find("@font-face"));
      CheckReferencesResolve(out);
    }
  }
}

// --source-maps at the core level: the sheet's url() targets get hashed names after css-minify
// wrote the map (the pipeline moves its pairs), and the sheet itself is renamed. The comment in
// the output sheet names a map that exists, and that map still points every mapping at the same
// text of the source sheet.
TEST_CASE("css source maps survive renamed url() targets", "[css][site][sourcemap]") {
  TempDir t;
  MakeSite(t);
  Options o;
  o.source_dir = t / "src";
  o.output_dir = t / "out";
  o.level = Level::kCore;
  o.disable = {"css-inline"};  // keep base.css external
  o.css.source_maps = true;
  o.jobs = 2;
  BuildResult result;
  REQUIRE(Build(o, &result).ok());
  const std::string out = t / "out";
  std::string sheet_path;
  for (const std::string& f : Files(out + "/css", ".css"))
    if (f.rfind("base.", 0) == 0 && f != "base.css") sheet_path = "css/" + f;
  REQUIRE(!sheet_path.empty());  // renamed by cache-extend (base.css stays as a second name)
  const std::string sheet = testing::ReadFile(out + "/" + sheet_path);
  std::smatch m;
  REQUIRE(std::regex_search(sheet, m, std::regex(R"(url\((\.\./img/bg\.[0-9a-f]+\.png)\))")));
  REQUIRE(std::regex_search(sheet, m, std::regex(R"(/\*# sourceMappingURL=(\S+) \*/$)")));
  const std::string map_path = "css/" + m[1].str();
  REQUIRE(testing::Exists(out + "/" + map_path));
  const std::string source = testing::ReadFile(t / "src/css/base.css");
  size_t n = testing::CheckMappingsPointAtSameText(testing::ReadFile(out + "/" + map_path), sheet,
                                                   source, /*fold_case=*/true);
  CHECK(n >= 400);  // 200 rules of 1 declaration, and the body rule
  CheckReferencesResolve(out);
}

}  // namespace
}  // namespace pagebake::css
