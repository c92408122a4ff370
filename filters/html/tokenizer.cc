#include "filters/html/tokenizer.h"

#include <cstring>

namespace pagebake::html {
namespace {

inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }

// Tag-name and attribute-name runs end at whitespace, '/' or '>'.
inline bool EndsName(unsigned char c) { return IsHtmlSpace(c) || c == '/' || c == '>'; }

// True when buf[pos..] starts with `lower` compared ASCII case-insensitively.
bool MatchLower(std::string_view buf, size_t pos, std::string_view lower) {
  if (buf.size() - pos < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i)
    if (Lower(buf[pos + i]) != lower[i]) return false;
  return true;
}

// "</name" followed by whitespace, '/' or '>' at `pos` ("appropriate end tag"). The end of
// input also terminates the name: the tag is then cut off, but it still ends the raw text.
bool IsEndTagOf(std::string_view buf, size_t pos, std::string_view lower_name) {
  if (buf.size() - pos < 2 + lower_name.size() || buf[pos + 1] != '/') return false;
  if (!MatchLower(buf, pos + 2, lower_name)) return false;
  size_t after = pos + 2 + lower_name.size();
  return after == buf.size() || EndsName(static_cast<unsigned char>(buf[after]));
}

}  // namespace

void LexTag(std::string_view buf, size_t pos, TagToken* tok) {
  const size_t n = buf.size();
  const char* s = buf.data();
  tok->begin = static_cast<uint32_t>(pos);
  tok->attrs.clear();
  tok->self_closing = false;
  tok->complete = false;
  size_t i = pos + 1;
  tok->end_tag = (s[i] == '/');
  if (tok->end_tag) ++i;
  tok->name_begin = static_cast<uint32_t>(i);
  while (i < n && !EndsName(static_cast<unsigned char>(s[i]))) ++i;
  tok->name_end = static_cast<uint32_t>(i);
  size_t attr_start = i;  // leading bytes of the next attribute start here
  tok->tail = static_cast<uint32_t>(i);
  for (;;) {
    // Before attribute name: whitespace and stray slashes.
    while (i < n && (IsHtmlSpace(static_cast<unsigned char>(s[i])) || s[i] == '/')) {
      if (s[i] == '/' && i + 1 < n && s[i + 1] == '>') break;
      ++i;
    }
    if (i >= n) break;  // cut off by the end of input
    if (s[i] == '/') {  // "/>"
      tok->self_closing = true;
      tok->complete = true;
      tok->end = static_cast<uint32_t>(i + 2);
      return;
    }
    if (s[i] == '>') {
      tok->complete = true;
      tok->end = static_cast<uint32_t>(i + 1);
      return;
    }
    RawAttr a{};
    a.begin = static_cast<uint32_t>(attr_start);
    a.name_begin = static_cast<uint32_t>(i);
    ++i;  // the first character belongs to the name even when it is '='
    while (i < n && !EndsName(static_cast<unsigned char>(s[i])) && s[i] != '=') ++i;
    a.name_end = static_cast<uint32_t>(i);
    size_t j = i;
    while (j < n && IsHtmlSpace(static_cast<unsigned char>(s[j]))) ++j;
    if (j < n && s[j] == '=') {
      ++j;
      while (j < n && IsHtmlSpace(static_cast<unsigned char>(s[j]))) ++j;
      if (j >= n) {
        i = n;
        break;
      }
      a.has_value = true;
      if (s[j] == '"' || s[j] == '\'') {
        a.quote = s[j];
        const void* q = std::memchr(s + j + 1, s[j], n - j - 1);
        if (!q) {
          i = n;
          break;
        }
        size_t qi = static_cast<const char*>(q) - s;
        a.value_begin = static_cast<uint32_t>(j + 1);
        a.value_end = static_cast<uint32_t>(qi);
        i = qi + 1;
      } else if (s[j] == '>') {  // "a=>": an empty value, and the tag ends
        a.value_begin = a.value_end = static_cast<uint32_t>(j);
        i = j;
      } else {
        a.value_begin = static_cast<uint32_t>(j);
        while (j < n && !IsHtmlSpace(static_cast<unsigned char>(s[j])) && s[j] != '>') ++j;
        a.value_end = static_cast<uint32_t>(j);
        i = j;
        if (i >= n) break;
      }
    } else {
      a.value_begin = a.value_end = a.name_end;
      // No '=': whitespace after the name belongs to the next attribute's leading bytes.
    }
    a.end = static_cast<uint32_t>(i);
    tok->attrs.push_back(a);
    attr_start = i;
    tok->tail = static_cast<uint32_t>(i);
  }
  // The input ended inside the tag.
  tok->end = static_cast<uint32_t>(n);
  tok->complete = false;
}

size_t LexComment(std::string_view buf, size_t pos, size_t* text_begin, size_t* text_end) {
  const size_t n = buf.size();
  const char* s = buf.data();
  size_t i = pos + 4;
  *text_begin = i;
  // Abrupt closings: "<!-->" and "<!--->".
  if (i < n && s[i] == '>') {
    *text_end = i;
    return i + 1;
  }
  if (i + 1 < n && s[i] == '-' && s[i + 1] == '>') {
    *text_end = i;
    return i + 2;
  }
  for (;;) {
    const void* d = std::memchr(s + i, '-', n - i);
    if (!d) break;
    size_t k = static_cast<const char*>(d) - s;
    if (k + 1 < n && s[k + 1] == '-') {
      // "--" then any further dashes, then ">" or "!>".
      size_t m = k + 2;
      while (m < n && s[m] == '-') ++m;
      if (m < n && s[m] == '>') {
        *text_end = m - 2;
        return m + 1;
      }
      if (m + 1 < n && s[m] == '!' && s[m + 1] == '>') {
        *text_end = m - 2;
        return m + 2;
      }
      i = m - 1;  // the last dash may start the next "--"
      if (i <= k) i = k + 1;
    } else {
      i = k + 1;
    }
  }
  *text_begin = pos + 4 > n ? n : pos + 4;
  *text_end = n;
  return n;
}

size_t LexUntilGt(std::string_view buf, size_t pos) {
  const void* g = std::memchr(buf.data() + pos, '>', buf.size() - pos);
  return g ? static_cast<const char*>(g) - buf.data() + 1 : buf.size();
}

size_t LexCData(std::string_view buf, size_t pos) {
  size_t e = buf.find("]]>", pos + 9);
  return e == std::string_view::npos ? buf.size() : e + 3;
}

size_t FindRawTextEnd(std::string_view buf, size_t pos, std::string_view lower_name) {
  const size_t n = buf.size();
  const char* s = buf.data();
  while (pos < n) {
    const void* lt = std::memchr(s + pos, '<', n - pos);
    if (!lt) return n;
    size_t k = static_cast<const char*>(lt) - s;
    if (IsEndTagOf(buf, k, lower_name)) return k;
    pos = k + 1;
  }
  return n;
}

size_t FindScriptDataEnd(std::string_view buf, size_t pos) {
  const size_t n = buf.size();
  const char* s = buf.data();
  enum { kData, kEscaped, kDoubleEscaped } state = kData;
  size_t i = pos;
  while (i < n) {
    if (state == kData) {
      const void* lt = std::memchr(s + i, '<', n - i);
      if (!lt) return n;
      size_t k = static_cast<const char*>(lt) - s;
      if (IsEndTagOf(buf, k, "script")) return k;
      if (k + 3 < n && s[k + 1] == '!' && s[k + 2] == '-' && s[k + 3] == '-') {
        // Escape start; "<!--" leaves us in "escaped dash dash", where '>' returns to data.
        state = kEscaped;
        i = k + 4;
        while (i < n && s[i] == '-') ++i;
        if (i < n && s[i] == '>') {
          state = kData;
          ++i;
        }
        continue;
      }
      i = k + 1;
      continue;
    }
    char c = s[i];
    if (c == '-') {
      // A run of dashes followed by '>' leaves both escaped states.
      size_t m = i;
      while (m < n && s[m] == '-') ++m;
      if (m - i >= 2 && m < n && s[m] == '>') {
        state = kData;
        i = m + 1;
        continue;
      }
      i = m;
      continue;
    }
    if (c == '<') {
      if (state == kEscaped) {
        if (IsEndTagOf(buf, i, "script")) return i;
        if (i + 1 < n && IsAsciiAlpha(static_cast<unsigned char>(s[i + 1]))) {
          // Double escape start: "<script" + whitespace, '/' or '>'.
          size_t m = i + 1;
          while (m < n && IsAsciiAlpha(static_cast<unsigned char>(s[m]))) ++m;
          if (m < n && EndsName(static_cast<unsigned char>(s[m])) && m - i - 1 == 6 &&
              MatchLower(buf, i + 1, "script"))
            state = kDoubleEscaped;
          i = m;
          continue;
        }
      } else {  // double escaped: "</script" + terminator goes back to escaped
        if (i + 1 < n && s[i + 1] == '/') {
          size_t m = i + 2;
          while (m < n && IsAsciiAlpha(static_cast<unsigned char>(s[m]))) ++m;
          if (m < n && EndsName(static_cast<unsigned char>(s[m])) && m - i - 2 == 6 &&
              MatchLower(buf, i + 2, "script"))
            state = kEscaped;
          i = m;
          continue;
        }
      }
    }
    ++i;
  }
  return n;
}

}  // namespace pagebake::html
