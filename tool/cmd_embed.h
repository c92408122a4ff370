// `pagebake embed`: turns a built site (an output directory with its pagebake-manifest.json)
// into a C++ header + source that hold every file, with its .br/.gz siblings, as static data
// behind a small lookup API. pagebake_embed() in cmake-modules/PageBake.cmake runs it.
#ifndef PAGEBAKE_TOOL_CMD_EMBED_H_
#define PAGEBAKE_TOOL_CMD_EMBED_H_

#include <CLI/CLI.hpp>

#include "tool/commands.h"

namespace pagebake::tool {

// Adds the `embed` subcommand to `app`; *run is set to the function that runs it.
CLI::App* AddEmbedCommand(CLI::App& app, RunFn* run);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_CMD_EMBED_H_
