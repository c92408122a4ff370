// bake-in-process SRC OUT: what `pagebake build SRC -o OUT` does, through the library API
// (PageBake::filters), printing the site's size before and after.
#include <cstdio>

#include "pagebake/pagebake.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s SRC OUT\n", argv[0]);
    return 2;
  }
  pagebake::StartCostMeter();
  pagebake::Options options;
  options.source_dir = argv[1];
  options.output_dir = argv[2];
  pagebake::BuildResult result;
  pagebake::Status status = pagebake::Build(options, &result);
  for (const pagebake::Diagnostic& d : result.report.diagnostics)
    if (d.severity == pagebake::Severity::kError) std::fprintf(stderr, "%s\n", d.ToString().c_str());
  if (!status.ok()) {
    std::fprintf(stderr, "bake-in-process: %s\n", status.ToString().c_str());
    return 1;
  }
  pagebake::FinishReport(&result);
  std::printf("pagebake %.*s: %zu files, %llu bytes in, %llu bytes out\n",
              static_cast<int>(pagebake::Version().size()), pagebake::Version().data(),
              result.report.outputs.size(),
              static_cast<unsigned long long>(result.report.bytes_in),
              static_cast<unsigned long long>(result.report.bytes_out));
  return 0;
}
