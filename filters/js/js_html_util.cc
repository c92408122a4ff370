#include "filters/js/js_html_util.h"

#include <optional>
#include <string>

#include "filters/js/js_minifier.h"
#include "filters/text/position.h"

namespace pagebake::js {
namespace {

bool StartsWithCi(const char* p, const char* end, std::string_view word) {
  if (size_t(end - p) < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (text::AsciiLower(p[i]) != word[i]) return false;
  return true;
}

// `<script` / `</script` count only when followed by a character that ends a tag name.
bool TagAt(const char* p, const char* end, std::string_view word) {
  if (!StartsWithCi(p, end, word)) return false;
  const char* q = p + word.size();
  if (q >= end) return false;
  char c = *q;
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '/' || c == '>';
}

}  // namespace

// Declared in js_minifier.h, whose inline-script check it is; kept beside the other questions
// about <script> elements.
bool SafeInScriptElement(std::string_view text) {
  enum { kData, kEscaped, kDoubleEscaped } state = kData;
  const char* p = text.data();
  const char* end = p + text.size();
  for (; p < end; ++p) {
    const char c = *p;
    if (c != '<' && c != '-') continue;
    if (state == kData) {
      if (StartsWithCi(p, end, "<!--")) {
        state = kEscaped;
        p += 3;
      } else if (TagAt(p, end, "</script")) {
        return false;
      }
    } else if (StartsWithCi(p, end, "-->")) {
      state = kData;
      p += 2;
    } else if (state == kEscaped) {
      if (TagAt(p, end, "</script")) return false;
      if (TagAt(p, end, "<script")) state = kDoubleEscaped;
    } else if (TagAt(p, end, "</script")) {
      state = kEscaped;
    }
  }
  // In the double escaped state the page's own </script> would not end the element.
  return state != kDoubleEscaped;
}

ScriptType ScriptTypeOf(const html::Document& doc, html::NodeId script) {
  std::optional<std::string> type = doc.AttrValue(script, "type");
  if (!type) {
    // The obsolete language attribute counts only when there is no type.
    std::optional<std::string> lang = doc.AttrValue(script, "language");
    if (!lang || lang->empty()) return ScriptType::kClassic;
    type = "text/" + *lang;
  }
  std::string t;
  for (char c : *type)
    if (!text::IsAsciiSpace(static_cast<unsigned char>(c))) t.push_back(text::AsciiLower(c));
  if (t.empty()) return ScriptType::kClassic;
  if (t == "module") return ScriptType::kModule;
  return html::IsJavaScriptMimeType(t) ? ScriptType::kClassic : ScriptType::kOther;
}

html::NodeId ScriptText(const html::Document& doc, html::NodeId script) {
  html::NodeId c = doc.first_child(script);
  if (c != html::kNoNode && doc.type(c) == html::NodeType::kText && doc.next_sibling(c) == html::kNoNode)
    return c;
  return html::kNoNode;
}

bool InTemplate(const html::Document& doc, html::NodeId id) {
  return doc.FindAncestor(id, html::Tag::kTemplate) != html::kNoNode;
}

void RemoveAttrIfAny(html::Document& doc, html::NodeId id, std::string_view lower_name) {
  int i = doc.FindAttr(id, lower_name);
  if (i >= 0) doc.RemoveAttr(id, i);
}

}  // namespace pagebake::js
