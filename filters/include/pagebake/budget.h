// Budgets: static, build-time checks of a built site (transfer bytes and request counts per
// page, sizes per file glob) and of what the build cost (per filter), against a Lighthouse
// `budget.json` or a pagebake budget file (`pagebake-budget/1`). A check that cannot be measured
// at build time (Lighthouse timings) is reported as skipped, never silently dropped, and a rule
// that matches nothing fails: a budget must be impossible to pass by accident.
//
// Exit status contract (the CLI's): 1 when any error-level check fails, 0 otherwise, 2 when the
// budget file is invalid (StatusCode::kInvalidArgument, the message names the JSON path).
#ifndef PAGEBAKE_BUDGET_H_
#define PAGEBAKE_BUDGET_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pagebake/status.h"

namespace pagebake {

inline constexpr char kBudgetResultSchema[] = "pagebake-budget-result/1";
inline constexpr char kBudgetFileSchema[] = "pagebake-budget/1";

// Which bytes a size check counts: what a server sends with that Content-Encoding. br/gzip use
// the `.br`/`.gz` sibling when the build wrote one, else the size compressed here (brotli q11,
// gzip -9), never more than the raw size; types that are not compressible count raw bytes.
enum class Encoding { kBrotli, kGzip, kRaw };
// "br" | "gzip" | "raw".
const char* EncodingName(Encoding e);
bool ParseEncoding(const std::string& name, Encoding* out);

enum class BudgetLevel { kWarn, kError };

// kSkip: not measurable at build time (timings, third-party sizes); shown, never a pass.
enum class CheckStatus { kPass, kWarn, kFail, kSkip };
const char* CheckStatusName(CheckStatus s);  // "pass" | "warn" | "fail" | "skip"

struct BudgetCheck {
  // Stable across runs (no content hashes in it): "files[0]:js/app.js", "pages[1].weight:index.html".
  std::string id;
  // "file-size" | "page-weight" | "page-requests" | "filter-cost" | "resource-size" |
  // "resource-count" | "timing".
  std::string kind;
  std::string subject;  // output path, page, filter/stage name, or the rule's glob for sums
  std::string rule;     // JSON path of the limit in the budget file: "$.files[0].max"
  std::string metric;   // "transfer", "requests", "wall", "syscalls", "script", ...
  std::string unit;     // "bytes" | "count" | "ns"
  std::string encoding; // "br" | "gzip" | "raw" for size checks, "" otherwise
  std::optional<int64_t> measured;  // absent when not measurable
  std::optional<int64_t> limit;     // absolute, in `unit` (a relative limit resolved)
  std::string limit_text;           // as written: "150 kB", "+5%", "125 KiB"
  std::optional<int64_t> baseline;  // the same measure in the baseline, when known
  BudgetLevel level = BudgetLevel::kError;
  CheckStatus status = CheckStatus::kPass;
  std::string message;  // why it failed or was skipped; notes ("new since the baseline")
};

struct BudgetResult {
  std::string budget_path;
  std::string output_dir;
  std::string format;  // "pagebake" | "lighthouse"
  std::vector<BudgetCheck> checks;
  int passed = 0, warned = 0, failed = 0, skipped = 0;
  // 1 when any error-level check failed, else 0. No flag or environment changes this.
  int ExitCode() const { return failed > 0 ? 1 : 0; }
};

struct BudgetOptions {
  // Encoding for size rules that do not name their own (overrides the file's "encoding").
  // Unset: the file's "encoding", else br.
  std::optional<Encoding> encoding;
  // The build report (pagebake-report/1) for filter-cost rules. Null: those rules fail, saying
  // so (they cannot be checked without it).
  const std::string* report_json = nullptr;
  // A baseline report (pagebake-report/1): Δ columns and relative limits ("+5%").
  const std::string* baseline_json = nullptr;
  // Or a baseline output directory (an earlier build with its pagebake-manifest.json): exact
  // transfer sizes of every file, so deltas compare like with like. Wins over baseline_json
  // for sizes; filter costs still come from baseline_json.
  std::string baseline_dir;
};

// Reads the budget file (Lighthouse budget.json when the top level is an array, else a pagebake
// budget file) and evaluates it against the built output in `out_dir` (its
// pagebake-manifest.json and files). Invalid budget or report files: kInvalidArgument naming
// the JSON path; an unreadable output: kIoError. The checks' verdicts are in `result`, not in
// the Status.
Status EvaluateBudgetFile(const std::string& budget_path, const std::string& out_dir,
                          const std::string* report_json, const std::string* baseline_json,
                          BudgetResult* result);
Status EvaluateBudgetFile(const std::string& budget_path, const std::string& out_dir,
                          const BudgetOptions& options, BudgetResult* result);

// Checks only that a budget file is valid (for `pagebake build --budget` before building).
Status ValidateBudgetFile(const std::string& budget_path);

// Views of the result.
// Stable JSON, schema "pagebake-budget-result/1".
std::string BudgetResultToJson(const BudgetResult& result);
// JUnit XML: one <testcase> per check; fail -> <failure>, warn -> <system-out>, skip -> <skipped>.
std::string BudgetResultToJunit(const BudgetResult& result);
// The terminal table: STATUS, check, path/page, measured, limit, encoding, Δ vs baseline.
std::string BudgetResultToTable(const BudgetResult& result, bool color);
// GitHub Actions workflow commands: `::error file=<budget>,title=...::message` per failed or
// warned check.
std::string BudgetResultToGithubAnnotations(const BudgetResult& result);
// Markdown for $GITHUB_STEP_SUMMARY.
std::string BudgetResultToMarkdown(const BudgetResult& result);

// Units, exposed for tests and for the CLI's messages. Sizes need a unit: "10kB" = 10000,
// "10 KiB" = 10240, "1.5MB", "2 MiB", "512 B"; a bare number or "KB" is an error (ambiguous).
Result<int64_t> ParseSize(const std::string& text);
// "50ms", "1.5 s", "200 us", "10ns".
Result<int64_t> ParseDuration(const std::string& text);
// "12.3 KiB"-style rendering used by the views (exact bytes below 1 KiB).
std::string FormatBytes(int64_t bytes);

}  // namespace pagebake

#endif  // PAGEBAKE_BUDGET_H_
