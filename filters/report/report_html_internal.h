// The sections of the HTML report (report_html.cc assembles them). Each returns one <section>.
#ifndef PAGEBAKE_FILTERS_REPORT_REPORT_HTML_INTERNAL_H_
#define PAGEBAKE_FILTERS_REPORT_REPORT_HTML_INTERNAL_H_

#include <cstdint>
#include <string>

#include "pagebake/report.h"

namespace pagebake::report {

std::string Ms(int64_t ns);       // "12.3"
std::string Kib(int64_t bytes);  // "4.5" (KiB)

std::string CostChartsSection(const Report& r);
std::string BenefitSection(const Report& r);
std::string PageWeightSection(const Report& r);
std::string SyscallSection(const Report& r);  // "" when no row has syscalls_by_name

}  // namespace pagebake::report

#endif  // PAGEBAKE_FILTERS_REPORT_REPORT_HTML_INTERNAL_H_
