#include "tool/cmd_report.h"

#include <unistd.h>

#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "pagebake/report_html.h"
#include "tool/table.h"
#include "tool/files.h"

namespace pagebake::tool {
namespace {

struct ReportFlags {
  std::vector<std::string> files;
  std::string html;
  std::string color = "auto";
  bool diff = false;
};

// Reads and parses one report; on failure prints why and returns the exit code.
int Load(const std::string& path, Report* report) {
  std::string text;
  if (!ReadText(path, &text)) {
    std::cerr << "pagebake report: cannot read " << path << "\n";
    return kIo;
  }
  Result<Report> r = ReportFromJson(text);
  if (!r.ok()) {
    std::cerr << "pagebake report: " << path << ": " << r.status().ToString() << "\n";
    return kUsage;
  }
  *report = std::move(r).value();
  return kOk;
}

enum class Unit { kMs, kCount, kBytes };

std::string Value(int64_t v, Unit u) {
  switch (u) {
    case Unit::kMs: return Fmt("%.1f", static_cast<double>(v) / 1e6);
    case Unit::kCount:
    case Unit::kBytes: return Fmt("%" PRId64, v);
  }
  return "";
}

// "12.3 -> 10.1 (-17.9%)"; "-" for an absent side; "=" when equal.
std::string Change(const DiffValue& d, Unit u) {
  const std::string a = d.old_value ? Value(*d.old_value, u) : "-";
  const std::string b = d.new_value ? Value(*d.new_value, u) : "-";
  if (d.old_value && d.new_value && a == b) return a + " =";
  std::string s = a + " -> " + b;
  if (std::optional<double> p = d.percent()) s += Fmt(" (%+.1f%%)", *p);
  return s;
}

int RunReport(const ReportFlags& f) {
  if (f.diff) {
    if (f.files.size() != 2 || !f.html.empty()) {
      std::cerr << "pagebake report --diff takes exactly two reports (OLD.json NEW.json) and no "
                   "--html\n";
      return kUsage;
    }
    Report a, b;
    if (int rc = Load(f.files[0], &a)) return rc;
    if (int rc = Load(f.files[1], &b)) return rc;
    std::cout << FormatReportDiff(DiffReports(a, b));
    return kOk;
  }
  if (f.files.size() != 1) {
    std::cerr << "pagebake report takes one report (FILE.json), or --diff OLD.json NEW.json\n";
    return kUsage;
  }
  Report r;
  if (int rc = Load(f.files[0], &r)) return rc;
  if (!f.html.empty()) {
    if (!WriteText(f.html, ReportToHtml(r))) {
      std::cerr << "pagebake report: cannot write " << f.html << "\n";
      return kIo;
    }
    return kOk;
  }
  std::cout << FormatCostTable(r, Style{WantColor(f.color, STDOUT_FILENO)});
  return kOk;
}

}  // namespace

std::string FormatReportDiff(const ReportDiff& d) {
  std::string out = Fmt("%-32s %-30s %-30s %-30s %s\n", "filter/stage", "wall ms", "cpu ms",
                        "syscalls", "bytes out");
  for (const RowDiff& r : d.rows) {
    std::string name = r.name + (r.kind == "filter" ? "" : " (" + r.kind + ")");
    if (r.only_old) name += " [removed]";
    if (r.only_new) name += " [added]";
    out += Fmt("%-32s %-30s %-30s %-30s %s\n", name.c_str(), Change(r.wall_ns, Unit::kMs).c_str(),
               Change(r.cpu_ns, Unit::kMs).c_str(), Change(r.syscalls, Unit::kCount).c_str(),
               Change(r.bytes_out, Unit::kBytes).c_str());
  }
  out += Fmt("%-32s %-30s %-30s %-30s %s\n", "process total",
             Change(d.process_wall_ns, Unit::kMs).c_str(), Change(d.process_cpu_ns, Unit::kMs).c_str(),
             Change(d.process_syscalls, Unit::kCount).c_str(),
             Change(d.total_bytes_out, Unit::kBytes).c_str());
  size_t added = 0, removed = 0;
  for (const OutputDiff& o : d.outputs) {
    added += o.old_path.empty();
    removed += o.new_path.empty();
  }
  out += Fmt("\noutput files: %zu changed, %zu added, %zu removed, %zu unchanged\n",
             d.outputs.size() - added - removed, added, removed, d.unchanged_outputs);
  for (const OutputDiff& o : d.outputs) {
    const char* mark = o.old_path.empty() ? "+" : o.new_path.empty() ? "-" : " ";
    std::string line = Fmt("%s %-40s bytes %s", mark, o.key.c_str(),
                           Change(o.bytes, Unit::kBytes).c_str());
    if (o.gzip_bytes.changed()) line += ", gzip " + Change(o.gzip_bytes, Unit::kBytes);
    if (o.br_bytes.changed()) line += ", br " + Change(o.br_bytes, Unit::kBytes);
    if (!o.old_path.empty() && !o.new_path.empty() && o.old_path != o.new_path)
      line += "  [" + o.old_path + " -> " + o.new_path + "]";
    out += line + "\n";
  }
  return out;
}

CLI::App* AddReportCommand(CLI::App& app, RunFn* run) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Re-render a saved --report JSON (table or HTML), or diff two of them");
  cmd->add_option("FILES", flags->files, "FILE.json, or OLD.json NEW.json with --diff")
      ->required()
      ->expected(1, 2);
  cmd->add_flag("--diff", flags->diff, "Show what changed from OLD.json to NEW.json");
  cmd->add_option("--html", flags->html, "Write the self-contained HTML report to this file");
  cmd->add_option("--color", flags->color, "auto | always | never (NO_COLOR honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  *run = [flags] { return RunReport(*flags); };
  return cmd;
}

}  // namespace pagebake::tool
