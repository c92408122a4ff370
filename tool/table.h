// Text views of the report for the terminal: the strace-style cost table and diagnostics.
#ifndef PAGEBAKE_TOOL_TABLE_H_
#define PAGEBAKE_TOOL_TABLE_H_

#include <string>

#include "pagebake/pagebake.h"

namespace pagebake::tool {

// printf into a std::string (lines of the tables; at most 511 bytes).
std::string Fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));

struct Style {
  bool color = false;
};

// One row per filter/stage sorted by wall time, columns: % time, wall, cpu, files, syscalls,
// reads, writes, opens, stats, faults, in KiB, out KiB, saved %; then the totals and how much of
// the process the rows account for.
std::string FormatCostTable(const Report& report, const Style& style);
std::string FormatDiagnostic(const Diagnostic& d, const Style& style);
std::string FormatFilterTable(const std::vector<FilterDescription>& filters, const Style& style);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_TABLE_H_
