// The public entry points of budget.h: read the files, measure, evaluate.
#include <memory>

#include "filters/budget/budget_spec.h"
#include "filters/budget/evaluate.h"
#include "filters/budget/report_reader.h"
#include "filters/budget/site_measure.h"
#include "filters/core/env.h"
#include "pagebake/budget.h"

namespace pagebake {
namespace {

Status ReadBudget(Env* env, const std::string& path, budget::BudgetSpec* spec) {
  std::string text;
  Status s = env->ReadFile(path, &text);
  // An unreadable budget file is a usage error (exit 2), not an output problem.
  if (!s.ok()) return Status::InvalidArgument("budget file " + path + ": cannot read (" + s.message() + ")");
  return budget::ParseBudgetSpec(text, path, spec);
}

Status ParseReport(const std::string& json, const char* what, std::optional<Report>* out) {
  Report r;
  PAGEBAKE_RETURN_IF_ERROR(budget::ReadReport(json, what, &r));
  *out = std::move(r);
  return Status::OK();
}

}  // namespace

Status ValidateBudgetFile(const std::string& budget_path) {
  std::unique_ptr<Env> env = NewPosixEnv(IoStrategy::kRead);
  budget::BudgetSpec spec;
  return ReadBudget(env.get(), budget_path, &spec);
}

Status EvaluateBudgetFile(const std::string& budget_path, const std::string& out_dir,
                          const std::string* report_json, const std::string* baseline_json,
                          BudgetResult* result) {
  BudgetOptions o;
  o.report_json = report_json;
  o.baseline_json = baseline_json;
  return EvaluateBudgetFile(budget_path, out_dir, o, result);
}

Status EvaluateBudgetFile(const std::string& budget_path, const std::string& out_dir,
                          const BudgetOptions& options, BudgetResult* result) {
  std::unique_ptr<Env> env = NewPosixEnv(IoStrategy::kRead);
  budget::BudgetSpec spec;
  PAGEBAKE_RETURN_IF_ERROR(ReadBudget(env.get(), budget_path, &spec));
  std::optional<Report> report, baseline_report;
  if (options.report_json) PAGEBAKE_RETURN_IF_ERROR(ParseReport(*options.report_json, "report", &report));
  if (options.baseline_json)
    PAGEBAKE_RETURN_IF_ERROR(ParseReport(*options.baseline_json, "baseline report", &baseline_report));

  budget::SiteMeasure site, baseline;
  PAGEBAKE_RETURN_IF_ERROR(budget::SiteMeasure::FromOutputDir(env.get(), out_dir, &site));
  bool have_baseline = false;
  if (!options.baseline_dir.empty()) {
    PAGEBAKE_RETURN_IF_ERROR(budget::SiteMeasure::FromOutputDir(env.get(), options.baseline_dir, &baseline));
    have_baseline = true;
  } else if (baseline_report) {
    baseline = budget::SiteMeasure::FromReport(*baseline_report);
    have_baseline = true;
  }

  budget::EvalInputs in;
  in.spec = &spec;
  in.site = &site;
  in.baseline = have_baseline ? &baseline : nullptr;
  in.report = report ? &*report : nullptr;
  in.baseline_report = baseline_report ? &*baseline_report : nullptr;
  in.encoding = options.encoding;
  *result = BudgetResult();
  result->budget_path = budget_path;
  result->output_dir = out_dir;
  budget::Evaluate(in, result);
  return Status::OK();
}

}  // namespace pagebake
