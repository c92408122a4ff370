// The cost meter. Every filter invocation and every pipeline stage runs inside a CostScope (an
// RAII scope like ninja's -d stats timer). Scopes nest; accounting is exclusive: while a nested
// scope runs, its parent is paused, so rows never double count and add up to the run.
//
// What one sample reads, per thread:
//  - wall: clock_gettime(CLOCK_MONOTONIC) (vDSO, no syscall)
//  - CPU user/sys, minor/major faults, voluntary/involuntary context switches:
//    getrusage(RUSAGE_THREAD)
//  - syscr/syscw/rchar/wchar: pread of /proc/thread-self/io through an fd opened once per thread
//  - syscalls: a per-thread perf counter on the raw_syscalls:sys_enter tracepoint, where the
//    kernel allows it (root, tracefs mounted); otherwise unknown (null in the report, never a
//    guess).
// The meter's own cost per sample (3 syscalls, the io read's bytes) is measured at start-up and
// subtracted from every interval.
#ifndef PAGEBAKE_CORE_COST_H_
#define PAGEBAKE_CORE_COST_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "filters/core/env.h"

namespace pagebake {

enum class RowKind { kFilter, kStage, kUnattributed };
std::string_view RowKindName(RowKind k);

struct Counters {
  int64_t wall_ns = 0;
  int64_t cpu_user_ns = 0;
  int64_t cpu_sys_ns = 0;
  int64_t minor_faults = 0;
  int64_t major_faults = 0;
  int64_t vol_ctx_switches = 0;
  int64_t invol_ctx_switches = 0;
  int64_t syscr = 0;  // read-class syscalls (/proc io)
  int64_t syscw = 0;  // write-class syscalls
  int64_t rchar = 0;  // bytes through read-class syscalls
  int64_t wchar = 0;
  int64_t syscalls = 0;  // all syscalls; meaningful only when syscalls_known
  Counters& operator+=(const Counters& o);
  Counters operator-(const Counters& o) const;
  int64_t io_syscalls() const { return syscr + syscw; }
};

struct CostRow {
  std::string name;
  RowKind kind = RowKind::kStage;
  uint64_t invocations = 0;
  uint64_t files = 0;
  Counters counters;
  EnvOpCounts env_ops;
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;
  uint64_t fallbacks = 0;
};

struct TraceEvent {
  std::string name;
  RowKind kind = RowKind::kStage;
  std::string file;
  int tid = 0;
  int64_t start_ns = 0;  // since the meter started
  int64_t dur_ns = 0;    // inclusive
  Counters self;         // exclusive counters
  uint64_t bytes_in = 0, bytes_out = 0;
};

class CostMeter {
 public:
  CostMeter();
  ~CostMeter();
  CostMeter(const CostMeter&) = delete;

  // Whether `syscalls` are counted (per-thread tracepoint counters available).
  bool syscalls_known() const { return syscalls_known_; }
  // Record one trace event per scope (for --trace). Off by default (cheap when off).
  void set_trace(bool on) { trace_ = on; }

  // Rows merged by (name, kind), sorted by name. Includes scopes still open on this thread up to
  // now? No: call after all scopes closed.
  std::vector<CostRow> Rows() const;
  std::vector<TraceEvent> TraceEvents() const;
  std::map<int, std::string> ThreadNames() const;
  // Names the calling thread in trace output ("main", "worker-1").
  void NameThread(std::string name);

  // Whole-process totals since the process started (CPU, faults, io from getrusage(RUSAGE_SELF)
  // and /proc/self/io) and since the meter started (wall, syscalls from a process-wide
  // counter that follows all threads).
  Counters ProcessTotals() const;
  int64_t start_ns() const { return start_ns_; }
  // What the process had spent before the meter started (dynamic loading, static init): CPU,
  // faults and IO from getrusage/proc; wall from the process start time (clock-tick precision).
  const Counters& startup() const { return startup_; }
  // Wall time covered by scopes on the thread that created the meter (the main thread).
  int64_t main_thread_wall_ns() const;

  // Internal: used by CostScope.
  struct Frame;
  void Commit(const Frame& f, int64_t end_ns, int tid);

 private:
  bool syscalls_known_ = false;
  bool trace_ = false;
  int64_t start_ns_ = 0;
  int process_perf_fd_ = -1;
  int main_tid_ = 0;
  int64_t main_wall_ns_ = 0;
  Counters startup_;
  mutable std::mutex mu_;
  std::map<std::pair<std::string, RowKind>, CostRow> rows_;
  std::vector<TraceEvent> events_;
  std::map<int, std::string> thread_names_;
  friend class CostScope;
};

class CostScope {
 public:
  // `meter` may be null: then the scope costs nothing. `file` names the resource (trace only).
  CostScope(CostMeter* meter, std::string_view name, RowKind kind, std::string_view file = {});
  ~CostScope();
  CostScope(const CostScope&) = delete;

  void AddBytes(uint64_t in, uint64_t out);
  void AddFallbacks(uint64_t n);
  // Counts a file processed (each scope counts 1 by default; a stage that handles many files
  // sets its own count).
  void SetFiles(uint64_t n);

 private:
  CostMeter* meter_;
  std::unique_ptr<CostMeter::Frame> frame_;
};

// The calling thread's counters right now (for tests and the process view).
Counters SampleThread();
// What the meter itself has cost so far, process-wide: its syscalls (3 per sample where the
// tracepoint counter works), its read-class syscalls and their bytes. CPU and wall of sampling
// are not separable from the scopes they sit in.
Counters MeterSelfCost();
int64_t MonotonicNs();

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_COST_H_
