// The ptrace loop of the exact syscall tracer: given a child stopped at its first SIGSTOP after
// PTRACE_TRACEME, follows it and every thread and process it creates, stopping at each syscall
// entry and exit (PTRACE_SYSCALL, waitpid(__WALL)), and counts per (scope, syscall): calls, errors
// and the time between the two stops. PTRACE_GET_SYSCALL_INFO tells entry from exit, so a stop
// that arrives out of step (a new thread's first stop, an exec) never flips the pairing.
//
// Scopes come from the traced process's markers (filters/core/scope_marker.h): a marker sets the
// thread's current scope and is not counted; the N syscalls it announces as the meter's sample go
// to the "meter" row. The first thread starts in "startup" (until the cost meter's first marker),
// a new thread in "unattributed", a forked process in its parent's scope.
#ifndef PAGEBAKE_TRACE_PTRACE_TRACER_H_
#define PAGEBAKE_TRACE_PTRACE_TRACER_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "pagebake/status.h"
#include "pagebake/syscall_trace.h"

namespace pagebake::trace {

class PtraceTracer {
 public:
  // `root`: the child, stopped (signal-delivery-stop of its SIGSTOP) and not yet resumed.
  explicit PtraceTracer(pid_t root);

  // Sets the options and runs until no tracee is left. Fails (child killed) when ptrace refuses.
  Status Run();
  // The counts so far, by scope; exit code of the root.
  void Result(SyscallTraceResult* out) const;

 private:
  struct Thread {
    uint32_t scope = 0;       // current scope id
    int meter_left = 0;       // the next syscalls that are the meter's sample
    bool first_stop_pending = true;  // a new tracee's SIGSTOP not seen yet
    bool made_syscalls = false;
    bool in_syscall = false;  // an entry seen, its exit not yet
    bool in_marker = false;
    uint32_t bucket = 0;      // scope the syscall in progress is counted in
    uint32_t key = 0;         // its syscall key (see Key())
    int64_t enter_ns = 0;
  };
  struct Scope {
    std::string name;
    int kind = 0;  // RowKind
  };

  Thread& Get(pid_t tid);
  void OnSyscallStop(pid_t tid, Thread& t, int64_t now);
  void OnMarker(pid_t tid, Thread& t, const uint64_t args[6]);
  void OnEvent(pid_t tid, Thread& t, int event);
  SyscallStat& Stat(uint32_t bucket, uint32_t key);

  pid_t root_;
  int exit_code_ = -1;
  uint64_t markers_ = 0;
  uint64_t threads_seen_ = 0;
  std::unordered_map<pid_t, Thread> threads_;
  std::unordered_map<uint32_t, Scope> scopes_;
  std::unordered_map<uint32_t, std::vector<SyscallStat>> stats_;  // bucket -> by key
};

}  // namespace pagebake::trace

#endif  // PAGEBAKE_TRACE_PTRACE_TRACER_H_
