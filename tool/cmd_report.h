// `pagebake report FILE.json [--html OUT.html]` re-renders a saved report as the cost table (or
// the self-contained HTML report); `pagebake report --diff OLD.json NEW.json` prints what changed
// between two builds. Exit 2 for bad flags or a file that is not a pagebake report, 3 when a file
// cannot be read or written, else 0.
#ifndef PAGEBAKE_TOOL_CMD_REPORT_H_
#define PAGEBAKE_TOOL_CMD_REPORT_H_

#include <string>

#include "pagebake/report_diff.h"
#include "tool/commands.h"

namespace pagebake::tool {

CLI::App* AddReportCommand(CLI::App& app, RunFn* run);

// The text view of DiffReports(): one line per filter/stage (wall, cpu, syscalls, bytes out as
// old -> new and +/-%), the process totals, then the output files whose size changed.
std::string FormatReportDiff(const ReportDiff& diff);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_CMD_REPORT_H_
