// `pagebake budget OUT --budget FILE`: checks a built output against a Lighthouse budget.json or
// a pagebake budget file. Exit 1 when any error-level check fails, 2 for an invalid budget file
// (or bad flags), 3 when the output or a named file cannot be read, else 0.
#ifndef PAGEBAKE_TOOL_CMD_BUDGET_H_
#define PAGEBAKE_TOOL_CMD_BUDGET_H_

#include <string>

#include "pagebake/budget.h"
#include "tool/commands.h"

namespace pagebake::tool {

CLI::App* AddBudgetCommand(CLI::App& app, RunFn* run);

// Where a budget result goes besides the table; shared with `pagebake build --budget`.
struct BudgetOutputFlags {
  std::string json;   // --json FILE
  std::string junit;  // --junit FILE
  std::string color = "auto";
  bool quiet = false;  // table only when something is not a pass
};

// Prints the table (stdout), writes --json/--junit, and under GitHub Actions
// (GITHUB_ACTIONS=true) prints annotations and appends the Markdown summary to
// $GITHUB_STEP_SUMMARY. Returns the exit code: result.ExitCode(), or 3 when a file cannot be
// written. Nothing here can turn a failed check into 0.
int EmitBudgetResult(const BudgetResult& result, const BudgetOutputFlags& flags);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_CMD_BUDGET_H_
