// `pagebake experiment SRC`: builds the site as a control (passthrough) and with each candidate
// filter alone, all of them, and all minus each one; prints each filter's marginal effect on
// what a visitor downloads (bytes, requests, estimated load time per network profile, with the
// model printed), its build cost, and the recommended filter set as a ready pagebake.json.
// Progress on stderr; exit 2 for bad flags or filter ids, 3 when a file cannot be read or
// written, 1 when the control build fails, else 0.
#ifndef PAGEBAKE_TOOL_CMD_EXPERIMENT_H_
#define PAGEBAKE_TOOL_CMD_EXPERIMENT_H_

#include <string>

#include "pagebake/experiment.h"
#include "tool/commands.h"

namespace pagebake::tool {

CLI::App* AddExperimentCommand(CLI::App& app, RunFn* run);

// The text view: the model, one row per candidate ranked by what it saves on the slowest
// profile, the control/all/recommended totals, and (with `pages`) the per-page effects.
std::string FormatExperiment(const ExperimentResult& result, bool pages);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_CMD_EXPERIMENT_H_
