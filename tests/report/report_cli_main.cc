// A test driver that mounts `report` exactly as tool/main.cc does (AddReportCommand + RunFn), so
// the CLI is tested even in a tree whose pagebake binary does not wire it yet.
#include <CLI/CLI.hpp>

#include "tool/cmd_report.h"

int main(int argc, char** argv) {
  CLI::App app{"report test driver"};
  app.require_subcommand(1);
  pagebake::tool::RunFn run;
  pagebake::tool::AddReportCommand(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return run();
}
