#include "filters/html/char_ref.h"

#include <gumbo.h>

#include <cstdint>
#include <cstring>

namespace pagebake::html {
namespace {

// WHATWG "numeric character reference end state": C1 controls map through windows-1252.
constexpr uint16_t kWindows1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Named references decoded without gumbo. Only with ';' (all of these also exist without it
// as legacy names, whose in-attribute rules gumbo applies).
struct Named {
  std::string_view name;
  std::string_view utf8;
};
constexpr Named kCommon[] = {{"amp;", "&"},  {"lt;", "<"},         {"gt;", ">"},
                             {"quot;", "\""}, {"apos;", "'"},       {"nbsp;", "\xC2\xA0"},
                             {"copy;", "\xC2\xA9"}, {"reg;", "\xC2\xAE"}};

// Decodes through gumbo: the value inside a double-quoted attribute of a throwaway element.
std::string DecodeWithGumbo(std::string_view raw) {
  std::string html = "<a x=\"";
  for (char c : raw) {
    if (c == '"') html += "&quot;";
    else html += c;
  }
  html += "\">";
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::string result(raw);
  const GumboNode* root = out->root;
  // html > head, body > a
  if (root->type == GUMBO_NODE_ELEMENT) {
    const GumboVector& kids = root->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* body = static_cast<const GumboNode*>(kids.data[i]);
      if (body->type != GUMBO_NODE_ELEMENT || body->v.element.tag != GUMBO_TAG_BODY) continue;
      if (body->v.element.children.length == 0) break;
      const GumboNode* a = static_cast<const GumboNode*>(body->v.element.children.data[0]);
      if (a->type != GUMBO_NODE_ELEMENT) break;
      const GumboAttribute* attr = gumbo_get_attribute(&a->v.element.attributes, "x");
      if (attr) result = attr->value;
      break;
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return result;
}

}  // namespace

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(char(cp));
  } else if (cp < 0x800) {
    out->push_back(char(0xC0 | (cp >> 6)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(char(0xE0 | (cp >> 12)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(char(0xF0 | (cp >> 18)));
    out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  }
}

std::string DecodeAttrValue(std::string_view raw) {
  const void* amp = std::memchr(raw.data(), '&', raw.size());
  if (!amp) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    char c = raw[i];
    if (c != '&') {
      out.push_back(c);
      ++i;
      continue;
    }
    size_t j = i + 1;
    if (j < raw.size() && raw[j] == '#') {
      ++j;
      bool hex = j < raw.size() && (raw[j] == 'x' || raw[j] == 'X');
      if (hex) ++j;
      size_t digits_begin = j;
      uint64_t cp = 0;
      while (j < raw.size()) {
        char d = raw[j];
        int v;
        if (d >= '0' && d <= '9') v = d - '0';
        else if (hex && (d | 0x20) >= 'a' && (d | 0x20) <= 'f') v = (d | 0x20) - 'a' + 10;
        else break;
        cp = cp * (hex ? 16 : 10) + v;
        if (cp > 0x10FFFF) cp = 0x110000;  // saturate: still "out of range"
        ++j;
      }
      if (j == digits_begin) {  // "&#" or "&#x" without digits: not a reference
        out.append(raw.substr(i, j - i));
        i = j;
        continue;
      }
      if (j < raw.size() && raw[j] == ';') ++j;
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      else if (cp >= 0x80 && cp <= 0x9F) cp = kWindows1252[cp - 0x80];
      AppendUtf8(static_cast<uint32_t>(cp), &out);
      i = j;
      continue;
    }
    size_t k = j;
    while (k < raw.size() && IsAlnum(raw[k])) ++k;
    if (k == j) {  // "&" followed by something that cannot start a name
      out.push_back('&');
      i = j;
      continue;
    }
    bool found = false;
    if (k < raw.size() && raw[k] == ';') {
      std::string_view name = raw.substr(j, k + 1 - j);
      for (const Named& n : kCommon) {
        if (n.name == name) {
          out.append(n.utf8);
          i = k + 1;
          found = true;
          break;
        }
      }
    }
    if (!found) return DecodeWithGumbo(raw);  // the full table and the legacy rules
  }
  return out;
}

std::string EscapeAttrValue(std::string_view decoded, char quote) {
  std::string out;
  out.reserve(decoded.size() + 8);
  for (size_t i = 0; i < decoded.size(); ++i) {
    char c = decoded[i];
    if (c == '&') {
      // Only an '&' that could be read as a reference needs escaping.
      char n = i + 1 < decoded.size() ? decoded[i + 1] : '\0';
      if (IsAlnum(n) || n == '#') out += "&amp;";
      else out += '&';
    } else if (c == quote && quote == '"') {
      out += "&#34;";
    } else if (c == quote && quote == '\'') {
      out += "&#39;";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {
struct QuoteTable {
  bool needs[256] = {};
  QuoteTable() {
    for (unsigned char c : std::string_view(" \t\n\r\f\"'=<>`")) needs[c] = true;
  }
};
const QuoteTable kQuoteTable;
}  // namespace

bool CanBeUnquoted(std::string_view raw) {
  if (raw.empty()) return false;
  for (char c : raw)
    if (kQuoteTable.needs[static_cast<unsigned char>(c)]) return false;
  return true;
}

}  // namespace pagebake::html
