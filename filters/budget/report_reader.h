// Reads the parts of a pagebake-report/1 that budgets use (process and row costs, outputs with
// their sizes and loads). Its own reader rather than ReportFromJson: this library sits below
// pagebake_filters, and a hand-edited or truncated report must be an error naming the field,
// never an exception.
#ifndef PAGEBAKE_BUDGET_REPORT_READER_H_
#define PAGEBAKE_BUDGET_REPORT_READER_H_

#include <string>

#include "pagebake/report.h"
#include "pagebake/status.h"

namespace pagebake::budget {

// `what` names the input in errors ("report", "baseline report").
Status ReadReport(const std::string& json_text, const std::string& what, Report* out);

}  // namespace pagebake::budget

#endif  // PAGEBAKE_BUDGET_REPORT_READER_H_
