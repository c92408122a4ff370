#include "filters/html/document.h"

#include <cstring>

#include "filters/html/char_ref.h"
#include "filters/html/tokenizer.h"
#include "filters/html/tree_builder.h"

namespace pagebake::html {
namespace {

// Appends to `out`, merging consecutive source ranges into one copy.
class Writer {
 public:
  Writer(const std::string& src, std::string* out) : src_(src), out_(out) {}
  ~Writer() { Flush(); }
  void Src(uint32_t b, uint32_t e) {
    if (b == e) return;
    if (b == run_e_) {
      run_e_ = e;
      return;
    }
    Flush();
    run_b_ = b;
    run_e_ = e;
  }
  void Str(std::string_view s) {
    Flush();
    out_->append(s);
  }
  void Char(char c) {
    Flush();
    out_->push_back(c);
  }
  void Flush() {
    if (run_b_ != run_e_) out_->append(src_, run_b_, run_e_ - run_b_);
    run_b_ = run_e_ = 0;
  }
  // The last byte written so far (0 when nothing).
  char Last() const {
    if (run_b_ != run_e_) return src_[run_e_ - 1];
    return out_->empty() ? '\0' : out_->back();
  }

 private:
  const std::string& src_;
  std::string* out_;
  uint32_t run_b_ = 0, run_e_ = 0;
};

bool IsSpace(char c) { return IsHtmlSpace(static_cast<unsigned char>(c)); }

}  // namespace

std::unique_ptr<Document> Document::Parse(std::string bytes) {
  std::unique_ptr<Document> doc(new Document());
  doc->source_ = std::move(bytes);
  TreeBuilder(doc.get()).Run();
  return doc;
}

NodeId Document::NextInOrder(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.first_child != kNoNode) return n.first_child;
  return NextSkippingChildren(id);
}

NodeId Document::NextSkippingChildren(NodeId id) const {
  while (id != 0 && id != kNoNode) {
    const Node& n = nodes_[id];
    if (n.next != kNoNode) return n.next;
    id = n.parent;
  }
  return kNoNode;
}

NodeId Document::FindAncestor(NodeId id, Tag t) const {
  while (id != kNoNode && id != 0) {
    if (IsHtml(id, t)) return id;
    id = nodes_[id].parent;
  }
  return kNoNode;
}

NodeId Document::FindFirst(Tag t) const {
  for (NodeId id = NextInOrder(0); id != kNoNode; id = NextInOrder(id))
    if (IsHtml(id, t) && !(nodes_[id].flags & kIgnoredTag)) return id;
  return kNoNode;
}

int Document::FindAttr(NodeId id, std::string_view lower_name) const {
  const Node& n = nodes_[id];
  for (uint32_t i = 0; i < n.attr_count; ++i) {
    std::string_view name = attrs_[n.attr_first + i].name;
    if (name.size() == lower_name.size() && text::EqualsIgnoreCase(name, lower_name))
      return static_cast<int>(i);
  }
  return -1;
}

std::optional<std::string> Document::AttrValue(NodeId id, std::string_view lower_name) const {
  const Attr* a = GetAttr(id, lower_name);
  if (!a) return std::nullopt;
  return DecodeAttrValue(a->value);
}

std::string_view Document::Intern(std::string_view s) {
  pool_.emplace_back(s);
  return pool_.back();
}

void Document::MakeStartTagDirty(NodeId id) {
  Node& n = nodes_[id];
  n.flags |= kDirtyStartTag;
  modified_ = true;
}

void Document::SetAttrRaw(NodeId id, int index, std::string_view raw_value, char quote) {
  Attr& a = attrs_[nodes_[id].attr_first + index];
  a.value = Intern(raw_value);
  a.quote = quote;
  a.has_value = true;
  a.dirty = true;
  MakeStartTagDirty(id);
}

void Document::SetAttrValue(NodeId id, int index, std::string_view decoded_value) {
  const Attr& a = attrs_[nodes_[id].attr_first + index];
  char quote = a.quote == '\'' ? '\'' : '"';
  if (a.quote == 0 && a.has_value) {
    std::string raw = EscapeAttrValue(decoded_value, '"');
    if (CanBeUnquoted(raw)) {
      SetAttrRaw(id, index, raw, 0);
      return;
    }
  }
  SetAttrRaw(id, index, EscapeAttrValue(decoded_value, quote), quote);
}

void Document::SetAttr(NodeId id, std::string_view name, std::string_view decoded_value) {
  int index = FindAttr(id, name);
  if (index >= 0) {
    SetAttrValue(id, index, decoded_value);
    return;
  }
  // Append: move this element's attributes to the end of the vector so it can grow.
  Node& n = nodes_[id];
  if (n.attr_first + n.attr_count != attrs_.size()) {
    uint32_t first = static_cast<uint32_t>(attrs_.size());
    for (uint32_t i = 0; i < n.attr_count; ++i) attrs_.push_back(attrs_[n.attr_first + i]);
    n.attr_first = first;
  }
  Attr a;
  a.name = Intern(name);
  a.value = Intern(EscapeAttrValue(decoded_value, '"'));
  a.quote = '"';
  a.has_value = true;
  a.dirty = true;
  attrs_.push_back(a);
  ++n.attr_count;
  MakeStartTagDirty(id);
}

void Document::SetAttrNoValue(NodeId id, int index) {
  Attr& a = attrs_[nodes_[id].attr_first + index];
  a.value = {};
  a.quote = 0;
  a.has_value = false;
  a.dirty = true;
  MakeStartTagDirty(id);
}

void Document::RemoveAttr(NodeId id, int index) {
  Node& n = nodes_[id];
  Attr* first = attrs_.data() + n.attr_first;
  for (uint32_t i = index; i + 1 < n.attr_count; ++i) first[i] = first[i + 1];
  --n.attr_count;
  MakeStartTagDirty(id);
}

void Document::UnquoteAttr(NodeId id, int index) {
  Attr& a = attrs_[nodes_[id].attr_first + index];
  a.quote = 0;
  a.dirty = true;
  MakeStartTagDirty(id);
}

void Document::NormalizeTagSpacing(NodeId id) {
  nodes_[id].flags |= kTightSpacing;
  for (uint32_t i = 0; i < nodes_[id].attr_count; ++i) attrs_[nodes_[id].attr_first + i].dirty = true;
  MakeStartTagDirty(id);
}

void Document::SetRawText(NodeId id, std::string_view raw) {
  Node& n = nodes_[id];
  n.text = Intern(raw);
  n.flags |= kDirtyText;
  modified_ = true;
}

std::string_view Document::CommentText(NodeId id) const {
  std::string_view raw = RawText(id);
  if (raw.size() < 4) return {};
  size_t tb = 4, te = raw.size();
  if (te >= 3 && raw.substr(te - 3) == "-->") te -= 3;
  else if (te >= 4 && raw.substr(te - 4) == "--!>") te -= 4;
  if (te < tb) te = tb;  // "<!-->"
  return raw.substr(tb, te - tb);
}

NodeId Document::CreateElement(std::string_view lower_name, bool write_end_tag) {
  NodeId id = static_cast<NodeId>(nodes_.size());
  Node& n = nodes_.emplace_back();
  n.type = NodeType::kElement;
  n.tag = LookupTag(lower_name);
  n.name = Intern(lower_name);
  n.flags = kCreated | kDetached | (write_end_tag ? kWriteEndTag : 0);
  n.attr_first = static_cast<uint32_t>(attrs_.size());
  return id;
}

NodeId Document::CreateText(std::string_view raw) {
  NodeId id = static_cast<NodeId>(nodes_.size());
  Node& n = nodes_.emplace_back();
  n.type = NodeType::kText;
  n.flags = kCreated | kDetached;
  n.text = Intern(raw);
  return id;
}

NodeId Document::CreateRaw(std::string_view markup) {
  NodeId id = CreateText(markup);
  nodes_[id].type = NodeType::kRaw;
  return id;
}

void Document::InsertBefore(NodeId parent, NodeId child, NodeId before) {
  Node& c = nodes_[child];
  c.parent = parent;
  c.flags &= ~kDetached;
  Node& p = nodes_[parent];
  if (before == kNoNode) {
    c.prev = p.last_child;
    c.next = kNoNode;
    if (p.last_child != kNoNode) nodes_[p.last_child].next = child;
    else p.first_child = child;
    p.last_child = child;
  } else {
    Node& b = nodes_[before];
    c.next = before;
    c.prev = b.prev;
    if (b.prev != kNoNode) nodes_[b.prev].next = child;
    else p.first_child = child;
    b.prev = child;
  }
  modified_ = true;
}

void Document::Remove(NodeId id) {
  Node& n = nodes_[id];
  if (n.flags & kDetached) return;
  NodeId parent = n.parent;
  if (n.prev != kNoNode) nodes_[n.prev].next = n.next;
  else if (parent != kNoNode) nodes_[parent].first_child = n.next;
  if (n.next != kNoNode) nodes_[n.next].prev = n.prev;
  else if (parent != kNoNode) nodes_[parent].last_child = n.prev;
  n.prev = n.next = n.parent = kNoNode;
  n.flags |= kDetached;
  modified_ = true;
}

void Document::Replace(NodeId old_node, NodeId new_node) {
  NodeId parent = nodes_[old_node].parent;
  NodeId next = nodes_[old_node].next;
  Remove(old_node);
  InsertBefore(parent, new_node, next);
}

text::LineCol Document::Position(uint32_t offset) const {
  return text::LineColAt(source_, offset);
}

void Document::WriteStartTag(NodeId id, std::string* out) const {
  const Node& n = nodes_[id];
  out->push_back('<');
  out->append(n.name);
  bool after_unquoted = false;  // the previous attribute ended in an unquoted value
  auto ensure_separator = [&](char next) {
    if (after_unquoted && !IsSpace(next) && next != '>') out->push_back(' ');
  };
  std::span<const Attr> attrs = attributes(id);
  for (size_t i = 0; i < attrs.size(); ++i) {
    const Attr& a = attrs[i];
    if (!a.dirty && a.begin != a.end) {
      std::string_view bytes(source_.data() + a.begin, a.end - a.begin);
      ensure_separator(bytes[0]);
      out->append(bytes);
      // An unchanged attribute keeps its original quoting.
      after_unquoted = a.has_value && a.quote == 0;
      continue;
    }
    // A rewritten attribute keeps its original leading whitespace.
    const char* name_at = a.name.data();
    if (!(n.flags & kTightSpacing) && a.begin != a.end && name_at > source_.data() + a.begin &&
        name_at <= source_.data() + a.end) {
      std::string_view lead(source_.data() + a.begin, name_at - (source_.data() + a.begin));
      ensure_separator(lead[0]);
      out->append(lead);
    } else {
      out->push_back(' ');
    }
    out->append(a.name);
    if (BareNameNeedsEmptyValue(attrs, i)) {
      out->append("=\"\"");
    } else if (a.has_value) {
      out->push_back('=');
      if (a.quote) out->push_back(a.quote);
      out->append(a.value);
      if (a.quote) out->push_back(a.quote);
    }
    after_unquoted = a.has_value && a.quote == 0;
  }
  if (n.flags & kCreated) {
    if (n.flags & kSelfClosing) {
      ensure_separator('/');
      out->append("/>");
    } else {
      out->push_back('>');
    }
    return;
  }
  std::string_view tail(source_.data() + n.tail, n.end - n.tail);
  if (n.flags & kTightSpacing) tail = (n.flags & kSelfClosing) ? "/>" : ">";
  if (!tail.empty()) ensure_separator(tail[0]);
  out->append(tail);
}

std::string Document::Serialize() const {
  if (!modified_) return source_;
  std::string out;
  out.reserve(source_.size());
  Writer w(source_, &out);
  auto close = [&](NodeId id) {
    const Node& n = nodes_[id];
    if (n.type != NodeType::kElement) return;
    if (n.flags & kHasEndTag) w.Src(n.end_tag_begin, n.end_tag_end);
    else if (n.flags & kWriteEndTag) {
      w.Str("</");
      w.Str(n.name);
      w.Char('>');
    }
  };
  NodeId id = nodes_[0].first_child;
  while (id != kNoNode) {
    const Node& n = nodes_[id];
    if (n.type == NodeType::kElement) {
      if (n.flags & (kDirtyStartTag | kCreated)) {
        w.Flush();
        WriteStartTag(id, &out);
      } else {
        w.Src(n.begin, n.end);
      }
      if (n.first_child != kNoNode) {
        id = n.first_child;
        continue;
      }
      close(id);
    } else if (n.flags & (kDirtyText | kCreated)) {
      w.Str(n.text);
    } else {
      w.Src(n.begin, n.end);
    }
    // Climb until a next sibling, closing the elements we leave.
    for (;;) {
      const Node& cur = nodes_[id];
      if (cur.next != kNoNode) {
        id = cur.next;
        break;
      }
      id = cur.parent;
      if (id == 0 || id == kNoNode) {
        id = kNoNode;
        break;
      }
      close(id);
    }
  }
  w.Flush();
  return out;
}

}  // namespace pagebake::html
