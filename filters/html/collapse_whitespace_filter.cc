#include "filters/html/collapse_whitespace_filter.h"

#include "filters/html/char_ref.h"
#include "filters/html/tokenizer.h"

namespace pagebake::html {
namespace {

inline bool Ws(char c) { return IsHtmlSpace(static_cast<unsigned char>(c)); }

// Collapses `in` into `out`; false when nothing would change.
bool Collapse(std::string_view in, std::string* out) {
  const char* s = in.data();
  const size_t n = in.size();
  // Fast check: a run needs work when it is longer than one, or is one char other than ' '/'\n'.
  size_t i = 0;
  for (;; ++i) {
    while (i < n && !Ws(s[i])) ++i;
    if (i >= n) return false;
    if ((s[i] != ' ' && s[i] != '\n') || (i + 1 < n && Ws(s[i + 1]))) break;
  }
  out->assign(s, i);
  while (i < n) {
    if (!Ws(s[i])) {
      size_t b = i;
      while (i < n && !Ws(s[i])) ++i;
      out->append(s + b, i - b);
      continue;
    }
    bool newline = false;
    while (i < n && Ws(s[i])) {
      if (s[i] == '\n' || s[i] == '\r') newline = true;
      ++i;
    }
    out->push_back(newline ? '\n' : ' ');
  }
  return true;
}

bool AllWs(std::string_view s) {
  for (char c : s)
    if (!Ws(c)) return false;
  return true;
}
bool ws_only(std::string_view s) { return AllWs(s); }

bool StyleSaysPre(const Document& doc, NodeId id) {
  const Attr* style = doc.GetAttr(id, "style");
  if (!style) return false;
  std::string v = DecodeAttrValue(style->value);
  for (char& c : v) c = text::AsciiLower(c);
  size_t p = v.find("white-space");
  while (p != std::string::npos) {
    size_t colon = v.find(':', p);
    if (colon == std::string::npos) return false;
    size_t end = v.find(';', colon);
    std::string_view value = std::string_view(v).substr(colon + 1, end == std::string::npos
                                                                       ? std::string::npos
                                                                       : end - colon - 1);
    if (value.find("pre") != std::string_view::npos ||
        value.find("break-spaces") != std::string_view::npos)
      return true;
    p = v.find("white-space", colon);
  }
  return false;
}

// Elements at the top of a page whose whitespace neighbours the parser drops or puts where it
// does not render (before <html>, inside <head>, between </head> and <body>).
bool IsHeadLevel(const Document& doc, NodeId id) {
  if (id == kNoNode) return true;
  switch (doc.type(id)) {
    case NodeType::kDoctype:
    case NodeType::kComment:
    case NodeType::kBogusComment:
      return true;
    case NodeType::kElement:
      break;
    default:
      return false;
  }
  const Node& n = doc.node(id);
  if (n.ns != Namespace::kHtml) return false;
  return n.tag == Tag::kHtml || n.tag == Tag::kHead || n.tag == Tag::kBody ||
         (HasProperty(n.tag, kHeadContent) && n.tag != Tag::kNoscript && n.tag != Tag::kTemplate);
}

}  // namespace

bool CollapseWhitespaceFilter::PreservesWhitespace(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement) return false;
  if (n.ns == Namespace::kHtml &&
      (HasProperty(n.tag, kPreformatted) || n.tag == Tag::kCode))
    return true;
  if (n.attr_count == 0) return false;
  if (n.ns != Namespace::kHtml) {
    const Attr* space = doc.GetAttr(id, "xml:space");
    if (space && text::EqualsIgnoreCase(space->value, "preserve")) return true;
  }
  return StyleSaysPre(doc, id);
}

bool CollapseWhitespaceFilter::DroppableWhitespace(const Document& doc, NodeId id,
                                                   bool body_started) {
  NodeId parent = doc.parent(id);
  if (parent != doc.root()) {
    const Node& p = doc.node(parent);
    if (p.ns != Namespace::kHtml || p.type != NodeType::kElement) return false;
    switch (p.tag) {
      case Tag::kHead:
      case Tag::kTable:
      case Tag::kTbody:
      case Tag::kThead:
      case Tag::kTfoot:
      case Tag::kTr:
      case Tag::kColgroup:
      case Tag::kSelect:
      case Tag::kDatalist:
      case Tag::kOptgroup:
        return true;
      case Tag::kHtml:
        break;
      default:
        return false;
    }
  }
  return !body_started && IsHeadLevel(doc, doc.prev_sibling(id)) &&
         IsHeadLevel(doc, doc.next_sibling(id));
}

bool CollapseWhitespaceFilter::LooseStartTag(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  if (n.flags & (kCreated | kIgnoredTag)) return false;
  // Anything but ">" (or "/>" when self-closing) after the last attribute.
  if (n.end - n.tail > ((n.flags & kSelfClosing) ? 2u : 1u)) return true;
  const char* src = doc.source().data();
  for (const Attr& a : doc.attributes(id)) {
    if (a.begin == a.end || a.dirty) continue;
    size_t lead = a.name.data() - (src + a.begin);
    if (lead > 1 || (lead == 1 && src[a.begin] != ' ')) return true;
  }
  return false;
}

Status CollapseWhitespaceFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  int preserve = 0;  // open ancestors that keep whitespace
  bool body_started = false;
  int in_head = 0;  // open <head> elements
  NodeId id = doc.first_child(doc.root());
  while (id != kNoNode) {
    const Node& n = doc.node(id);
    NodeId drop = kNoNode;
    if (n.type == NodeType::kElement) {
      if (!body_started && !IsHeadLevel(doc, id) && in_head == 0)
        body_started = true;
      if (LooseStartTag(doc, id)) {
        doc.NormalizeTagSpacing(id);
        ++ctx.counters().rewrites;
      }
      if (n.first_child != kNoNode) {
        if (PreservesWhitespace(doc, id)) ++preserve;
        if (doc.IsHtml(id, Tag::kHead)) ++in_head;
        id = n.first_child;
        continue;
      }
    } else if (n.type == NodeType::kText && preserve == 0 && !(n.flags & kInRawText)) {
      std::string_view raw = doc.RawText(id);
      bool ws = AllWs(raw);
      if (ws && DroppableWhitespace(doc, id, body_started)) {
        drop = id;
      } else if (Collapse(raw, &scratch_)) {
        doc.SetRawText(id, scratch_);
        ++ctx.counters().rewrites;
      }
      if (!body_started && !ws && in_head == 0)
        body_started = true;
    } else if (n.type == NodeType::kText && !body_started && in_head == 0 &&
               !(n.flags & kInRawText) && !ws_only(doc.RawText(id))) {
      body_started = true;
    }
    // Next: sibling, or climb out of finished elements.
    for (;;) {
      NodeId next = doc.next_sibling(id);
      if (next != kNoNode) {
        id = next;
        break;
      }
      id = doc.parent(id);
      if (id == doc.root() || id == kNoNode) {
        id = kNoNode;
        break;
      }
      if (PreservesWhitespace(doc, id)) --preserve;
      if (doc.IsHtml(id, Tag::kHead)) --in_head;
    }
    if (drop != kNoNode) {
      doc.Remove(drop);
      ++ctx.counters().rewrites;
    }
  }
  TrimScripts(ctx, doc);
  return Status::OK();
}

// The whitespace at either end of a script's text is whitespace to the JS (or JSON) parser
// too. Kept only where it matters: before "-->", which is a comment only at the start of a
// line (Annex B). Unknown script types (templates) are not ForEachInline's kinds: untouched.
void CollapseWhitespaceFilter::TrimScripts(FilterContext& ctx, Document& doc) {
  ForEachInline(doc, [&](InlineKind kind, std::string& text, int, int) {
    if (kind != InlineKind::kClassicScript && kind != InlineKind::kModuleScript &&
        kind != InlineKind::kJsonScript)
      return;
    const std::string_view t = TrimHtmlSpace(text);
    const size_t lead = t.data() - text.data(), end = lead + t.size();
    const size_t begin = t.substr(0, 3) == "-->" ? 0 : lead;
    if (begin == 0 && end == text.size()) return;
    text = text.substr(begin, end - begin);
    ++ctx.counters().rewrites;
  });
}

}  // namespace pagebake::html
