// Character classes shared by the JS tokenizer's two files (internal, not installed).
#ifndef PAGEBAKE_JS_JS_CHAR_CLASS_H_
#define PAGEBAKE_JS_JS_CHAR_CLASS_H_

#include <cstdint>
#include <initializer_list>

namespace pagebake::js::internal {

enum CharClass : uint8_t {
  kIdStart = 1u << 0,   // a-z A-Z $ _
  kIdPart = 1u << 1,    // kIdStart + digits
  kDigit = 1u << 2,
  kSpace = 1u << 3,     // ASCII whitespace and line terminators
  kStrStop = 1u << 4,   // stops the string fast loop: quotes, backslash, CR, LF, NUL
  kTplStop = 1u << 5,   // stops the template fast loop: backtick, backslash, $, NUL
  kNonAscii = 1u << 6,
  kSpecialStart = 1u << 7,  // may start whitespace, a comment, a regex or the end: / # < - NUL
};

inline constexpr auto kClass = [] {
  struct Table {
    uint8_t v[256] = {};
  } t;
  for (int c = 'a'; c <= 'z'; ++c) t.v[c] |= kIdStart | kIdPart;
  for (int c = 'A'; c <= 'Z'; ++c) t.v[c] |= kIdStart | kIdPart;
  t.v[int('$')] |= kIdStart | kIdPart;
  t.v[int('_')] |= kIdStart | kIdPart;
  for (int c = '0'; c <= '9'; ++c) t.v[c] |= kIdPart | kDigit;
  for (char c : {' ', '\t', '\v', '\f', '\n', '\r'}) t.v[uint8_t(c)] |= kSpace;
  for (char c : {'"', '\'', '\\', '\n', '\r', '\0'}) t.v[uint8_t(c)] |= kStrStop;
  for (char c : {'`', '\\', '$', '\0'}) t.v[uint8_t(c)] |= kTplStop;
  for (int c = 0x80; c < 256; ++c) t.v[c] |= kNonAscii | kSpecialStart;
  for (char c : {' ', '\t', '\v', '\f', '\n', '\r', '/', '#', '<', '-', '\0'})
    t.v[uint8_t(c)] |= kSpecialStart;
  return t;
}();

// Punctuator characters that are a whole punctuator on their own, whatever follows.
inline constexpr auto kSinglePunctuator = [] {
  struct Table {
    bool v[256] = {};
  } t;
  for (char c : {'(', ')', '[', ']', '{', '}', ',', ';', ':', '~'}) t.v[uint8_t(c)] = true;
  return t;
}();

inline bool Is(unsigned char c, uint8_t cls) { return (kClass.v[c] & cls) != 0; }

}  // namespace pagebake::js::internal

#endif  // PAGEBAKE_JS_JS_CHAR_CLASS_H_
