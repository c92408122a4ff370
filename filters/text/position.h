// Positions in text buffers. Lexers work on byte offsets into a NUL-terminated buffer (the hot
// loop needs no bounds check: std::string guarantees data()[size()] == '\0'); line/column are
// computed only when a diagnostic is reported.
#ifndef PAGEBAKE_TEXT_POSITION_H_
#define PAGEBAKE_TEXT_POSITION_H_

#include <cstddef>
#include <string_view>

namespace pagebake::text {

struct LineCol {
  int line = 1;  // 1-based
  int col = 1;   // 1-based, in bytes
};

// Line and column of `offset` in `buf`. Lines end at \n, \r\n or a lone \r.
LineCol LineColAt(std::string_view buf, size_t offset);

// True when `s` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

inline bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
// Whether every byte of `s` is ASCII whitespace (true for the empty string).
inline bool IsAllAsciiSpace(std::string_view s) {
  for (char c : s)
    if (!IsAsciiSpace(static_cast<unsigned char>(c))) return false;
  return true;
}
// The value of a hex digit, or -1.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }
// ASCII case-insensitive equality. Inline: tag, attribute and at-rule names are compared on hot
// paths, and an out-of-line call per comparison showed in profiles.
inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    // Equal ignoring case only if they differ in bit 0x20 and are letters.
    if ((x ^ y) != 0x20 || static_cast<unsigned>((x | 0x20) - 'a') >= 26u) return false;
  }
  return true;
}
inline bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

}  // namespace pagebake::text

#endif  // PAGEBAKE_TEXT_POSITION_H_
