// A test driver that mounts `budget` exactly as tool/main.cc does (AddBudgetCommand + RunFn), so
// the CLI's exit codes are tested even in a tree whose pagebake binary does not wire it yet.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "tool/cmd_budget.h"

int main(int argc, char** argv) {
  CLI::App app{"budget test driver"};
  app.require_subcommand(1);
  pagebake::tool::RunFn run;
  pagebake::tool::AddBudgetCommand(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return run();
}
