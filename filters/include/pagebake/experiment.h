// Filter experiments: the sound way to choose filters is to turn them on and off against a
// control and measure. RunExperiment builds the site as a control (level passthrough), with each
// candidate filter alone on top of the control, with all candidates, and with all candidates
// minus each one; per page it measures what a visitor downloads (raw, gzip and brotli bytes of
// the page and everything it loads, requests, dependency depth) and an estimated load time under
// named network profiles; per filter it takes the build cost from the report rows. Then it
// recommends a filter set (positive benefit at acceptable cost), builds that set once more to
// predict its numbers exactly, and renders it as a ready pagebake.json.
//
// Every build writes to its own temporary output directory (removed at the end); all share one
// compression cache, so precompression of content two builds have in common runs once. Builds
// run in parallel (ExperimentOptions::parallel), each in a forked child process so that the cost
// rows of one build are not mixed with another's (the cost meter is per process).
//
// Precompression (precompress-br, precompress-gzip) is on in every build: it is the instrument
// that measures gzip/brotli bytes, not a candidate. Delivery filters (cache-extend, sri,
// headers, precompress-*) are not default candidates: what they buy (repeat-visit caching,
// integrity, serving precompressed bytes) is outside a first-visit byte and load-time model.
#ifndef PAGEBAKE_EXPERIMENT_H_
#define PAGEBAKE_EXPERIMENT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pagebake/options.h"
#include "pagebake/report.h"
#include "pagebake/status.h"

namespace pagebake {

struct NetworkProfile {
  std::string name;
  double rtt_ms = 0;
  double mbit_per_s = 0;
};

// The load-time model, deliberately simple (DescribeLoadModel prints it with its assumptions):
//   load_ms = (setup_rtts + depth) * rtt + 8 * (brotli_bytes + requests * overhead) / bandwidth
// One HTTP/2 connection (no per-request round trip, requests multiplexed), the link busy from
// the first request to the last byte, one round trip per dependency level of the deepest chain
// (page -> stylesheet -> its images/fonts/@imports ...), TCP slow start ignored.
struct LoadModel {
  // Default: 3G (300 ms, 1.6 Mbit/s), 4G (150 ms, 9 Mbit/s), cable (28 ms, 5 Mbit/s; the
  // WebPageTest "Cable" profile).
  std::vector<NetworkProfile> profiles = {{"3G", 300, 1.6}, {"4G", 150, 9}, {"cable", 28, 5}};
  // Round trips before the first request: TCP + TLS 1.3 (DNS assumed cached). Default 2.
  int setup_rtts = 2;
  // Bytes of HTTP/2 headers and framing per request (HPACK-compressed). Default 300.
  uint64_t request_overhead_bytes = 300;
};

// The model and its assumptions as text (several lines, each ending in '\n').
std::string DescribeLoadModel(const LoadModel& model);

// What one page costs a first-time visitor.
struct PageMetrics {
  std::string page;  // output path of the HTML file
  // The page and every distinct resource it loads: what the built page references (links and
  // frames aside), plus what loaded stylesheets reference through url() and @import, followed
  // recursively. gzip/brotli: the .gz/.br sibling the build wrote; a compressible file without
  // one (too small, or saving under the threshold) compressed here with the default settings
  // (a server compressing on the fly); else raw. When a page loads both X and X.webp
  // (img-webp's <picture>), only X.webp counts (a WebP-capable browser).
  uint64_t raw_bytes = 0;
  uint64_t gzip_bytes = 0;
  uint64_t br_bytes = 0;
  uint64_t requests = 0;
  // Dependency levels of the deepest chain: 1 = the page alone, 2 = it loads resources, 3 = a
  // stylesheet it loads references more, ...
  int depth = 0;
  std::vector<double> load_ms;  // per LoadModel::profiles entry
};

// Measures every HTML page of a finished build. `output_dir` is where the build wrote: pages and
// stylesheets are read back from it (a page that cannot be read falls back to the report's
// `loads`, which are the source graph's references).
std::vector<PageMetrics> MeasurePages(const Report& report, const std::string& output_dir,
                                      const LoadModel& model);

// before - after: positive is better (bytes, requests, levels, milliseconds saved).
struct Savings {
  int64_t raw_bytes = 0;
  int64_t gzip_bytes = 0;
  int64_t br_bytes = 0;
  int64_t requests = 0;
  int64_t depth = 0;
  std::vector<double> load_ms;  // per profile
  Savings& operator+=(const Savings& o);
};
Savings Saved(const PageMetrics& before, const PageMetrics& after);
// Sum over the pages of a build (one cold visit to every page).
PageMetrics TotalOf(const std::vector<PageMetrics>& pages);

struct FilterCost {
  double wall_ms = 0;
  double cpu_ms = 0;  // user + sys
};

struct ExperimentBuild {
  // "control", "all", "+<id>" (control + id), "-<id>" (all minus id), "recommended".
  std::string label;
  std::vector<std::string> filters;  // candidates enabled (precompression is on besides)
  bool ok = false;
  std::string error;
  double wall_ms = 0;  // the whole build as the experiment saw it
  double cpu_ms = 0;   // the build's process CPU (user + sys)
  uint64_t fallbacks = 0;
  uint64_t error_diagnostics = 0;
  std::map<std::string, uint64_t> errors_by_filter;  // error diagnostics by filter id
  std::map<std::string, FilterCost> filter_costs;    // this build's filter rows
  std::vector<PageMetrics> pages;                    // in ExperimentResult::pages order
  PageMetrics total;                                 // sum over pages
};

struct FilterEffect {
  std::string id;
  std::string risk;                                    // low | medium | high
  Savings alone;                                       // control -> control + id, summed over pages
  Savings in_context;                                  // all - id -> all, summed over pages
  std::vector<Savings> alone_pages, in_context_pages;  // per page, ExperimentResult::pages order
  FilterCost cost;                                     // the filter's own rows in its alone build
  double build_cpu_delta_ms = 0;  // alone build's process CPU minus the control's
  bool recommended = false;
  std::string verdict;  // why (recommended, no effect, slower, too costly, risk, build failed)
};

struct ExperimentOptions {
  // source_dir is required. The family options (html, css, js, image, delivery) and the limits
  // apply to every build; level, enable, disable, output_dir, clean and depfile are the
  // experiment's.
  Options base;
  // Filter ids to try. Empty (default): DefaultExperimentCandidates().
  std::vector<std::string> candidates;
  // Builds run at once. Default 2.
  int parallel = 2;
  // Worker threads of each build. 0 (default): 1 when parallel > 1 (the builds are the
  // parallelism), else the number of cores.
  int build_jobs = 0;
  // The shared compression cache. Empty: base.delivery.cache_dir, else a cache inside the work
  // directory (removed at the end).
  std::string cache_dir;
  // Where the temporary work directory is made. Empty: $TMPDIR, else /tmp.
  std::string work_dir;
  // Each build in a forked child process (true, default) or one after another in this process
  // (then `parallel` is ignored). Forking needs a single-threaded caller; when this process has
  // other threads the experiment runs in-process and says so in ExperimentResult::mode.
  bool isolate = true;
  LoadModel model;
  // Acceptable cost: build CPU ms per KB saved, where the time a filter saves on the slowest
  // profile counts as the bytes that profile moves in that time. 0: any cost. Default 100.
  double max_ms_per_kb = 100;
  // The riskiest filter that may be recommended: "low", "medium" (default) or "high".
  std::string max_risk = "medium";
};

// Every built filter that some level turns on, except the delivery family (see the file comment).
std::vector<std::string> DefaultExperimentCandidates();

struct ExperimentResult {
  std::vector<std::string> candidates;
  std::vector<std::string> pages;        // HTML outputs of the control build
  std::vector<ExperimentBuild> builds;   // control, all, +id..., -id..., recommended
  std::vector<FilterEffect> effects;     // one per candidate, in filter table order
  std::vector<std::string> recommended;  // filter ids, table order
  size_t slowest_profile = 0;  // the profile the benefit is judged on (the largest control time)
  LoadModel model;
  double max_ms_per_kb = 0;
  std::string max_risk;
  std::string mode;  // "fork" | "in-process"
  int parallel = 0;
  int build_jobs = 0;
  double wall_ms = 0;  // the whole experiment

  const ExperimentBuild* Find(std::string_view label) const;
};

struct ExperimentHooks {
  // Called on the calling thread as builds finish: done, total, the finished build's label.
  std::function<void(size_t done, size_t total, std::string_view label)> progress;
};

// Runs the experiment. Fails when the options are wrong (unknown or unbuilt filter ids:
// kInvalidArgument / kUnimplemented) or the control build fails; a candidate whose build fails
// is reported in its verdict and never recommended.
Status RunExperiment(const ExperimentOptions& options, ExperimentResult* result,
                     const ExperimentHooks& hooks = {});

// The whole result as JSON, schema "pagebake-experiment/1".
std::string ExperimentToJson(const ExperimentResult& result);

// The recommended set as a pagebake.json that LoadConfigFile reads: {"level": "passthrough",
// "filters": [recommended..., "precompress-br", "precompress-gzip"]}. `base_config_json` (a
// config the experiment's base options came from) is kept, except level/filters/disable and
// source/output. Fails when the base config is not a JSON object.
Result<std::string> RecommendedConfigJson(const ExperimentResult& result,
                                          const std::string& base_config_json = "");

}  // namespace pagebake

#endif  // PAGEBAKE_EXPERIMENT_H_
