// Exact per-row syscall attribution (`pagebake build --trace-syscalls`). A build re-runs as a
// child process under pagebake's own ptrace tracer (no root, no strace binary): the tracer
// follows every thread and process (PTRACE_O_TRACESYSGOOD, TRACECLONE/FORK/VFORK/EXEC) and stops
// at each syscall's entry and exit. The traced build announces every change of its current cost
// row with one marker syscall (filters/core/scope_marker.h), which the tracer does not count, so
// each syscall lands in the filter or stage its thread was running, with its name, whether it
// failed, and its time between the entry and exit stops (an upper bound of the time in the
// kernel: it includes blocking and the tracer's own latency).
//
// Rows of the tracer that the cost meter has too: "startup" (before the meter started, including
// the execve), "meter" (the meter's own samples) and "unattributed" (threads outside any scope).
// Where ptrace is not permitted (Yama ptrace_scope, seccomp, already traced), the calls fail with
// a Status saying why, and the caller falls back to the cheap counters.
#ifndef PAGEBAKE_SYSCALL_TRACE_H_
#define PAGEBAKE_SYSCALL_TRACE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pagebake/report.h"
#include "pagebake/status.h"

namespace pagebake {

// The environment variable the tracer sets for the traced build: its value is where the build
// writes its report JSON for the tracer, and its presence turns the scope markers on.
inline constexpr char kSyscallTraceEnv[] = "PAGEBAKE_SYSCALL_TRACE";

struct TracedScope {
  std::string name;  // the row's name (filter id or stage)
  std::string kind;  // "filter" | "stage" | "unattributed"
  std::map<std::string, SyscallStat> syscalls;  // by syscall name
  uint64_t total() const;
};

struct SyscallTraceResult {
  std::vector<TracedScope> scopes;  // only scopes that made syscalls
  int exit_code = -1;               // the traced command's; 128 + signal when killed
  int64_t wall_ns = 0;              // from the fork to the last tracee's exit
  uint64_t markers = 0;             // scope markers seen (never counted in a row)
  uint64_t threads = 0;             // threads and processes followed, the first included
  uint64_t total_syscalls() const;
  std::map<std::string, SyscallStat> ByName() const;  // summed over the scopes
};

// OK when this process may trace a child of its own; otherwise why not (ptrace refused: Yama
// ptrace_scope=3, a seccomp filter, or this process is itself being traced, e.g. under strace).
Status CheckPtraceAllowed();

// Runs argv (argv[0] is the program's path) under the tracer with the environment of this
// process plus `env_add` ("NAME=value"), until every traced thread has exited.
Status TraceCommand(const std::vector<std::string>& argv, const std::vector<std::string>& env_add,
                    SyscallTraceResult* out);
// The same for a function run in a forked child (scope markers on; its return value is the exit
// code). For tests: a child doing known syscalls in known scopes. Call it from a single-threaded
// process (the child is a fork).
Status TraceFunction(const std::function<int()>& child, SyscallTraceResult* out);

// Runs argv untraced (stdout and stderr to /dev/null) and measures its wall time: the
// comparison run of the overhead figure.
Status TimeCommand(const std::vector<std::string>& argv, int64_t* wall_ns, int* exit_code);

// Puts the trace into the report of the traced build: per row `syscall_stats` and
// `syscalls_by_name`, and its exact `syscalls` count (rows the tracer saw that the report lacks,
// such as a stage still open when the report was made, are added); the process total; and
// `exact` = true.
void MergeSyscallTrace(const SyscallTraceResult& trace, Report* report);

// In the traced build: where the tracer wants its report JSON (kSyscallTraceEnv's value); ""
// when not traced.
std::string SyscallTraceChildReportPath();

}  // namespace pagebake

#endif  // PAGEBAKE_SYSCALL_TRACE_H_
