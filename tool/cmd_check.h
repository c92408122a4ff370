// `pagebake check OUT`: the output link checker (filters/delivery/link_check.h) as a
// subcommand. Exit 0 when every local reference of every page and stylesheet resolves, 1 when
// some do not (each printed as file:line:col), 2 when OUT does not exist, 3 on IO errors.
#ifndef PAGEBAKE_TOOL_CMD_CHECK_H_
#define PAGEBAKE_TOOL_CMD_CHECK_H_

#include "tool/commands.h"

namespace pagebake::tool {

CLI::App* AddCheckCommand(CLI::App& app, RunFn* run);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_CMD_CHECK_H_
