// Quantities in budget files. Sizes and durations always carry their unit (kB = 1000 B,
// KiB = 1024 B): a bare number is ambiguous and therefore an error. Counts are plain JSON
// integers. Any limit may instead be relative to the baseline: "+5%" (may grow 5%), "-10%"
// (must shrink 10%), "+0%" (must not grow).
#ifndef PAGEBAKE_BUDGET_UNITS_H_
#define PAGEBAKE_BUDGET_UNITS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pagebake/budget.h"
#include "pagebake/status.h"

namespace pagebake::budget {

enum class Quantity { kBytes, kNanoseconds, kCount };
const char* QuantityUnit(Quantity q);  // "bytes" | "ns" | "count"

// A limit as written: absolute (`value`) or relative to the baseline (`percent`).
struct Limit {
  std::optional<int64_t> value;
  std::optional<double> percent;  // +5% -> 5.0, -10% -> -10.0
  std::string text;               // as written, for the views
  // The absolute limit: `value`, or floor(baseline * (1 + percent/100)); nullopt when relative
  // and the baseline is unknown.
  std::optional<int64_t> Resolve(std::optional<int64_t> baseline) const;
};

// Parses "+5%" / "-10%"; false when `text` is not a percentage (sets *error when it looks like
// one but is malformed).
bool ParsePercent(std::string_view text, double* out, std::string* error);

// Text of a size or duration; the error message says what was expected, without the JSON path.
Result<int64_t> ParseSizeText(std::string_view text);
Result<int64_t> ParseDurationText(std::string_view text);

std::string FormatDuration(int64_t ns);
std::string FormatQuantity(Quantity q, int64_t v);
std::string FormatQuantity(const std::string& unit, int64_t v);

}  // namespace pagebake::budget

#endif  // PAGEBAKE_BUDGET_UNITS_H_
