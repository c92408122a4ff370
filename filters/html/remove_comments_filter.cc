#include "filters/html/remove_comments_filter.h"

namespace pagebake::html {

bool RemoveCommentsFilter::Keep(std::string_view text) const {
  // IE conditional comments: "[if ...]>" opens, "<![endif]" closes (downlevel-revealed too).
  if (text.starts_with("[if") || text.find("<![endif]") != std::string_view::npos ||
      text.starts_with("[endif]"))
    return true;
  if (text.starts_with("!")) return true;
  for (const std::string& p : options().keep_comment_patterns)
    if (!p.empty() && text.find(p) != std::string_view::npos) return true;
  return false;
}

Status RemoveCommentsFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  NodeId id = doc.NextInOrder(doc.root());
  while (id != kNoNode) {
    NodeId next = doc.NextInOrder(id);
    if (doc.type(id) == NodeType::kComment && !Keep(doc.CommentText(id))) {
      // The next node may be the text that RemoveAndJoin merges away: continue after it.
      NodeId after = doc.next_sibling(id);
      bool merge = after != kNoNode && doc.type(after) == NodeType::kText &&
                   doc.prev_sibling(id) != kNoNode &&
                   doc.type(doc.prev_sibling(id)) == NodeType::kText;
      NodeId resume = merge ? doc.NextSkippingChildren(after) : next;
      if (RemoveAndJoin(doc, id)) {
        ++ctx.counters().rewrites;
        next = resume;
      }
    }
    id = next;
  }
  return Status::OK();
}

}  // namespace pagebake::html
