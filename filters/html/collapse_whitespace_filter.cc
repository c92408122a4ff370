#include "filters/html/collapse_whitespace_filter.h"

#include "filters/core/site.h"
#include "filters/html/char_ref.h"
#include "filters/html/inline_level_rules.h"
#include "filters/html/tokenizer.h"

namespace pagebake::html {
namespace {

inline bool Ws(char c) { return IsHtmlSpace(static_cast<unsigned char>(c)); }

// Collapses `in` into `out`; false when nothing would change. A run becomes a newline when it
// had one and `keep_newlines`, a space otherwise.
bool Collapse(std::string_view in, std::string* out, bool keep_newlines) {
  const char* s = in.data();
  const size_t n = in.size();
  // Fast check: a run needs work when it is longer than one, or is one char other than ' ' (or
  // '\n' when newlines are kept).
  size_t i = 0;
  for (;; ++i) {
    while (i < n && !Ws(s[i])) ++i;
    if (i >= n) return false;
    if ((s[i] != ' ' && (s[i] != '\n' || !keep_newlines)) || (i + 1 < n && Ws(s[i + 1]))) break;
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
    out->push_back(newline && keep_newlines ? '\n' : ' ');
  }
  return true;
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

// Elements whose box is block-level by the UA stylesheet (WHATWG rendering, display: block,
// list-item or table).
bool DefaultBlock(Tag t) {
  switch (t) {
    case Tag::kAddress: case Tag::kArticle: case Tag::kAside: case Tag::kBlockquote:
    case Tag::kBody: case Tag::kCenter: case Tag::kDd: case Tag::kDetails:
    case Tag::kDir: case Tag::kDiv: case Tag::kDl: case Tag::kDt: case Tag::kFieldset:
    case Tag::kFigcaption: case Tag::kFigure: case Tag::kFooter: case Tag::kForm:
    case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6:
    case Tag::kHeader: case Tag::kHgroup: case Tag::kHr: case Tag::kLi: case Tag::kListing:
    case Tag::kMain: case Tag::kMenu: case Tag::kNav: case Tag::kOl: case Tag::kP:
    case Tag::kPre: case Tag::kSection: case Tag::kTable: case Tag::kUl:
    case Tag::kXmp:
      return true;
    default:
      return false;
  }
}

// Elements the UA stylesheet does not render (display: none).
bool DefaultNone(Tag t) {
  switch (t) {
    case Tag::kBase: case Tag::kLink: case Tag::kMeta: case Tag::kScript: case Tag::kStyle:
    case Tag::kTemplate: case Tag::kTitle:
      return true;
    default:
      return false;
  }
}

}  // namespace

// An @import of `from` (a page's <style> or a sheet), read through the sheet cache.
const InlineLevelRules* CollapseWhitespaceFilter::ImportedRules(const Site& site,
                                                                const Resource& from,
                                                                std::string_view url,
                                                                int depth) {
  // A sheet's URLs may already be written for the output (hashed names, relative to its
  // output path): TargetOfOutputUrl reads both forms.
  const Resource* sheet = site.TargetOfOutputUrl(from, url);
  if (!sheet || sheet->type != ContentType::kCss) return nullptr;
  return SheetRules(site, *sheet, depth + 1);
}

const InlineLevelRules* CollapseWhitespaceFilter::SheetRules(const Site& site,
                                                             const Resource& sheet, int depth) {
  if (depth > kMaxImportDepth) return nullptr;
  auto [it, fresh] = sheet_cache_.try_emplace(&sheet);
  std::optional<InlineLevelRules>& slot = it->second;  // stays valid across rehashing
  if (!fresh) return slot ? &*slot : nullptr;  // nullopt: a cycle
  InlineLevelRules rules;
  rules.AddStylesheet(sheet.bytes, [&](std::string_view url) {
    return ImportedRules(site, sheet, url, depth);
  });
  slot = std::move(rules);
  return &*slot;
}

// Whether element `id` is still in the tree (a filter may have removed it or an ancestor).
static bool Attached(const Document& doc, NodeId id) {
  for (; id != doc.root(); id = doc.parent(id))
    if (id == kNoNode || (doc.node(id).flags & kDetached)) return false;
  return true;
}

// What the page's CSS may make inline-level: its <style> text and the sheets its links load
// (and the sheets those import). The merged rules of the linked sheets are kept per list of
// sheets (a site's pages share a few lists: no copy and no index build per page); a page with
// <style> text gets its own copy with that text added.
const InlineLevelRules& CollapseWhitespaceFilter::PageRules(FilterContext& ctx,
                                                            const Document& doc) {
  // A site's pages share their sheets: each is read once per filter instance (one per worker
  // thread, so no lock), keyed by its resource (final at the page level).
  if (sheet_cache_site_ != ctx.site()) {
    sheet_cache_.clear();
    linked_cache_.clear();
    sheet_cache_site_ = ctx.site();
  }
  // Stylesheet elements in node order (document order, then nodes filters created; the rules
  // are a union, so order does not matter): cheaper than walking the tree.
  std::vector<const InlineLevelRules*> linked;  // nullptr last: a sheet that cannot be read
  std::vector<NodeId> styles;
  for (NodeId id = 0; id < doc.node_count(); ++id) {
    const Node& n = doc.node(id);
    if (n.type != NodeType::kElement || (n.tag != Tag::kStyle && n.tag != Tag::kLink) ||
        !IsStylesheetElement(doc, id) || !Attached(doc, id))
      continue;
    if (doc.IsHtml(id, Tag::kStyle)) {
      styles.push_back(id);
      continue;
    }
    if (!linked.empty() && linked.back() == nullptr) continue;  // anything may already happen
    std::optional<std::string> href = doc.AttrValue(id, "href");
    const Resource* sheet = href && ctx.site() && ctx.resource()
                                ? ctx.site()->TargetOfOutputUrl(*ctx.resource(), *href)
                                : nullptr;
    // A remote, missing or looping sheet (nullptr): anything may be inline.
    linked.push_back(sheet && sheet->type == ContentType::kCss
                         ? SheetRules(*ctx.site(), *sheet, 0)
                         : nullptr);
  }
  std::unique_ptr<InlineLevelRules>& merged = linked_cache_[linked];
  if (!merged) {
    merged = std::make_unique<InlineLevelRules>();
    for (const InlineLevelRules* sheet_rules : linked) {
      if (sheet_rules) merged->Merge(*sheet_rules);
      else merged->SetUnknown();
    }
  }
  if (styles.empty()) return *merged;
  page_rules_ = *merged;
  InlineLevelRules::ImportReader read_import;  // none without a site: @import → anything
  if (ctx.site() && ctx.resource()) {
    read_import = [this, &ctx](std::string_view url) {
      return ImportedRules(*ctx.site(), *ctx.resource(), url, 0);
    };
  }
  for (NodeId id : styles)
    for (NodeId c = doc.first_child(id); c != kNoNode; c = doc.next_sibling(c))
      if (doc.type(c) == NodeType::kText) page_rules_.AddStylesheet(doc.RawText(c), read_import);
  return page_rules_;
}

// What the page's CSS and the element's own style="" may do to element `id`'s box
// (InlineLevelRules::Kind bits). Remembered per node: the walks ask about the same siblings
// and parents many times.
uint8_t CollapseWhitespaceFilter::Kinds(const Document& doc, NodeId id,
                                        const InlineLevelRules& rules) {
  const NodeKinds& k = Classified(doc, id, rules);
  uint8_t kinds = k.self;
  if (rules.has_context_rules() && kinds != InlineLevelRules::kAll) {
    // `context > *` rules through the parent, `context *` rules through any ancestor.
    const NodeId parent = doc.parent(id);
    if (parent != kNoNode && doc.type(parent) == NodeType::kElement)
      kinds |= Classified(doc, parent, rules).children | DescendantKinds(doc, parent, rules);
  }
  return kinds;
}

// What the rules say of element `id` itself (with its style="" and hidden attributes) and of
// its children and descendants: one pass over its attributes, remembered per node (the walks
// ask about the same siblings and parents many times).
const CollapseWhitespaceFilter::NodeKinds& CollapseWhitespaceFilter::Classified(
    const Document& doc, NodeId id, const InlineLevelRules& rules) {
  if (classified_.size() < doc.node_count()) classified_.resize(doc.node_count());
  NodeKinds& k = classified_[id];
  if (k.known) return k;
  std::string_view cls, el_id, style;
  bool hidden = false;
  int seen = 0;  // class, id, style, hidden: the first of each name counts, as in the DOM
  for (const Attr& a : doc.attributes(id)) {
    auto is = [&](std::string_view name, int bit) {
      const bool first = !(seen & bit) && a.name.size() == name.size() &&
                         text::EqualsIgnoreCase(a.name, name);
      if (first) seen |= bit;
      return first;
    };
    if (is("class", 1)) cls = a.value;
    else if (is("id", 2)) el_id = a.value;
    else if (is("style", 4)) style = a.value;
    else if (is("hidden", 8)) hidden = true;
  }
  // Raw values: decoded only when they hold a character reference.
  if (cls.find('&') != std::string_view::npos) cls = class_buf_ = DecodeAttrValue(cls);
  if (el_id.find('&') != std::string_view::npos) el_id = id_buf_ = DecodeAttrValue(el_id);
  const Node& n = doc.node(id);
  std::string_view tag = TagName(n.tag);
  if (n.tag == Tag::kUnknown) {  // a custom element: its name as written, lowercased
    tag_buf_.assign(n.name);
    for (char& c : tag_buf_) c = text::AsciiLower(c);
    tag = tag_buf_;
  }
  const InlineLevelRules::ElementKinds e = rules.Classify(tag, cls, el_id);
  k.self = e.self;
  k.children = e.children;
  k.descendants = e.descendants;
  if (!style.empty()) {
    if (style.find('&') != std::string_view::npos) style = class_buf_ = DecodeAttrValue(style);
    k.self |= InlineLevelRules::DeclarationKinds(style);
  }
  if (hidden) k.self |= InlineLevelRules::kHidden;
  k.known = true;
  return k;
}

// What `context *` rules may do to the descendants of element `a` through `a` or any of its
// ancestors. Remembered per node, and found without recursion: a walk up to the nearest
// ancestor already known, then back down, so a page costs one step per element however deep.
uint8_t CollapseWhitespaceFilter::DescendantKinds(const Document& doc, NodeId a,
                                                  const InlineLevelRules& rules) {
  if (descendant_memo_.size() < doc.node_count()) descendant_memo_.resize(doc.node_count(), -1);
  ancestors_.clear();
  uint8_t above = 0;
  for (NodeId k = a; k != kNoNode && doc.type(k) == NodeType::kElement; k = doc.parent(k)) {
    if (descendant_memo_[k] >= 0) {
      above = static_cast<uint8_t>(descendant_memo_[k]);
      break;
    }
    ancestors_.push_back(k);
  }
  for (size_t i = ancestors_.size(); i-- > 0;) {
    above |= Classified(doc, ancestors_[i], rules).descendants;
    descendant_memo_[ancestors_[i]] = static_cast<int8_t>(above);
  }
  return above;
}

// What the first rendered sibling of whitespace-only text `id` is, looking back or forward
// past unrendered nodes (comments, display:none elements, other whitespace): a Boundary. No
// step limit (a limit would make the pass depend on how much whitespace an earlier pass left:
// not idempotent); instead every node walked past remembers the answer, so a run of siblings
// costs one walk.
CollapseWhitespaceFilter::Boundary CollapseWhitespaceFilter::Neighbour(
    const Document& doc, NodeId id, const InlineLevelRules& rules, bool forward) {
  std::vector<int8_t>& memo = forward ? after_ : before_;
  if (memo.size() < doc.node_count()) memo.resize(doc.node_count(), -1);
  walked_.clear();
  auto block = [&](NodeId k, Tag tag) {
    const uint8_t kinds = Kinds(doc, k, rules);
    if (kinds & InlineLevelRules::kInline) return kInlineContent;
    if (kinds & (InlineLevelRules::kOutOfFlow | InlineLevelRules::kHidden)) return kUncertainBlock;
    return DefaultBlock(tag) ? kInFlowBlock : kInlineContent;
  };
  // A <br> ends its line; one that CSS may restyle or decorate is inline content.
  auto line_break = [&](NodeId k) {
    return Kinds(doc, k, rules) == 0 ? kLineBreak : kInlineContent;
  };
  NodeId k = id;
  int8_t result = -1;
  while (result < 0) {
    k = forward ? doc.next_sibling(k) : doc.prev_sibling(k);
    if (k == kNoNode) {
      result = kParentEdge;
      break;
    }
    if (memo[k] >= 0) {
      result = memo[k];
      break;
    }
    walked_.push_back(k);
    const Node& n = doc.node(k);
    switch (n.type) {
      case NodeType::kComment:
      case NodeType::kBogusComment:
        continue;
      case NodeType::kText:
        if ((n.flags & kInRawText) || !text::IsAllAsciiSpace(doc.RawText(k)))
          result = kInlineContent;
        continue;
      case NodeType::kElement:
        if (n.ns != Namespace::kHtml) result = kInlineContent;
        else if (n.tag == Tag::kBr) result = line_break(k);
        else if (!DefaultNone(n.tag) || (Kinds(doc, k, rules) & InlineLevelRules::kInline))
          result = DefaultBlock(n.tag) ? block(k, n.tag) : kInlineContent;
        continue;
      case NodeType::kEndTag:
        // </body>, </html>: nothing. </br> and a stray </p> make a <br> and an empty <p>.
        if (n.tag == Tag::kBr) result = line_break(k);
        else if (n.tag == Tag::kP) result = block(k, n.tag);
        continue;
      default:
        result = kInlineContent;
        continue;
    }
  }
  // What lies beyond each node walked past, seen from the same side.
  for (NodeId w : walked_) memo[w] = result;
  return static_cast<Boundary>(result);
}

// Whitespace-only text `id` renders nothing when a block container holds it and it sits at the
// start or the end of a line box, where CSS removes collapsible spaces: between block-level
// boxes (or a block's start or end) on both sides — no line box holds it then — or, with
// inline content on the other side, after an in-flow block, a <br> or at the block's start,
// or before an in-flow block, a <br> or at the block's end. A block's own edge counts only
// when nothing may be generated there (::before/::after content, a list marker: <li> always);
// a block sibling only when no CSS may float it, position it out of the flow or hide it, and
// it has no `hidden` attribute (then the line goes on past it). A <button> (inline-block: its content has lines of its own) counts as a
// block container unless CSS may give it another display.
bool CollapseWhitespaceFilter::AtLineEdge(const Document& doc, NodeId id,
                                          const InlineLevelRules& rules) {
  NodeId parent = doc.parent(id);
  if (parent == kNoNode || doc.type(parent) != NodeType::kElement) return false;
  const Node& p = doc.node(parent);
  if (p.ns != Namespace::kHtml || !(DefaultBlock(p.tag) || p.tag == Tag::kButton) ||
      HasProperty(p.tag, kPreformatted))
    return false;
  const uint8_t parent_kinds = Kinds(doc, parent, rules);
  if (parent_kinds & InlineLevelRules::kInline) return false;
  const Boundary before = Neighbour(doc, id, rules, false);
  const Boundary after = Neighbour(doc, id, rules, true);
  if (before != kInlineContent && after != kInlineContent) return true;
  const bool plain_edges = !(parent_kinds & InlineLevelRules::kDecorated) && p.tag != Tag::kLi;
  auto line_edge = [&](Boundary b) {
    return b == kInFlowBlock || b == kLineBreak || (b == kParentEdge && plain_edges);
  };
  return line_edge(before) || line_edge(after);
}

// SVG elements whose text content renders or is read (text and its children, accessible
// names, CSS, scripts, an HTML island): whitespace-only text under them is kept. Elsewhere in
// SVG, text renders nothing: only <text> draws characters.
bool CollapseWhitespaceFilter::SvgKeepsText(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  return n.type == NodeType::kElement && n.ns == Namespace::kSvg && SvgKeepsTextByName(n.name);
}

// PreservesWhitespace, or a page sheet or the style attribute may set white-space: pre* on
// element `id` (inherited: the caller counts open elements).
bool CollapseWhitespaceFilter::KeepsWhitespace(const Document& doc, NodeId id,
                                               const InlineLevelRules& rules) {
  if (PreservesWhitespace(doc, id)) return true;
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement) return false;
  // Only a page sheet or the element's own style attribute can say so; Kinds reads both.
  if (!rules.Mentions(InlineLevelRules::kPre) &&
      (n.attr_count == 0 || doc.FindAttr(id, "style") < 0))
    return false;
  return Kinds(doc, id, rules) & InlineLevelRules::kPre;
}

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
  return false;
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
  long saved = long(n.end - n.tail) - ((n.flags & kSelfClosing) ? 2 : 1);
  bool loose = saved > 0;
  const char* src = doc.source().data();
  std::span<const Attr> attrs = doc.attributes(id);
  for (size_t i = 0; i < attrs.size(); ++i) {
    const Attr& a = attrs[i];
    if (a.begin == a.end || a.dirty) continue;
    size_t lead = a.name.data() - (src + a.begin);
    // An attribute right after a quoted value (a="x"b) has no separator: writing one grows the
    // tag, so such a tag is normalized only when the rest saves more.
    saved += long(lead) - 1;
    loose = loose || lead != 1 || src[a.begin] != ' ';
    // a/="x" is written a="" ="x": 3 bytes more.
    if (Document::BareNameNeedsEmptyValue(attrs, i)) saved -= 3;
  }
  return loose && saved >= 0;
}

Status CollapseWhitespaceFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  const InlineLevelRules& rules = PageRules(ctx, doc);
  // With all the page's CSS read, text outside the elements KeepsWhitespace keeps renders
  // under white-space normal or nowrap: a newline there is a space, and a space compresses
  // better (prose wrapped at random points repeats for brotli once its line breaks are spaces).
  // A sheet not read might set pre-line, which keeps newlines: they stay then. So do they in
  // SVG and MathML text (SVG 1.1's xml:space="default" deletes newlines instead).
  const bool newlines_render_as_spaces = rules.read_all();
  before_.assign(doc.node_count(), -1);
  after_.assign(doc.node_count(), -1);
  classified_.assign(doc.node_count(), NodeKinds{});
  descendant_memo_.assign(doc.node_count(), -1);
  opened_.clear();
  int preserve = 0;  // open ancestors that keep whitespace
  int svg_text = 0;  // open SVG ancestors whose text may render (SvgKeepsText)
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
        // What this element opens, undone when the walk climbs out of it. Inside an element
        // that keeps whitespace, whether a descendant keeps it too does not matter.
        uint8_t opened = 0;
        if (preserve == 0 && KeepsWhitespace(doc, id, rules)) opened |= kOpensPreserve;
        if (SvgKeepsText(doc, id)) opened |= kOpensSvgText;
        if (doc.IsHtml(id, Tag::kHead)) opened |= kOpensHead;
        preserve += (opened & kOpensPreserve) != 0;
        svg_text += (opened & kOpensSvgText) != 0;
        in_head += (opened & kOpensHead) != 0;
        opened_.push_back(opened);
        id = n.first_child;
        continue;
      }
    } else if (n.type == NodeType::kText && preserve == 0 && !(n.flags & kInRawText)) {
      std::string_view raw = doc.RawText(id);
      bool ws = text::IsAllAsciiSpace(raw);
      if (ws && ((svg_text == 0 && doc.node(doc.parent(id)).ns == Namespace::kSvg) ||
                 DroppableWhitespace(doc, id, body_started) || AtLineEdge(doc, id, rules))) {
        drop = id;
      } else if (Collapse(raw, &scratch_,
                          !newlines_render_as_spaces ||
                              doc.node(doc.parent(id)).ns != Namespace::kHtml)) {
        doc.SetRawText(id, scratch_);
        ++ctx.counters().rewrites;
      }
      if (!body_started && !ws && in_head == 0)
        body_started = true;
    } else if (n.type == NodeType::kText && !body_started && in_head == 0 &&
               !(n.flags & kInRawText) && !text::IsAllAsciiSpace(doc.RawText(id))) {
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
      const uint8_t opened = opened_.back();
      opened_.pop_back();
      preserve -= (opened & kOpensPreserve) != 0;
      svg_text -= (opened & kOpensSvgText) != 0;
      in_head -= (opened & kOpensHead) != 0;
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
  ForEachScriptText(doc, [&](InlineKind, std::string& text) {
    const std::string_view t = TrimHtmlSpace(text);
    const size_t lead = t.data() - text.data(), end = lead + t.size();
    const size_t begin = t.substr(0, 3) == "-->" ? 0 : lead;
    if (begin == 0 && end == text.size()) return;
    text = text.substr(begin, end - begin);
    ++ctx.counters().rewrites;
  });
}

}  // namespace pagebake::html
