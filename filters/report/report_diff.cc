#include "pagebake/report_diff.h"

#include <map>

namespace pagebake {
namespace {

DiffValue Both(int64_t a, int64_t b) { return DiffValue{a, b}; }

std::optional<int64_t> Opt(const std::optional<uint64_t>& v) {
  if (!v) return std::nullopt;
  return static_cast<int64_t>(*v);
}

std::string OutputKey(const OutputFile& f) { return f.source.empty() ? f.path : f.source; }

void FillRow(const ReportRow* o, const ReportRow* n, RowDiff* d) {
  auto side = [](const ReportRow* r, auto get) -> std::optional<int64_t> {
    if (!r) return std::nullopt;
    return get(*r);
  };
  auto wall = [](const ReportRow& r) -> std::optional<int64_t> { return r.cost.wall_ns; };
  auto cpu = [](const ReportRow& r) -> std::optional<int64_t> {
    return r.cost.cpu_user_ns + r.cost.cpu_sys_ns;
  };
  auto sys = [](const ReportRow& r) { return r.cost.syscalls; };
  auto io = [](const ReportRow& r) -> std::optional<int64_t> { return r.cost.io_syscalls(); };
  auto out = [](const ReportRow& r) -> std::optional<int64_t> {
    return static_cast<int64_t>(r.bytes_out);
  };
  auto fb = [](const ReportRow& r) -> std::optional<int64_t> {
    return static_cast<int64_t>(r.fallbacks);
  };
  d->wall_ns = {side(o, wall), side(n, wall)};
  d->cpu_ns = {side(o, cpu), side(n, cpu)};
  d->syscalls = {side(o, sys), side(n, sys)};
  d->io_syscalls = {side(o, io), side(n, io)};
  d->bytes_out = {side(o, out), side(n, out)};
  d->fallbacks = {side(o, fb), side(n, fb)};
}

}  // namespace

std::optional<double> DiffValue::percent() const {
  if (!old_value || !new_value || *old_value == 0) return std::nullopt;
  return 100.0 * static_cast<double>(*new_value - *old_value) / static_cast<double>(*old_value);
}

ReportDiff DiffReports(const Report& a, const Report& b) {
  ReportDiff d;
  d.process_wall_ns = Both(a.process.wall_ns, b.process.wall_ns);
  d.process_cpu_ns = Both(a.process.cpu_user_ns + a.process.cpu_sys_ns,
                          b.process.cpu_user_ns + b.process.cpu_sys_ns);
  d.process_syscalls = {a.process.syscalls, b.process.syscalls};
  d.total_bytes_out = Both(static_cast<int64_t>(a.bytes_out), static_cast<int64_t>(b.bytes_out));

  // Rows are keyed by (kind, name): a stage and a filter never share a name today, but the
  // contract does not forbid it.
  std::map<std::pair<std::string, std::string>, const ReportRow*> new_rows;
  for (const ReportRow& r : b.rows) new_rows.emplace(std::pair(r.kind, r.name), &r);
  std::map<std::pair<std::string, std::string>, bool> seen;
  for (const ReportRow& r : a.rows) {
    auto key = std::pair(r.kind, r.name);
    if (seen[key]) continue;
    seen[key] = true;
    RowDiff rd;
    rd.name = r.name;
    rd.kind = r.kind;
    auto it = new_rows.find(key);
    const ReportRow* n = it == new_rows.end() ? nullptr : it->second;
    rd.only_old = n == nullptr;
    FillRow(&r, n, &rd);
    d.rows.push_back(std::move(rd));
  }
  for (const ReportRow& r : b.rows) {
    auto key = std::pair(r.kind, r.name);
    if (seen[key]) continue;
    seen[key] = true;
    RowDiff rd;
    rd.name = r.name;
    rd.kind = r.kind;
    rd.only_new = true;
    FillRow(nullptr, &r, &rd);
    d.rows.push_back(std::move(rd));
  }

  std::map<std::string, const OutputFile*> olds, news;
  for (const OutputFile& f : a.outputs) olds.emplace(OutputKey(f), &f);
  for (const OutputFile& f : b.outputs) news.emplace(OutputKey(f), &f);
  std::map<std::string, OutputDiff> changed;  // sorted by key: stable, readable output
  for (auto& [key, o] : olds) {
    auto it = news.find(key);
    const OutputFile* n = it == news.end() ? nullptr : it->second;
    OutputDiff od;
    od.key = key;
    od.old_path = o->path;
    od.bytes.old_value = static_cast<int64_t>(o->bytes);
    od.gzip_bytes.old_value = Opt(o->gzip_bytes);
    od.br_bytes.old_value = Opt(o->br_bytes);
    if (n) {
      od.new_path = n->path;
      od.bytes.new_value = static_cast<int64_t>(n->bytes);
      od.gzip_bytes.new_value = Opt(n->gzip_bytes);
      od.br_bytes.new_value = Opt(n->br_bytes);
    }
    if (n && !od.bytes.changed() && !od.gzip_bytes.changed() && !od.br_bytes.changed()) {
      ++d.unchanged_outputs;
      continue;
    }
    changed.emplace(key, std::move(od));
  }
  for (auto& [key, n] : news) {
    if (olds.count(key)) continue;
    OutputDiff od;
    od.key = key;
    od.new_path = n->path;
    od.bytes.new_value = static_cast<int64_t>(n->bytes);
    od.gzip_bytes.new_value = Opt(n->gzip_bytes);
    od.br_bytes.new_value = Opt(n->br_bytes);
    changed.emplace(key, std::move(od));
  }
  for (auto& [key, od] : changed) d.outputs.push_back(std::move(od));
  return d;
}

}  // namespace pagebake
