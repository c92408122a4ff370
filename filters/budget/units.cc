#include "filters/budget/units.h"

#include <cmath>
#include <cstdio>

namespace pagebake::budget {
namespace {

struct Unit {
  std::string_view name;
  int64_t scale;
};

// Written out and case-sensitive on purpose: "KB", "kb", "k" mean 1000 to some people and 1024
// to others, so they are refused with a hint rather than guessed.
constexpr Unit kSizeUnits[] = {
    {"B", 1},
    {"kB", 1000},
    {"KiB", 1024},
    {"MB", 1000 * 1000},
    {"MiB", 1024 * 1024},
    {"GB", 1000 * 1000 * 1000},
    {"GiB", int64_t{1024} * 1024 * 1024},
};
constexpr Unit kTimeUnits[] = {
    {"ns", 1}, {"us", 1000}, {"\xC2\xB5s", 1000}, {"ms", 1000 * 1000}, {"s", 1000 * 1000 * 1000},
};

// "1.5" -> mantissa 15, decimals 1. Digits only: no sign, no exponent, no hex.
bool ParseDecimal(std::string_view s, size_t* pos, __int128* mantissa, int* decimals) {
  size_t i = *pos;
  size_t start = i;
  __int128 m = 0;
  int d = 0;
  bool seen_dot = false, digits = false;
  while (i < s.size()) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits = true;
      if (m > (__int128{1} << 100)) return false;  // absurdly long: refuse, never wrap
      m = m * 10 + (c - '0');
      if (seen_dot) ++d;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      break;
    }
    ++i;
  }
  if (!digits || i == start || s[i - 1] == '.' || s[start] == '.') return false;
  *pos = i;
  *mantissa = m;
  *decimals = d;
  return true;
}

// "'text'". Built by appending: g++ 12 warns falsely (-Wrestrict) on "'" + std::string(...).
std::string Quoted(std::string_view text) {
  std::string q;
  q.reserve(text.size() + 2);
  q += '\'';
  q.append(text);
  q += '\'';
  return q;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

template <size_t N>
Result<int64_t> ParseWithUnits(std::string_view text, const Unit (&units)[N], const char* what,
                               const char* example) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  __int128 mantissa = 0;
  int decimals = 0;
  if (!ParseDecimal(s, &pos, &mantissa, &decimals))
    return Status::InvalidArgument(Quoted(text) + " is not a " + what + " (write e.g. " +
                                   example + ")");
  if (pos < s.size() && s[pos] == ' ') ++pos;
  std::string_view unit = s.substr(pos);
  if (unit.empty())
    return Status::InvalidArgument(Quoted(text) + " has no unit: a bare number is not a " +
                                   what + " (write e.g. " + example + ")");
  for (const Unit& u : units) {
    if (unit != u.name) continue;
    __int128 v = mantissa * u.scale;
    for (int i = 0; i < decimals; ++i) v /= 10;  // floor: limits compare whole bytes/ns
    if (v > INT64_MAX) return Status::InvalidArgument(Quoted(text) + " is too large");
    return static_cast<int64_t>(v);
  }
  std::string known;
  for (const Unit& u : units) {
    if (!known.empty()) known += ", ";
    known.append(u.name);
  }
  return Status::InvalidArgument(Quoted(text) + ": unknown unit " + Quoted(unit) +
                                 " (known: " + known + ")");
}

}  // namespace

const char* QuantityUnit(Quantity q) {
  switch (q) {
    case Quantity::kBytes: return "bytes";
    case Quantity::kNanoseconds: return "ns";
    case Quantity::kCount: return "count";
  }
  return "count";
}

std::optional<int64_t> Limit::Resolve(std::optional<int64_t> baseline) const {
  if (value) return value;
  if (!percent || !baseline) return std::nullopt;
  // Integer-exact for whole percentages; floor so "+0%" means "not one byte more".
  long double v = static_cast<long double>(*baseline) * (100.0L + *percent) / 100.0L;
  if (v < 0) v = 0;
  return static_cast<int64_t>(std::floor(v + 1e-9L));
}

bool ParsePercent(std::string_view text, double* out, std::string* error) {
  std::string_view s = Trim(text);
  if (s.empty() || s.back() != '%') return false;
  s.remove_suffix(1);
  s = Trim(s);
  if (s.empty() || (s.front() != '+' && s.front() != '-')) {
    *error = Quoted(text) +
             ": a relative limit needs its sign: \"+5%\" (may grow 5%) or \"-5%\" (must shrink 5%)";
    return true;
  }
  bool negative = s.front() == '-';
  s.remove_prefix(1);
  size_t pos = 0;
  __int128 mantissa = 0;
  int decimals = 0;
  if (!ParseDecimal(s, &pos, &mantissa, &decimals) || pos != s.size()) {
    *error = Quoted(text) + " is not a percentage (write e.g. \"+5%\")";
    return true;
  }
  double v = static_cast<double>(mantissa);
  for (int i = 0; i < decimals; ++i) v /= 10;
  if (negative && v > 100) {
    *error = Quoted(text) + ": cannot shrink by more than 100%";
    return true;
  }
  *out = negative ? -v : v;
  return true;
}

Result<int64_t> ParseSizeText(std::string_view text) {
  return ParseWithUnits(text, kSizeUnits, "size", "\"150 kB\" = 150000 B or \"150 KiB\" = 153600 B");
}

Result<int64_t> ParseDurationText(std::string_view text) {
  return ParseWithUnits(text, kTimeUnits, "duration", "\"50 ms\" or \"1.5 s\"");
}

std::string FormatDuration(int64_t ns) {
  char buf[64];
  double v = static_cast<double>(ns);
  if (ns < 0) v = -v;
  const char* sign = ns < 0 ? "-" : "";
  if (v < 1e3) std::snprintf(buf, sizeof buf, "%s%.0f ns", sign, v);
  else if (v < 1e6) std::snprintf(buf, sizeof buf, "%s%.1f us", sign, v / 1e3);
  else if (v < 1e9) std::snprintf(buf, sizeof buf, "%s%.1f ms", sign, v / 1e6);
  else std::snprintf(buf, sizeof buf, "%s%.2f s", sign, v / 1e9);
  return buf;
}

std::string FormatQuantity(Quantity q, int64_t v) {
  switch (q) {
    case Quantity::kBytes: return FormatBytes(v);
    case Quantity::kNanoseconds: return FormatDuration(v);
    case Quantity::kCount: return std::to_string(v);
  }
  return std::to_string(v);
}

std::string FormatQuantity(const std::string& unit, int64_t v) {
  if (unit == "bytes") return FormatBytes(v);
  if (unit == "ns") return FormatDuration(v);
  return std::to_string(v);
}

}  // namespace pagebake::budget

namespace pagebake {

Result<int64_t> ParseSize(const std::string& text) { return budget::ParseSizeText(text); }
Result<int64_t> ParseDuration(const std::string& text) { return budget::ParseDurationText(text); }

std::string FormatBytes(int64_t bytes) {
  char buf[64];
  const char* sign = bytes < 0 ? "-" : "";
  double v = static_cast<double>(bytes < 0 ? -bytes : bytes);
  if (v < 1024) std::snprintf(buf, sizeof buf, "%s%.0f B", sign, v);
  else if (v < 1024.0 * 1024) std::snprintf(buf, sizeof buf, "%s%.1f KiB", sign, v / 1024);
  else std::snprintf(buf, sizeof buf, "%s%.2f MiB", sign, v / (1024.0 * 1024));
  return buf;
}

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kBrotli: return "br";
    case Encoding::kGzip: return "gzip";
    case Encoding::kRaw: return "raw";
  }
  return "raw";
}

bool ParseEncoding(const std::string& name, Encoding* out) {
  if (name == "br" || name == "brotli") *out = Encoding::kBrotli;
  else if (name == "gzip") *out = Encoding::kGzip;
  else if (name == "raw" || name == "identity") *out = Encoding::kRaw;
  else return false;
  return true;
}

const char* CheckStatusName(CheckStatus s) {
  switch (s) {
    case CheckStatus::kPass: return "pass";
    case CheckStatus::kWarn: return "warn";
    case CheckStatus::kFail: return "fail";
    case CheckStatus::kSkip: return "skip";
  }
  return "fail";
}

}  // namespace pagebake
