#include "filters/html/move_css_to_head_filter.h"

#include <vector>

#include "filters/html/tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::html {
namespace {

bool IsForeignOrInert(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement) return false;
  return n.ns != Namespace::kHtml || n.tag == Tag::kTemplate || n.tag == Tag::kNoscript;
}

}  // namespace

bool IsRunningScript(const Document& doc, NodeId id) {
  if (!doc.IsHtml(id, Tag::kScript) || (doc.node(id).flags & kIgnoredTag)) return false;
  std::optional<std::string> type = doc.AttrValue(id, "type");
  if (!type) return true;  // language= alone: browsers still run it as JavaScript or refuse
  std::string_view t = TrimHtmlSpace(*type);
  if (t.empty() || text::EqualsIgnoreCase(t, "module")) return true;
  return IsJavaScriptMimeType(t);
}

Status MoveCssToHeadFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  NodeId head = HeadOf(doc);
  if (head == kNoNode) return Status::OK();
  std::vector<NodeId> sheets;
  NodeId id = doc.NextSkippingChildren(head);
  while (id != kNoNode) {
    if (IsForeignOrInert(doc, id)) {
      id = doc.NextSkippingChildren(id);
      continue;
    }
    if (IsRunningScript(doc, id)) break;
    if (IsStylesheetElement(doc, id) && doc.FindAncestor(id, Tag::kHead) == kNoNode) {
      sheets.push_back(id);
      id = doc.NextSkippingChildren(id);
      continue;
    }
    id = doc.NextInOrder(id);
  }
  for (NodeId sheet : sheets) {
    // Once one sheet cannot move, the ones after it must stay too, or the order would change.
    if (!DetachAndJoin(doc, sheet)) {
      ++ctx.counters().fallbacks;
      break;
    }
    doc.InsertBefore(head, sheet, kNoNode);
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::html
