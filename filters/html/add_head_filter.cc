#include "filters/html/add_head_filter.h"

#include "filters/html/elide_attributes_filter.h"
#include "filters/html/tokenizer.h"

namespace pagebake::html {
namespace {

bool WsText(const Document& doc, NodeId id) {
  if (doc.type(id) != NodeType::kText) return false;
  for (char c : doc.RawText(id))
    if (!IsHtmlSpace(static_cast<unsigned char>(c))) return false;
  return true;
}

bool MovableHeadElement(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement || n.ns != Namespace::kHtml || (n.flags & kIgnoredTag))
    return false;
  switch (n.tag) {
    case Tag::kTitle: case Tag::kMeta: case Tag::kLink: case Tag::kStyle: case Tag::kScript:
    case Tag::kBase:
      return true;
    default:
      return false;
  }
}

}  // namespace

Status AddHeadFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  if (HeadOf(doc) != kNoNode || IsXhtml(doc)) return Status::OK();
  // Any <head> tag at all (even one the parser ignores) means the author placed it: leave it.
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id))
    if (doc.IsHtml(id, Tag::kHead)) return Status::OK();
  NodeId parent = doc.root();
  NodeId html = doc.FindFirst(Tag::kHtml);
  if (html != kNoNode) parent = html;
  // Skip what precedes the head in the DOM: doctype, comments, whitespace.
  NodeId at = doc.first_child(parent);
  while (at != kNoNode && (doc.type(at) == NodeType::kDoctype || doc.type(at) == NodeType::kComment ||
                           WsText(doc, at)))
    at = doc.next_sibling(at);
  if (parent == doc.root() && at != kNoNode && doc.IsHtml(at, Tag::kHtml)) return Status::OK();
  NodeId head = doc.CreateElement("head", true);
  // Take the leading head elements (and the whitespace between them) along.
  while (at != kNoNode && (MovableHeadElement(doc, at) || WsText(doc, at))) {
    NodeId next = doc.next_sibling(at);
    if (WsText(doc, at) && (next == kNoNode || !MovableHeadElement(doc, next))) break;
    doc.Remove(at);
    doc.InsertBefore(head, at, kNoNode);
    at = next;
  }
  doc.InsertBefore(parent, head, at);
  ++ctx.counters().rewrites;
  return Status::OK();
}

}  // namespace pagebake::html
