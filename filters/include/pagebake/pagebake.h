// pagebake's library API: build a site, list the filters. The CLI (tool/) is a thin front end
// over this; C++ programs can call it directly.
#ifndef PAGEBAKE_PAGEBAKE_H_
#define PAGEBAKE_PAGEBAKE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pagebake/diagnostic.h"
#include "pagebake/options.h"
#include "pagebake/report.h"
#include "pagebake/status.h"

namespace pagebake {

std::string_view Version();

// Starts the process-wide cost meter. Call first thing in main() so that everything after it is
// attributed (Build() starts it too if you did not).
void StartCostMeter();

// A stage scope for callers of the library (the CLI's own parsing and formatting), so the report
// rows add up to the whole process. Nests like the library's scopes.
class StageScope {
 public:
  explicit StageScope(std::string_view name);
  ~StageScope();
  StageScope(const StageScope&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct BuildHooks {
  // Called from the main thread: files done, files total, the current stage's name.
  std::function<void(uint64_t done, uint64_t total, std::string_view stage)> progress;
};

struct BuildResult {
  Report report;
  // Content errors (fallbacks) of the whole build; under Options::strict they fail the build.
  uint64_t fallbacks = 0;
  // Chrome trace events JSON when Options-level tracing was asked for (see Build's `trace`).
  std::string trace_json;
};

// Builds the site. IO errors fail the build (StatusCode::kIoError), usage errors
// (kInvalidArgument/kUnimplemented) fail before anything is written; content problems are
// diagnostics in the report and never stop the other files. The previous output directory is
// replaced atomically only when the whole build succeeded.
Status Build(const Options& options, BuildResult* result, const BuildHooks& hooks = {},
             bool trace = false);

// Builds the final report (process totals measured now) — call after Build() and after any
// work the caller wants included.
void FinishReport(BuildResult* result);

struct FilterDescription {
  std::string id;
  std::string content;  // html, css, js, image, any
  std::string family;
  std::vector<std::string> levels;  // "core", "bandwidth", "all"; empty: only when named
  std::string risk;
  bool implemented = false;
  std::string description;
};
std::vector<FilterDescription> ListFilters();

// "passthrough" | "core" | "bandwidth" | "all".
bool ParseLevel(std::string_view name, Level* level);
std::string_view LevelName(Level level);

// Reads a pagebake.json config into `options` (fields the file names; the rest unchanged).
// Unknown keys are errors naming their JSON path.
Status LoadConfigFile(const std::string& path, Options* options);
Status LoadConfigJson(const std::string& json_text, const std::string& origin, Options* options);

}  // namespace pagebake

#endif  // PAGEBAKE_PAGEBAKE_H_
