// Internals of the filter experiments (pagebake/experiment.h): running a batch of builds, in
// parallel forked children or one after another in this process.
#ifndef PAGEBAKE_REPORT_EXPERIMENT_INTERNAL_H_
#define PAGEBAKE_REPORT_EXPERIMENT_INTERNAL_H_

#include <functional>
#include <string>
#include <vector>

#include "pagebake/options.h"
#include "pagebake/report.h"
#include "pagebake/status.h"

namespace pagebake::experiment {

struct BuildSpec {
  std::string label;
  Options options;  // complete, output_dir included
};

struct BuildOutcome {
  Status status;
  // The build's report; its rows are only this build's filter rows (the meter is cumulative
  // per process, so they are the difference of the rows before and after the build).
  Report report;
  double wall_ms = 0;
  double cpu_ms = 0;
};

struct RunnerConfig {
  int parallel = 1;
  bool fork = true;
};

// Whether this process has exactly one thread (forking is safe).
bool SingleThreaded();

// Runs every spec; `done(index, outcome)` runs on the calling thread as each build finishes,
// while its output directory still exists. Fails only when a child cannot be started.
Status RunBuilds(const std::vector<BuildSpec>& specs, const RunnerConfig& config,
                 const std::function<void(size_t, BuildOutcome&)>& done);

}  // namespace pagebake::experiment

#endif  // PAGEBAKE_REPORT_EXPERIMENT_INTERNAL_H_
