// `pagebake verify SRC OUT`: renders every page of SRC and OUT in headless Chromium and
// compares them (pagebake/verify.h); `--bisect` names the filters that broke a differing page
// and writes a config override. Exit 0 when every page is clean, 1 when some differ, 2 on usage
// errors (or no Chromium), 3 on IO errors. Also `pagebake build --verify`.
#ifndef PAGEBAKE_TOOL_CMD_VERIFY_H_
#define PAGEBAKE_TOOL_CMD_VERIFY_H_

#include "pagebake/options.h"
#include "tool/commands.h"

namespace pagebake::tool {

CLI::App* AddVerifyCommand(CLI::App& app, RunFn* run);

// For `build --verify`: verifies o.source_dir against o.output_dir at the default viewports,
// writes the summary to `report_dir`, prints one line per page x viewport (differing ones only
// when quiet). Returns the exit code (0 clean, 1 some page differs, 2/3 as above).
int VerifyAfterBuild(const Options& o, const std::string& report_dir, bool quiet);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_CMD_VERIFY_H_
