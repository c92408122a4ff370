// The HTML view of the report model: one self-contained file (inline CSS, a small inline
// script, charts as inline SVG; nothing is fetched) with the per-filter cost table (sortable by
// clicking a header), bar charts of wall time, CPU time and syscalls per filter/stage, build cost
// vs bytes saved per filter, the per-page weight by resource type, and the per-syscall breakdown
// when the report has one (exact mode). Every string from the report is escaped.
#ifndef PAGEBAKE_REPORT_HTML_H_
#define PAGEBAKE_REPORT_HTML_H_

#include <string>

#include "pagebake/report.h"

namespace pagebake {

std::string ReportToHtml(const Report& report);

}  // namespace pagebake

#endif  // PAGEBAKE_REPORT_HTML_H_
