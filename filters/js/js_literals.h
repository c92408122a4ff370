// Shorter spellings of one numeric or string literal with the same value (internal to the JS
// minifier, not installed). Each rewrite reads one token's text and never looks at context;
// the minifier decides where a shorter spelling is safe to write (a number that ends up all
// digits before `.` needs a space, as any number does).
//
// Numbers: `1.0` -> `1`, `0.50` -> `.5`, `1000` -> `1e3`, `0x000000` -> `0`, `1.5e+308` ->
// `15e307`, done on the decimal digits as text, so the value is exact, never rounded. Left
// alone: BigInts (`10n`), numeric separators (`1_000`), legacy octal (`010`, `08`), hex,
// octal and binary literals at or above 2^53.
// Strings: `\t` -> a tab, a line continuation (`\` + line terminator) removed unless a digit
// follows it (`'\0\<LF>1'` must not become the octal escape `\01`), and the quote that needs
// fewer escapes (`'it\'s'` -> `"it's"`). Every other escape is kept as written (`<\/script>`
// guards inline scripts; `\x3c`, `\u2028` may be there on purpose). Templates and regular
// expressions are never touched: their raw text is observable.
#ifndef PAGEBAKE_JS_JS_LITERALS_H_
#define PAGEBAKE_JS_JS_LITERALS_H_

#include <cstddef>
#include <string_view>

namespace pagebake::js::internal {

// Writes the shortest spelling of the number literal `in` to `out` (room for in.size() bytes)
// and returns its size; returns 0 when `in` is kept as written (already shortest, or a form
// left alone). Never longer than `in`.
size_t MinifyNumber(std::string_view in, char* out);

// As MinifyNumber for a complete, terminated string literal (quotes included) that holds a
// backslash: 0 when `in` is kept.
size_t MinifyString(std::string_view in, char* out);

}  // namespace pagebake::js::internal

#endif  // PAGEBAKE_JS_JS_LITERALS_H_
