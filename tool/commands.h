// Subcommands other than `build` and `filters` live in their own tool/cmd_<name>.cc files. Each
// adds its CLI11 subcommand and returns the function that runs it when chosen; main.cc wires
// them up. They only parse flags, call the library and format results.
#ifndef PAGEBAKE_TOOL_COMMANDS_H_
#define PAGEBAKE_TOOL_COMMANDS_H_

#include <functional>

#include <CLI/CLI.hpp>

namespace pagebake::tool {

// The run function returns the process exit code (0 ok, 1 failed checks, 2 usage, 3 IO).
using RunFn = std::function<int()>;

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_COMMANDS_H_
