// The one id table: every filter pagebake knows, in execution order, with its content type,
// its level membership, its risk and a one-line description. The id is the one name used by
// the CLI, config files, the CMake function, the report and budgets.
#ifndef PAGEBAKE_CORE_FILTER_TABLE_H_
#define PAGEBAKE_CORE_FILTER_TABLE_H_

#include <span>
#include <string_view>

#include "pagebake/options.h"

namespace pagebake {

enum class Family { kHtml, kCss, kJs, kImage, kDelivery, kTest };
enum class Risk { kLow, kMedium, kHigh };

// Level membership bits. passthrough is the empty set; `all` = every filter not kOff.
enum LevelBits : unsigned {
  kInCore = 1u << 0,       // safe default
  kInBandwidth = 1u << 1,  // never changes URLs or markup structure
  kInAll = 1u << 2,
  kOff = 1u << 3,          // only when named explicitly (dangerous or test-only)
};

struct FilterInfo {
  std::string_view id;
  Family family;
  std::string_view content;  // "html", "css", "js", "image", "any"
  unsigned levels;
  Risk risk;
  std::string_view description;
};

// In execution order (combine before minify, minify before inline size checks, cache-extend
// after content filters).
std::span<const FilterInfo> FilterTable();
const FilterInfo* FindFilter(std::string_view id);
bool InLevel(const FilterInfo& f, Level level);
std::string_view LevelName(Level level);
bool ParseLevel(std::string_view name, Level* level);
std::string_view RiskName(Risk r);
std::string_view FamilyName(Family f);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_FILTER_TABLE_H_
