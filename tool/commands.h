// Subcommands other than `build` and `filters` live in their own tool/cmd_<name>.cc files. Each
// adds its CLI11 subcommand and returns the function that runs it when chosen; main.cc wires
// them up. They only parse flags, call the library and format results.
#ifndef PAGEBAKE_TOOL_COMMANDS_H_
#define PAGEBAKE_TOOL_COMMANDS_H_

#include <functional>

#include <CLI/CLI.hpp>

#include "pagebake/status.h"

namespace pagebake::tool {

// The process exit codes, the same for every subcommand.
enum Exit { kOk = 0, kFailed = 1, kUsage = 2, kIo = 3 };

// The exit code for a library Status: bad arguments, unknown names and refused requests are
// usage errors, IO is IO, anything else (content errors) is a failure.
inline int ExitFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kUnimplemented:
    case StatusCode::kNotFound: return kUsage;
    case StatusCode::kIoError: return kIo;
    default: return kFailed;
  }
}

// The run function returns the process exit code (0 ok, 1 failed checks, 2 usage, 3 IO).
using RunFn = std::function<int()>;

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_COMMANDS_H_
