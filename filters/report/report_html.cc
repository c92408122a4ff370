// The page shell of the HTML report: style, the summary, the sortable cost table, diagnostics,
// and the one inline script (table sorting). The charts are in report_html_sections.cc.
#include "pagebake/report_html.h"

#include <cinttypes>

#include "filters/report/report_html_internal.h"
#include "filters/report/svg_chart.h"

namespace pagebake {
namespace {

using report::Escape;
using report::Fmt;
using report::Kib;
using report::Ms;

constexpr size_t kMaxDiagnostics = 500;

constexpr char kStyle[] = R"css(
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
th:first-child,td:first-child,td.t,th.t{text-align:left}
table.sortable th{cursor:pointer;user-select:none;background:#f6f6f6}
th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
tfoot td{font-weight:bold;border-top:2px solid #ccc}
.meta td{text-align:left}.note{color:#666}
svg.chart{display:block;margin:8px 0;font-size:12px}
.ct{font-weight:bold;font-size:13px}.cl,.cv{fill:#333}.ax{stroke:#999}
.sev-error{color:#b00}.sev-warning{color:#a60}
)css";

// Sorts a table.sortable by the clicked header (numbers by data-v, text by content). A
// location hash "#sort=<key>" sorts by the header with that data-key on load, so a sorted view
// can be linked (and tested headless).
constexpr char kScript[] = R"js(
(function () {
  function sortBy(table, th, index) {
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    var heads = table.tHead.rows[0].cells;
    for (var k = 0; k < heads.length; k++) heads[k].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var numeric = th.classList.contains('num');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var c = row.cells[index];
      var v = c.getAttribute('data-v');
      return v === null ? c.textContent : v;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      var d = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
      return asc ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.addEventListener('click', function () { sortBy(table, th, i); });
    });
  });
  var m = /^#sort=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (m) {
    var th = document.querySelector('table.sortable th[data-key="' + m[1] + '"]');
    if (th) th.click();
  }
  document.body.setAttribute('data-ready', '1');
})();
)js";

struct Column {
  const char* key;
  const char* title;
  bool numeric;
};

constexpr Column kColumns[] = {
    {"name", "filter / stage", false}, {"kind", "kind", false},
    {"invocations", "calls", true},    {"files", "files", true},
    {"wall", "wall ms", true},         {"cpu", "cpu ms", true},
    {"syscalls", "syscalls", true},    {"io", "io syscalls", true},
    {"read", "read KiB", true},        {"write", "write KiB", true},
    {"minflt", "minor faults", true},  {"majflt", "major faults", true},
    {"in", "in KiB", true},            {"out", "out KiB", true},
    {"saved", "saved %", true},        {"fallbacks", "fallbacks", true},
};

std::string Num(int64_t sort_value, const std::string& text) {
  return Fmt("<td data-v=\"%" PRId64 "\">", sort_value) + Escape(text) + "</td>";
}
std::string Int(int64_t v) { return Num(v, Fmt("%" PRId64, v)); }

std::string SavedCell(uint64_t in, uint64_t out) {
  if (in == 0) return "<td data-v=\"0\"></td>";
  const double pct = 100.0 * (static_cast<double>(in) - static_cast<double>(out)) / in;
  return Fmt("<td data-v=\"%.3f\">%.1f</td>", pct, pct);
}

std::string CostRow(const ReportRow& row) {
  const CostCounters& c = row.cost;
  std::string s = "<tr><td class=\"t\">" + Escape(row.name) + "</td><td class=\"t\">" +
                  Escape(row.kind) + "</td>";
  s += Int(static_cast<int64_t>(row.invocations)) + Int(static_cast<int64_t>(row.files));
  s += Num(c.wall_ns, Ms(c.wall_ns)) + Num(c.cpu_user_ns + c.cpu_sys_ns, Ms(c.cpu_user_ns + c.cpu_sys_ns));
  // An unmeasured syscall count is shown as "-" and sorts below every measured one.
  s += c.syscalls ? Int(*c.syscalls) : Num(-1, "-");
  s += Int(c.io_syscalls()) + Num(c.read_bytes, Kib(c.read_bytes)) +
       Num(c.write_bytes, Kib(c.write_bytes)) + Int(c.minor_faults) + Int(c.major_faults);
  s += Num(static_cast<int64_t>(row.bytes_in), Kib(static_cast<int64_t>(row.bytes_in))) +
       Num(static_cast<int64_t>(row.bytes_out), Kib(static_cast<int64_t>(row.bytes_out)));
  s += SavedCell(row.bytes_in, row.bytes_out) + Int(static_cast<int64_t>(row.fallbacks));
  return s + "</tr>\n";
}

std::string CostTable(const Report& r) {
  std::string s = "<section id=\"cost\"><h2>Cost per filter and stage</h2>\n"
                  "<p class=\"note\">Click a column header to sort.</p>\n"
                  "<table class=\"sortable\" id=\"cost-table\"><thead><tr>";
  for (const Column& col : kColumns)
    s += Fmt("<th data-key=\"%s\"%s>%s</th>", col.key, col.numeric ? " class=\"num\"" : "",
             col.title);
  s += "</tr></thead>\n<tbody>\n";
  CostCounters sum;
  bool syscalls_known = true;
  int64_t syscalls = 0;
  for (const ReportRow& row : r.rows) {
    s += CostRow(row);
    sum.wall_ns += row.cost.wall_ns;
    sum.cpu_user_ns += row.cost.cpu_user_ns + row.cost.cpu_sys_ns;
    if (row.cost.syscalls) syscalls += *row.cost.syscalls; else syscalls_known = false;
  }
  s += "</tbody>\n<tfoot><tr><td class=\"t\">rows total</td><td></td><td></td><td></td>";
  s += "<td>" + Ms(sum.wall_ns) + "</td><td>" + Ms(sum.cpu_user_ns) + "</td><td>" +
       (syscalls_known ? Fmt("%" PRId64, syscalls) : std::string("-")) + "</td>";
  s += Fmt("<td colspan=\"9\" class=\"t\">process: %s ms wall, %s ms cpu</td></tr></tfoot>",
           Ms(r.process.wall_ns).c_str(),
           Ms(r.process.cpu_user_ns + r.process.cpu_sys_ns).c_str());
  return s + "</table></section>\n";
}

std::string Summary(const Report& r) {
  std::string filters;
  for (const std::string& f : r.filters) filters += (filters.empty() ? "" : ", ") + f;
  const CostCounters& p = r.process;
  std::string s = "<table class=\"meta\">";
  auto row = [&](const char* k, const std::string& v) {
    s += std::string("<tr><th class=\"t\">") + k + "</th><td>" + Escape(v) + "</td></tr>";
  };
  row("version", r.tool_version);
  row("level", r.level);
  row("filters", filters.empty() ? "(none)" : filters);
  row("jobs / io", Fmt("%d / ", r.jobs) + r.io);
  row("files", Fmt("%" PRIu64 " in, %zu out", r.files_in, r.outputs.size()));
  row("bytes", Kib(static_cast<int64_t>(r.bytes_in)) + " KiB in, " +
                   Kib(static_cast<int64_t>(r.bytes_out)) + " KiB out");
  row("process", Ms(p.wall_ns) + " ms wall, " + Ms(p.cpu_user_ns) + " ms user, " +
                     Ms(p.cpu_sys_ns) + " ms sys, " +
                     (p.syscalls ? Fmt("%" PRId64, *p.syscalls) : std::string("unmeasured")) +
                     " syscalls" + (r.exact ? " (exact, traced)" : "") +
                     Fmt(", %" PRId64 " minor / %" PRId64 " major faults", p.minor_faults,
                         p.major_faults));
  return s + "</table>\n";
}

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kNote: return "note";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "?";
}

std::string Diagnostics(const Report& r) {
  if (r.diagnostics.empty()) return "";
  std::string s = Fmt("<section id=\"diagnostics\"><h2>Diagnostics (%zu)</h2>\n<ul>\n",
                      r.diagnostics.size());
  for (size_t i = 0; i < r.diagnostics.size() && i < kMaxDiagnostics; ++i) {
    const Diagnostic& d = r.diagnostics[i];
    s += Fmt("<li class=\"sev-%s\">", SeverityName(d.severity)) + Escape(d.ToString()) + "</li>\n";
  }
  s += "</ul>";
  if (r.diagnostics.size() > kMaxDiagnostics)
    s += Fmt("<p class=\"note\">%zu more in the JSON report.</p>",
             r.diagnostics.size() - kMaxDiagnostics);
  return s + "</section>\n";
}

}  // namespace

namespace report {

std::string Ms(int64_t ns) { return Fmt("%.1f", static_cast<double>(ns) / 1e6); }
std::string Kib(int64_t bytes) { return Fmt("%.1f", static_cast<double>(bytes) / 1024.0); }

}  // namespace report

std::string ReportToHtml(const Report& r) {
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>pagebake report</title>\n<style>";
  s += kStyle;
  s += "</style></head>\n<body>\n<h1>pagebake build report</h1>\n";
  s += Summary(r);
  s += CostTable(r);
  s += report::CostChartsSection(r);
  s += report::BenefitSection(r);
  s += report::SyscallSection(r);
  s += report::PageWeightSection(r);
  s += Diagnostics(r);
  s += "<script>";
  s += kScript;
  s += "</script>\n</body></html>\n";
  return s;
}

}  // namespace pagebake
