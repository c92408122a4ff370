// `pagebake build --trace-syscalls`: the CLI side of the exact syscall tracer
// (pagebake/syscall_trace.h). Re-runs this same command line as a child under the tracer, merges
// the per-row syscall counts into the child's report, writes --report/--report-html, prints the
// cost table with exact syscalls, a per-syscall summary and the tracing overhead (traced wall
// time vs an untraced run of the same build into a temporary output, run first).
#ifndef PAGEBAKE_TOOL_TRACE_SYSCALLS_H_
#define PAGEBAKE_TOOL_TRACE_SYSCALLS_H_

#include <optional>
#include <string>

#include "tool/table.h"

namespace pagebake::tool {

struct TraceSyscallsFlags {
  std::string report;       // --report FILE ("" if none)
  std::string report_html;  // --report-html FILE
  bool quiet = false;
  Style style;
};

// Runs the traced build and returns its exit code. Returns nullopt, after saying why on stderr,
// where ptrace is not permitted: the caller then builds as usual with the cheap counters.
std::optional<int> RunTraceSyscalls(int argc, char** argv, const TraceSyscallsFlags& flags);

// In the traced child: writes the report for the tracer and returns true (the parent prints the
// table); false when this process is not a traced child.
bool HandOverTracedReport(const Report& report);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_TRACE_SYSCALLS_H_
