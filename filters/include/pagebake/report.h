// The report model: what a build cost, per filter and per stage, and what it produced. One data
// model, several views: JSON (schema "pagebake-report/1", the contract CI scripts read — fields
// are added, never renamed), Chrome trace events, and the CLI's table.
#ifndef PAGEBAKE_REPORT_H_
#define PAGEBAKE_REPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pagebake/diagnostic.h"
#include "pagebake/status.h"

namespace pagebake {

inline constexpr char kReportSchema[] = "pagebake-report/1";
// Additions within schema 1 (README, "report schema changelog"); readers of /1 are unaffected.
// 2: per-row "syscall_stats" and the top-level "syscall_trace" (exact mode).
inline constexpr int kReportSchemaRevision = 2;

struct CostCounters {
  int64_t wall_ns = 0;
  int64_t cpu_user_ns = 0;
  int64_t cpu_sys_ns = 0;
  int64_t minor_faults = 0;
  int64_t major_faults = 0;
  int64_t vol_ctx_switches = 0;
  int64_t invol_ctx_switches = 0;
  int64_t syscr = 0, syscw = 0;  // /proc/.../io read/write-class syscalls
  int64_t read_bytes = 0;        // rchar
  int64_t write_bytes = 0;       // wchar
  std::optional<int64_t> syscalls;  // every syscall; null where it cannot be counted
  int64_t io_syscalls() const { return syscr + syscw; }
};

// One syscall name in one row, exact mode (`build --trace-syscalls`) only.
struct SyscallStat {
  uint64_t count = 0;
  uint64_t errors = 0;    // returned -4095..-1
  int64_t kernel_ns = 0;  // upper bound: from the tracer's syscall-entry stop to its exit stop
                          // (includes blocking, e.g. futex waits, and the tracer's latency)
};

struct ReportRow {
  std::string name;  // filter id or stage name
  std::string kind;  // "filter" | "stage" | "unattributed"
  uint64_t invocations = 0;
  uint64_t files = 0;
  CostCounters cost;
  std::map<std::string, uint64_t> env_ops;  // open, read, write, stat, mmap, rename, ...
  std::map<std::string, uint64_t> syscalls_by_name;  // exact mode only: name -> count
  std::map<std::string, SyscallStat> syscall_stats;  // exact mode only: count, errors, time
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;
  uint64_t fallbacks = 0;
};

struct OutputFile {
  std::string path;    // relative to the output directory
  std::string source;  // root-relative source path ("" for generated files)
  std::vector<std::string> sources;  // generated files: what they were made from
  uint64_t bytes = 0;
  uint64_t source_bytes = 0;
  std::optional<uint64_t> gzip_bytes;
  std::optional<uint64_t> br_bytes;
  std::string content_type;
  std::string sri;  // sha384-...
  bool entry_point = false;
  std::vector<std::string> loads;  // pages: output paths of the resources the page loads
};

struct Report {
  std::string tool_version;
  std::string level;
  std::vector<std::string> filters;  // enabled, in execution order
  int jobs = 0;
  std::string io;  // "read" | "mmap"
  bool exact = false;
  // Exact mode: the traced run's wall time and that of an untraced run of the same build
  // (0: not measured).
  int64_t traced_wall_ns = 0;
  int64_t untraced_wall_ns = 0;
  CostCounters process;
  std::vector<ReportRow> rows;
  std::vector<OutputFile> outputs;
  std::vector<Diagnostic> diagnostics;
  uint64_t files_in = 0;
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;
};

std::string ReportToJson(const Report& report);
Result<Report> ReportFromJson(const std::string& json);

}  // namespace pagebake

#endif  // PAGEBAKE_REPORT_H_
