#include "filters/html/remove_quotes_filter.h"

#include "filters/html/char_ref.h"
#include "filters/html/elide_attributes_filter.h"

namespace pagebake::html {

Status RemoveQuotesFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  if (IsXhtml(doc)) return Status::OK();
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    const Node& n = doc.node(id);
    if (n.type != NodeType::kElement || n.attr_count == 0) continue;
    for (int i = 0; i < static_cast<int>(n.attr_count); ++i) {
      const Attr& a = doc.attributes(id)[i];
      if (!a.has_value || a.quote == 0) continue;
      if (a.value.empty()) {
        doc.SetAttrNoValue(id, i);
        ++ctx.counters().rewrites;
      } else if (CanBeUnquoted(a.value)) {
        doc.UnquoteAttr(id, i);
        ++ctx.counters().rewrites;
      }
    }
  }
  return Status::OK();
}

}  // namespace pagebake::html
