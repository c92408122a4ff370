// Parsing both budget dialects: valid files in their documented shapes, and every kind of
// mistake refused with the JSON path of the problem (exit 2 in the CLI).
#include <catch2/catch.hpp>

#include "filters/budget/budget_spec.h"

namespace pagebake::budget {
namespace {

// The two examples of the Lighthouse budget documentation, in their documented shape
// (web.dev "Use Lighthouse for performance budgets" and github.com/GoogleChrome/budget.json).
constexpr char kLighthouseDocsExample[] = R"([
  {
    "path": "/*",
    "timings": [
      {"metric": "interactive", "budget": 3000},
      {"metric": "first-meaningful-paint", "budget": 1000}
    ],
    "resourceSizes": [
      {"resourceType": "script", "budget": 125},
      {"resourceType": "total", "budget": 300}
    ],
    "resourceCounts": [
      {"resourceType": "third-party", "budget": 10}
    ]
  }
])";

constexpr char kBudgetJsonRepoExample[] = R"([
  {
    "path": "/*",
    "resourceSizes": [
      {"resourceType": "total", "budget": 300},
      {"resourceType": "script", "budget": 150}
    ],
    "resourceCounts": [
      {"resourceType": "third-party", "budget": 10}
    ]
  },
  {
    "path": "/blog",
    "options": {"firstPartyHostnames": ["*.my-site.com", "my-site.cdn.com"]},
    "resourceSizes": [
      {"resourceType": "total", "budget": 200}
    ]
  }
])";

TEST_CASE("Lighthouse documentation examples parse") {
  BudgetSpec a;
  REQUIRE(ParseBudgetSpec(kLighthouseDocsExample, "budget.json", &a).ok());
  CHECK(a.lighthouse);
  REQUIRE(a.budgets.size() == 1);
  CHECK(a.budgets[0].path == "/*");
  CHECK(a.budgets[0].timings.size() == 2);
  REQUIRE(a.budgets[0].sizes.size() == 2);
  CHECK(a.budgets[0].sizes[0].resource_type == "script");
  CHECK(a.budgets[0].sizes[0].budget == 125);
  CHECK(a.budgets[0].sizes[0].json_path == "$[0].resourceSizes[0].budget");
  BudgetSpec b;
  REQUIRE(ParseBudgetSpec(kBudgetJsonRepoExample, "budget.json", &b).ok());
  REQUIRE(b.budgets.size() == 2);
  CHECK(b.budgets[1].path == "/blog");
}

TEST_CASE("pagebake budget file parses") {
  constexpr char kFile[] = R"({
    "schema": "pagebake-budget/1",
    "encoding": "gzip",
    "level": "warn",
    "files": [
      {"glob": "**/*.js", "aggregate": "each", "max": "150 kB", "level": "error"},
      {"glob": "img/**", "aggregate": "sum", "max": ["500 KiB", "+5%"], "encoding": "raw"}
    ],
    "pages": [{"glob": "**/*.html", "max_weight": "300 KiB", "max_requests": 20}],
    "filters": [
      {"filter": "css-minify", "max_wall": "50 ms", "max_syscalls": 2000, "max_read": "10 MB"},
      {"stage": "parse", "max_cpu": "+10%"},
      {"process": true, "max_io_syscalls": 5000, "max_written": "1 MiB"}
    ]
  })";
  BudgetSpec s;
  Status st = ParseBudgetSpec(kFile, "b.json", &s);
  INFO(st.ToString());
  REQUIRE(st.ok());
  CHECK_FALSE(s.lighthouse);
  CHECK(s.encoding == Encoding::kGzip);
  REQUIRE(s.files.size() == 2);
  CHECK(s.files[0].each);
  CHECK(s.files[0].level == BudgetLevel::kError);
  CHECK(s.files[0].max[0].limit.value == 150000);
  CHECK_FALSE(s.files[1].each);
  CHECK(s.files[1].level == BudgetLevel::kWarn);  // the file's default
  CHECK(s.files[1].encoding == Encoding::kRaw);
  REQUIRE(s.files[1].max.size() == 2);
  CHECK(s.files[1].max[0].limit.value == 500 * 1024);
  CHECK(s.files[1].max[1].limit.percent == 5.0);
  CHECK(s.files[1].max[1].json_path == "$.files[1].max[1]");
  REQUIRE(s.pages.size() == 1);
  CHECK(s.pages[0].max_requests[0].limit.value == 20);
  REQUIRE(s.costs.size() == 3);
  CHECK(s.costs[0].limits.size() == 3);
  CHECK(s.costs[0].limits[0].limit.limit.value == 50'000'000);
  CHECK(s.costs[1].target == CostRule::Target::kStage);
  CHECK(s.costs[2].target == CostRule::Target::kProcess);
}

TEST_CASE("invalid budget files are refused with the JSON path") {
  struct R { const char* name; const char* json; const char* want_in_message; };
  const R rows[] = {
      {"not json", "{", "$: not valid JSON"},
      {"scalar", "42", "$: must be an array"},
      {"no rules", "{}", "no rules"},
      {"unknown top key", R"({"file": []})", "$.file: unknown key"},
      {"wrong schema", R"({"schema": "x/2", "files": []})", "$.schema"},
      {"bare number size", R"({"files": [{"glob": "*", "aggregate": "sum", "max": 150}]})",
       "$.files[0].max: a bare number"},
      {"bare number string", R"({"files": [{"glob": "*", "aggregate": "sum", "max": "150"}]})",
       "$.files[0].max: '150' has no unit"},
      {"ambiguous KB", R"({"files": [{"glob": "*", "aggregate": "sum", "max": "150 KB"}]})",
       "$.files[0].max: '150 KB': unknown unit"},
      {"missing aggregate", R"({"files": [{"glob": "*", "max": "1 kB"}]})", "missing \"aggregate\""},
      {"bad aggregate", R"({"files": [{"glob": "*", "aggregate": "all", "max": "1 kB"}]})",
       "$.files[0].aggregate"},
      {"missing glob", R"({"files": [{"aggregate": "sum", "max": "1 kB"}]})", "missing \"glob\""},
      {"missing max", R"({"files": [{"glob": "*", "aggregate": "sum"}]})", "missing \"max\""},
      {"bad encoding", R"({"files": [{"glob": "*", "aggregate": "sum", "max": "1 kB", "encoding": "zstd"}]})",
       "$.files[0].encoding"},
      {"bad level", R"({"level": "fatal", "files": []})", "$.level"},
      {"percent without sign", R"({"files": [{"glob": "*", "aggregate": "sum", "max": "5%"}]})",
       "needs its sign"},
      {"second limit bad", R"({"files": [{"glob": "*", "aggregate": "sum", "max": ["1 kB", "2"]}]})",
       "$.files[0].max[1]"},
      {"count as string", R"({"pages": [{"glob": "*", "max_requests": "20"}]})",
       "$.pages[0].max_requests: '20': a count is a JSON integer"},
      {"negative count", R"({"pages": [{"glob": "*", "max_requests": -1}]})", "non-negative"},
      {"fractional count", R"({"pages": [{"glob": "*", "max_requests": 2.5}]})", "non-negative integer"},
      {"page without limit", R"({"pages": [{"glob": "*"}]})", "$.pages[0]: no limit"},
      {"unknown filter id", R"({"filters": [{"filter": "css-minfy", "max_wall": "1 ms"}]})",
       "$.filters[0].filter: 'css-minfy' is not a filter id"},
      {"filter and stage", R"({"filters": [{"filter": "css-minify", "stage": "parse", "max_wall": "1 ms"}]})",
       "exactly one"},
      {"bare wall time", R"({"filters": [{"filter": "css-minify", "max_wall": 50}]})",
       "$.filters[0].max_wall: a bare number"},
      {"no cost limit", R"({"filters": [{"stage": "parse"}]})", "no limit"},
      {"lh empty", "[]", "checks nothing"},
      {"lh unknown key", R"([{"path": "/", "resourceSize": []}])", "$[0].resourceSize: unknown key"},
      {"lh duplicate type",
       R"([{"resourceSizes": [{"resourceType": "script", "budget": 1}, {"resourceType": "script", "budget": 2}]}])",
       "$[0].resourceSizes[1]: duplicate entry of type 'script'"},
      {"lh bad type", R"([{"resourceCounts": [{"resourceType": "scripts", "budget": 1}]}])",
       "$[0].resourceCounts[0].resourceType"},
      {"lh budget string", R"([{"resourceSizes": [{"resourceType": "total", "budget": "300"}]}])",
       "$[0].resourceSizes[0].budget"},
      {"lh extra key in entry", R"([{"resourceSizes": [{"resourceType": "total", "budget": 3, "unit": "kB"}]}])",
       "$[0].resourceSizes[0].unit: unknown key"},
      {"lh path without slash", R"([{"path": "blog"}])", "$[0].path: path should start with '/'"},
      {"lh two stars", R"([{"path": "/a*b*"}])", "one '*'"},
      {"lh dollar in middle", R"([{"path": "/a$b"}])", "end of the path"},
      {"lh bad metric", R"([{"timings": [{"metric": "ttfb", "budget": 1}]}])", "$[0].timings[0].metric"},
      {"lh duplicate metric",
       R"([{"timings": [{"metric": "interactive", "budget": 1}, {"metric": "interactive", "budget": 2}]}])",
       "duplicate"},
      {"lh options not object", R"([{"options": []}])", "$[0].options"},
      {"lh element not object", R"([1])", "$[0]: must be an object"},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      BudgetSpec s;
      Status st = ParseBudgetSpec(r.json, "b.json", &s);
      REQUIRE_FALSE(st.ok());
      CHECK(st.code() == StatusCode::kInvalidArgument);
      CHECK_THAT(st.message(), Catch::StartsWith("b.json: ") && Catch::Contains(r.want_in_message));
    }
  }
}

}  // namespace
}  // namespace pagebake::budget
