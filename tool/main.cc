// pagebake's command line: parses flags (CLI11), calls the library, formats its results. The
// library never throws; this is the one place that catches (CLI11 parse errors, bad_alloc).
//
// Exit codes: 0 ok; 1 content errors under --strict, or failed checks; 2 usage; 3 IO.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "pagebake/pagebake.h"
#include "pagebake/report_html.h"
#include "tool/cmd_budget.h"
#include "tool/cmd_check.h"
#include "tool/cmd_embed.h"
#include "tool/cmd_experiment.h"
#include "tool/cmd_report.h"
#include "tool/cmd_verify.h"
#include "tool/commands.h"
#include "tool/table.h"
#include "tool/trace_syscalls.h"
#include "tool/files.h"

namespace pagebake::tool {
namespace {

struct BuildFlags {
  std::string src, out, level, config, io, report, trace, color = "auto", depfile, depfile_target,
      base_url, cache_dir, report_html, manifest_format = "pagebake", budget, budget_baseline,
      webp;
  BudgetOutputFlags budget_out;
  std::vector<std::string> filters, disable;
  int jobs = 0;
  double max_file_seconds = -1;
  std::string verify_dir = "pagebake-verify";  // build --verify: summary and diff images
  bool verify = false;
  bool trace_syscalls = false;  // --trace-syscalls: exact per-row syscalls under ptrace
  bool strict = false, quiet = false, verbose = false, clean = false, verify_html = false,
       include_hidden = false, source_maps = false;
};

int RunBuild(CLI::App& cmd, BuildFlags& f) {
  Style style{WantColor(f.color, STDERR_FILENO)};
  Options o;
  {
    StageScope scope("cli");
    if (!f.config.empty()) {
      Status s = LoadConfigFile(f.config, &o);
      if (!s.ok()) {
        std::cerr << "pagebake: " << s.ToString() << "\n";
        return s.IsIoError() ? kIo : kUsage;
      }
    }
    if (!f.src.empty()) o.source_dir = f.src;
    if (!f.out.empty()) o.output_dir = f.out;
    if (cmd.count("--level") && !ParseLevel(f.level, &o.level)) {
      std::cerr << "pagebake: unknown level '" << f.level
                << "' (passthrough, core, bandwidth, all)\n";
      return kUsage;
    }
    if (cmd.count("--filters")) o.enable = SplitIds(f.filters);
    if (cmd.count("--disable")) o.disable = SplitIds(f.disable);
    if (cmd.count("--jobs")) o.jobs = f.jobs;
    if (cmd.count("--max-file-seconds")) o.max_file_seconds = f.max_file_seconds;
    if (cmd.count("--io")) o.io = f.io == "mmap" ? IoStrategy::kMmap : IoStrategy::kRead;
    if (cmd.count("--webp"))
      o.image.webp_mode = f.webp == "replace" ? WebpMode::kReplace : WebpMode::kPicture;
    if (f.strict) o.strict = true;
    if (f.clean) o.clean = true;
    if (f.verify_html) o.html.verify = true;
    if (f.source_maps) o.js.source_maps = o.css.source_maps = true;
    if (f.include_hidden) o.skip_hidden = false;
    if (!f.base_url.empty()) o.html.base_url = f.base_url;
    if (!f.cache_dir.empty()) o.delivery.cache_dir = f.cache_dir;
    if (!f.depfile.empty()) o.depfile = f.depfile;
    if (!f.depfile_target.empty()) o.depfile_target = f.depfile_target;
    if (f.manifest_format == "vite") o.delivery.vite_manifest = true;
    if (o.source_dir.empty()) {
      std::cerr << "pagebake: no source directory (give SRC or \"source\" in the config)\n";
      return kUsage;
    }
    if (o.output_dir.empty()) {
      std::cerr << "pagebake: no output directory (give -o OUT or \"output\" in the config)\n";
      return kUsage;
    }
    // An invalid budget file is a usage error found before any work, not after a long build.
    if (!f.budget.empty()) {
      Status b = ValidateBudgetFile(f.budget);
      if (!b.ok()) {
        std::cerr << "pagebake: " << b.ToString() << "\n";
        return b.IsIoError() ? kIo : kUsage;
      }
    }
  }

  const bool tty = ::isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  bool progress_shown = false;
  BuildHooks hooks;
  hooks.progress = [&](uint64_t done, uint64_t total, std::string_view stage) {
    if (!tty || f.quiet) return;
    if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) return;
    progress_shown = true;
    std::fprintf(stderr, "\r\033[K[%.*s] %llu/%llu", int(stage.size()), stage.data(),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
    std::fflush(stderr);
  };
  BuildResult result;
  Status s = Build(o, &result, hooks, !f.trace.empty());
  if (progress_shown) std::fprintf(stderr, "\r\033[K");

  StageScope scope("report");
  // Errors are always printed; warnings at most kMaxWarnings per filter/stage unless -v (a site
  // copied from a larger one can produce thousands of identical "leaves the root" warnings).
  constexpr int kMaxWarnings = 10;
  std::map<std::string, int> shown, hidden;
  for (const Diagnostic& d : result.report.diagnostics) {
    if (d.severity == Severity::kNote && !f.verbose) continue;
    if (d.severity == Severity::kWarning && f.quiet) continue;
    if (d.severity == Severity::kWarning && !f.verbose && shown[d.filter_id]++ >= kMaxWarnings) {
      ++hidden[d.filter_id];
      continue;
    }
    std::cerr << FormatDiagnostic(d, style) << "\n";
  }
  for (auto& [id, n] : hidden)
    std::cerr << "pagebake: " << n << " more warning" << (n > 1 ? "s" : "") << " from ["
              << (id.empty() ? "pagebake" : id) << "] not shown (-v shows all; --report lists them)\n";
  if (!s.ok()) {
    std::cerr << "pagebake: " << s.ToString() << "\n";
    return ExitFor(s);
  }
  FinishReport(&result);
  if (!f.report.empty() && !WriteText(f.report, ReportToJson(result.report))) {
    std::cerr << "pagebake: cannot write report " << f.report << "\n";
    return kIo;
  }
  if (!f.trace.empty() && !WriteText(f.trace, result.trace_json)) {
    std::cerr << "pagebake: cannot write trace " << f.trace << "\n";
    return kIo;
  }
  if (!f.report_html.empty() && !WriteText(f.report_html, ReportToHtml(result.report))) {
    std::cerr << "pagebake: cannot write HTML report " << f.report_html << "\n";
    return kIo;
  }
  // Under --trace-syscalls this is the traced child: the tracing parent prints the table.
  if (!HandOverTracedReport(result.report) && !f.quiet)
    std::cerr << FormatCostTable(result.report, style);
  int rc = kOk;
  if (o.strict && result.fallbacks > 0) {
    std::cerr << "pagebake: " << result.fallbacks
              << " fallback(s) (content the filters could not handle) under --strict\n";
    rc = kFailed;
  }
  if (!f.budget.empty()) {
    // The budget sees this run's report (filter-cost rules) without a file round trip.
    const std::string report_json = ReportToJson(result.report);
    std::string baseline;
    BudgetOptions bo;
    bo.report_json = &report_json;
    if (!f.budget_baseline.empty()) {
      std::error_code ec;
      if (std::filesystem::is_directory(f.budget_baseline, ec)) {
        bo.baseline_dir = f.budget_baseline;
      } else if (ReadText(f.budget_baseline, &baseline)) {
        bo.baseline_json = &baseline;
      } else {
        std::cerr << "pagebake: cannot read --budget-baseline " << f.budget_baseline << "\n";
        return kIo;
      }
    }
    BudgetResult br;
    Status b = EvaluateBudgetFile(f.budget, o.output_dir, bo, &br);
    if (!b.ok()) {
      std::cerr << "pagebake: " << b.ToString() << "\n";
      return b.IsIoError() ? kIo : kUsage;
    }
    int brc = EmitBudgetResult(br, f.budget_out);
    if (brc != kOk && rc == kOk) rc = brc;
    if (brc == kFailed) rc = kFailed;
  }
  if (f.verify) {
    int vrc = VerifyAfterBuild(o, f.verify_dir, f.quiet);
    if (vrc != kOk && rc == kOk) rc = vrc;
    if (vrc == kFailed) rc = kFailed;
  }
  return rc;
}

int Main(int argc, char** argv) {
  StartCostMeter();
  CLI::App app{"pagebake: build-time web asset optimizer (the mod_pagespeed filter set, once, "
               "at build time, with a per-filter cost report)"};
  app.set_version_flag("--version", std::string("pagebake ") + std::string(Version()));
  app.require_subcommand(1);

  BuildFlags f;
  CLI::App* build = app.add_subcommand("build", "Optimize SRC into OUT and report the cost");
  build->add_option("SRC", f.src, "Source site root (never written)");
  build->add_option("-o,--output", f.out, "Output directory (not inside SRC)");
  build->add_option("--level", f.level, "passthrough | core | bandwidth | all (default core)");
  build->add_option("--filters", f.filters, "Extra filter ids to enable (comma-separated)");
  build->add_option("--disable", f.disable, "Filter ids to disable (comma-separated)");
  build->add_option("-j,--jobs", f.jobs, "Worker threads (default: cores)")->check(CLI::NonNegativeNumber);
  build->add_option("--max-file-seconds", f.max_file_seconds,
                    "Time limit for rewriting one file; past it the file is copied unchanged "
                    "with a warning (default 60, 0: none)")
      ->check(CLI::NonNegativeNumber);
  build->add_option("--config", f.config, "pagebake.json config (flags override it)");
  build->add_option("--io", f.io, "How files are read: read | mmap")->check(CLI::IsMember({"read", "mmap"}));
  build->add_option("--webp", f.webp,
                    "How img-webp serves WebP: picture (<picture> with a fallback, default) | "
                    "replace (WebP URLs everywhere, CSS too)")
      ->check(CLI::IsMember({"picture", "replace"}));
  build->add_option("--report", f.report, "Write the JSON report (schema pagebake-report/1)");
  build->add_option("--report-html", f.report_html,
                    "Write the report as one self-contained HTML file (tables, SVG charts)");
  build->add_option("--manifest-format", f.manifest_format,
                    "pagebake (default) | vite: also write Vite's .vite/manifest.json")
      ->check(CLI::IsMember({"pagebake", "vite"}));
  build->add_option("--budget", f.budget,
                    "Check the output against a budget file after the build (exit 1 on failure)");
  build->add_option("--budget-baseline", f.budget_baseline,
                    "Baseline for the budget: an earlier report.json or output directory");
  build->add_option("--budget-json", f.budget_out.json, "Write the budget result as JSON");
  build->add_option("--budget-junit", f.budget_out.junit, "Write the budget result as JUnit XML");
  build->add_option("--trace", f.trace, "Write Chrome trace events (Perfetto)");
  build->add_flag("--trace-syscalls", f.trace_syscalls,
                  "Re-run under pagebake's ptrace tracer: exact syscalls by name per filter/stage "
                  "(an untraced run is timed first for the overhead figure)");
  build->add_option("--depfile", f.depfile, "Write a Makefile-style depfile of every file read");
  build->add_option("--depfile-target", f.depfile_target, "Target named in the depfile");
  build->add_option("--cache-dir", f.cache_dir,
                    "Cache of compression results across runs (keyed by content hash)");
  build->add_option("--base-url", f.base_url, "The deployed origin, e.g. https://example.com");
  build->add_flag("--strict", f.strict, "Fallbacks (content errors) fail the build (exit 1)");
  build->add_flag("--clean", f.clean, "Remove files of a previous run that this run did not write");
  build->add_flag("--verify-html", f.verify_html, "Check every rewritten page's DOM with gumbo");
  build->add_flag("--verify", f.verify,
                  "Then render SRC and OUT in headless Chromium and compare (exit 1 if a page differs)");
  build->add_option("--verify-dir", f.verify_dir,
                    "Where --verify writes verify.html and diff images (default ./pagebake-verify)");
  build->add_flag("--source-maps", f.source_maps, "Write source maps (v3) for external JS and CSS");
  build->add_flag("--include-hidden", f.include_hidden, "Include files whose names start with '.'");
  build->add_flag("-q,--quiet", f.quiet, "Only errors");
  build->add_flag("-v,--verbose", f.verbose, "Also notes");
  build->add_option("--color", f.color, "auto | always | never (NO_COLOR honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  bool filters_json = false;
  CLI::App* filters = app.add_subcommand("filters", "List every filter: id, type, levels, risk, status");
  filters->add_flag("--json", filters_json, "As JSON");
  std::string filters_color = "auto";
  filters->add_option("--color", filters_color, "auto | always | never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  RunFn run_check, run_budget, run_embed, run_report, run_verify;
  CLI::App* check = AddCheckCommand(app, &run_check);
  CLI::App* budget = AddBudgetCommand(app, &run_budget);
  CLI::App* embed = AddEmbedCommand(app, &run_embed);
  CLI::App* report = AddReportCommand(app, &run_report);
  CLI::App* verify = AddVerifyCommand(app, &run_verify);
  RunFn run_experiment;
  CLI::App* experiment = AddExperimentCommand(app, &run_experiment);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kUsage;
  }

  if (*build && f.trace_syscalls) {
    // Exact mode re-runs this command line under the tracer; nullopt: ptrace is not permitted
    // here (said why), so build as usual with the cheap counters.
    if (std::optional<int> rc = RunTraceSyscalls(
            argc, argv, {f.report, f.report_html, f.quiet, Style{WantColor(f.color, STDERR_FILENO)}}))
      return *rc;
  }
  if (*build) return RunBuild(*build, f);
  if (*check) return run_check();
  if (*budget) return run_budget();
  if (*embed) return run_embed();
  if (*report) return run_report();
  if (*verify) return run_verify();
  if (*experiment) return run_experiment();
  if (*filters) {
    std::vector<FilterDescription> list = ListFilters();
    if (filters_json) {
      std::string out = "[\n";
      for (size_t i = 0; i < list.size(); ++i) {
        const auto& d = list[i];
        std::string levels;
        for (auto& l : d.levels) levels += (levels.empty() ? "\"" : ", \"") + l + "\"";
        out += "  {\"id\": \"" + d.id + "\", \"type\": \"" + d.content + "\", \"family\": \"" +
               d.family + "\", \"levels\": [" + levels + "], \"risk\": \"" + d.risk +
               "\", \"implemented\": " + (d.implemented ? "true" : "false") + "}" +
               (i + 1 < list.size() ? ",\n" : "\n");
      }
      std::cout << out << "]\n";
    } else {
      std::cout << FormatFilterTable(list, Style{WantColor(filters_color, STDOUT_FILENO)});
    }
    return kOk;
  }
  return kUsage;
}

}  // namespace
}  // namespace pagebake::tool

int main(int argc, char** argv) {
  try {
    return pagebake::tool::Main(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "pagebake: out of memory\n");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pagebake: internal error: %s\n", e.what());
    return 1;
  }
}
