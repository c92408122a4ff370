// Merging a syscall trace into the traced build's report (pagebake/syscall_trace.h): the
// tracer's scopes are the meter's rows, matched by (name, kind).
#include <algorithm>
#include <utility>

#include "pagebake/syscall_trace.h"

namespace pagebake {

void MergeSyscallTrace(const SyscallTraceResult& trace, Report* report) {
  std::map<std::pair<std::string, std::string>, const TracedScope*> scopes;
  for (const TracedScope& s : trace.scopes) scopes[{s.name, s.kind}] = &s;
  auto fill = [](const TracedScope* s, ReportRow* row) {
    row->syscall_stats.clear();
    row->syscalls_by_name.clear();
    row->cost.syscalls = 0;  // exact: a row the tracer never saw made no syscalls
    if (!s) return;
    row->syscall_stats = s->syscalls;
    for (auto& [name, st] : s->syscalls) row->syscalls_by_name[name] = st.count;
    row->cost.syscalls = static_cast<int64_t>(s->total());
  };
  for (ReportRow& row : report->rows) {
    auto it = scopes.find({row.name, row.kind});
    fill(it == scopes.end() ? nullptr : it->second, &row);
    if (it != scopes.end()) scopes.erase(it);
  }
  // Scopes the report has no row for: stages still open when the report was made (the CLI's
  // "report" stage), or rows of a process the report does not describe. They go before the
  // meter's own rows so the table keeps its order.
  auto pos = std::find_if(report->rows.begin(), report->rows.end(), [](const ReportRow& r) {
    return r.name == "meter" || r.kind == "unattributed";
  });
  std::vector<ReportRow> added;
  for (auto& [key, scope] : scopes) {
    ReportRow row;
    row.name = scope->name;
    row.kind = scope->kind;
    fill(scope, &row);
    added.push_back(std::move(row));
  }
  report->rows.insert(pos, added.begin(), added.end());
  report->process.syscalls = static_cast<int64_t>(trace.total_syscalls());
  report->exact = true;
}

}  // namespace pagebake
