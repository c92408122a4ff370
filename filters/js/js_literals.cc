#include "filters/js/js_literals.h"

#include <cstdint>
#include <cstring>

namespace pagebake::js::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int DecimalWidth(int v) {
  int w = 1;
  while (v >= 10) {
    v /= 10;
    ++w;
  }
  return w;
}

char* PutInt(int v, char* out) {
  char buf[12];
  int n = 0;
  do {
    buf[n++] = char('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n > 0) *out++ = buf[--n];
  return out;
}

// The value digits * 10^exp (digits without leading or trailing zeros, m > 0) in its shortest
// spelling: plain (`1500`, `1.5`, `.015`) unless the exponent form (`15e9`, `15e-9`) is
// shorter. Returns the size written to out.
size_t Shortest(const char* digits, size_t m, int exp, char* out) {
  char* o = out;
  if (exp >= 0) {
    const size_t plain = m + size_t(exp);
    const size_t sci = m + 1 + size_t(DecimalWidth(exp));
    std::memcpy(o, digits, m);
    o += m;
    if (plain <= sci) {
      std::memset(o, '0', size_t(exp));
      o += exp;
    } else {
      *o++ = 'e';
      o = PutInt(exp, o);
    }
    return size_t(o - out);
  }
  const size_t k = size_t(-exp);
  const size_t plain = k < m ? m + 1 : k + 1;
  const size_t sci = m + 2 + size_t(DecimalWidth(-exp));
  if (plain <= sci) {
    if (k < m) {
      std::memcpy(o, digits, m - k);
      o += m - k;
      *o++ = '.';
      std::memcpy(o, digits + (m - k), k);
      o += k;
    } else {
      *o++ = '.';
      std::memset(o, '0', k - m);
      o += k - m;
      std::memcpy(o, digits, m);
      o += m;
    }
  } else {
    std::memcpy(o, digits, m);
    o += m;
    *o++ = 'e';
    *o++ = '-';
    o = PutInt(-exp, o);
  }
  return size_t(o - out);
}

// `digits` (any leading/trailing zeros) times 10^exp, shortest spelling into out.
size_t ShortestOf(const char* digits, size_t m, int exp, char* out) {
  while (m > 0 && *digits == '0') {
    ++digits;
    --m;
  }
  while (m > 0 && digits[m - 1] == '0') {
    --m;
    ++exp;
  }
  if (m == 0) {
    *out = '0';
    return 1;
  }
  return Shortest(digits, m, exp, out);
}

constexpr size_t kMaxDigits = 400;  // longer literals are left as written
constexpr int kMaxExponentDigits = 5;

// 0x / 0o / 0b literals: their decimal value when below 2^53 (exact in a double).
size_t RadixToDecimal(std::string_view in, char* digits) {
  const char r = char(in[1] | 0x20);
  const unsigned base = r == 'x' ? 16 : r == 'o' ? 8 : 2;
  if (in.size() < 3) return 0;
  uint64_t v = 0;
  for (size_t i = 2; i < in.size(); ++i) {
    const char c = in[i];
    unsigned d;
    if (IsDigit(c)) d = unsigned(c - '0');
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = unsigned((c | 0x20) - 'a' + 10);
    else return 0;  // `_` separators, the BigInt `n`
    if (d >= base) return 0;
    v = v * base + d;
    if (v >= (uint64_t{1} << 53)) return 0;
  }
  char buf[20];
  size_t n = 0;
  do {
    buf[n++] = char('0' + v % 10);
    v /= 10;
  } while (v > 0);
  for (size_t i = 0; i < n; ++i) digits[i] = buf[n - 1 - i];
  return n;
}

}  // namespace

size_t MinifyNumber(std::string_view in, char* out) {
  const size_t n = in.size();
  if (n < 2 || n > kMaxDigits) return 0;
  char digits[kMaxDigits];
  char best[kMaxDigits + 16];
  size_t m = 0;
  int exp = 0;
  if (in[0] == '0' && ((in[1] | 0x20) == 'x' || (in[1] | 0x20) == 'o' || (in[1] | 0x20) == 'b')) {
    m = RadixToDecimal(in, digits);
    if (m == 0) return 0;
  } else {
    if (in[0] == '0' && IsDigit(in[1])) return 0;  // legacy octal, or 08 / 09
    size_t i = 0;
    while (i < n && IsDigit(in[i])) digits[m++] = in[i++];
    if (i < n && in[i] == '.') {
      ++i;
      while (i < n && IsDigit(in[i])) {
        digits[m++] = in[i++];
        --exp;
      }
    }
    if (i < n && (in[i] | 0x20) == 'e') {
      ++i;
      const bool negative = i < n && in[i] == '-';
      if (i < n && (in[i] == '-' || in[i] == '+')) ++i;
      int e = 0, width = 0;
      while (i < n && IsDigit(in[i]) && width <= kMaxExponentDigits) {
        e = e * 10 + (in[i++] - '0');
        ++width;
      }
      if (width == 0 || width > kMaxExponentDigits) return 0;
      exp += negative ? -e : e;
    }
    if (i != n) return 0;  // `_` separators, the BigInt `n`, anything unexpected
  }
  const size_t size = ShortestOf(digits, m, exp, best);
  if (size >= n) return 0;
  std::memcpy(out, best, size);
  return size;
}

namespace {

// Size of the line terminator at p (LF, CR, CR LF, U+2028, U+2029), 0 if none.
size_t LineTerminatorAt(const char* p, const char* end) {
  if (*p == '\n') return 1;
  if (*p == '\r') return (p + 1 < end && p[1] == '\n') ? 2 : 1;
  if (end - p >= 3 && uint8_t(p[0]) == 0xE2 && uint8_t(p[1]) == 0x80 &&
      (uint8_t(p[2]) == 0xA8 || uint8_t(p[2]) == 0xA9))
    return 3;
  return 0;
}

}  // namespace

size_t MinifyString(std::string_view in, char* out) {
  const size_t n = in.size();
  if (n < 2) return 0;
  const char* p = in.data() + 1;
  const char* end = in.data() + n - 1;  // the closing quote
  // How many of each quote the value holds: each costs an escape inside that quote.
  size_t singles = 0, doubles = 0;
  for (const char* s = p; s < end; ++s) {
    if (*s == '\\') ++s;
    if (*s == '\'') ++singles;
    else if (*s == '"') ++doubles;
  }
  char quote = in[0];
  if (quote == '\'' && doubles < singles) quote = '"';
  else if (quote == '"' && singles < doubles) quote = '\'';
  char* o = out;
  *o++ = quote;
  while (p < end) {
    const char c = *p;
    if (c != '\\') {
      if (c == quote) *o++ = '\\';
      *o++ = c;
      ++p;
      continue;
    }
    const char e = p[1];
    if (e == '\'' || e == '"') {
      if (e == quote) *o++ = '\\';
      *o++ = e;
      p += 2;
    } else if (e == 't') {
      *o++ = '\t';
      p += 2;
    } else if (size_t lt = LineTerminatorAt(p + 1, end)) {
      // A line continuation adds nothing, unless removing it glues an escape to a digit.
      if (IsDigit(p[1 + lt])) {
        std::memcpy(o, p, 1 + lt);
        o += 1 + lt;
      }
      p += 1 + lt;
    } else {
      *o++ = '\\';
      *o++ = e;
      p += 2;
    }
  }
  *o++ = quote;
  const size_t size = size_t(o - out);
  // `'use str\<LF>ict'` is no directive; `'use strict'` would be.
  const std::string_view body(out + 1, size - 2);
  if (body == "use strict" || body == "use asm") return 0;
  return size < n ? size : 0;
}

}  // namespace pagebake::js::internal
