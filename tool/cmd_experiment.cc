// `pagebake experiment`: flags in, RunExperiment() (pagebake/experiment.h), the table out.
#include "tool/cmd_experiment.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pagebake/pagebake.h"
#include "tool/table.h"
#include "tool/files.h"

namespace pagebake::tool {
namespace {

struct ExperimentFlags {
  std::string src, cache_dir, json, write_config, config, work_dir, max_risk = "medium";
  std::vector<std::string> filters;
  int parallel = 2;
  int build_jobs = 0;
  double max_ms_per_kb = 100;
  bool pages = false, quiet = false, in_process = false, verify_html = false;
};

std::string Bytes(int64_t v) { return Fmt("%+lld", static_cast<long long>(v)); }
std::string Ms(double v) { return Fmt("%+.1f", v); }

// Rows: candidates ranked by the time they save on the slowest profile (the larger of alone and
// with the others), then by brotli bytes saved alone.
std::string EffectsTable(const ExperimentResult& r) {
  const size_t slow = r.slowest_profile;
  std::vector<const FilterEffect*> rows;
  for (const FilterEffect& e : r.effects) rows.push_back(&e);
  auto benefit = [&](const FilterEffect* e) {
    return std::max(e->alone.load_ms[slow], e->in_context.load_ms[slow]);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const FilterEffect* a, const FilterEffect* b) {
    if (benefit(a) != benefit(b)) return benefit(a) > benefit(b);
    return a->alone.br_bytes > b->alone.br_bytes;
  });
  std::string out = "Saved per filter (positive = better), summed over " +
                    std::to_string(r.pages.size()) +
                    " page(s); 'alone' = control + filter vs control, 'w/ others' = all vs all "
                    "minus the filter; cost = the filter's own rows in its alone build\n";
  std::string head = Fmt("%-29s %-6s %9s %9s %9s %4s %3s", "filter", "risk", "raw B", "gzip B",
                         "br B", "req", "lvl");
  for (const NetworkProfile& p : r.model.profiles) head += Fmt(" %9s", (p.name + " ms").c_str());
  head += Fmt(" | %9s %4s %9s | %8s %8s  %s\n", "w/o br B", "req",
              (r.model.profiles[slow].name + " ms").c_str(), "cpu ms", "wall ms", "verdict");
  out += head;
  for (const FilterEffect* e : rows) {
    const Savings& a = e->alone;
    std::string line =
        Fmt("%-29s %-6s %9s %9s %9s %4s %3s", e->id.c_str(), e->risk.c_str(),
            Bytes(a.raw_bytes).c_str(), Bytes(a.gzip_bytes).c_str(), Bytes(a.br_bytes).c_str(),
            Bytes(a.requests).c_str(), Bytes(a.depth).c_str());
    for (double v : a.load_ms) line += Fmt(" %9s", Ms(v).c_str());
    const Savings& c = e->in_context;
    line += Fmt(" | %9s %4s %9s | %8.1f %8.1f  %s%s\n", Bytes(c.br_bytes).c_str(),
                Bytes(c.requests).c_str(), Ms(c.load_ms[slow]).c_str(), e->cost.cpu_ms,
                e->cost.wall_ms, e->recommended ? "* " : "", e->verdict.c_str());
    out += line;
  }
  return out;
}

std::string TotalsTable(const ExperimentResult& r) {
  std::string out = Fmt("\n%-12s %7s %10s %10s %10s %8s", "build", "filters", "raw B", "gzip B",
                        "br B", "requests");
  for (const NetworkProfile& p : r.model.profiles) out += Fmt(" %10s", (p.name + " ms").c_str());
  out += Fmt(" %9s %9s\n", "wall ms", "cpu ms");
  for (const char* label : {"control", "all", "recommended"}) {
    const ExperimentBuild* b = r.Find(label);
    if (!b) continue;
    if (!b->ok) {
      out += Fmt("%-12s failed: %s\n", label, b->error.c_str());
      continue;
    }
    const PageMetrics& t = b->total;
    out += Fmt(
        "%-12s %7zu %10llu %10llu %10llu %8llu", label, b->filters.size(),
        static_cast<unsigned long long>(t.raw_bytes), static_cast<unsigned long long>(t.gzip_bytes),
        static_cast<unsigned long long>(t.br_bytes), static_cast<unsigned long long>(t.requests));
    for (double v : t.load_ms) out += Fmt(" %10.1f", v);
    out += Fmt(" %9.1f %9.1f\n", b->wall_ms, b->cpu_ms);
  }
  return out;
}

std::string PagesTable(const ExperimentResult& r) {
  const size_t slow = r.slowest_profile;
  std::string out = "\nPer page, saved alone (br bytes / requests / " +
                    r.model.profiles[slow].name + " ms), filters with an effect:\n";
  for (size_t k = 0; k < r.pages.size(); ++k) {
    out += "  " + r.pages[k] + "\n";
    for (const FilterEffect& e : r.effects) {
      if (k >= e.alone_pages.size()) continue;
      const Savings& s = e.alone_pages[k];
      if (!s.br_bytes && !s.requests && s.load_ms[slow] == 0) continue;
      out += Fmt("    %-29s %9s %4s %9s\n", e.id.c_str(), Bytes(s.br_bytes).c_str(),
                 Bytes(s.requests).c_str(), Ms(s.load_ms[slow]).c_str());
    }
  }
  return out;
}

int RunExperimentCommand(const ExperimentFlags& f) {
  ExperimentOptions o;
  std::string base_config;
  if (!f.config.empty()) {
    if (!ReadText(f.config, &base_config)) {
      std::cerr << "pagebake experiment: cannot read " << f.config << "\n";
      return kIo;
    }
    Status s = LoadConfigJson(base_config, f.config, &o.base);
    if (!s.ok()) {
      std::cerr << "pagebake experiment: " << s.ToString() << "\n";
      return kUsage;
    }
  }
  if (f.verify_html) {
    // Kept in the recommended config too: the predicted bytes are those of verified pages.
    nlohmann::json j = base_config.empty() ? nlohmann::json::object()
                                           : nlohmann::json::parse(base_config, nullptr, false,
                                                                   /*ignore_comments=*/true);
    if (j.is_object()) {
      j["html"]["verify"] = true;
      base_config = j.dump(2);
    }
    o.base.html.verify = true;
  }
  o.base.source_dir = f.src;
  o.candidates = SplitIds(f.filters);
  o.parallel = f.parallel;
  o.build_jobs = f.build_jobs;
  o.cache_dir = f.cache_dir;
  o.work_dir = f.work_dir;
  o.isolate = !f.in_process;
  o.max_ms_per_kb = f.max_ms_per_kb;
  o.max_risk = f.max_risk;

  const bool tty = ::isatty(STDERR_FILENO);
  ExperimentHooks hooks;
  hooks.progress = [&](size_t done, size_t total, std::string_view label) {
    if (f.quiet) return;
    std::fprintf(
        stderr,
        tty ? "\r\033[K[experiment] %zu/%zu builds (%.*s)" : "[experiment] %zu/%zu builds (%.*s)\n",
        done, total, int(label.size()), label.data());
    std::fflush(stderr);
  };
  ExperimentResult r;
  Status s = RunExperiment(o, &r, hooks);
  if (tty && !f.quiet) std::fprintf(stderr, "\r\033[K");
  if (!s.ok()) {
    std::cerr << "pagebake experiment: " << s.ToString() << "\n";
    switch (s.code()) {
      case StatusCode::kInvalidArgument:
      case StatusCode::kUnimplemented:
      case StatusCode::kNotFound:
        return kUsage;
      case StatusCode::kIoError:
        return kIo;
      default:
        return kFailed;
    }
  }
  Result<std::string> config = RecommendedConfigJson(r, base_config);
  if (!config.ok()) {
    std::cerr << "pagebake experiment: " << config.status().ToString() << "\n";
    return kUsage;
  }
  std::cout << DescribeLoadModel(r.model) << "\n" << FormatExperiment(r, f.pages);
  std::cout << "\nRecommended pagebake.json:\n" << *config;
  if (!f.json.empty() && !WriteText(f.json, ExperimentToJson(r))) {
    std::cerr << "pagebake experiment: cannot write " << f.json << "\n";
    return kIo;
  }
  if (!f.write_config.empty() && !WriteText(f.write_config, *config)) {
    std::cerr << "pagebake experiment: cannot write " << f.write_config << "\n";
    return kIo;
  }
  return kOk;
}

}  // namespace

std::string FormatExperiment(const ExperimentResult& r, bool pages) {
  std::string out = EffectsTable(r);
  out += TotalsTable(r);
  out += Fmt("\n%zu builds in %.1f s (%s, %d at once, %d thread(s) each; 0 = cores). ",
             r.builds.size(), r.wall_ms / 1000, r.mode.c_str(), r.parallel, r.build_jobs);
  out +=
      Fmt("Judged on %s; acceptable cost %.1f ms CPU per KB saved (time saved counts as the "
          "bytes the profile moves in it); max risk %s.\n",
          r.model.profiles[r.slowest_profile].name.c_str(), r.max_ms_per_kb, r.max_risk.c_str());
  out +=
      "Not judged: delivery filters (cache-extend, sri, headers) — their benefit is repeat "
      "visits and integrity, outside this model; add them as you see fit.\n";
  if (pages) out += PagesTable(r);
  return out;
}

CLI::App* AddExperimentCommand(CLI::App& app, RunFn* run) {
  auto f = std::make_shared<ExperimentFlags>();
  CLI::App* cmd =
      app.add_subcommand("experiment",
                         "Measure each filter's marginal effect against a control build and "
                         "recommend a filter set (pagebake.json)");
  cmd->add_option("SRC", f->src, "Source site root (never written)")->required();
  cmd->add_option("--filters", f->filters,
                  "Candidate filter ids (comma-separated; default: every built filter a level "
                  "enables, except delivery filters)");
  cmd->add_option("-j,--jobs", f->parallel, "Builds at once (default 2)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--build-jobs", f->build_jobs,
                  "Worker threads per build (default 1 when -j > 1, else cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cache-dir", f->cache_dir,
                  "Compression cache shared by the builds (default: a temporary one)");
  cmd->add_option("--config", f->config,
                  "Base pagebake.json: its filter options apply to every build and are kept "
                  "in the recommended config");
  cmd->add_option("--json", f->json, "Write the whole result (schema pagebake-experiment/1)");
  cmd->add_option("--write-config", f->write_config, "Write the recommended pagebake.json");
  cmd->add_option("--max-ms-per-kb", f->max_ms_per_kb,
                  "Acceptable build CPU ms per KB saved (0: any; default 100)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-risk", f->max_risk, "Riskiest filter to recommend: low|medium|high")
      ->check(CLI::IsMember({"low", "medium", "high"}));
  cmd->add_option("--work-dir", f->work_dir,
                  "Where the temporary build outputs go (default $TMPDIR)");
  cmd->add_flag("--verify-html", f->verify_html,
                "Judge every rewritten page with gumbo; a page that differs keeps its input, so "
                "a breaking filter shows no benefit (kept in the recommended config)");
  cmd->add_flag("--pages", f->pages, "Also print the effects page by page");
  cmd->add_flag("--in-process", f->in_process,
                "Run the builds one after another in this process (no fork)");
  cmd->add_flag("-q,--quiet", f->quiet, "No progress");
  *run = [f] { return RunExperimentCommand(*f); };
  return cmd;
}

}  // namespace pagebake::tool
