#include "tool/table.h"

#include <algorithm>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>

namespace pagebake::tool {
namespace {

std::string Ms(int64_t ns) { return Fmt("%.1f", ns / 1e6); }

uint64_t Op(const ReportRow& r, const char* name) {
  auto it = r.env_ops.find(name);
  return it == r.env_ops.end() ? 0 : it->second;
}

std::string Syscalls(const CostCounters& c) {
  return c.syscalls ? Fmt("%" PRId64, *c.syscalls) : std::string("-");
}

}  // namespace

std::string Fmt(const char* f, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, f);
  vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return buf;
}

std::string FormatCostTable(const Report& report, const Style& style) {
  std::vector<const ReportRow*> rows;
  for (const ReportRow& r : report.rows) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](const ReportRow* a, const ReportRow* b) {
    return a->cost.wall_ns > b->cost.wall_ns;
  });
  int64_t total_wall = 0;
  for (const ReportRow* r : rows) total_wall += r->cost.wall_ns;
  std::string out;
  const char* bold = style.color ? "\033[1m" : "";
  const char* reset = style.color ? "\033[0m" : "";
  out += Fmt("%s%6s %9s %9s %6s %9s %7s %7s %7s %7s %7s %9s %9s %6s  %s%s\n", bold, "% time",
             "wall ms", "cpu ms", "files", "syscalls", "reads", "writes", "opens", "stats",
             "faults", "in KiB", "out KiB", "saved", "filter/stage", reset);
  out += std::string(6, '-') + " " + std::string(9, '-') + " " + std::string(9, '-') + " " +
         std::string(6, '-') + " " + std::string(9, '-') + " " + std::string(7, '-') + " " +
         std::string(7, '-') + " " + std::string(7, '-') + " " + std::string(7, '-') + " " +
         std::string(7, '-') + " " + std::string(9, '-') + " " + std::string(9, '-') + " " +
         std::string(6, '-') + "  " + std::string(16, '-') + "\n";
  CostCounters sum;
  int64_t sum_syscalls = 0;
  bool syscalls_known = true;
  uint64_t sum_files = 0;
  for (const ReportRow* r : rows) {
    const CostCounters& c = r->cost;
    double pct = total_wall ? 100.0 * c.wall_ns / total_wall : 0;
    std::string saved = "";
    if (r->kind == "filter" && r->bytes_in > 0)
      saved = Fmt("%.1f%%", 100.0 * (double(r->bytes_in) - double(r->bytes_out)) / r->bytes_in);
    std::string name = r->name + (r->kind == "filter" ? "" : r->kind == "stage" ? " (stage)" : "");
    if (r->fallbacks) name += Fmt(" [%" PRIu64 " fallback%s]", r->fallbacks, r->fallbacks > 1 ? "s" : "");
    out += Fmt("%6.2f %9s %9s %6" PRIu64 " %9s %7" PRId64 " %7" PRId64 " %7" PRIu64 " %7" PRIu64
               " %7" PRId64 " %9.1f %9.1f %6s  %s\n",
               pct, Ms(c.wall_ns).c_str(), Ms(c.cpu_user_ns + c.cpu_sys_ns).c_str(), r->files,
               Syscalls(c).c_str(), c.syscr, c.syscw, Op(*r, "open"), Op(*r, "stat"),
               c.minor_faults + c.major_faults, r->bytes_in / 1024.0, r->bytes_out / 1024.0,
               saved.c_str(), name.c_str());
    sum.cpu_user_ns += c.cpu_user_ns;
    sum.cpu_sys_ns += c.cpu_sys_ns;
    sum.syscr += c.syscr;
    sum.syscw += c.syscw;
    sum.minor_faults += c.minor_faults + c.major_faults;
    if (c.syscalls) sum_syscalls += *c.syscalls;
    else syscalls_known = false;
    sum_files += r->files;
  }
  const CostCounters& p = report.process;
  out += Fmt("%6s %9s %9s %6s %9s %7" PRId64 " %7" PRId64 " %7s %7s %7" PRId64 " %9.1f %9.1f %6s  %s\n",
             "100.00", Ms(p.wall_ns).c_str(), Ms(p.cpu_user_ns + p.cpu_sys_ns).c_str(), "",
             p.syscalls ? Fmt("%" PRId64, *p.syscalls).c_str() : "-", p.syscr, p.syscw, "", "",
             p.minor_faults + p.major_faults, report.bytes_in / 1024.0, report.bytes_out / 1024.0,
             report.bytes_in ? Fmt("%.1f%%", 100.0 * (double(report.bytes_in) - double(report.bytes_out)) / report.bytes_in).c_str() : "",
             "process total (wall of the run; rows' wall is per thread)");
  int64_t pcpu = p.cpu_user_ns + p.cpu_sys_ns;
  int64_t rcpu = 0, rsys = 0;
  for (const ReportRow* r : rows)
    if (r->kind != "unattributed") {
      rcpu += r->cost.cpu_user_ns + r->cost.cpu_sys_ns;
      if (r->cost.syscalls) rsys += *r->cost.syscalls;
    }
  out += Fmt("rows other than 'unattributed' account for %.1f%% of process CPU", pcpu ? 100.0 * rcpu / pcpu : 100.0);
  if (syscalls_known && p.syscalls && *p.syscalls)
    out += Fmt(" and %.1f%% of its syscalls", 100.0 * rsys / *p.syscalls);
  else
    out += "; syscalls not countable here (needs tracefs + perf_event access)";
  out += Fmt("; %d job%s, io=%s\n", report.jobs, report.jobs == 1 ? "" : "s", report.io.c_str());
  (void)sum_files;
  (void)sum_syscalls;
  return out;
}

std::string FormatDiagnostic(const Diagnostic& d, const Style& style) {
  std::string s = d.ToString();
  if (!style.color) return s;
  const char* c = d.severity == Severity::kError ? "\033[31m" : d.severity == Severity::kWarning ? "\033[33m" : "\033[36m";
  size_t pos = s.find(": error: ");
  if (pos == std::string::npos) pos = s.find(": warning: ");
  if (pos == std::string::npos) pos = s.find(": note: ");
  if (pos == std::string::npos) return s;
  size_t end = s.find(':', pos + 2);
  return s.substr(0, pos + 2) + c + s.substr(pos + 2, end - pos - 2) + "\033[0m" + s.substr(end);
}

std::string FormatFilterTable(const std::vector<FilterDescription>& filters, const Style& style) {
  std::string out;
  const char* bold = style.color ? "\033[1m" : "";
  const char* reset = style.color ? "\033[0m" : "";
  out += Fmt("%s%-30s %-6s %-20s %-7s %-9s %s%s\n", bold, "id", "type", "levels", "risk",
             "status", "description", reset);
  for (const FilterDescription& f : filters) {
    std::string levels;
    for (const std::string& l : f.levels) levels += (levels.empty() ? "" : ",") + l;
    if (levels.empty()) levels = "(named only)";
    out += Fmt("%-30s %-6s %-20s %-7s %-9s %s\n", f.id.c_str(), f.content.c_str(),
               levels.c_str(), f.risk.c_str(), f.implemented ? "built" : "not built",
               f.description.c_str());
  }
  return out;
}

}  // namespace pagebake::tool
