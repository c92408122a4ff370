// The parsed form of a budget file, either dialect:
//
// Lighthouse budget.json (https://github.com/GoogleChrome/budget.json): an array of budgets,
// each {path?, options?, resourceSizes?, resourceCounts?, timings?}; sizes in KiB, counts plain;
// the last budget whose `path` matches a page applies to it. Unknown keys, unknown resource types
// or metrics and duplicate entries are errors, as Lighthouse CI treats them.
//
// pagebake-budget.json:
//   { "schema": "pagebake-budget/1",            optional; when present must be exactly this
//     "encoding": "br",                          default for size rules: br | gzip | raw
//     "level": "error",                          default level: warn | error
//     "files":   [{"glob": "**/*.js", "aggregate": "each" | "sum", "max": "150 kB",
//                  "encoding"?, "level"?}],
//     "pages":   [{"glob": "**/*.html", "max_weight": "300 KiB", "max_requests": 20,
//                  "encoding"?, "level"?}],
//     "filters": [{"filter": "css-minify" | "css-*"  or  "stage": "parse"  or  "process": true,
//                  "max_wall": "50 ms", "max_cpu": "40 ms", "max_syscalls": 5000,
//                  "max_io_syscalls": 900, "max_read": "10 MB", "max_written": "5 MB",
//                  "level"?}] }
// Any object may carry a "comment" string; every other unknown key is an error.
// Every limit is a string with its unit (counts: a JSON integer), or "+5%" / "-5%" relative to
// the baseline, or an array of those (each one a check).
#ifndef PAGEBAKE_BUDGET_BUDGET_SPEC_H_
#define PAGEBAKE_BUDGET_BUDGET_SPEC_H_

#include <optional>
#include <string>
#include <vector>

#include "filters/budget/units.h"
#include "pagebake/budget.h"
#include "pagebake/status.h"

namespace pagebake::budget {

struct LimitAt {
  Limit limit;
  std::string json_path;  // "$.files[0].max[1]"
};

struct FileRule {
  std::string json_path;  // "$.files[0]"
  std::string glob;
  bool each = true;
  std::optional<Encoding> encoding;
  BudgetLevel level = BudgetLevel::kError;
  std::vector<LimitAt> max;
};

struct PageRule {
  std::string json_path;
  std::string glob;
  std::optional<Encoding> encoding;
  BudgetLevel level = BudgetLevel::kError;
  std::vector<LimitAt> max_weight;
  std::vector<LimitAt> max_requests;
};

struct CostMetricLimit {
  std::string metric;  // "wall", "cpu", "syscalls", "io_syscalls", "read", "written"
  Quantity quantity = Quantity::kCount;
  LimitAt limit;
};

struct CostRule {
  enum class Target { kFilter, kStage, kProcess };
  std::string json_path;
  Target target = Target::kFilter;
  std::string name;  // filter id or glob, stage name; empty for the process
  BudgetLevel level = BudgetLevel::kError;
  std::vector<CostMetricLimit> limits;
};

struct ResourceLimit {
  std::string resource_type;  // "script", "total", "third-party", ...
  double budget = 0;          // KiB for sizes, requests for counts
  std::string json_path;
};

struct TimingLimit {
  std::string metric;
  double budget = 0;
  std::string json_path;
};

struct LighthouseBudget {
  std::string json_path;  // "$[0]"
  std::optional<std::string> path;  // robots.txt pattern; absent: every page
  std::vector<ResourceLimit> sizes, counts;
  std::vector<TimingLimit> timings;
};

struct BudgetSpec {
  bool lighthouse = false;
  std::optional<Encoding> encoding;
  std::vector<FileRule> files;
  std::vector<PageRule> pages;
  std::vector<CostRule> costs;
  std::vector<LighthouseBudget> budgets;
};

// Parses either dialect (an array is Lighthouse). Errors: kInvalidArgument, "<origin>: $.files[2].max:
// '150': has no unit ...".
Status ParseBudgetSpec(const std::string& text, const std::string& origin, BudgetSpec* out);

}  // namespace pagebake::budget

#endif  // PAGEBAKE_BUDGET_BUDGET_SPEC_H_
