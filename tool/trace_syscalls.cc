// `pagebake build --trace-syscalls` (see trace_syscalls.h). The tracing itself is in the library
// (filters/trace); this file only turns the command line into the child's and the comparison
// run's, and formats the result.
#include "tool/trace_syscalls.h"
#include "tool/files.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <vector>

#include "pagebake/report_html.h"
#include "pagebake/syscall_trace.h"

namespace pagebake::tool {
namespace {

// Options of `build` that name something the run writes (and flags that start extra work after
// the build): the untraced comparison run drops them and writes into a temporary output instead.
const std::set<std::string> kOutputOptions = {
    "-o", "--output", "--report", "--report-html", "--trace", "--depfile", "--depfile-target",
    "--budget", "--budget-baseline", "--budget-json", "--budget-junit", "--verify-dir"};
const std::set<std::string> kOutputFlags = {"--verify"};
constexpr char kTraceFlag[] = "--trace-syscalls";

std::string SelfExe() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "/proc/self/exe";
  return std::string(buf, static_cast<size_t>(n));
}

// argv without --trace-syscalls (and, for the comparison run, without output options).
std::vector<std::string> ChildArgs(int argc, char** argv, bool drop_outputs) {
  std::vector<std::string> out{SelfExe()};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == kTraceFlag) continue;
    if (!drop_outputs) {
      out.push_back(a);
      continue;
    }
    const std::string name = a.substr(0, a.find('='));
    if (kOutputFlags.count(a)) continue;
    if (kOutputOptions.count(name)) {
      if (name == a && i + 1 < argc) ++i;  // "--report FILE": skip the value too
      continue;
    }
    if (a.size() > 2 && a.rfind("-o", 0) == 0 && a[2] != '-') continue;  // "-oDIR"
    out.push_back(a);
  }
  return out;
}

// strace -c's view: syscalls by name over the whole run.
std::string FormatSyscallSummary(const SyscallTraceResult& t, const Style& style) {
  const auto by_name = t.ByName();
  std::vector<std::pair<std::string, SyscallStat>> v(by_name.begin(), by_name.end());
  std::stable_sort(v.begin(), v.end(),
                   [](auto& a, auto& b) { return a.second.count > b.second.count; });
  int64_t total_ns = 0;
  uint64_t total = 0, errors = 0;
  for (auto& [name, st] : v) total_ns += st.kernel_ns, total += st.count, errors += st.errors;
  const char* bold = style.color ? "\033[1m" : "";
  const char* reset = style.color ? "\033[0m" : "";
  std::string out = Fmt("%s%6s %10s %9s %9s  %s%s\n", bold, "% time", "kernel ms", "calls",
                        "errors", "syscall (exact, ptrace)", reset);
  constexpr size_t kShown = 15;
  SyscallStat rest;
  for (size_t i = 0; i < v.size(); ++i) {
    const SyscallStat& st = v[i].second;
    if (i >= kShown) {
      rest.count += st.count, rest.errors += st.errors, rest.kernel_ns += st.kernel_ns;
      continue;
    }
    out += Fmt("%6.2f %10.2f %9" PRIu64 " %9s  %s\n",
               total_ns ? 100.0 * st.kernel_ns / total_ns : 0.0, st.kernel_ns / 1e6, st.count,
               st.errors ? Fmt("%" PRIu64, st.errors).c_str() : "", v[i].first.c_str());
  }
  if (rest.count)
    out += Fmt("%6.2f %10.2f %9" PRIu64 " %9s  (%zu others)\n",
               total_ns ? 100.0 * rest.kernel_ns / total_ns : 0.0, rest.kernel_ns / 1e6,
               rest.count, rest.errors ? Fmt("%" PRIu64, rest.errors).c_str() : "",
               v.size() - kShown);
  out += Fmt("%6s %10.2f %9" PRIu64 " %9" PRIu64 "  total\n", "100.00", total_ns / 1e6, total,
             errors);
  out += "kernel ms: an upper bound, from each syscall's entry stop to its exit stop (includes "
         "blocking and the tracer's latency)\n";
  return out;
}

std::string FormatOverhead(const SyscallTraceResult& t, int64_t untraced_ns) {
  std::string out = Fmt("exact syscalls: %" PRIu64 " in %" PRIu64
                        " threads (%" PRIu64 " scope markers, not counted)",
                        t.total_syscalls(), t.threads, t.markers);
  if (untraced_ns > 0)
    out += Fmt("; overhead: traced %.1f ms vs untraced %.1f ms = %.2fx (the untraced run went "
               "first, into a temporary output)",
               t.wall_ns / 1e6, untraced_ns / 1e6, double(t.wall_ns) / double(untraced_ns));
  else
    out += Fmt("; traced %.1f ms (the untraced comparison run failed)", t.wall_ns / 1e6);
  return out + "\n";
}

}  // namespace

bool HandOverTracedReport(const Report& report) {
  const std::string path = SyscallTraceChildReportPath();
  if (path.empty()) return false;
  if (!WriteText(path, ReportToJson(report)))
    std::cerr << "pagebake: cannot write the report for the syscall tracer to " << path << "\n";
  return true;
}

std::optional<int> RunTraceSyscalls(int argc, char** argv, const TraceSyscallsFlags& f) {
  Status allowed = CheckPtraceAllowed();
  if (!allowed.ok()) {
    std::cerr << "pagebake: --trace-syscalls: " << allowed.message()
              << "; falling back to the cheap counters\n";
    return std::nullopt;
  }
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "pagebake-trace-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) {
    std::cerr << "pagebake: --trace-syscalls: cannot create a temporary directory\n";
    return 3;
  }
  const fs::path tmp = tmpl;
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } cleanup{tmp};

  // The comparison run first, untraced, into a temporary output.
  std::vector<std::string> untraced = ChildArgs(argc, argv, /*drop_outputs=*/true);
  untraced.push_back("-o");
  untraced.push_back((tmp / "untraced-out").string());
  int64_t untraced_ns = 0;
  int untraced_rc = 0;
  if (!TimeCommand(untraced, &untraced_ns, &untraced_rc).ok() || untraced_rc != 0)
    untraced_ns = 0;

  const std::string child_report = (tmp / "traced-report.json").string();
  SyscallTraceResult trace;
  Status s = TraceCommand(ChildArgs(argc, argv, false),
                          {std::string(kSyscallTraceEnv) + "=" + child_report}, &trace);
  if (!s.ok()) {
    std::cerr << "pagebake: --trace-syscalls: " << s.message() << "\n";
    if (s.code() == StatusCode::kUnimplemented) {
      std::cerr << "pagebake: falling back to the cheap counters\n";
      return std::nullopt;
    }
    return 3;
  }
  std::string json;
  if (!ReadText(child_report, &json)) return trace.exit_code;  // the build failed: said why
  Result<Report> report = ReportFromJson(json);
  if (!report.ok()) {
    std::cerr << "pagebake: --trace-syscalls: " << report.status().ToString() << "\n";
    return trace.exit_code ? trace.exit_code : 1;
  }
  MergeSyscallTrace(trace, &*report);
  report->traced_wall_ns = trace.wall_ns;
  report->untraced_wall_ns = untraced_ns;
  if (!f.report.empty() && !WriteText(f.report, ReportToJson(*report))) {
    std::cerr << "pagebake: cannot write report " << f.report << "\n";
    return 3;
  }
  if (!f.report_html.empty() && !WriteText(f.report_html, ReportToHtml(*report))) {
    std::cerr << "pagebake: cannot write HTML report " << f.report_html << "\n";
    return 3;
  }
  if (!f.quiet) {
    std::cerr << FormatCostTable(*report, f.style) << "\n"
              << FormatSyscallSummary(trace, f.style) << FormatOverhead(trace, untraced_ns);
  }
  return trace.exit_code;
}

}  // namespace pagebake::tool
