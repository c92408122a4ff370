#include "filters/html/pedantic_filter.h"

namespace pagebake::html {

Status PedanticFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (doc.node(id).flags & kIgnoredTag) continue;
    bool script = doc.IsHtml(id, Tag::kScript);
    if (!script && !doc.IsHtml(id, Tag::kStyle)) continue;
    if (doc.GetAttr(id, "type") || (script && doc.GetAttr(id, "language"))) continue;
    doc.SetAttr(id, "type", script ? "text/javascript" : "text/css");
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::html
