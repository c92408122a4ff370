// What changed between two reports of the same site (`pagebake report --diff OLD NEW`): per
// filter/stage row the wall time, CPU time, syscalls and bytes out; per output file its size.
// Output files are matched by their source path when they have one, because cache extension
// renames a file whenever its content changes (app.3f9a1c0b.css -> app.71bc02aa.css); generated
// files (no source) are matched by path.
#ifndef PAGEBAKE_REPORT_DIFF_H_
#define PAGEBAKE_REPORT_DIFF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pagebake/report.h"

namespace pagebake {

// One measured quantity in both reports; absent where the row/file is absent from that report
// or the quantity was not measured (syscalls null).
struct DiffValue {
  std::optional<int64_t> old_value;
  std::optional<int64_t> new_value;
  bool changed() const { return old_value != new_value; }
  // (new - old) / old in percent; nullopt when either side is absent or old is 0.
  std::optional<double> percent() const;
};

struct RowDiff {
  std::string name;
  std::string kind;
  bool only_old = false;  // the row is in OLD only (filter disabled since)
  bool only_new = false;
  DiffValue wall_ns, cpu_ns, syscalls, io_syscalls, bytes_out, fallbacks;
};

struct OutputDiff {
  std::string key;       // source path, or output path for generated files
  std::string old_path;  // "" when only in NEW
  std::string new_path;  // "" when only in OLD
  DiffValue bytes, gzip_bytes, br_bytes;
};

struct ReportDiff {
  DiffValue process_wall_ns, process_cpu_ns, process_syscalls, total_bytes_out;
  std::vector<RowDiff> rows;        // every row of either report; OLD's order, then NEW-only rows
  std::vector<OutputDiff> outputs;  // only files whose size changed or that appear/disappear
  size_t unchanged_outputs = 0;
};

ReportDiff DiffReports(const Report& old_report, const Report& new_report);

}  // namespace pagebake

#endif  // PAGEBAKE_REPORT_DIFF_H_
