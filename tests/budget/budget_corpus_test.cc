// Budgets over real inputs (fetched by tests/budget/fetch_data.sh): swagger-ui's distribution
// built with pagebake (passthrough, so the bytes are the package's own) and checked with a
// Lighthouse budget whose every number is recomputed here from the files on disk; and the
// stylesheet reference scan against Font Awesome's all.css, judged by an independent regex.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "filters/budget/site_measure.h"
#include "pagebake/budget.h"
#include "pagebake/pagebake.h"

namespace pagebake {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path Data(const std::string& rel) {
  fs::path p = fs::path(PAGEBAKE_TEST_DATA) / rel;
  INFO("missing test data " << p << ": run tests/fetch_test_data.sh");
  REQUIRE(fs::exists(p));
  return p;
}

const BudgetCheck* Find(const BudgetResult& r, const std::string& id) {
  for (const BudgetCheck& c : r.checks)
    if (c.id == id) return &c;
  return nullptr;
}

TEST_CASE("swagger-ui-dist: Lighthouse budget numbers equal the files on disk") {
  const fs::path pkg = Data("npm/swagger-ui-dist@5.17.14");
  const fs::path work = fs::path(PAGEBAKE_BINARY_DIR) / "budget-corpus" / "swagger";
  fs::remove_all(work);
  fs::create_directories(work / "src");
  for (const auto& e : fs::directory_iterator(pkg))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.')
      fs::copy_file(e.path(), work / "src" / e.path().filename());

  Options o;
  o.source_dir = (work / "src").string();
  o.output_dir = (work / "out").string();
  o.level = Level::kPassthrough;
  o.jobs = 1;
  BuildResult built;
  Status s = Build(o, &built);
  INFO(s.ToString());
  REQUIRE(s.ok());

  // What index.html requests, by Lighthouse type, from the package's own index.html.
  const std::vector<std::string> scripts = {"swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                                            "swagger-initializer.js"};
  const std::vector<std::string> sheets = {"swagger-ui.css", "index.css"};
  const std::vector<std::string> images = {"favicon-32x32.png", "favicon-16x16.png"};
  auto raw = [&](const std::vector<std::string>& files) {
    int64_t n = 0;
    for (const std::string& f : files) n += static_cast<int64_t>(fs::file_size(work / "out" / f));
    return n;
  };
  const int64_t script_bytes = raw(scripts);
  const int64_t total = script_bytes + raw(sheets) + raw(images) + raw({"index.html"});

  std::ofstream(work / "budget.json") << R"([
    {"path": "/", "resourceSizes": [{"resourceType": "script", "budget": 1}],
     "timings": [{"metric": "largest-contentful-paint", "budget": 2500}]},
    {"path": "/index.html",
     "resourceSizes": [{"resourceType": "total", "budget": )"
                                      << (total / 1024 + 1) << R"(},
                       {"resourceType": "script", "budget": )"
                                      << (script_bytes / 1024) << R"(}],
     "resourceCounts": [{"resourceType": "script", "budget": 3}, {"resourceType": "stylesheet", "budget": 2},
                        {"resourceType": "image", "budget": 2}, {"resourceType": "document", "budget": 1},
                        {"resourceType": "total", "budget": 8}]}
  ])";
  BudgetOptions bo;
  bo.encoding = Encoding::kRaw;
  BudgetResult r;
  s = EvaluateBudgetFile((work / "budget.json").string(), (work / "out").string(), bo, &r);
  INFO(s.ToString());
  REQUIRE(s.ok());
  INFO(BudgetResultToTable(r, false));

  const BudgetCheck* t = Find(r, "lighthouse[1].resourceSizes[0].budget:index.html");
  REQUIRE(t);
  CHECK(t->measured == total);
  CHECK(t->status == CheckStatus::kPass);
  const BudgetCheck* js = Find(r, "lighthouse[1].resourceSizes[1].budget:index.html");
  REQUIRE(js);
  CHECK(js->measured == script_bytes);
  CHECK(js->status == CheckStatus::kFail);  // the limit is script_bytes rounded down to KiB
  for (const char* id : {"lighthouse[1].resourceCounts[0].budget:index.html",
                         "lighthouse[1].resourceCounts[1].budget:index.html",
                         "lighthouse[1].resourceCounts[2].budget:index.html",
                         "lighthouse[1].resourceCounts[3].budget:index.html",
                         "lighthouse[1].resourceCounts[4].budget:index.html"}) {
    const BudgetCheck* c = Find(r, id);
    REQUIRE(c);
    CHECK(c->status == CheckStatus::kPass);
    CHECK(c->measured == c->limit);  // exactly as many requests as index.html makes
  }
  // The "/" budget matched index.html too, but the later "/index.html" one wins for it.
  CHECK_FALSE(Find(r, "lighthouse[0].resourceSizes[0].budget:index.html"));
  CHECK(r.ExitCode() == 1);

  // br: every compressible request is smaller than raw, images count raw.
  bo.encoding = Encoding::kBrotli;
  BudgetResult br;
  REQUIRE(EvaluateBudgetFile((work / "budget.json").string(), (work / "out").string(), bo, &br).ok());
  const BudgetCheck* tb = Find(br, "lighthouse[1].resourceSizes[0].budget:index.html");
  REQUIRE(tb);
  CHECK(*tb->measured < total / 3);
  CHECK(*tb->measured > raw(images));
}

TEST_CASE("Font Awesome all.css: every url() found, none invented") {
  const fs::path css_path = Data("npm/@fortawesome/fontawesome-free@6.5.2/css/all.css");
  const std::string css = ReadAll(css_path);
  // Independent judge: a regex over the sheet with comments removed.
  const std::string no_comments = std::regex_replace(css, std::regex(R"(/\*[\s\S]*?\*/)"), "");
  std::multiset<std::string> want;
  const std::regex url(R"(url\(\s*['"]?([^'")\s]+)['"]?\s*\))", std::regex::icase);
  for (auto it = std::sregex_iterator(no_comments.begin(), no_comments.end(), url);
       it != std::sregex_iterator(); ++it)
    want.insert((*it)[1].str());
  const std::vector<std::string> got_list = budget::CssReferences(css);
  const std::multiset<std::string> got(got_list.begin(), got_list.end());
  CHECK(want.size() > 10);
  CHECK(got == want);
  for (const std::string& u : got) CHECK_THAT(u, Catch::StartsWith("../webfonts/"));
}

}  // namespace
}  // namespace pagebake
