#include "tool/cmd_check.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "filters/delivery/link_check.h"
#include "tool/table.h"
#include "tool/files.h"

namespace pagebake::tool {
namespace {

struct CheckFlags {
  std::string out;
  std::string base_url;
  std::string color = "auto";
  bool quiet = false;
};

int RunCheck(const CheckFlags& f) {
  bool color = WantColor(f.color, STDERR_FILENO);
  std::vector<Diagnostic> problems;
  delivery::LinkCheckStats stats;
  Status s;
  {
    StageScope scope("check");
    s = delivery::CheckLinks(f.out, &problems, &stats, nullptr, f.base_url);
  }
  if (!s.ok()) {
    std::cerr << "pagebake: " << s.ToString() << "\n";
    return s.IsNotFound() ? 2 : s.IsIoError() ? 3 : 1;
  }
  for (const Diagnostic& d : problems) std::cerr << FormatDiagnostic(d, Style{color}) << "\n";
  if (!f.quiet || !problems.empty())
    std::cerr << "pagebake check: " << stats.files << " pages and stylesheets, "
              << stats.references << " local references, " << problems.size() << " broken\n";
  return problems.empty() ? 0 : 1;
}

}  // namespace

CLI::App* AddCheckCommand(CLI::App& app, RunFn* run) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check that every local reference in the pages and stylesheets of OUT resolves");
  cmd->add_option("OUT", flags->out, "A built output directory")->required();
  cmd->add_option("--base-url", flags->base_url,
                  "The deployed origin; absolute URLs on it are checked as local");
  cmd->add_flag("-q,--quiet", flags->quiet, "Print only broken references");
  cmd->add_option("--color", flags->color, "auto | always | never (NO_COLOR honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  *run = [flags] { return RunCheck(*flags); };
  return cmd;
}

}  // namespace pagebake::tool
