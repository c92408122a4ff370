// The evaluator: a parsed budget against a measured site (and optionally the build report and a
// baseline), producing one BudgetCheck per (rule, limit, subject).
#ifndef PAGEBAKE_BUDGET_EVALUATE_H_
#define PAGEBAKE_BUDGET_EVALUATE_H_

#include <optional>
#include <string>

#include "filters/budget/budget_spec.h"
#include "filters/budget/site_measure.h"
#include "pagebake/budget.h"
#include "pagebake/report.h"

namespace pagebake::budget {

struct EvalInputs {
  const BudgetSpec* spec = nullptr;
  const SiteMeasure* site = nullptr;
  const SiteMeasure* baseline = nullptr;       // sizes baseline; may be null
  const Report* report = nullptr;              // filter costs; may be null
  const Report* baseline_report = nullptr;     // filter-cost baseline; may be null
  std::optional<Encoding> encoding;            // the CLI's --encoding
};

void Evaluate(const EvalInputs& in, BudgetResult* result);

}  // namespace pagebake::budget

#endif  // PAGEBAKE_BUDGET_EVALUATE_H_
