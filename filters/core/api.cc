// The public entry points (pagebake/pagebake.h) over the pipeline and the process-wide meter.
#include <algorithm>
#include <memory>
#include <mutex>

#include "filters/core/cost.h"
#include "filters/core/filter_table.h"
#include "filters/core/pipeline.h"
#include "filters/core/registry.h"
#include "filters/core/report_internal.h"
#include "pagebake/pagebake.h"

#ifndef PAGEBAKE_VERSION
#define PAGEBAKE_VERSION "0.0.0"
#endif

namespace pagebake {
namespace {

std::once_flag g_meter_once;
CostMeter* g_meter = nullptr;

CostMeter* Meter() {
  std::call_once(g_meter_once, [] { g_meter = new CostMeter(); });  // lives until exit
  return g_meter;
}

int TableIndex(std::string_view id) {
  auto t = FilterTable();
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace

std::string_view Version() { return PAGEBAKE_VERSION; }

void StartCostMeter() {
  Meter()->NameThread("main");
}

struct StageScope::Impl {
  CostScope scope;
  explicit Impl(std::string_view name) : scope(Meter(), name, RowKind::kStage) {}
};

StageScope::StageScope(std::string_view name) : impl_(std::make_unique<Impl>(name)) {}
StageScope::~StageScope() = default;

Status Build(const Options& options, BuildResult* result, const BuildHooks& hooks, bool trace) {
  StartCostMeter();
  CostMeter* meter = Meter();
  meter->set_trace(trace);
  std::unique_ptr<Env> env = NewPosixEnv(options.io);
  Pipeline pipeline(options, env.get(), meter);
  Status s = pipeline.Run(result, hooks);
  result->report.tool_version = std::string(Version());
  return s;
}

void FinishReport(BuildResult* result) {
  CostMeter* meter = Meter();
  const bool known = meter->syscalls_known();
  std::vector<CostRow> rows = meter->Rows();
  Counters startup = meter->startup();
  Counters proc = meter->ProcessTotals();
  proc.wall_ns += startup.wall_ns;

  // Filters in table order, then stages by name, then what is left.
  std::sort(rows.begin(), rows.end(), [](const CostRow& a, const CostRow& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.kind == RowKind::kFilter) return TableIndex(a.name) < TableIndex(b.name);
    return a.name < b.name;
  });
  Report& rep = result->report;
  rep.rows.clear();
  Counters sum = startup;
  auto add_row = [&](const std::string& name, RowKind kind, const CostRow* src,
                     const Counters& c) {
    ReportRow row;
    row.name = name;
    row.kind = std::string(RowKindName(kind));
    row.cost = ToCostCounters(c, known);
    if (src) {
      row.invocations = src->invocations;
      row.files = src->files;
      row.bytes_in = src->bytes_in;
      row.bytes_out = src->bytes_out;
      row.fallbacks = src->fallbacks;
      for (int i = 0; i < int(EnvOp::kCount); ++i)
        row.env_ops[std::string(EnvOpName(EnvOp(i)))] = src->env_ops.ops[i];
      row.env_ops["bytes_read"] = src->env_ops.bytes_read;
      row.env_ops["bytes_written"] = src->env_ops.bytes_written;
    } else {
      row.invocations = 1;
    }
    rep.rows.push_back(std::move(row));
  };
  add_row("startup", RowKind::kStage, nullptr, startup);
  for (const CostRow& r : rows) {
    add_row(r.name, r.kind, &r, r.counters);
    sum += r.counters;
  }
  // The meter's own syscalls: subtracted from every row, still part of the process.
  Counters self = MeterSelfCost();
  if (!known) self.syscalls = 0;
  add_row("meter", RowKind::kStage, nullptr, self);
  sum += self;
  Counters rest = proc - sum;
  rest.wall_ns = proc.wall_ns - startup.wall_ns - meter->main_thread_wall_ns();
  auto clamp = [](int64_t& v) { v = std::max<int64_t>(v, 0); };
  clamp(rest.wall_ns); clamp(rest.cpu_user_ns); clamp(rest.cpu_sys_ns);
  clamp(rest.minor_faults); clamp(rest.major_faults); clamp(rest.syscr); clamp(rest.syscw);
  clamp(rest.rchar); clamp(rest.wchar); clamp(rest.syscalls);
  clamp(rest.vol_ctx_switches); clamp(rest.invol_ctx_switches);
  add_row("unattributed", RowKind::kUnattributed, nullptr, rest);
  rep.process = ToCostCounters(proc, known);
  if (meter->TraceEvents().size()) result->trace_json = TraceToJson(*meter);
}

std::vector<FilterDescription> ListFilters() {
  std::vector<FilterDescription> out;
  for (const FilterInfo& f : FilterTable()) {
    FilterDescription d;
    d.id = std::string(f.id);
    d.content = std::string(f.content);
    d.family = std::string(FamilyName(f.family));
    if (f.levels & kInCore) d.levels.push_back("core");
    if (f.levels & kInBandwidth) d.levels.push_back("bandwidth");
    if ((f.levels & kInAll) && !(f.levels & kOff)) d.levels.push_back("all");
    d.risk = std::string(RiskName(f.risk));
    d.implemented = IsImplemented(f);
    d.description = std::string(f.description);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace pagebake
