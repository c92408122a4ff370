#include "tool/cmd_verify.h"
#include "tool/files.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "pagebake/pagebake.h"
#include "pagebake/verify.h"

namespace pagebake::tool {
namespace {

struct VerifyFlags {
  std::string src, out, viewports = "1280x2000,390x844", report_dir = "pagebake-verify",
      chromium, config, level, override_path;
  std::vector<std::string> pages, filters, disable;
  int jobs = 2, threshold = 16, settle_ms = 100, timeout_ms = 30000;
  double max_changed = 0;
  bool no_settle = false, bisect = false, quiet = false;
};

std::string Percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4f%%", fraction * 100);
  return buf;
}

void PrintVerdict(const PageVerdict& v, bool quiet) {
  if (quiet && !v.differs) return;
  char times[96];
  std::snprintf(times, sizeof(times), "before %5.0f ms  after %5.0f ms", v.before_ms, v.after_ms);
  std::cerr << (v.differs ? "DIFFERS " : "clean   ") << v.page << " " << v.viewport.width << "x"
            << v.viewport.height << "  " << Percent(v.changed_fraction) << " ("
            << v.changed_pixels << " px)  " << times << "\n";
  if (!v.error.empty()) std::cerr << "    error: " << v.error << "\n";
  for (const std::string& e : v.new_console_errors) std::cerr << "    new console error: " << e << "\n";
  for (const std::string& e : v.new_failed_requests) std::cerr << "    new failed request: " << e << "\n";
  if (!v.diff_png.empty()) std::cerr << "    diff: " << v.diff_png << "\n";
}

void PrintTotals(const VerifyOptions& vo, const VerifyResult& r) {
  double sum = 0;
  int n = 0;
  for (const PageVerdict& v : r.verdicts) {
    if (v.after_ms > 0) sum += v.after_ms, ++n;
    if (v.before_ms > 0) sum += v.before_ms, ++n;
  }
  char line[256];
  std::snprintf(line, sizeof(line),
                "pagebake verify: %d pages x %zu viewports in %.1f s (mean render %.0f ms per "
                "page per viewport, %d jobs); %d differ",
                r.pages, vo.viewports.size(), r.wall_ms / 1000, n ? sum / n : 0.0,
                vo.jobs > 0 ? vo.jobs : 2, r.differing_pages);
  std::cerr << line << "\n";
  if (!r.summary_path.empty()) std::cerr << "pagebake verify: summary " << r.summary_path << "\n";
}

int RunBisect(const VerifyFlags& f, const VerifyOptions& vo, const VerifyResult& r) {
  Options o;
  std::string base_json;
  if (!f.config.empty()) {
    std::ifstream in(f.config, std::ios::binary);
    base_json.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    Status s = LoadConfigJson(base_json, f.config, &o);
    if (!s.ok()) {
      std::cerr << "pagebake: " << s.ToString() << "\n";
      return ExitFor(s);
    }
  }
  o.source_dir = f.src;
  if (!f.level.empty() && !ParseLevel(f.level, &o.level)) {
    std::cerr << "pagebake: unknown level '" << f.level << "'\n";
    return 2;
  }
  if (!f.filters.empty()) o.enable = SplitIds(f.filters);
  if (!f.disable.empty()) o.disable = SplitIds(f.disable);
  std::vector<std::string> pages;
  for (const PageVerdict& v : r.verdicts)
    if (v.differs && (pages.empty() || pages.back() != v.page)) pages.push_back(v.page);
  std::cerr << "pagebake verify: bisecting " << pages.size() << " page(s) at level "
            << LevelName(o.level) << "\n";
  BisectResult br;
  Status s = Bisect(o, vo, pages, &br, [](const std::string& line) { std::cerr << line << "\n"; });
  if (!s.ok()) {
    std::cerr << "pagebake: " << s.ToString() << "\n";
    return ExitFor(s);
  }
  for (const BisectVerdict& b : br.pages) {
    std::string ids;
    for (const std::string& id : b.culprits) ids += (ids.empty() ? "" : ", ") + id;
    std::cerr << "bisect " << b.page << ": "
              << (b.found ? "caused by {" + ids + "}" : std::string("no filter set found"))
              << " (" << b.builds << " rebuilds); with the override: "
              << (b.override_clean ? "clean" : "still differs") << "\n";
  }
  std::string path = f.override_path.empty() ? f.report_dir + "/pagebake.override.json"
                                             : f.override_path;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << OverrideConfigJson(br.override_options, base_json);
  out.close();
  if (!out) {
    std::cerr << "pagebake: cannot write " << path << "\n";
    return 3;
  }
  std::cerr << "pagebake verify: override written to " << path
            << (br.override_clean ? " (rebuilt with it: every bisected page clean)"
                                  : " (rebuilt with it: some page still differs)")
            << "\n";
  return 1;  // the site as built still differs
}

int RunVerify(const VerifyFlags& f) {
  VerifyOptions vo;
  vo.source_dir = f.src;
  vo.output_dir = f.out;
  vo.pages = f.pages;
  vo.jobs = f.jobs;
  vo.report_dir = f.report_dir;
  vo.channel_threshold = f.threshold;
  vo.max_changed_fraction = f.max_changed;
  vo.settle = !f.no_settle;
  vo.settle_ms = f.settle_ms;
  vo.timeout_ms = f.timeout_ms;
  vo.chromium = f.chromium;
  Status s = ParseViewports(f.viewports, &vo.viewports);
  if (!s.ok()) {
    std::cerr << "pagebake: " << s.message() << "\n";
    return 2;
  }
  vo.on_page = [&](const PageVerdict& v) { PrintVerdict(v, f.quiet); };
  VerifyResult r;
  s = Verify(vo, &r);
  if (!s.ok()) {
    std::cerr << "pagebake: " << s.ToString() << "\n";
    return ExitFor(s);
  }
  PrintTotals(vo, r);
  if (r.differing_pages == 0) return 0;
  return f.bisect ? RunBisect(f, vo, r) : 1;
}

}  // namespace

int VerifyAfterBuild(const Options& o, const std::string& report_dir, bool quiet) {
  VerifyOptions vo;
  vo.report_dir = report_dir;
  vo.on_page = [&](const PageVerdict& v) { PrintVerdict(v, quiet); };
  VerifyResult r;
  Status s = VerifyBuild(o, vo, &r);
  if (!s.ok()) {
    std::cerr << "pagebake: verify: " << s.ToString() << "\n";
    return ExitFor(s);
  }
  PrintTotals(vo, r);
  return r.differing_pages == 0 ? 0 : 1;
}

CLI::App* AddVerifyCommand(CLI::App& app, RunFn* run) {
  auto f = std::make_shared<VerifyFlags>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Render SRC and OUT in headless Chromium and compare every page (--bisect: "
                "find the filters that broke one)");
  cmd->add_option("SRC", f->src, "The source site")->required();
  cmd->add_option("OUT", f->out, "Its optimized output")->required();
  cmd->add_option("--pages", f->pages, "Only pages matching these globs (repeatable)");
  cmd->add_option("--viewport", f->viewports, "WxH[,WxH...] (default 1280x2000,390x844)");
  cmd->add_option("-j,--jobs", f->jobs, "Parallel renders, one Chromium each (default 2)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--report-dir", f->report_dir,
                  "Where verify.html and diff images go (default ./pagebake-verify)");
  cmd->add_option("--threshold", f->threshold,
                  "A pixel changed when a channel differs by more than this (default 16)")
      ->check(CLI::Range(0, 255));
  cmd->add_option("--max-changed", f->max_changed,
                  "A page differs above this fraction of changed pixels (default 0)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--no-settle", f->no_settle, "Do not disable animations and transitions");
  cmd->add_option("--settle-ms", f->settle_ms, "Wait after load (default 100)")
      ->check(CLI::Range(0, 60000));
  cmd->add_option("--timeout-ms", f->timeout_ms, "Per render (default 30000)")
      ->check(CLI::Range(1000, 600000));
  cmd->add_option("--chromium", f->chromium, "The browser (default: chromium on PATH)");
  cmd->add_flag("--bisect", f->bisect, "For each differing page, find the filters that cause it");
  cmd->add_option("--config", f->config, "Bisect: the build's pagebake.json");
  cmd->add_option("--level", f->level, "Bisect: the build's level (default core)");
  cmd->add_option("--filters", f->filters, "Bisect: the build's extra filter ids");
  cmd->add_option("--disable", f->disable, "Bisect: the build's disabled filter ids");
  cmd->add_option("--override", f->override_path,
                  "Bisect: where the config override goes (default REPORT_DIR/pagebake.override.json)");
  cmd->add_flag("-q,--quiet", f->quiet, "Print only differing pages and the totals");
  *run = [f] { return RunVerify(*f); };
  return cmd;
}

}  // namespace pagebake::tool
