#include "filters/html/html_filter.h"

#include <string>

#include "filters/text/position.h"

namespace pagebake::html {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

bool JoinChangesMeaning(std::string_view left, std::string_view right) {
  if (left.empty() || right.empty()) return false;
  // A '<' near the end of `left` with no '>' after it may combine with `right` into markup
  // ("<" + "div>", "<!" + "--").
  size_t lt = left.rfind('<');
  if (lt != std::string_view::npos && left.size() - lt <= 16 &&
      left.find('>', lt) == std::string_view::npos)
    return true;
  // "&am" + "p;": a reference that runs across the junction.
  size_t amp = left.rfind('&');
  if (amp != std::string_view::npos) {
    bool run = true;
    for (size_t i = amp + 1; i < left.size(); ++i)
      if (!IsAlnum(left[i]) && left[i] != '#') run = false;
    char r = right[0];
    if (run && (IsAlnum(r) || r == ';' || r == '#')) return true;
  }
  return false;
}

bool RemoveAndJoin(Document& doc, NodeId id) {
  NodeId prev = doc.prev_sibling(id);
  NodeId next = doc.next_sibling(id);
  bool texts = prev != kNoNode && next != kNoNode && doc.type(prev) == NodeType::kText &&
               doc.type(next) == NodeType::kText;
  if (!texts) {
    doc.Remove(id);
    return true;
  }
  std::string_view l = doc.RawText(prev), r = doc.RawText(next);
  if (JoinChangesMeaning(l, r)) return false;
  std::string joined;
  joined.reserve(l.size() + r.size());
  joined.append(l);
  joined.append(r);
  doc.Remove(id);
  doc.Remove(next);
  doc.SetRawText(prev, joined);
  return true;
}

std::string_view UrlOrigin(std::string_view url) {
  size_t host_begin;
  if (url.starts_with("//")) {
    host_begin = 2;
  } else {
    size_t colon = url.find("://");
    if (colon == std::string_view::npos) return {};
    std::string_view scheme = url.substr(0, colon);
    if (!text::EqualsIgnoreCase(scheme, "http") && !text::EqualsIgnoreCase(scheme, "https"))
      return {};
    host_begin = colon + 3;
  }
  size_t end = url.find_first_of("/?#", host_begin);
  if (end == std::string_view::npos) end = url.size();
  if (end == host_begin) return {};
  return url.substr(0, end);
}

NodeId HeadOf(const Document& doc) { return doc.FindFirst(Tag::kHead); }

NodeId HeadInsertionPoint(const Document& doc, NodeId head) {
  NodeId c = doc.first_child(head);
  while (c != kNoNode) {
    NodeType t = doc.type(c);
    if (t == NodeType::kText || t == NodeType::kComment) {
      c = doc.next_sibling(c);
      continue;
    }
    if (doc.IsHtml(c, Tag::kBase)) {
      c = doc.next_sibling(c);
      continue;
    }
    if (doc.IsHtml(c, Tag::kMeta) &&
        (doc.GetAttr(c, "charset") ||
         (doc.GetAttr(c, "http-equiv") &&
          text::EqualsIgnoreCase(doc.GetAttr(c, "http-equiv")->value, "content-type")))) {
      c = doc.next_sibling(c);
      continue;
    }
    return c;
  }
  return kNoNode;
}

bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsSpace(list[i])) ++i;
    size_t j = i;
    while (j < list.size() && !IsSpace(list[j])) ++j;
    if (j > i && text::EqualsIgnoreCase(list.substr(i, j - i), token)) return true;
    i = j;
  }
  return false;
}

bool IsStylesheetElement(const Document& doc, NodeId id) {
  if (doc.node(id).flags & kIgnoredTag) return false;
  if (doc.IsHtml(id, Tag::kStyle)) return true;
  if (!doc.IsHtml(id, Tag::kLink) || !doc.GetAttr(id, "href")) return false;
  std::optional<std::string> rel = doc.AttrValue(id, "rel");
  return rel && HasToken(*rel, "stylesheet");
}

bool DetachAndJoin(Document& doc, NodeId id) {
  NodeId prev = doc.prev_sibling(id);
  NodeId next = doc.next_sibling(id);
  if (prev != kNoNode && next != kNoNode && doc.type(prev) == NodeType::kText &&
      doc.type(next) == NodeType::kText && JoinChangesMeaning(doc.RawText(prev), doc.RawText(next)))
    return false;
  doc.Remove(id);
  if (prev != kNoNode && next != kNoNode && doc.type(prev) == NodeType::kText &&
      doc.type(next) == NodeType::kText) {
    std::string joined(doc.RawText(prev));
    joined.append(doc.RawText(next));
    doc.Remove(next);
    doc.SetRawText(prev, joined);
  }
  return true;
}

NodeId CreateLink(Document& doc, std::string_view rel, std::string_view href) {
  NodeId link = doc.CreateElement("link", false);
  doc.SetAttr(link, "rel", rel);
  doc.SetAttr(link, "href", href);
  return link;
}

}  // namespace pagebake::html
