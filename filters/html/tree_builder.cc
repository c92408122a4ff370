#include "filters/html/tree_builder.h"

#include <cstring>

#include "filters/text/position.h"

namespace pagebake::html {
namespace {

bool IsHeading(Tag t) {
  return t == Tag::kH1 || t == Tag::kH2 || t == Tag::kH3 || t == Tag::kH4 || t == Tag::kH5 ||
         t == Tag::kH6;
}

bool AllSpace(std::string_view s) {
  for (char c : s)
    if (!IsHtmlSpace(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

NodeId TreeBuilder::Append(NodeType type, size_t begin, size_t end) {
  NodeId id = static_cast<NodeId>(doc_.nodes_.size());
  Node& n = doc_.nodes_.emplace_back();
  n.type = type;
  n.begin = static_cast<uint32_t>(begin);
  n.end = static_cast<uint32_t>(end);
  NodeId parent = stack_.back();
  n.parent = parent;
  Node& p = doc_.nodes_[parent];
  if (p.last_child == kNoNode) {
    p.first_child = id;
  } else {
    doc_.nodes_[p.last_child].next = id;
    n.prev = p.last_child;
  }
  p.last_child = id;
  return id;
}

void TreeBuilder::AddText(size_t begin, size_t end, bool raw) {
  if (begin >= end) return;
  if (!raw) {
    std::string_view text = buf_.substr(begin, end - begin);
    if (!AllSpace(text)) {
      // Character data closes an open <head> and implies <body>.
      if (head_open_) {
        for (size_t i = stack_.size(); i-- > 1;)
          if (stack_[i] == head_) {
            PopTo(i);
            break;
          }
      }
      if (stack_.size() <= 2) seen_body_ = true;
    }
    // Text continues the previous text node when only a non-markup '<' split the run.
    NodeId last = doc_.nodes_[Top()].last_child;
    if (last != kNoNode) {
      Node& l = doc_.nodes_[last];
      if (l.type == NodeType::kText && l.end == begin && !(l.flags & kInRawText)) {
        l.end = static_cast<uint32_t>(end);
        return;
      }
    }
  }
  NodeId id = Append(NodeType::kText, begin, end);
  if (raw) doc_.nodes_[id].flags |= kInRawText;
}

void TreeBuilder::Push(NodeId id) {
  const Node& n = doc_.nodes_[id];
  if (n.ns == Namespace::kHtml) ++open_[static_cast<size_t>(n.tag)];
  stack_.push_back(id);
}

void TreeBuilder::Pop() {
  if (stack_.size() <= 1) return;
  if (stack_.back() == head_) head_open_ = false;
  const Node& n = doc_.nodes_[stack_.back()];
  if (n.ns == Namespace::kHtml) --open_[static_cast<size_t>(n.tag)];
  stack_.pop_back();
}

void TreeBuilder::PopTo(size_t stack_index) {
  while (stack_.size() > stack_index) Pop();
}

void TreeBuilder::CloseWith(size_t stack_index, const TagToken& tok) {
  NodeId id = stack_[stack_index];
  PopTo(stack_index);
  Node& n = doc_.nodes_[id];
  n.flags |= kHasEndTag;
  n.end_tag_begin = tok.begin;
  n.end_tag_end = tok.end;
}

bool TreeBuilder::NameIs(NodeId id, const TagToken& tok) const {
  const Node& n = doc_.nodes_[id];
  std::string_view name = buf_.substr(tok.name_begin, tok.name_end - tok.name_begin);
  return text::EqualsIgnoreCase(n.name, name);
}

size_t TreeBuilder::FindInScope(Tag t, uint32_t stop_props) const {
  if (Open(t) == 0) return 0;
  for (size_t i = stack_.size(); i-- > 1;) {
    const Node& n = doc_.nodes_[stack_[i]];
    if (n.ns == Namespace::kHtml && n.tag == t) return i;
    if (n.ns != Namespace::kHtml && IsIntegrationPoint(stack_[i])) return 0;
    if (HasProperty(n.tag, stop_props) && n.ns == Namespace::kHtml) return 0;
  }
  return 0;
}

void TreeBuilder::CloseP() {
  // "Close a p element" when one is in button scope.
  if (Open(Tag::kP) == 0) return;
  for (size_t i = stack_.size(); i-- > 1;) {
    const Node& n = doc_.nodes_[stack_[i]];
    if (n.ns != Namespace::kHtml) return;
    if (n.tag == Tag::kP) {
      PopTo(i);
      return;
    }
    if (HasProperty(n.tag, kScopeBoundary) || n.tag == Tag::kButton) return;
  }
}

bool TreeBuilder::IsIntegrationPoint(NodeId id) const {
  const Node& n = doc_.nodes_[id];
  if (n.ns == Namespace::kSvg)
    return n.tag == Tag::kForeignObject || n.tag == Tag::kDesc || n.tag == Tag::kTitle;
  if (n.ns == Namespace::kMathMl) {
    if (n.tag == Tag::kMi || n.tag == Tag::kMo || n.tag == Tag::kMn || n.tag == Tag::kMs ||
        n.tag == Tag::kMtext)
      return true;
    if (n.tag == Tag::kAnnotationXml) {
      std::optional<std::string> enc = doc_.AttrValue(id, "encoding");
      return enc && (text::EqualsIgnoreCase(*enc, "text/html") ||
                     text::EqualsIgnoreCase(*enc, "application/xhtml+xml"));
    }
  }
  return false;
}

bool TreeBuilder::CurrentIsForeignForStartTag(Tag t, const TagToken& tok) const {
  (void)tok;
  NodeId cur = Top();
  const Node& n = doc_.nodes_[cur];
  if (cur == 0 || n.ns == Namespace::kHtml) return false;
  if (n.ns == Namespace::kMathMl &&
      (n.tag == Tag::kMi || n.tag == Tag::kMo || n.tag == Tag::kMn || n.tag == Tag::kMs ||
       n.tag == Tag::kMtext))
    return t == Tag::kMglyph || t == Tag::kMalignmark;
  if (n.ns == Namespace::kMathMl && n.tag == Tag::kAnnotationXml && t == Tag::kSvg) return true;
  return !IsIntegrationPoint(cur);
}

size_t TreeBuilder::StartTag(const TagToken& tok) {
  std::string_view name = buf_.substr(tok.name_begin, tok.name_end - tok.name_begin);
  Tag t = LookupTag(name);
  Namespace ns = Namespace::kHtml;
  if (CurrentIsForeignForStartTag(t, tok)) {
    bool breakout = HasProperty(t, kBreaksOutOfForeign);
    if (t == Tag::kFont) {
      for (const RawAttr& a : tok.attrs) {
        std::string_view an = buf_.substr(a.name_begin, a.name_end - a.name_begin);
        if (text::EqualsIgnoreCase(an, "color") || text::EqualsIgnoreCase(an, "face") ||
            text::EqualsIgnoreCase(an, "size"))
          breakout = true;
      }
    }
    if (breakout) {
      while (stack_.size() > 1 && doc_.nodes_[Top()].ns != Namespace::kHtml &&
             !IsIntegrationPoint(Top()))
        Pop();
    } else {
      ns = doc_.nodes_[Top()].ns;
    }
  }
  bool ignored = false;
  if (ns == Namespace::kHtml) {
    if (t == Tag::kHtml) {
      ignored = seen_html_ || stack_.size() > 1;
      seen_html_ = true;
    } else if (t == Tag::kHead) {
      ignored = seen_head_ || seen_body_;
      seen_head_ = true;
    } else if (t == Tag::kBody) {
      ignored = seen_body_;
      if (head_open_) {
        for (size_t i = stack_.size(); i-- > 1;)
          if (stack_[i] == head_) {
            PopTo(i);
            break;
          }
      }
      seen_body_ = true;
    } else {
      if (head_open_ && !HasProperty(t, kHeadContent)) {
        for (size_t i = stack_.size(); i-- > 1;)
          if (stack_[i] == head_) {
            PopTo(i);
            break;
          }
      }
      if (!head_open_ && !HasProperty(t, kHeadContent)) seen_body_ = true;
      uint32_t props = TagProperties(t);
      if (props & kClosesP) CloseP();
      if (t == Tag::kLi || t == Tag::kDd || t == Tag::kDt) {
        const bool any_open = t == Tag::kLi ? Open(Tag::kLi) > 0
                                            : Open(Tag::kDd) + Open(Tag::kDt) > 0;
        for (size_t i = any_open ? stack_.size() : 0; i-- > 1;) {
          const Node& n = doc_.nodes_[stack_[i]];
          if (n.ns != Namespace::kHtml) break;
          bool match = (t == Tag::kLi) ? n.tag == Tag::kLi
                                       : (n.tag == Tag::kDd || n.tag == Tag::kDt);
          if (match) {
            PopTo(i);
            break;
          }
          if (HasProperty(n.tag, kSpecial) && n.tag != Tag::kAddress && n.tag != Tag::kDiv &&
              n.tag != Tag::kP)
            break;
        }
        CloseP();
      } else if (IsHeading(t)) {
        const Node& top = doc_.nodes_[Top()];
        if (top.ns == Namespace::kHtml && IsHeading(top.tag)) Pop();
      } else if (t == Tag::kOption) {
        if (doc_.IsHtml(Top(), Tag::kOption)) Pop();
      } else if (t == Tag::kOptgroup) {
        if (doc_.IsHtml(Top(), Tag::kOption)) Pop();
        if (doc_.IsHtml(Top(), Tag::kOptgroup)) Pop();
      } else if (t == Tag::kTr || t == Tag::kTd || t == Tag::kTh || t == Tag::kTbody ||
                 t == Tag::kThead || t == Tag::kTfoot) {
        // Close the open cell/row/section this one replaces, within the same table.
        auto is_cell = [](Tag x) { return x == Tag::kTd || x == Tag::kTh; };
        auto is_section = [](Tag x) {
          return x == Tag::kTbody || x == Tag::kThead || x == Tag::kTfoot;
        };
        const bool any_open = is_cell(t) ? Open(Tag::kTd) + Open(Tag::kTh) > 0
                              : t == Tag::kTr ? Open(Tag::kTr) > 0
                                              : Open(Tag::kTbody) + Open(Tag::kThead) +
                                                        Open(Tag::kTfoot) > 0;
        for (size_t i = any_open ? stack_.size() : 0; i-- > 1;) {
          const Node& n = doc_.nodes_[stack_[i]];
          if (n.ns != Namespace::kHtml || n.tag == Tag::kTable || n.tag == Tag::kTemplate ||
              n.tag == Tag::kHtml)
            break;
          bool match = is_cell(t) ? is_cell(n.tag)
                       : t == Tag::kTr ? n.tag == Tag::kTr
                                       : is_section(n.tag);
          if (match) {
            PopTo(i);
            break;
          }
          if (is_cell(t) && n.tag == Tag::kTr) break;
          if (t == Tag::kTr && is_section(n.tag)) break;
        }
      } else if (t == Tag::kRb || t == Tag::kRtc || t == Tag::kRp || t == Tag::kRt) {
        for (;;) {
          const Node& top = doc_.nodes_[Top()];
          if (top.ns != Namespace::kHtml) break;
          if (top.tag == Tag::kRb || top.tag == Tag::kRp || top.tag == Tag::kRt ||
              (top.tag == Tag::kRtc && (t == Tag::kRb || t == Tag::kRtc))) {
            Pop();
          } else {
            break;
          }
        }
      } else if (t == Tag::kA || t == Tag::kButton || t == Tag::kNobr) {
        // A second <a>/<button>/<nobr> closes the first when nothing special sits between.
        for (size_t i = stack_.size(); i-- > 1;) {
          const Node& n = doc_.nodes_[stack_[i]];
          if (n.ns != Namespace::kHtml) break;
          if (n.tag == t) {
            PopTo(i);
            break;
          }
          if (HasProperty(n.tag, kSpecial | kScopeBoundary)) break;
        }
      }
    }
    if (t == Tag::kSvg) ns = Namespace::kSvg;
    else if (t == Tag::kMath) ns = Namespace::kMathMl;
  }
  NodeId id = Append(NodeType::kElement, tok.begin, tok.end);
  {
    Node& n = doc_.nodes_[id];
    n.ns = ns;
    n.tag = t;
    n.tail = tok.tail;
    n.name = name;
    if (tok.self_closing) n.flags |= kSelfClosing;
    if (ignored) n.flags |= kIgnoredTag;
    n.attr_first = static_cast<uint32_t>(doc_.attrs_.size());
    n.attr_count = static_cast<uint32_t>(tok.attrs.size());
  }
  for (size_t i = 0; i < tok.attrs.size(); ++i) {
    const RawAttr& r = tok.attrs[i];
    Attr a;
    a.name = buf_.substr(r.name_begin, r.name_end - r.name_begin);
    a.value = buf_.substr(r.value_begin, r.value_end - r.value_begin);
    a.begin = r.begin;
    a.end = r.end;
    a.quote = r.quote;
    a.has_value = r.has_value;
    for (size_t j = 0; j < i; ++j) {
      if (text::EqualsIgnoreCase(doc_.attrs_[doc_.nodes_[id].attr_first + j].name, a.name)) {
        doc_.nodes_[id].flags |= kDuplicateAttrs;
        break;
      }
    }
    doc_.attrs_.push_back(a);
  }
  if (ignored) return tok.end;
  if (ns == Namespace::kHtml) {
    if (HasProperty(t, kVoid)) return tok.end;
  } else if (tok.self_closing) {
    return tok.end;
  }
  Push(id);
  if (t == Tag::kHead && ns == Namespace::kHtml) {
    head_ = id;
    head_open_ = true;
  }
  if (ns != Namespace::kHtml) return tok.end;
  // Content models that switch the tokenizer.
  size_t end = tok.end;
  if (t == Tag::kScript) {
    end = FindScriptDataEnd(buf_, tok.end);
  } else if (HasProperty(t, kRawText | kRcData)) {
    end = FindRawTextEnd(buf_, tok.end, TagName(t));
  } else if (t == Tag::kPlaintext) {
    end = buf_.size();
  } else {
    return tok.end;
  }
  AddText(tok.end, end, /*raw=*/true);
  return end;
}

void TreeBuilder::EndTag(const TagToken& tok) {
  std::string_view name = buf_.substr(tok.name_begin, tok.name_end - tok.name_begin);
  Tag t = LookupTag(name);
  // Foreign content: the nearest foreign element with the same name, until an HTML element.
  if (doc_.nodes_[Top()].ns != Namespace::kHtml && stack_.size() > 1) {
    for (size_t i = stack_.size(); i-- > 1;) {
      const Node& n = doc_.nodes_[stack_[i]];
      if (n.ns == Namespace::kHtml) break;
      if (NameIs(stack_[i], tok)) {
        CloseWith(i, tok);
        return;
      }
    }
  }
  size_t found = 0;
  if (t == Tag::kBody || t == Tag::kHtml || t == Tag::kBr || t == Tag::kUnknown) {
    if (t == Tag::kUnknown) {
      // "Any other end tag": the nearest element of that name, unless a special one is between.
      for (size_t i = stack_.size(); i-- > 1;) {
        const Node& n = doc_.nodes_[stack_[i]];
        if (n.ns == Namespace::kHtml && n.tag == Tag::kUnknown && NameIs(stack_[i], tok)) {
          found = i;
          break;
        }
        if (n.ns == Namespace::kHtml && HasProperty(n.tag, kSpecial)) break;
      }
    }
  } else if (t == Tag::kP) {
    found = FindInScope(Tag::kP, kScopeBoundary);
    if (found) {
      for (size_t i = stack_.size(); i-- > found + 1;)
        if (doc_.IsHtml(stack_[i], Tag::kButton)) found = 0;
    }
  } else if (t == Tag::kHead) {
    if (head_open_) {
      for (size_t i = stack_.size(); i-- > 1;)
        if (stack_[i] == head_) found = i;
    }
  } else if (IsHeading(t)) {
    const uint32_t headings = Open(Tag::kH1) + Open(Tag::kH2) + Open(Tag::kH3) +
                              Open(Tag::kH4) + Open(Tag::kH5) + Open(Tag::kH6);
    for (size_t i = headings ? stack_.size() : 0; i-- > 1;) {
      const Node& n = doc_.nodes_[stack_[i]];
      if (n.ns == Namespace::kHtml && IsHeading(n.tag)) {
        found = i;
        break;
      }
      if (n.ns == Namespace::kHtml && HasProperty(n.tag, kScopeBoundary)) break;
    }
  } else if (t == Tag::kTable || t == Tag::kTbody || t == Tag::kThead || t == Tag::kTfoot ||
             t == Tag::kTr || t == Tag::kTd || t == Tag::kTh || t == Tag::kCaption ||
             t == Tag::kColgroup) {
    for (size_t i = Open(t) ? stack_.size() : 0; i-- > 1;) {
      const Node& n = doc_.nodes_[stack_[i]];
      if (n.ns == Namespace::kHtml && n.tag == t) {
        found = i;
        break;
      }
      if (n.ns == Namespace::kHtml &&
          (n.tag == Tag::kTable || n.tag == Tag::kTemplate || n.tag == Tag::kHtml))
        break;
    }
  } else if (HasProperty(t, kFormatting) || !HasProperty(t, kSpecial)) {
    // Formatting elements (adoption agency) and other non-special elements: only when no
    // special element is open above them. Otherwise the end tag is left as a stray, which
    // keeps every enclosing element (pre, textarea, ...) open, as the DOM does.
    for (size_t i = stack_.size(); i-- > 1;) {
      const Node& n = doc_.nodes_[stack_[i]];
      if (n.ns == Namespace::kHtml && n.tag == t) {
        found = i;
        break;
      }
      if (n.ns != Namespace::kHtml || HasProperty(n.tag, kSpecial)) break;
    }
  } else {
    uint32_t stop = kScopeBoundary;
    found = FindInScope(t, stop);
    if (found && t == Tag::kLi) {
      for (size_t i = stack_.size(); i-- > found + 1;)
        if (doc_.IsHtml(stack_[i], Tag::kUl) || doc_.IsHtml(stack_[i], Tag::kOl)) found = 0;
    }
  }
  if (found) {
    CloseWith(found, tok);
    return;
  }
  NodeId id = Append(NodeType::kEndTag, tok.begin, tok.end);
  Node& n = doc_.nodes_[id];
  n.tag = t;
  n.name = name;
}

void TreeBuilder::Run() {
  doc_.nodes_.reserve(buf_.size() / 24 + 16);
  doc_.attrs_.reserve(buf_.size() / 48 + 16);
  doc_.nodes_.emplace_back();  // the root
  stack_.push_back(0);
  const char* s = buf_.data();
  const size_t n = buf_.size();
  size_t i = 0;
  size_t text_begin = 0;
  while (i < n) {
    const void* lt = std::memchr(s + i, '<', n - i);
    if (!lt) {
      i = n;
      break;
    }
    size_t k = static_cast<const char*>(lt) - s;
    unsigned char c1 = k + 1 < n ? static_cast<unsigned char>(s[k + 1]) : 0;
    if (k + 1 >= n || !(IsAsciiAlpha(c1) || c1 == '/' || c1 == '!' || c1 == '?')) {
      i = k + 1;  // a '<' that starts no markup is text
      continue;
    }
    if (c1 == '/' && (k + 2 >= n)) {  // "</" at the end of input is text
      i = n;
      break;
    }
    AddText(text_begin, k, false);
    size_t next;
    if (IsAsciiAlpha(c1)) {
      LexTag(buf_, k, &tok_);
      if (!tok_.complete) {
        Append(NodeType::kRaw, k, n);
        next = n;
      } else {
        next = StartTag(tok_);
      }
    } else if (c1 == '/') {
      unsigned char c2 = static_cast<unsigned char>(s[k + 2]);
      if (IsAsciiAlpha(c2)) {
        LexTag(buf_, k, &tok_);
        if (!tok_.complete) {
          Append(NodeType::kRaw, k, n);
          next = n;
        } else {
          EndTag(tok_);
          next = tok_.end;
        }
      } else if (c2 == '>') {
        Append(NodeType::kRaw, k, k + 3);
        next = k + 3;
      } else {
        next = LexUntilGt(buf_, k);
        Append(NodeType::kBogusComment, k, next);
      }
    } else if (c1 == '!') {
      if (n - k >= 4 && s[k + 2] == '-' && s[k + 3] == '-') {
        size_t tb, te;
        next = LexComment(buf_, k, &tb, &te);
        Append(NodeType::kComment, k, next);
      } else if (n - k >= 9 && text::StartsWithIgnoreCase(buf_.substr(k + 2, 7), "doctype")) {
        next = LexUntilGt(buf_, k);
        Append(NodeType::kDoctype, k, next);
      } else if (n - k >= 9 && buf_.substr(k + 2, 7) == "[CDATA[" &&
                 doc_.nodes_[Top()].ns != Namespace::kHtml) {
        next = LexCData(buf_, k);
        Append(NodeType::kCData, k, next);
      } else {
        next = LexUntilGt(buf_, k);
        Append(NodeType::kBogusComment, k, next);
      }
    } else {  // '?'
      next = LexUntilGt(buf_, k);
      Append(NodeType::kBogusComment, k, next);
    }
    i = next;
    text_begin = next;
  }
  AddText(text_begin, n, false);
  // Everything that stays open simply has no end tag.
}

}  // namespace pagebake::html
