// Filter experiments (pagebake/experiment.h): which builds to run, what each one measured, the
// marginal effect of every candidate, and the recommendation. The builds themselves run in
// experiment_run.cc; the page model is experiment_measure.cc.
#include "pagebake/experiment.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

#include "filters/report/experiment_internal.h"
#include "filters/report/svg_chart.h"
#include "pagebake/pagebake.h"

namespace pagebake {
namespace {

constexpr const char* kInstruments[] = {"precompress-br", "precompress-gzip"};

int RiskRank(std::string_view r) { return r == "low" ? 0 : r == "medium" ? 1 : 2; }

// Candidates checked against the filter table, deduplicated, in table order.
Status CheckCandidates(const std::vector<std::string>& asked, std::vector<std::string>* out) {
  std::vector<FilterDescription> table = ListFilters();
  std::set<std::string> want(asked.begin(), asked.end());
  for (const std::string& id : want) {
    auto it = std::find_if(table.begin(), table.end(),
                           [&](const FilterDescription& d) { return d.id == id; });
    if (it == table.end())
      return Status::InvalidArgument("experiment: unknown filter id '" + id +
                                     "' (pagebake filters lists them)");
    if (!it->implemented)
      return Status::Unimplemented("experiment: filter '" + id + "' is not built yet");
    for (const char* m : kInstruments)
      if (id == m)
        return Status::InvalidArgument("experiment: '" + id +
                                       "' is on in every build (it measures gzip/brotli bytes); "
                                       "it cannot be a candidate");
  }
  out->clear();
  for (const FilterDescription& d : table)
    if (want.count(d.id)) out->push_back(d.id);
  return Status::OK();
}

Options BuildOptions(const Options& base, const std::vector<std::string>& filters,
                     const std::string& output_dir, int jobs, const std::string& cache_dir) {
  Options o = base;
  o.level = Level::kPassthrough;
  o.enable = filters;
  for (const char* m : kInstruments) o.enable.push_back(m);
  o.disable.clear();
  o.output_dir = output_dir;
  o.clean = false;
  o.depfile.clear();
  o.depfile_target.clear();
  o.jobs = jobs;
  o.delivery.cache_dir = cache_dir;
  return o;
}

// Fills `b` from a finished build (pages in the order of the build's outputs).
void Record(experiment::BuildOutcome& out, const std::string& output_dir, const LoadModel& model,
            ExperimentBuild* b) {
  b->wall_ms = out.wall_ms;
  b->cpu_ms = out.cpu_ms;
  if (!out.status.ok()) {
    b->error = out.status.ToString();
    return;
  }
  b->ok = true;
  for (const ReportRow& row : out.report.rows) {
    b->fallbacks += row.fallbacks;
    FilterCost& c = b->filter_costs[row.name];
    c.wall_ms += double(row.cost.wall_ns) / 1e6;
    c.cpu_ms += double(row.cost.cpu_user_ns + row.cost.cpu_sys_ns) / 1e6;
  }
  for (const Diagnostic& d : out.report.diagnostics) {
    if (d.severity != Severity::kError) continue;
    ++b->error_diagnostics;
    ++b->errors_by_filter[d.filter_id];
  }
  b->pages = MeasurePages(out.report, output_dir, model);
  b->total = TotalOf(b->pages);
}

// Puts every build's pages in the control's order. A page missing from a build fails that
// build: its savings would be meaningless.
void AlignPages(ExperimentResult* r) {
  r->pages.clear();
  for (const PageMetrics& p : r->builds[0].pages) r->pages.push_back(p.page);
  for (ExperimentBuild& b : r->builds) {
    if (!b.ok) continue;
    std::vector<PageMetrics> aligned;
    for (const std::string& page : r->pages) {
      auto it = std::find_if(b.pages.begin(), b.pages.end(),
                             [&](const PageMetrics& m) { return m.page == page; });
      if (it == b.pages.end()) {
        b.ok = false;
        b.error = "page " + page + " is missing from the output";
        break;
      }
      aligned.push_back(std::move(*it));
    }
    if (b.ok) b.pages = std::move(aligned);
  }
}

bool AllZero(const Savings& s) {
  if (s.raw_bytes || s.gzip_bytes || s.br_bytes || s.requests || s.depth) return false;
  for (double v : s.load_ms)
    if (v != 0) return false;
  return true;
}

// The verdict on one filter; sets e->recommended.
void Decide(const ExperimentResult& r, const ExperimentBuild& alone, const ExperimentBuild& minus,
            FilterEffect* e) {
  const ExperimentBuild* all = r.Find("all");
  if (!alone.ok || !minus.ok || !all || !all->ok) {
    const ExperimentBuild& bad = !alone.ok ? alone : !minus.ok ? minus : *all;
    e->verdict = "build failed (" + bad.label + "): " + bad.error;
    return;
  }
  if (auto it = alone.errors_by_filter.find(e->id); it != alone.errors_by_filter.end()) {
    e->verdict = std::to_string(it->second) + " error(s) from the filter";
    return;
  }
  if (AllZero(e->alone) && AllZero(e->in_context)) {
    e->verdict = "no effect";
    return;
  }
  const NetworkProfile& p = r.model.profiles[r.slowest_profile];
  const double a = e->alone.load_ms[r.slowest_profile];
  const double c = e->in_context.load_ms[r.slowest_profile];
  if (a < 0 || c < 0) {
    e->verdict =
        "slower on " + p.name + report::Fmt(" (%+.1f ms alone, %+.1f ms with the others)", -a, -c);
    return;
  }
  if (a <= 0 && c <= 0) {
    e->verdict = "no gain on " + p.name + " (changes bytes the model does not send)";
    return;
  }
  if (RiskRank(e->risk) > RiskRank(r.max_risk)) {
    e->verdict = "risk " + e->risk + " above --max-risk " + r.max_risk;
    return;
  }
  const double saved_ms = std::max(a, c);
  const double kb = saved_ms / 1000 * p.mbit_per_s * 1e6 / 8 / 1000;
  const double ms_per_kb = kb > 0 ? e->cost.cpu_ms / kb : 0;
  if (r.max_ms_per_kb > 0 && ms_per_kb > r.max_ms_per_kb) {
    e->verdict = "too costly" +
                 report::Fmt(" (%.1f ms CPU per KB saved, limit %.1f)", ms_per_kb, r.max_ms_per_kb);
    return;
  }
  e->recommended = true;
  e->verdict = "recommended (saves " + report::Fmt("%.1f ms on ", saved_ms) + p.name +
               report::Fmt(", %.2f ms CPU per KB)", ms_per_kb);
}

void ComputeEffects(ExperimentResult* r) {
  const ExperimentBuild* control = r->Find("control");
  const ExperimentBuild* all = r->Find("all");
  r->slowest_profile = 0;
  for (size_t i = 1; i < control->total.load_ms.size(); ++i)
    if (control->total.load_ms[i] > control->total.load_ms[r->slowest_profile])
      r->slowest_profile = i;
  std::vector<FilterDescription> table = ListFilters();
  for (const std::string& id : r->candidates) {
    FilterEffect e;
    e.id = id;
    for (const FilterDescription& d : table)
      if (d.id == id) e.risk = d.risk;
    const ExperimentBuild* alone = r->Find("+" + id);
    const ExperimentBuild* minus = r->Find("-" + id);
    if (alone->ok) {
      for (size_t k = 0; k < r->pages.size(); ++k) {
        e.alone_pages.push_back(Saved(control->pages[k], alone->pages[k]));
        e.alone += e.alone_pages.back();
      }
      if (auto it = alone->filter_costs.find(id); it != alone->filter_costs.end())
        e.cost = it->second;
      e.build_cpu_delta_ms = alone->cpu_ms - control->cpu_ms;
    }
    if (minus->ok && all->ok) {
      for (size_t k = 0; k < r->pages.size(); ++k) {
        e.in_context_pages.push_back(Saved(minus->pages[k], all->pages[k]));
        e.in_context += e.in_context_pages.back();
      }
    }
    e.alone.load_ms.resize(r->model.profiles.size());
    e.in_context.load_ms.resize(r->model.profiles.size());
    Decide(*r, *alone, *minus, &e);
    if (e.recommended) r->recommended.push_back(id);
    r->effects.push_back(std::move(e));
  }
}

std::string MakeWorkDir(const std::string& parent_opt) {
  std::string parent = parent_opt;
  if (parent.empty()) {
    const char* t = ::getenv("TMPDIR");
    parent = t && *t ? t : "/tmp";
  }
  std::string tmpl = parent + "/pagebake-experiment-XXXXXX";
  if (!::mkdtemp(tmpl.data())) return {};
  return tmpl;
}

}  // namespace

const ExperimentBuild* ExperimentResult::Find(std::string_view label) const {
  for (const ExperimentBuild& b : builds)
    if (b.label == label) return &b;
  return nullptr;
}

std::vector<std::string> DefaultExperimentCandidates() {
  std::vector<std::string> out;
  for (const FilterDescription& d : ListFilters())
    if (d.implemented && !d.levels.empty() && d.family != "delivery") out.push_back(d.id);
  return out;
}

Status RunExperiment(const ExperimentOptions& options, ExperimentResult* result,
                     const ExperimentHooks& hooks) {
  const auto start = std::chrono::steady_clock::now();
  *result = ExperimentResult();
  ExperimentResult& r = *result;
  if (options.base.source_dir.empty())
    return Status::InvalidArgument("experiment: no source directory");
  if (options.max_risk != "low" && options.max_risk != "medium" && options.max_risk != "high")
    return Status::InvalidArgument("experiment: max risk must be low, medium or high");
  if (options.model.profiles.empty())
    return Status::InvalidArgument("experiment: the load model has no network profiles");
  PAGEBAKE_RETURN_IF_ERROR(CheckCandidates(
      options.candidates.empty() ? DefaultExperimentCandidates() : options.candidates,
      &r.candidates));
  r.model = options.model;
  r.max_ms_per_kb = options.max_ms_per_kb;
  r.max_risk = options.max_risk;
  r.parallel = std::max(1, options.parallel);
  experiment::RunnerConfig config;
  config.fork = options.isolate && experiment::SingleThreaded();
  config.parallel = config.fork ? r.parallel : 1;
  r.mode = config.fork ? "fork" : "in-process";
  r.build_jobs = options.build_jobs > 0 ? options.build_jobs : config.parallel > 1 ? 1 : 0;

  const std::string work = MakeWorkDir(options.work_dir);
  if (work.empty()) return Status::IoError("experiment: cannot create a work directory");
  std::string cache =
      !options.cache_dir.empty() ? options.cache_dir : options.base.delivery.cache_dir;
  if (cache.empty()) cache = work + "/cache";

  std::vector<std::pair<std::string, std::vector<std::string>>> sets = {{"control", {}},
                                                                        {"all", r.candidates}};
  for (const std::string& id : r.candidates) sets.push_back({"+" + id, {id}});
  for (const std::string& id : r.candidates) {
    std::vector<std::string> rest;
    for (const std::string& x : r.candidates)
      if (x != id) rest.push_back(x);
    sets.push_back({"-" + id, rest});
  }
  const size_t total = sets.size() + 1;  // + the recommended set
  size_t done = 0;
  Status control_status;
  auto run = [&](size_t first) {
    std::vector<experiment::BuildSpec> specs;
    for (size_t i = first; i < sets.size(); ++i) {
      const std::string out = work + "/b" + std::to_string(i);
      specs.push_back(
          {sets[i].first, BuildOptions(options.base, sets[i].second, out, r.build_jobs, cache)});
      r.builds.push_back({sets[i].first, sets[i].second});
    }
    return experiment::RunBuilds(specs, config, [&](size_t i, experiment::BuildOutcome& out) {
      ExperimentBuild& b = r.builds[first + i];
      const std::string& dir = specs[i].options.output_dir;
      if (first + i == 0) control_status = out.status;
      Record(out, dir, r.model, &b);
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
      if (hooks.progress) hooks.progress(++done, total, b.label);
    });
  };
  Status s = run(0);
  if (s.ok() && !control_status.ok()) s = control_status;
  if (s.ok()) {
    AlignPages(&r);
    ComputeEffects(&r);
    sets.push_back({"recommended", r.recommended});
    s = run(sets.size() - 1);
    if (s.ok()) AlignPages(&r);
  }
  std::error_code ec;
  std::filesystem::remove_all(work, ec);
  r.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return s;
}

}  // namespace pagebake
