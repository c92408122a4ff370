// Shared by evaluate.cc (pagebake rules) and lighthouse_evaluate.cc.
#ifndef PAGEBAKE_BUDGET_EVALUATE_INTERNAL_H_
#define PAGEBAKE_BUDGET_EVALUATE_INTERNAL_H_

#include <optional>
#include <string>
#include <vector>

#include "filters/budget/evaluate.h"

namespace pagebake::budget {

// What the baseline says about a check's subject.
enum class Baseline {
  kNone,     // no baseline given
  kAbsent,   // the subject is new since the baseline
  kUnknown,  // present, but the baseline did not record this measure
  kKnown,
};

struct BaselineValue {
  Baseline state = Baseline::kNone;
  std::optional<int64_t> value;
};

// Sets limit, baseline and status from `measured` (already in the check) and `limit`.
void Judge(BudgetCheck* check, const Limit& limit, const BaselineValue& baseline);

// A check that failed before measuring (a rule matching nothing, missing inputs): status at
// the rule's level, never a pass.
void Unmatched(BudgetCheck* check, const std::string& why);

// Sum of transfer sizes; nullopt when any is unknown.
std::optional<int64_t> SumTransfer(const SiteMeasure& site, const std::vector<std::string>& paths,
                                   Encoding e);

void EvaluateLighthouse(const EvalInputs& in, Encoding encoding, std::vector<BudgetCheck>* out);

}  // namespace pagebake::budget

#endif  // PAGEBAKE_BUDGET_EVALUATE_INTERNAL_H_
