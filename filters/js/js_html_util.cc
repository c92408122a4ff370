#include "filters/js/js_html_util.h"

#include <optional>
#include <string>

#include "filters/text/position.h"

namespace pagebake::js {

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
