// Token-level rewrites the CSS minifier applies to component values: numbers, units, colors,
// quoted urls, and the check that two tokens written side by side still tokenize as two.
// Each function only shortens when the result is certainly equivalent; otherwise it returns the
// input unchanged.
#ifndef PAGEBAKE_CSS_CSS_VALUES_H_
#define PAGEBAKE_CSS_CSS_VALUES_H_

#include <string_view>

#include "filters/css/css_tokenizer.h"

namespace pagebake::css {

// Scratch space for rewritten token text (numbers and colors are short).
struct ValueBuf {
  char b[64];
};

// The shortest spelling of a CSS <number> text (no unit): "0.50" -> ".5", "-0.5" -> "-.5",
// "010" -> "10", "1.50" -> "1.5". A '+' sign and an exponent are left as written.
// `keep_fraction`: the number is a plain <number> whose integer-ness may matter (z-index:1.0
// is invalid, z-index:1 is not), so "1.0" keeps one fractional zero ("1.0"), never "1".
std::string_view MinifyNumber(std::string_view num, bool keep_fraction, ValueBuf* buf);

// True when every digit of the number is 0 and it has no exponent ("0", "-0.0", ".0").
bool IsZeroNumber(std::string_view num);

// A length unit for which "0<unit>" equals "0" (px, em, rem, vw, ...), ASCII case-insensitive.
// Never time, angle, frequency, resolution, flex (fr) or percentage.
bool IsLengthUnit(std::string_view unit);

// The shortest equivalent of a hash color token's text ("#FFFFFF" -> "#fff", "#ff0000" ->
// "red", "#aabbccdd" -> "#abcd"). Returns the input when it is not 3/4/6/8 hex digits.
std::string_view MinifyHexColor(std::string_view hash, ValueBuf* buf);

// The shortest spelling of opaque 24-bit color `rgb` (0xRRGGBB): hex or a color name.
std::string_view ShortestColor(unsigned rgb, ValueBuf* buf);

// For a quoted url("...") string token's text: true when its content can be written unquoted
// inside url() with the same meaning (no whitespace, quotes, parens, backslashes, control
// characters, not empty).
bool CanUnquoteUrl(std::string_view quoted);

// True when writing a token whose text is `next` (kind `next_kind`) right after a token of kind
// `prev_kind` whose text ends in `prev_last` would make them tokenize differently ("a" "b" ->
// "ab", "1" ".5" -> "1.5", ident "and" then "(" -> function). Then a separator is needed.
bool WouldMerge(TokenKind prev_kind, char prev_last, TokenKind next_kind, std::string_view next);

// ASCII-lowercase `s` into `buf` when it has an uppercase letter and fits; else `s`.
std::string_view LowerAscii(std::string_view s, ValueBuf* buf);

// ASCII case-insensitive equality with an already lowercase `lower` (inline-friendly, no call
// into text:: for the hot paths).
bool EqualsLower(std::string_view s, std::string_view lower);

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_VALUES_H_
