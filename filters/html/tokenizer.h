// The lexing half of the document layer: WHATWG tokenizer states as position scanners over a
// NUL-terminated buffer. They never fail: a construct cut off by the end of the input ends at
// the end of the input, as the spec's EOF rules do. The tree builder (document.cc) decides
// which state applies (it knows when a <script> or <title> opened, and whether CDATA is allowed).
#ifndef PAGEBAKE_HTML_TOKENIZER_H_
#define PAGEBAKE_HTML_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "filters/text/position.h"

namespace pagebake::html {

struct RawAttr {
  uint32_t begin, end;            // leading whitespace/slashes included
  uint32_t name_begin, name_end;
  uint32_t value_begin, value_end;
  char quote;
  bool has_value;
};

struct TagToken {
  bool end_tag = false;
  bool self_closing = false;
  bool complete = false;  // false: the input ended inside the tag (the DOM drops it)
  uint32_t begin = 0, end = 0;
  uint32_t name_begin = 0, name_end = 0;
  uint32_t tail = 0;  // first byte after the last attribute
  std::vector<RawAttr> attrs;
};

// `buf` must be followed by a NUL (std::string's data()): scanners stop at buf.size().
// `pos` points at '<' with an ASCII letter after it (start tag) or "</" + letter (end tag).
void LexTag(std::string_view buf, size_t pos, TagToken* tok);

// `pos` points at "<!--". Returns the offset just past the comment ("-->", "--!>", the abrupt
// "<!-->"/"<!--->", or the end of input). *text_begin/*text_end delimit the comment's data.
size_t LexComment(std::string_view buf, size_t pos, size_t* text_begin, size_t* text_end);
// A bogus comment or a DOCTYPE: up to and including the next '>' (or the end of input).
size_t LexUntilGt(std::string_view buf, size_t pos);
// `pos` points at "<![CDATA[". Past the "]]>" or the end of input.
size_t LexCData(std::string_view buf, size_t pos);

// RAWTEXT/RCDATA content from `pos`: the offset of the "</name" (ASCII case-insensitive, then
// whitespace, '/' or '>') that ends it, or buf.size(). `lower_name` is lowercase.
size_t FindRawTextEnd(std::string_view buf, size_t pos, std::string_view lower_name);
// Script data from `pos`, following the escaped and double-escaped states ("<!--" ...
// "<script" ... "</script" ... "-->"): the offset of the "</script" that ends the element, or
// buf.size().
size_t FindScriptDataEnd(std::string_view buf, size_t pos);

inline bool IsAsciiAlpha(unsigned char c) { return static_cast<unsigned>((c | 0x20) - 'a') < 26u; }
// HTML's whitespace is ASCII whitespace (WHATWG Infra): one predicate, named for the reader.
inline bool IsHtmlSpace(unsigned char c) { return text::IsAsciiSpace(c); }

// `s` without leading and trailing HTML whitespace (attribute values such as type="" and
// media="" are compared trimmed).
inline std::string_view TrimHtmlSpace(std::string_view s) {
  while (!s.empty() && IsHtmlSpace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && IsHtmlSpace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_TOKENIZER_H_
