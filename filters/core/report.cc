// JSON views of the report model: the versioned report (schema pagebake-report/1) and Chrome
// trace events. Field names are a contract (DESIGN.md): add, never rename.
#include "pagebake/report.h"

#include <nlohmann/json.hpp>

#include "filters/core/report_internal.h"

namespace pagebake {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json CountersJson(const CostCounters& c, bool with_wall_breakdown) {
  ordered_json j;
  j["wall_ns"] = c.wall_ns;
  j["cpu_user_ns"] = c.cpu_user_ns;
  j["cpu_sys_ns"] = c.cpu_sys_ns;
  j["syscalls"] = c.syscalls ? json(*c.syscalls) : json(nullptr);
  j["io_syscalls"] = c.io_syscalls();
  j["syscr"] = c.syscr;
  j["syscw"] = c.syscw;
  j["read_bytes"] = c.read_bytes;
  j["write_bytes"] = c.write_bytes;
  j["minor_faults"] = c.minor_faults;
  j["major_faults"] = c.major_faults;
  j["vol_ctx_switches"] = c.vol_ctx_switches;
  j["invol_ctx_switches"] = c.invol_ctx_switches;
  (void)with_wall_breakdown;
  return j;
}

// Type-checked reads: a field of the wrong type reads as absent. (json::value() and get<>()
// throw on a type mismatch, and the library never throws.)
int64_t Int(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<int64_t>() : 0;
}
uint64_t UInt(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() && *it >= 0 ? it->get<uint64_t>() : 0;
}
std::optional<uint64_t> OptUInt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number() || *it < 0) return std::nullopt;
  return it->get<uint64_t>();
}
std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
bool Bool(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}
std::vector<std::string> Strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}
std::map<std::string, uint64_t> Counts(const json& j, const char* key) {
  std::map<std::string, uint64_t> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return out;
  for (auto& [k, v] : it->items())
    if (v.is_number() && v >= 0) out[k] = v.get<uint64_t>();
  return out;
}

std::map<std::string, SyscallStat> SyscallStats(const json& row) {
  std::map<std::string, SyscallStat> out;
  auto it = row.find("syscall_stats");
  if (it == row.end() || !it->is_object()) return out;
  for (auto& [name, v] : it->items()) {
    if (!v.is_object()) continue;
    SyscallStat& st = out[name];
    st.count = UInt(v, "count");
    st.errors = UInt(v, "errors");
    st.kernel_ns = Int(v, "kernel_ns");
  }
  return out;
}

CostCounters CountersFrom(const json& j) {
  CostCounters c;
  if (!j.is_object()) return c;
  c.wall_ns = Int(j, "wall_ns");
  c.cpu_user_ns = Int(j, "cpu_user_ns");
  c.cpu_sys_ns = Int(j, "cpu_sys_ns");
  if (auto it = j.find("syscalls"); it != j.end() && it->is_number()) c.syscalls = it->get<int64_t>();
  c.syscr = Int(j, "syscr");
  c.syscw = Int(j, "syscw");
  c.read_bytes = Int(j, "read_bytes");
  c.write_bytes = Int(j, "write_bytes");
  c.minor_faults = Int(j, "minor_faults");
  c.major_faults = Int(j, "major_faults");
  c.vol_ctx_switches = Int(j, "vol_ctx_switches");
  c.invol_ctx_switches = Int(j, "invol_ctx_switches");
  return c;
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kNote: return "note";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "?";
}

}  // namespace

CostCounters ToCostCounters(const Counters& c, bool syscalls_known) {
  CostCounters o;
  o.wall_ns = c.wall_ns;
  o.cpu_user_ns = c.cpu_user_ns;
  o.cpu_sys_ns = c.cpu_sys_ns;
  o.minor_faults = c.minor_faults;
  o.major_faults = c.major_faults;
  o.vol_ctx_switches = c.vol_ctx_switches;
  o.invol_ctx_switches = c.invol_ctx_switches;
  o.syscr = c.syscr;
  o.syscw = c.syscw;
  o.read_bytes = c.rchar;
  o.write_bytes = c.wchar;
  if (syscalls_known) o.syscalls = c.syscalls;
  return o;
}

std::string ReportToJson(const Report& r) {
  ordered_json j;
  j["schema"] = kReportSchema;
  j["schema_revision"] = kReportSchemaRevision;
  j["tool"] = {{"name", "pagebake"}, {"version", r.tool_version}};
  j["exact"] = r.exact;
  if (r.exact)
    j["syscall_trace"] = {{"tracer", "ptrace"},
                          {"traced_wall_ns", r.traced_wall_ns},
                          {"untraced_wall_ns", r.untraced_wall_ns}};
  j["options"] = {{"level", r.level}, {"filters", r.filters}, {"jobs", r.jobs}, {"io", r.io}};
  j["process"] = CountersJson(r.process, false);
  ordered_json rows = ordered_json::array();
  for (const ReportRow& row : r.rows) {
    ordered_json o;
    o["name"] = row.name;
    o["kind"] = row.kind;
    o["invocations"] = row.invocations;
    o["files"] = row.files;
    const ordered_json counters = CountersJson(row.cost, false);
    for (auto& [k, v] : counters.items()) o[k] = v;
    if (!row.syscalls_by_name.empty()) o["syscalls_by_name"] = row.syscalls_by_name;
    if (!row.syscall_stats.empty()) {
      ordered_json stats = ordered_json::object();
      for (auto& [name, st] : row.syscall_stats)
        stats[name] = {{"count", st.count}, {"errors", st.errors}, {"kernel_ns", st.kernel_ns}};
      o["syscall_stats"] = std::move(stats);
    }
    o["env_ops"] = row.env_ops;
    o["bytes_in"] = row.bytes_in;
    o["bytes_out"] = row.bytes_out;
    o["fallbacks"] = row.fallbacks;
    rows.push_back(std::move(o));
  }
  j["rows"] = std::move(rows);
  ordered_json outs = ordered_json::array();
  for (const OutputFile& f : r.outputs) {
    ordered_json o;
    o["path"] = f.path;
    o["source"] = f.source;
    if (!f.sources.empty()) o["sources"] = f.sources;
    o["bytes"] = f.bytes;
    o["source_bytes"] = f.source_bytes;
    o["gzip_bytes"] = f.gzip_bytes ? json(*f.gzip_bytes) : json(nullptr);
    o["br_bytes"] = f.br_bytes ? json(*f.br_bytes) : json(nullptr);
    o["content_type"] = f.content_type;
    if (!f.sri.empty()) o["sri"] = f.sri;
    o["entry_point"] = f.entry_point;
    if (!f.loads.empty()) o["loads"] = f.loads;
    outs.push_back(std::move(o));
  }
  j["outputs"] = std::move(outs);
  ordered_json diags = ordered_json::array();
  for (const Diagnostic& d : r.diagnostics) {
    diags.push_back({{"severity", SeverityName(d.severity)},
                     {"path", d.path},
                     {"line", d.line},
                     {"col", d.col},
                     {"filter", d.filter_id},
                     {"message", d.message}});
  }
  j["diagnostics"] = std::move(diags);
  j["totals"] = {{"files_in", r.files_in}, {"bytes_in", r.bytes_in}, {"bytes_out", r.bytes_out}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<Report> ReportFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("report: not valid JSON");
  std::string schema = Str(j, "schema");
  if (schema.rfind("pagebake-report/", 0) != 0)
    return Status::InvalidArgument("report: unknown schema '" + schema + "'");
  static const json kEmpty = json::object();
  auto obj = [&](const json& parent, const char* key) -> const json& {
    auto it = parent.find(key);
    return it != parent.end() && it->is_object() ? *it : kEmpty;
  };
  Report r;
  r.tool_version = Str(obj(j, "tool"), "version");
  r.exact = Bool(j, "exact");
  r.traced_wall_ns = Int(obj(j, "syscall_trace"), "traced_wall_ns");
  r.untraced_wall_ns = Int(obj(j, "syscall_trace"), "untraced_wall_ns");
  const json& o = obj(j, "options");
  r.level = Str(o, "level");
  r.jobs = static_cast<int>(Int(o, "jobs"));
  r.io = Str(o, "io");
  r.filters = Strings(o, "filters");
  r.process = CountersFrom(obj(j, "process"));
  if (auto rows = j.find("rows"); rows != j.end() && rows->is_array()) {
    for (const json& row_json : *rows) {
      if (!row_json.is_object()) continue;
      ReportRow row;
      row.name = Str(row_json, "name");
      row.kind = Str(row_json, "kind");
      row.invocations = UInt(row_json, "invocations");
      row.files = UInt(row_json, "files");
      row.cost = CountersFrom(row_json);
      row.env_ops = Counts(row_json, "env_ops");
      row.syscalls_by_name = Counts(row_json, "syscalls_by_name");
      row.syscall_stats = SyscallStats(row_json);
      row.bytes_in = UInt(row_json, "bytes_in");
      row.bytes_out = UInt(row_json, "bytes_out");
      row.fallbacks = UInt(row_json, "fallbacks");
      r.rows.push_back(std::move(row));
    }
  }
  if (auto outs = j.find("outputs"); outs != j.end() && outs->is_array()) {
    for (const json& f_json : *outs) {
      if (!f_json.is_object()) continue;
      OutputFile f;
      f.path = Str(f_json, "path");
      f.source = Str(f_json, "source");
      f.sources = Strings(f_json, "sources");
      f.bytes = UInt(f_json, "bytes");
      f.source_bytes = UInt(f_json, "source_bytes");
      f.gzip_bytes = OptUInt(f_json, "gzip_bytes");
      f.br_bytes = OptUInt(f_json, "br_bytes");
      f.content_type = Str(f_json, "content_type");
      f.sri = Str(f_json, "sri");
      f.entry_point = Bool(f_json, "entry_point");
      f.loads = Strings(f_json, "loads");
      r.outputs.push_back(std::move(f));
    }
  }
  const json& totals = obj(j, "totals");
  r.files_in = UInt(totals, "files_in");
  r.bytes_in = UInt(totals, "bytes_in");
  r.bytes_out = UInt(totals, "bytes_out");
  return r;
}

std::string TraceToJson(const CostMeter& meter) {
  ordered_json events = ordered_json::array();
  const int pid = 1;
  for (auto& [tid, name] : meter.ThreadNames())
    events.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", pid}, {"tid", tid},
                      {"args", {{"name", name}}}});
  events.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", pid}, {"tid", 0},
                    {"args", {{"name", "pagebake"}}}});
  for (const TraceEvent& e : meter.TraceEvents()) {
    ordered_json args = CountersJson(ToCostCounters(e.self, meter.syscalls_known()), false);
    if (!e.file.empty()) args["file"] = e.file;
    args["bytes_in"] = e.bytes_in;
    args["bytes_out"] = e.bytes_out;
    events.push_back({{"ph", "X"},
                      {"name", e.name},
                      {"cat", std::string(RowKindName(e.kind))},
                      {"pid", pid},
                      {"tid", e.tid},
                      {"ts", e.start_ns / 1000.0},
                      {"dur", e.dur_ns / 1000.0},
                      {"args", std::move(args)}});
  }
  ordered_json j;
  j["traceEvents"] = std::move(events);
  j["displayTimeUnit"] = "ms";
  j["otherData"] = {{"tool", "pagebake"}, {"schema", "chrome-trace-events"}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace pagebake
