// Conversions between the cost meter's counters and the public report model.
#ifndef PAGEBAKE_CORE_REPORT_INTERNAL_H_
#define PAGEBAKE_CORE_REPORT_INTERNAL_H_

#include <string>

#include "filters/core/cost.h"
#include "pagebake/report.h"

namespace pagebake {

CostCounters ToCostCounters(const Counters& c, bool syscalls_known);
// Chrome trace events (chrome://tracing, Perfetto): one "X" event per scope, thread names.
std::string TraceToJson(const CostMeter& meter);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_REPORT_INTERNAL_H_
