#include "filters/html/combine_heads_filter.h"

#include <vector>

#include "filters/html/tokenizer.h"

namespace pagebake::html {
namespace {

// The start tags the "after head" insertion mode inserts into the head element.
bool GoesToHead(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement || n.ns != Namespace::kHtml || (n.flags & kIgnoredTag))
    return false;
  switch (n.tag) {
    case Tag::kBase: case Tag::kBasefont: case Tag::kBgsound: case Tag::kLink: case Tag::kMeta:
    case Tag::kNoframes: case Tag::kScript: case Tag::kStyle: case Tag::kTemplate:
    case Tag::kTitle:
      return true;
    default:
      return false;
  }
}

bool IsWsText(const Document& doc, NodeId id) {
  if (doc.type(id) != NodeType::kText) return false;
  for (char c : doc.RawText(id))
    if (!IsHtmlSpace(static_cast<unsigned char>(c))) return false;
  return true;
}

bool IsStrayHead(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  if (n.tag != Tag::kHead || n.ns != Namespace::kHtml) return false;
  return (n.type == NodeType::kElement && (n.flags & kIgnoredTag)) || n.type == NodeType::kEndTag;
}

}  // namespace

Status CombineHeadsFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  NodeId head = HeadOf(doc);
  if (head == kNoNode) return Status::OK();
  // <head> inside the open first head: the parser ignores it.
  std::vector<NodeId> strays, moves;
  for (NodeId c = doc.first_child(head); c != kNoNode; c = doc.next_sibling(c))
    if (IsStrayHead(doc, c) && doc.type(c) == NodeType::kElement) strays.push_back(c);
  // After the first head and before anything that starts the body: the "after head" mode.
  bool in_second_head = false;
  for (NodeId c = doc.next_sibling(head); c != kNoNode; c = doc.next_sibling(c)) {
    if (IsStrayHead(doc, c)) {
      strays.push_back(c);
      in_second_head = doc.type(c) == NodeType::kElement;
    } else if (GoesToHead(doc, c)) {
      if (in_second_head) moves.push_back(c);
    } else if (!IsWsText(doc, c) && doc.type(c) != NodeType::kComment) {
      break;  // body content (or the <body> tag): the after-head mode ends here
    }
  }
  if (strays.empty()) return Status::OK();
  for (NodeId m : moves) {
    if (!DetachAndJoin(doc, m)) {
      ++ctx.counters().fallbacks;
      return Status::OK();  // keeps the rest as written; the DOM is the same either way
    }
    doc.InsertBefore(head, m, kNoNode);
    ++ctx.counters().rewrites;
  }
  for (NodeId s : strays) {
    if (RemoveAndJoin(doc, s)) ++ctx.counters().rewrites;
    else ++ctx.counters().fallbacks;
  }
  return Status::OK();
}

}  // namespace pagebake::html
