#include "filters/css/css_values.h"

#include <cstring>

#include "filters/text/position.h"

namespace pagebake::css {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Named colors that are shorter than the shortest hex spelling of the same value. Sorted by
// value for binary search.
struct NamedColor {
  unsigned rgb;
  const char* name;
};
constexpr NamedColor kShortNames[] = {
    {0x000080, "navy"},   {0x008000, "green"},  {0x008080, "teal"},   {0x4b0082, "indigo"},
    {0x800000, "maroon"}, {0x800080, "purple"}, {0x808000, "olive"},  {0x808080, "gray"},
    {0xa0522d, "sienna"}, {0xa52a2a, "brown"},  {0xc0c0c0, "silver"}, {0xcd853f, "peru"},
    {0xd2b48c, "tan"},    {0xda70d6, "orchid"}, {0xdda0dd, "plum"},   {0xee82ee, "violet"},
    {0xf0e68c, "khaki"},  {0xf0ffff, "azure"},  {0xf5deb3, "wheat"},  {0xf5f5dc, "beige"},
    {0xfa8072, "salmon"}, {0xfaf0e6, "linen"},  {0xff0000, "red"},    {0xff6347, "tomato"},
    {0xff7f50, "coral"},  {0xffa500, "orange"}, {0xffc0cb, "pink"},   {0xffd700, "gold"},
    {0xffe4c4, "bisque"}, {0xfffafa, "snow"},   {0xfffff0, "ivory"},
};

const char* ShortName(unsigned rgb) {
  size_t lo = 0, hi = sizeof(kShortNames) / sizeof(kShortNames[0]);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kShortNames[mid].rgb < rgb) lo = mid + 1;
    else hi = mid;
  }
  if (lo < sizeof(kShortNames) / sizeof(kShortNames[0]) && kShortNames[lo].rgb == rgb)
    return kShortNames[lo].name;
  return nullptr;
}

constexpr char kHexDigits[] = "0123456789abcdef";

}  // namespace

std::string_view MinifyNumber(std::string_view num, bool keep_fraction, ValueBuf* buf) {
  if (num.size() > sizeof(buf->b) - 2) return num;
  for (char c : num)
    if (c == 'e' || c == 'E') return num;
  size_t i = 0;
  char* o = buf->b;
  if (num[0] == '+' || num[0] == '-') *o++ = num[i++];
  size_t int_begin = i;
  while (i < num.size() && IsDigit(num[i])) ++i;
  size_t int_end = i;
  size_t frac_begin = i, frac_end = i;
  if (i < num.size() && num[i] == '.') {
    frac_begin = i + 1;
    frac_end = num.size();
    while (frac_end > frac_begin && num[frac_end - 1] == '0') --frac_end;
  }
  bool had_fraction = frac_begin != int_end;
  // Integer part without leading zeros.
  size_t s = int_begin;
  while (s < int_end && num[s] == '0') ++s;
  bool int_empty = s == int_end;
  if (frac_end > frac_begin) {
    memcpy(o, num.data() + s, int_end - s);
    o += int_end - s;
    *o++ = '.';
    memcpy(o, num.data() + frac_begin, frac_end - frac_begin);
    o += frac_end - frac_begin;
  } else if (had_fraction && keep_fraction) {
    // "1.00" -> "1.0", "0.0" -> ".0": still a non-integer <number>.
    memcpy(o, num.data() + s, int_end - s);
    o += int_end - s;
    *o++ = '.';
    *o++ = '0';
  } else if (int_empty) {
    *o++ = '0';
  } else {
    memcpy(o, num.data() + s, int_end - s);
    o += int_end - s;
  }
  std::string_view r(buf->b, o - buf->b);
  return r.size() < num.size() ? r : num;
}

bool IsZeroNumber(std::string_view num) {
  bool digit = false;
  for (char c : num) {
    if (c == '0') digit = true;
    else if (c != '.' && c != '+' && c != '-') return false;
  }
  return digit;
}

bool IsLengthUnit(std::string_view unit) {
  static constexpr std::string_view kUnits[] = {
      "px",  "em",  "rem", "ex",  "ch",   "vw",   "vh",   "vmin", "vmax", "cm",  "mm",
      "in",  "pt",  "pc",  "q",   "vi",   "vb",   "svw",  "svh",  "lvw",  "lvh", "dvw",
      "dvh", "cap", "ic",  "lh",  "rlh",  "rex",  "rch",  "ric",  "rcap", "cqw", "cqh",
      "cqi", "cqb", "cqmin", "cqmax", "svi", "svb", "lvi", "lvb", "dvi", "dvb", "svmin",
      "svmax", "lvmin", "lvmax", "dvmin", "dvmax"};
  if (unit.empty() || unit.size() > 5) return false;
  for (std::string_view u : kUnits)
    if (text::EqualsIgnoreCase(u, unit)) return true;
  return false;
}

std::string_view ShortestColor(unsigned rgb, ValueBuf* buf) {
  unsigned r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
  bool short_hex = (r >> 4) == (r & 15) && (g >> 4) == (g & 15) && (b >> 4) == (b & 15);
  size_t hex_len = short_hex ? 4 : 7;
  if (const char* name = ShortName(rgb)) {
    size_t n = strlen(name);
    if (n < hex_len) return std::string_view(name, n);
  }
  char* o = buf->b;
  *o++ = '#';
  if (short_hex) {
    *o++ = kHexDigits[r & 15];
    *o++ = kHexDigits[g & 15];
    *o++ = kHexDigits[b & 15];
  } else {
    for (unsigned v : {r, g, b}) {
      *o++ = kHexDigits[v >> 4];
      *o++ = kHexDigits[v & 15];
    }
  }
  return std::string_view(buf->b, o - buf->b);
}

std::string_view MinifyHexColor(std::string_view hash, ValueBuf* buf) {
  size_t n = hash.size() - 1;
  if (n != 3 && n != 4 && n != 6 && n != 8) return hash;
  int v[8];
  for (size_t i = 0; i < n; ++i) {
    v[i] = text::HexDigitValue(hash[i + 1]);
    if (v[i] < 0) return hash;
  }
  if (n == 6) {
    unsigned rgb = 0;
    for (size_t i = 0; i < 6; ++i) rgb = rgb << 4 | v[i];
    std::string_view r = ShortestColor(rgb, buf);
    return r.size() <= hash.size() ? r : hash;
  }
  if (n == 3) {
    unsigned rgb = 0;
    for (size_t i = 0; i < 3; ++i) rgb = rgb << 8 | (v[i] << 4 | v[i]);
    std::string_view r = ShortestColor(rgb, buf);
    return r.size() <= hash.size() ? r : hash;
  }
  // With alpha: only case and length, never a name.
  bool pairs = n == 8 && v[0] == v[1] && v[2] == v[3] && v[4] == v[5] && v[6] == v[7];
  char* o = buf->b;
  *o++ = '#';
  if (pairs) {
    for (size_t i = 0; i < 8; i += 2) *o++ = kHexDigits[v[i]];
  } else {
    for (size_t i = 0; i < n; ++i) *o++ = kHexDigits[v[i]];
  }
  return std::string_view(buf->b, o - buf->b);
}

bool CanUnquoteUrl(std::string_view quoted) {
  if (quoted.size() < 3) return false;
  char q = quoted[0];
  if (quoted.back() != q) return false;
  for (size_t i = 1; i + 1 < quoted.size(); ++i) {
    unsigned char c = quoted[i];
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '(' || c == ')' || c == '\\')
      return false;
  }
  return true;
}

namespace {
bool NameLike(char c) {
  unsigned char u = c;
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
         u == '_' || u == '-' || u >= 0x80 || u == '\\' || u == 0;
}
// Whether a token starting with b0 continues a name before it. A lone "\" delim does not: it
// is one only before a line break, which the minifier writes after it.
bool ContinuesName(TokenKind kind, char b0) {
  return NameLike(b0) && !(kind == TokenKind::kDelim && b0 == '\\');
}

}  // namespace

bool WouldMerge(TokenKind prev_kind, char prev_last, TokenKind next_kind, std::string_view next) {
  if (next.empty()) return false;
  char b0 = next[0];
  bool dot_digit = b0 == '.' && next.size() > 1 && IsDigit(next[1]);
  switch (prev_kind) {
    case TokenKind::kIdent:
      return ContinuesName(next_kind, b0) || next_kind == TokenKind::kOpenParen;
    case TokenKind::kAtKeyword:
    case TokenKind::kHash:
    case TokenKind::kDimension:
      return ContinuesName(next_kind, b0);
    case TokenKind::kNumber:
      // "-" makes a number a dimension only when it starts a name ("1-x", "1--x"), not before
      // a digit: "80-2" is two numbers (the css fuzzer's finding: a space there grew a value).
      if (b0 == '-' && next.size() > 1) return NameLike(next[1]) && !IsDigit(next[1]);
      return ContinuesName(next_kind, b0) || dot_digit || b0 == '%';
    case TokenKind::kDelim:
      switch (prev_last) {
        case '-':
          return NameLike(b0) || dot_digit;
        case '+':
          return IsDigit(b0) || dot_digit;
        case '.':
          return IsDigit(b0);
        case '#':
          return NameLike(b0);
        case '@':
          // "@" starts an at-keyword only before what starts an identifier: never a digit
          // ("@1s" stays a delim and a dimension; the css fuzzer's finding, a space grew it).
          return NameLike(b0) && !IsDigit(b0);
        case '/':
          return b0 == '*';
        case '<':
          return b0 == '!';
        case '\\':
          return true;
        case '|':
          return b0 == '|';
        default:
          return false;
      }
    default:
      return false;
  }
}

std::string_view LowerAscii(std::string_view s, ValueBuf* buf) {
  size_t i = 0;
  while (i < s.size() && !(s[i] >= 'A' && s[i] <= 'Z')) ++i;
  if (i == s.size() || s.size() > sizeof(buf->b)) return s;
  for (size_t k = 0; k < s.size(); ++k) buf->b[k] = text::AsciiLower(s[k]);
  return std::string_view(buf->b, s.size());
}

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (text::AsciiLower(s[i]) != lower[i]) return false;
  return true;
}

}  // namespace pagebake::css
