// The evaluator over a fixture output with known sizes: each budget type passing and failing,
// rules that match nothing, baselines, Lighthouse budgets, encodings.
#include <catch2/catch.hpp>

#include "tests/budget/budget_fixture.h"

namespace pagebake::budget {
namespace {

using testing::Evaluate;
using testing::Fixture;
using testing::Run;

int64_t Raw(const Fixture& f, const std::string& path) {
  return static_cast<int64_t>(f.files.at(path).bytes.size());
}

// index.html and everything it requests, transitively through its stylesheet.
int64_t IndexWeightRaw(const Fixture& f) {
  int64_t sum = 0;
  for (const char* p : {"index.html", "css/app.3f9a.css", "js/app.js", "img/logo.png", "css/more.css",
                        "img/bg.png", "fonts/a.woff2"})
    sum += Raw(f, p);
  return sum;
}

std::string Bytes(int64_t n) { return "\"" + std::to_string(n) + " B\""; }

TEST_CASE("file-size rules, each and sum, pass and fail") {
  const Fixture site = Fixture::Default();
  const int64_t js = Raw(site, "js/app.js") + Raw(site, "js/blog.js");
  struct R {
    const char* name;
    std::string budget;
    std::string check_id;
    CheckStatus want;
    int64_t want_measured;
  };
  const R rows[] = {
      {"each passes at the limit",
       R"({"files": [{"glob": "js/*.js", "aggregate": "each", "encoding": "raw", "max": )" +
           Bytes(Raw(site, "js/app.js")) + "}]}",
       "files[0].max:js/app.js", CheckStatus::kPass, Raw(site, "js/app.js")},
      {"each fails one byte over",
       R"({"files": [{"glob": "js/*.js", "aggregate": "each", "encoding": "raw", "max": )" +
           Bytes(Raw(site, "js/app.js") - 1) + "}]}",
       "files[0].max:js/app.js", CheckStatus::kFail, Raw(site, "js/app.js")},
      {"sum passes", R"({"files": [{"glob": "**/*.js", "aggregate": "sum", "encoding": "raw", "max": )" +
                         Bytes(js) + "}]}",
       "files[0].max:**/*.js", CheckStatus::kPass, js},
      {"sum fails", R"({"files": [{"glob": "**/*.js", "aggregate": "sum", "encoding": "raw", "max": )" +
                        Bytes(js - 1) + "}]}",
       "files[0].max:**/*.js", CheckStatus::kFail, js},
      {"warn level warns",
       R"({"level": "warn", "files": [{"glob": "**/*.js", "aggregate": "sum", "encoding": "raw", "max": "1 B"}]})",
       "files[0].max:**/*.js", CheckStatus::kWarn, js},
      {"source path matches a hashed output",
       R"({"files": [{"glob": "css/app.css", "aggregate": "each", "encoding": "raw", "max": "1 MB"}]})",
       "files[0].max:css/app.css", CheckStatus::kPass, Raw(site, "css/app.3f9a.css")},
      {"br uses the .br sibling",
       R"({"files": [{"glob": "js/app.js", "aggregate": "each", "max": "700 B"}]})",
       "files[0].max:js/app.js", CheckStatus::kPass, 700},
      {"images are never compressed",
       R"({"files": [{"glob": "img/logo.png", "aggregate": "each", "encoding": "br", "max": "1 MB"}]})",
       "files[0].max:img/logo.png", CheckStatus::kPass, Raw(site, "img/logo.png")},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Run run = Evaluate(r.budget, site);
      INFO(run.status.ToString());
      REQUIRE(run.status.ok());
      const BudgetCheck* c = run.Find(r.check_id);
      REQUIRE(c);
      CHECK(c->status == r.want);
      CHECK(c->measured == r.want_measured);
      CHECK(run.result.ExitCode() == (r.want == CheckStatus::kFail ? 1 : 0));
    }
  }
}

TEST_CASE("compressed sizes are computed when there is no sibling") {
  const Fixture site = Fixture::Default();
  Run br = Evaluate(R"({"files": [{"glob": "js/blog.js", "aggregate": "each", "max": "1 MB"}]})", site);
  Run gz = Evaluate(R"({"files": [{"glob": "js/blog.js", "aggregate": "each", "max": "1 MB"}]})", site,
                    nullptr, nullptr, nullptr, Encoding::kGzip);
  REQUIRE(br.status.ok());
  REQUIRE(gz.status.ok());
  const std::string& bytes = site.files.at("js/blog.js").bytes;
  CHECK(br.result.checks.at(0).measured == static_cast<int64_t>(BrotliSize(bytes)));
  CHECK(gz.result.checks.at(0).measured == static_cast<int64_t>(GzipSize(bytes)));
  CHECK(br.result.checks.at(0).encoding == "br");
  CHECK(gz.result.checks.at(0).encoding == "gzip");
  CHECK(*br.result.checks.at(0).measured < *gz.result.checks.at(0).measured);
  CHECK(*gz.result.checks.at(0).measured < Raw(site, "js/blog.js"));
}

TEST_CASE("a rule that matches nothing fails instead of passing") {
  const Fixture site = Fixture::Default();
  struct R { const char* name; const char* budget; CheckStatus want; };
  const R rows[] = {
      {"file glob typo", R"({"files": [{"glob": "**/*.jss", "aggregate": "sum", "max": "1 MB"}]})",
       CheckStatus::kFail},
      {"page glob typo", R"({"pages": [{"glob": "blgo/**", "max_weight": "1 MB"}]})", CheckStatus::kFail},
      {"warn-level typo warns", R"({"pages": [{"glob": "x", "max_requests": 3, "level": "warn"}]})",
       CheckStatus::kWarn},
      {"lighthouse path matching no page",
       R"([{"path": "/nope", "resourceSizes": [{"resourceType": "total", "budget": 1000}]}])",
       CheckStatus::kFail},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Run run = Evaluate(r.budget, site);
      REQUIRE(run.status.ok());
      REQUIRE(run.result.checks.size() == 1);
      CHECK(run.result.checks[0].status == r.want);
      CHECK_THAT(run.result.checks[0].message, Catch::Contains("matches no"));
    }
  }
}

TEST_CASE("page weight and requests count what the page's stylesheets load") {
  const Fixture site = Fixture::Default();
  const int64_t weight = IndexWeightRaw(site);
  struct R { const char* name; std::string budget; const char* id; CheckStatus want; int64_t measured; };
  const R rows[] = {
      {"weight at limit", R"({"pages": [{"glob": "index.html", "encoding": "raw", "max_weight": )" +
                              Bytes(weight) + "}]}",
       "pages[0].max_weight:index.html", CheckStatus::kPass, weight},
      {"weight over", R"({"pages": [{"glob": "index.html", "encoding": "raw", "max_weight": )" +
                          Bytes(weight - 1) + "}]}",
       "pages[0].max_weight:index.html", CheckStatus::kFail, weight},
      {"requests at limit", R"({"pages": [{"glob": "index.html", "max_requests": 7}]})",
       "pages[0].max_requests:index.html", CheckStatus::kPass, 7},
      {"requests over", R"({"pages": [{"glob": "index.html", "max_requests": 6}]})",
       "pages[0].max_requests:index.html", CheckStatus::kFail, 7},
      {"blog page", R"({"pages": [{"glob": "blog/**", "max_requests": 6}]})",
       "pages[0].max_requests:blog/index.html", CheckStatus::kPass, 6},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Run run = Evaluate(r.budget, site);
      REQUIRE(run.status.ok());
      const BudgetCheck* c = run.Find(r.id);
      REQUIRE(c);
      CHECK(c->status == r.want);
      CHECK(c->measured == r.measured);
    }
  }
}

TEST_CASE("third-party requests count when the manifest records them") {
  Fixture site = Fixture::Default();
  Run without = Evaluate(R"({"pages": [{"glob": "index.html", "max_requests": 7}]})", site);
  REQUIRE(without.status.ok());
  CHECK(without.result.checks[0].measured == 7);
  CHECK_THAT(without.result.checks[0].message, Catch::Contains("third-party requests not counted"));
  site.third_party = {{"index.html", {{{"url", "https://cdn.example/x.js"}, {"type", "js"}}}}};
  Run with = Evaluate(R"({"pages": [{"glob": "index.html", "max_requests": 7}]})", site);
  REQUIRE(with.status.ok());
  CHECK(with.result.checks[0].measured == 8);
  CHECK(with.result.checks[0].status == CheckStatus::kFail);
}

TEST_CASE("Lighthouse budgets: last matching path wins, KiB, types, skips") {
  const Fixture site = Fixture::Default();
  // Every page matches "/*"; "/blog" overrides it for blog/index.html (served at /blog/).
  const std::string budget = R"([
    {"path": "/*",
     "resourceSizes": [{"resourceType": "font", "budget": 29}, {"resourceType": "image", "budget": 100}],
     "resourceCounts": [{"resourceType": "stylesheet", "budget": 2}, {"resourceType": "third-party", "budget": 0}],
     "timings": [{"metric": "interactive", "budget": 3000}]},
    {"path": "/blog", "resourceCounts": [{"resourceType": "total", "budget": 5}]}
  ])";
  Run run = Evaluate(budget, site);
  REQUIRE(run.status.ok());
  CHECK(run.result.format == "lighthouse");
  // 30000 B of font > 29 KiB = 29696 B.
  const BudgetCheck* font = run.Find("lighthouse[0].resourceSizes[0].budget:index.html");
  REQUIRE(font);
  CHECK(font->measured == 30000);
  CHECK(font->limit == 29 * 1024);
  CHECK(font->status == CheckStatus::kFail);
  const BudgetCheck* image = run.Find("lighthouse[0].resourceSizes[1].budget:index.html");
  REQUIRE(image);
  CHECK(image->measured == Raw(site, "img/logo.png") + Raw(site, "img/bg.png"));
  CHECK(image->status == CheckStatus::kPass);
  const BudgetCheck* sheets = run.Find("lighthouse[0].resourceCounts[0].budget:index.html");
  REQUIRE(sheets);
  CHECK(sheets->measured == 2);  // app.css and the @imported more.css
  const BudgetCheck* third = run.Find("lighthouse[0].resourceCounts[1].budget:index.html");
  REQUIRE(third);
  CHECK(third->status == CheckStatus::kSkip);
  const BudgetCheck* tti = run.Find("lighthouse[0].timings[0]:index.html");
  REQUIRE(tti);
  CHECK(tti->status == CheckStatus::kSkip);
  CHECK_THAT(tti->message, Catch::Contains("not measurable at build time"));
  // The blog page got only the second budget: 6 requests > 5.
  CHECK_FALSE(run.Find("lighthouse[0].resourceSizes[0].budget:blog/index.html"));
  const BudgetCheck* blog = run.Find("lighthouse[1].resourceCounts[0].budget:blog/index.html");
  REQUIRE(blog);
  CHECK(blog->measured == 6);
  CHECK(blog->status == CheckStatus::kFail);
  CHECK(run.result.ExitCode() == 1);
}

TEST_CASE("Lighthouse documentation example against the fixture") {
  const Fixture site = Fixture::Default();
  Run run = Evaluate(R"([{"path": "/*",
      "timings": [{"metric": "interactive", "budget": 3000}, {"metric": "first-meaningful-paint", "budget": 1000}],
      "resourceSizes": [{"resourceType": "script", "budget": 125}, {"resourceType": "total", "budget": 300}],
      "resourceCounts": [{"resourceType": "third-party", "budget": 10}]}])",
                     site);
  REQUIRE(run.status.ok());
  // 2 pages x (2 timings skipped + 2 sizes + 1 third-party count skipped).
  CHECK(run.result.checks.size() == 10);
  CHECK(run.result.skipped == 6);
  CHECK(run.result.failed == 0);
  CHECK(run.result.passed == 4);
}

TEST_CASE("baselines: deltas and relative limits") {
  const Fixture base = Fixture::Default();
  Fixture grown = base;
  grown.files["js/blog.js"].bytes += std::string(900, 'k');  // +10%
  // cache-extend renamed the stylesheet: it is still the same source.
  grown.files["css/app.77aa.css"] = grown.files["css/app.3f9a.css"];
  grown.files.erase("css/app.3f9a.css");
  for (auto& [page, loads] : grown.pages)
    for (auto& l : loads)
      if (l == "css/app.3f9a.css") l = "css/app.77aa.css";
  grown.files["js/new.js"] = {"x", "js/new.js", ""};
  struct R { const char* name; const char* budget; const char* id; CheckStatus want; std::optional<int64_t> delta; };
  const R rows[] = {
      {"+5% fails on +10%", R"({"files": [{"glob": "js/blog.js", "aggregate": "each", "encoding": "raw", "max": "+5%"}]})",
       "files[0].max:js/blog.js", CheckStatus::kFail, 900},
      {"+10% passes on +10%", R"({"files": [{"glob": "js/blog.js", "aggregate": "each", "encoding": "raw", "max": "+10%"}]})",
       "files[0].max:js/blog.js", CheckStatus::kPass, 900},
      {"renamed file matched by source", R"({"files": [{"glob": "css/*.css", "aggregate": "each", "encoding": "raw", "max": "+0%"}]})",
       "files[0].max:css/app.css", CheckStatus::kPass, 0},
      {"new file passes with a note", R"({"files": [{"glob": "js/new.js", "aggregate": "each", "max": "+0%"}]})",
       "files[0].max:js/new.js", CheckStatus::kPass, std::nullopt},
      {"sum relative", R"({"files": [{"glob": "js/*.js", "aggregate": "sum", "encoding": "raw", "max": "+2%"}]})",
       "files[0].max:js/*.js", CheckStatus::kFail, 901},
      {"page weight relative", R"({"pages": [{"glob": "blog/index.html", "encoding": "raw", "max_weight": "+2%"}]})",
       "pages[0].max_weight:blog/index.html", CheckStatus::kPass, 900},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Run run = Evaluate(r.budget, grown, &base);
      REQUIRE(run.status.ok());
      const BudgetCheck* c = run.Find(r.id);
      REQUIRE(c);
      CHECK(c->status == r.want);
      if (r.delta) {
        REQUIRE(c->baseline);
        CHECK(*c->measured - *c->baseline == *r.delta);
      } else {
        CHECK_FALSE(c->baseline);
        CHECK_THAT(c->message, Catch::Contains("new since the baseline"));
      }
    }
  }
}

TEST_CASE("a report baseline that does not know what stylesheets load gives no page delta") {
  const Fixture site = Fixture::Default();
  Report base;  // outputs as a pagebake-report/1 lists them: loads for pages only
  for (const auto& [path, f] : site.files) {
    OutputFile o;
    o.path = path;
    o.source = f.source;
    o.bytes = f.bytes.size();
    if (site.pages.count(path)) o.loads = site.pages.at(path);
    base.outputs.push_back(o);
  }
  SiteMeasure from_report = SiteMeasure::FromReport(base);
  bool complete = true;
  CHECK(from_report.PageRequests("index.html", &complete).size() == 4);
  CHECK_FALSE(complete);
  // Evaluate against it through the same entry the CLI uses for report baselines.
  FakeEnv env;
  site.WriteTo(&env, "/out");
  BudgetSpec spec;
  REQUIRE(ParseBudgetSpec(R"({"pages": [{"glob": "index.html", "max_requests": "+0%"}]})", "b", &spec).ok());
  SiteMeasure now;
  REQUIRE(SiteMeasure::FromOutputDir(&env, "/out", &now).ok());
  EvalInputs in;
  in.spec = &spec;
  in.site = &now;
  in.baseline = &from_report;
  BudgetResult r;
  budget::Evaluate(in, &r);
  REQUIRE(r.checks.size() == 1);
  CHECK_FALSE(r.checks[0].baseline);
  CHECK(r.checks[0].status == CheckStatus::kFail);
  CHECK_THAT(r.checks[0].message, Catch::Contains("baseline did not record"));
}

TEST_CASE("a relative limit without a baseline fails, never passes") {
  Run run = Evaluate(R"({"files": [{"glob": "js/*.js", "aggregate": "sum", "max": "+5%"}]})",
                     Fixture::Default());
  REQUIRE(run.status.ok());
  REQUIRE(run.result.checks.size() == 1);
  CHECK(run.result.checks[0].status == CheckStatus::kFail);
  CHECK_THAT(run.result.checks[0].message, Catch::Contains("--baseline"));
}

Report CostReport(int64_t minify_wall_ns, std::optional<int64_t> syscalls) {
  Report r;
  ReportRow minify;
  minify.name = "css-minify";
  minify.kind = "filter";
  minify.cost.wall_ns = minify_wall_ns;
  minify.cost.read_bytes = 4000;
  minify.cost.syscr = 10;
  minify.cost.syscw = 5;
  minify.cost.syscalls = syscalls;
  ReportRow parse;
  parse.name = "parse";
  parse.kind = "stage";
  parse.cost.cpu_user_ns = 3'000'000;
  parse.cost.cpu_sys_ns = 1'000'000;
  r.rows = {minify, parse};
  r.process.write_bytes = 2'000'000;
  return r;
}

TEST_CASE("filter-cost rules") {
  const Fixture site = Fixture::Default();
  const Report report = CostReport(40'000'000, 120);
  const Report slower = CostReport(48'000'000, 120);
  const Report no_syscalls = CostReport(40'000'000, std::nullopt);
  struct R {
    const char* name;
    const char* budget;
    const Report* report;
    const Report* baseline;
    const char* id;
    CheckStatus want;
  };
  const R rows[] = {
      {"wall under", R"({"filters": [{"filter": "css-minify", "max_wall": "50 ms"}]})", &report, nullptr,
       "filters[0].max_wall:css-minify", CheckStatus::kPass},
      {"wall over", R"({"filters": [{"filter": "css-minify", "max_wall": "39.9 ms"}]})", &report, nullptr,
       "filters[0].max_wall:css-minify", CheckStatus::kFail},
      {"glob over filters", R"({"filters": [{"filter": "css-*", "max_read": "4 kB"}]})", &report, nullptr,
       "filters[0].max_read:css-minify", CheckStatus::kPass},
      {"bytes read over", R"({"filters": [{"filter": "css-minify", "max_read": "3999 B"}]})", &report, nullptr,
       "filters[0].max_read:css-minify", CheckStatus::kFail},
      {"io syscalls", R"({"filters": [{"filter": "css-minify", "max_io_syscalls": 14}]})", &report, nullptr,
       "filters[0].max_io_syscalls:css-minify", CheckStatus::kFail},
      {"syscalls", R"({"filters": [{"filter": "css-minify", "max_syscalls": 120}]})", &report, nullptr,
       "filters[0].max_syscalls:css-minify", CheckStatus::kPass},
      {"syscalls not counted: skipped", R"({"filters": [{"filter": "css-minify", "max_syscalls": 120}]})",
       &no_syscalls, nullptr, "filters[0].max_syscalls:css-minify", CheckStatus::kSkip},
      {"stage cpu", R"({"filters": [{"stage": "parse", "max_cpu": "3 ms"}]})", &report, nullptr,
       "filters[0].max_cpu:parse", CheckStatus::kFail},
      {"missing stage fails", R"({"filters": [{"stage": "parsee", "max_cpu": "3 ms"}]})", &report, nullptr,
       "filters[0].max_cpu:parsee", CheckStatus::kFail},
      {"filter that did not run is skipped", R"({"filters": [{"filter": "js-minify", "max_wall": "1 ms"}]})",
       &report, nullptr, "filters[0].max_wall:js-minify", CheckStatus::kSkip},
      {"process written", R"({"filters": [{"process": true, "max_written": "2 MB"}]})", &report, nullptr,
       "filters[0].max_written:process", CheckStatus::kPass},
      {"no report fails", R"({"filters": [{"filter": "css-minify", "max_wall": "1 s"}]})", nullptr, nullptr,
       "filters[0].max_wall:css-minify", CheckStatus::kFail},
      {"relative +10% vs +20% slower", R"({"filters": [{"filter": "css-minify", "max_wall": "+10%"}]})", &slower,
       &report, "filters[0].max_wall:css-minify", CheckStatus::kFail},
      {"relative +25% vs +20% slower", R"({"filters": [{"filter": "css-minify", "max_wall": "+25%"}]})", &slower,
       &report, "filters[0].max_wall:css-minify", CheckStatus::kPass},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Run run = Evaluate(r.budget, site, nullptr, r.report, r.baseline);
      REQUIRE(run.status.ok());
      const BudgetCheck* c = run.Find(r.id);
      REQUIRE(c);
      CHECK(c->status == r.want);
    }
  }
}

TEST_CASE("encoding precedence: rule, then --encoding, then the file's default") {
  const Fixture site = Fixture::Default();
  const char* kBudget = R"({"encoding": "raw", "files": [
      {"glob": "js/app.js", "aggregate": "each", "max": "1 MB"},
      {"glob": "js/app.js", "aggregate": "each", "max": "1 MB", "encoding": "br"}]})";
  Run file_default = Evaluate(kBudget, site);
  REQUIRE(file_default.status.ok());
  CHECK(file_default.result.checks[0].encoding == "raw");
  CHECK(file_default.result.checks[1].encoding == "br");
  Run cli = Evaluate(kBudget, site, nullptr, nullptr, nullptr, Encoding::kGzip);
  CHECK(cli.result.checks[0].encoding == "gzip");
  CHECK(cli.result.checks[1].encoding == "br");
  CHECK(cli.result.checks[1].measured == 700);
}

TEST_CASE("the output must be a pagebake output") {
  FakeEnv env;
  SiteMeasure m;
  Status s = SiteMeasure::FromOutputDir(&env, "/nowhere", &m);
  CHECK(s.code() == StatusCode::kIoError);
  CHECK_THAT(s.message(), Catch::Contains("pagebake-manifest.json"));
  env.AddFile("/out/pagebake-manifest.json",
              R"({"schema": "pagebake-manifest/1", "files": [{"path": "gone.css"}], "pages": {}})");
  s = SiteMeasure::FromOutputDir(&env, "/out", &m);
  CHECK(s.code() == StatusCode::kIoError);
  CHECK_THAT(s.message(), Catch::Contains("gone.css"));
}

TEST_CASE("stylesheet references") {
  struct R { const char* name; const char* css; std::vector<std::string> want; };
  const R rows[] = {
      {"url unquoted", "a{background:url(a.png)}", {"a.png"}},
      {"url quoted with spaces", "a{background:url( 'b c.png' )}", {"b c.png"}},
      {"import string", "@import \"x.css\";", {"x.css"}},
      {"import url", "@import url(y.css) screen;", {"y.css"}},
      {"comment skipped", "/* url(no.png) */a{}", {}},
      {"string that is not an import", "a{content:\"url(no.png)\"}", {}},
      {"identifier ending in url", "a{--myurl(x):1}", {}},
      {"unterminated comment", "a{} /* url(no.png)", {}},
      {"unterminated url", "a{b:url(x.png", {"x.png"}},
      {"uppercase", "A{B:URL(u.png)}", {"u.png"}},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) { CHECK(CssReferences(r.css) == r.want); }
  }
}

}  // namespace
}  // namespace pagebake::budget
