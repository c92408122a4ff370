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

CostCounters CountersFrom(const json& j) {
  CostCounters c;
  c.wall_ns = j.value("wall_ns", int64_t{0});
  c.cpu_user_ns = j.value("cpu_user_ns", int64_t{0});
  c.cpu_sys_ns = j.value("cpu_sys_ns", int64_t{0});
  if (j.contains("syscalls") && j["syscalls"].is_number()) c.syscalls = j["syscalls"].get<int64_t>();
  c.syscr = j.value("syscr", int64_t{0});
  c.syscw = j.value("syscw", int64_t{0});
  c.read_bytes = j.value("read_bytes", int64_t{0});
  c.write_bytes = j.value("write_bytes", int64_t{0});
  c.minor_faults = j.value("minor_faults", int64_t{0});
  c.major_faults = j.value("major_faults", int64_t{0});
  c.vol_ctx_switches = j.value("vol_ctx_switches", int64_t{0});
  c.invol_ctx_switches = j.value("invol_ctx_switches", int64_t{0});
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
  j["tool"] = {{"name", "pagebake"}, {"version", r.tool_version}};
  j["exact"] = r.exact;
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
  std::string schema = j.value("schema", "");
  if (schema.rfind("pagebake-report/", 0) != 0)
    return Status::InvalidArgument("report: unknown schema '" + schema + "'");
  Report r;
  if (j.contains("tool")) r.tool_version = j["tool"].value("version", "");
  r.exact = j.value("exact", false);
  if (j.contains("options")) {
    const json& o = j["options"];
    r.level = o.value("level", "");
    r.jobs = o.value("jobs", 0);
    r.io = o.value("io", "");
    if (o.contains("filters") && o["filters"].is_array())
      for (auto& f : o["filters"]) r.filters.push_back(f.get<std::string>());
  }
  if (j.contains("process")) r.process = CountersFrom(j["process"]);
  if (j.contains("rows") && j["rows"].is_array()) {
    for (const json& o : j["rows"]) {
      ReportRow row;
      row.name = o.value("name", "");
      row.kind = o.value("kind", "");
      row.invocations = o.value("invocations", uint64_t{0});
      row.files = o.value("files", uint64_t{0});
      row.cost = CountersFrom(o);
      if (o.contains("env_ops"))
        for (auto& [k, v] : o["env_ops"].items()) row.env_ops[k] = v.get<uint64_t>();
      if (o.contains("syscalls_by_name"))
        for (auto& [k, v] : o["syscalls_by_name"].items()) row.syscalls_by_name[k] = v.get<uint64_t>();
      row.bytes_in = o.value("bytes_in", uint64_t{0});
      row.bytes_out = o.value("bytes_out", uint64_t{0});
      row.fallbacks = o.value("fallbacks", uint64_t{0});
      r.rows.push_back(std::move(row));
    }
  }
  if (j.contains("outputs") && j["outputs"].is_array()) {
    for (const json& o : j["outputs"]) {
      OutputFile f;
      f.path = o.value("path", "");
      f.source = o.value("source", "");
      f.bytes = o.value("bytes", uint64_t{0});
      f.source_bytes = o.value("source_bytes", uint64_t{0});
      if (o.contains("gzip_bytes") && o["gzip_bytes"].is_number()) f.gzip_bytes = o["gzip_bytes"].get<uint64_t>();
      if (o.contains("br_bytes") && o["br_bytes"].is_number()) f.br_bytes = o["br_bytes"].get<uint64_t>();
      f.content_type = o.value("content_type", "");
      f.sri = o.value("sri", "");
      f.entry_point = o.value("entry_point", false);
      if (o.contains("loads"))
        for (auto& l : o["loads"]) f.loads.push_back(l.get<std::string>());
      r.outputs.push_back(std::move(f));
    }
  }
  if (j.contains("totals")) {
    r.files_in = j["totals"].value("files_in", uint64_t{0});
    r.bytes_in = j["totals"].value("bytes_in", uint64_t{0});
    r.bytes_out = j["totals"].value("bytes_out", uint64_t{0});
  }
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
