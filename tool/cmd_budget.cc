#include "tool/cmd_budget.h"
#include "tool/files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace pagebake::tool {
namespace {

struct BudgetFlags {
  std::string out, budget, baseline, report, encoding;
  BudgetOutputFlags output;
};

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

int RunBudget(const BudgetFlags& f) {
  BudgetOptions o;
  if (!f.encoding.empty()) {
    Encoding e;
    if (!ParseEncoding(f.encoding, &e)) {
      std::cerr << "pagebake budget: --encoding must be br, gzip or raw\n";
      return kUsage;
    }
    o.encoding = e;
  }
  std::string report, baseline;
  if (!f.report.empty()) {
    if (!ReadText(f.report, &report)) {
      std::cerr << "pagebake budget: cannot read --report " << f.report << "\n";
      return kIo;
    }
    o.report_json = &report;
  }
  if (!f.baseline.empty()) {
    if (IsDirectory(f.baseline)) {
      o.baseline_dir = f.baseline;
    } else if (ReadText(f.baseline, &baseline)) {
      o.baseline_json = &baseline;
    } else {
      std::cerr << "pagebake budget: cannot read --baseline " << f.baseline << "\n";
      return kIo;
    }
  }
  BudgetResult result;
  Status s = EvaluateBudgetFile(f.budget, f.out, o, &result);
  if (!s.ok()) {
    std::cerr << "pagebake budget: " << s.ToString() << "\n";
    return s.code() == StatusCode::kInvalidArgument ? kUsage : kIo;
  }
  return EmitBudgetResult(result, f.output);
}

}  // namespace

int EmitBudgetResult(const BudgetResult& result, const BudgetOutputFlags& flags) {
  int rc = result.ExitCode();
  if (!flags.quiet || result.failed || result.warned)
    std::cout << BudgetResultToTable(result, WantColor(flags.color, STDOUT_FILENO));
  if (!flags.json.empty() && !WriteText(flags.json, BudgetResultToJson(result), false)) {
    std::cerr << "pagebake budget: cannot write --json " << flags.json << "\n";
    rc = kIo;
  }
  if (!flags.junit.empty() && !WriteText(flags.junit, BudgetResultToJunit(result), false)) {
    std::cerr << "pagebake budget: cannot write --junit " << flags.junit << "\n";
    rc = kIo;
  }
  const char* gha = std::getenv("GITHUB_ACTIONS");
  if (gha && std::string(gha) == "true") {
    std::cout << BudgetResultToGithubAnnotations(result);
    const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
    if (summary && *summary && !WriteText(summary, BudgetResultToMarkdown(result), true)) {
      std::cerr << "pagebake budget: cannot append to $GITHUB_STEP_SUMMARY " << summary << "\n";
      rc = kIo;
    }
  }
  std::cout.flush();
  // A failed check wins over an IO problem writing its reports: both are non-zero, and 1 is
  // the answer CI scripts test for.
  return result.ExitCode() == kFailed ? kFailed : rc;
}

CLI::App* AddBudgetCommand(CLI::App& app, RunFn* run) {
  auto f = std::make_shared<BudgetFlags>();
  CLI::App* cmd = app.add_subcommand(
      "budget", "Check a built output against a budget (Lighthouse budget.json or pagebake-budget.json)");
  cmd->add_option("OUT", f->out, "The output directory of `pagebake build`")->required();
  cmd->add_option("--budget", f->budget, "Budget file: Lighthouse budget.json or pagebake-budget.json")
      ->required();
  cmd->add_option("--baseline", f->baseline,
                  "An earlier report JSON (pagebake-report/1) or output directory: Δ and \"+5%\" limits");
  cmd->add_option("--report", f->report, "This build's report JSON (for filter-cost limits)");
  cmd->add_option("--json", f->output.json, "Write the result as JSON (pagebake-budget-result/1)");
  cmd->add_option("--junit", f->output.junit, "Write JUnit XML, one testcase per check");
  cmd->add_option("--encoding", f->encoding, "Transfer encoding for sizes: br (default) | gzip | raw")
      ->check(CLI::IsMember({"br", "gzip", "raw"}));
  cmd->add_option("--color", f->output.color, "auto | always | never (NO_COLOR honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_flag("-q,--quiet", f->output.quiet, "Print the table only when a check warns or fails");
  *run = [f]() { return RunBudget(*f); };
  return cmd;
}

}  // namespace pagebake::tool
