#include "filters/html/collapse_whitespace_filter.h"

#include "filters/core/site.h"
#include "filters/html/char_ref.h"
#include "filters/html/inline_level_rules.h"
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

// What the page's CSS may make inline-level: its <style> text and the sheets its links load
// (and the sheets those import).
InlineLevelRules CollapseWhitespaceFilter::PageRules(FilterContext& ctx, const Document& doc) {
  InlineLevelRules rules;
  // A site's pages share their sheets: each is read once per filter instance (one per worker
  // thread, so no lock), keyed by its resource (final at the page level).
  if (sheet_cache_site_ != ctx.site()) {
    sheet_cache_.clear();
    sheet_cache_site_ = ctx.site();
  }
  InlineLevelRules::ImportReader read_import;  // none without a site: @import → anything
  if (ctx.site() && ctx.resource()) {
    read_import = [this, &ctx](std::string_view url) {
      return ImportedRules(*ctx.site(), *ctx.resource(), url, 0);
    };
  }
  for (NodeId id = doc.root(); id != kNoNode; id = doc.NextInOrder(id)) {
    if (doc.type(id) != NodeType::kElement || !IsStylesheetElement(doc, id)) continue;
    if (doc.IsHtml(id, Tag::kStyle)) {
      for (NodeId c = doc.first_child(id); c != kNoNode; c = doc.next_sibling(c))
        if (doc.type(c) == NodeType::kText) rules.AddStylesheet(doc.RawText(c), read_import);
      continue;
    }
    std::optional<std::string> href = doc.AttrValue(id, "href");
    const Resource* sheet = href && ctx.site() && ctx.resource()
                                ? ctx.site()->TargetOfOutputUrl(*ctx.resource(), *href)
                                : nullptr;
    if (!sheet || sheet->type != ContentType::kCss) {
      rules.SetUnknown();  // a remote or missing sheet: anything may be inline
      break;
    }
    const InlineLevelRules* sheet_rules = SheetRules(*ctx.site(), *sheet, 0);
    if (!sheet_rules) {
      rules.SetUnknown();
      break;
    }
    rules.Merge(*sheet_rules);
  }
  return rules;
}

// Whether element `id` may be an inline-level box: by its tag (when `block` asks for a
// default block) and by the page's CSS and its own style="".
bool CollapseWhitespaceFilter::MayBeInline(const Document& doc, NodeId id,
                                           const InlineLevelRules& rules) {
  const Node& n = doc.node(id);
  std::optional<std::string> cls = n.attr_count ? doc.AttrValue(id, "class") : std::nullopt;
  std::optional<std::string> el_id = n.attr_count ? doc.AttrValue(id, "id") : std::nullopt;
  if (rules.MayBeInline(TagName(n.tag), cls ? *cls : "", el_id ? *el_id : "")) return true;
  if (rules.has_context_rules() && UnderInlineContext(doc, id, rules)) return true;
  if (!n.attr_count) return false;
  std::optional<std::string> style = doc.AttrValue(id, "style");
  return style && InlineLevelRules::DeclarationsMayBeInline(*style);
}

// Whether a `context > *` or `context *` rule reaches element `id` through one of its
// ancestors. Past kMaxAncestors the answer is "may" (no walk proportional to nesting depth on
// every question: a 100 000-deep document would make the pass quadratic).
bool CollapseWhitespaceFilter::UnderInlineContext(const Document& doc, NodeId id,
                                                  const InlineLevelRules& rules) {
  constexpr int kMaxAncestors = 64;
  int depth = 0;
  for (NodeId a = doc.parent(id); a != kNoNode; a = doc.parent(a)) {
    if (doc.type(a) != NodeType::kElement) continue;
    if (++depth > kMaxAncestors) return true;
    const Node& n = doc.node(a);
    std::optional<std::string> cls = n.attr_count ? doc.AttrValue(a, "class") : std::nullopt;
    std::optional<std::string> el_id = n.attr_count ? doc.AttrValue(a, "id") : std::nullopt;
    if (rules.MayMakeInlineUnder(TagName(n.tag), cls ? *cls : "", el_id ? *el_id : "",
                                 depth == 1))
      return true;
  }
  return false;
}

// Whitespace-only text `id` sits between block-level boxes (or a block's start or end), with
// only unrendered nodes (comments, display:none elements, other whitespace) around it: no line
// box holds it, so it renders nothing.
bool CollapseWhitespaceFilter::BetweenBlocks(const Document& doc, NodeId id,
                                             const InlineLevelRules& rules) {
  NodeId parent = doc.parent(id);
  if (parent == kNoNode || doc.type(parent) != NodeType::kElement) return false;
  const Node& p = doc.node(parent);
  if (p.ns != Namespace::kHtml || !DefaultBlock(p.tag) || HasProperty(p.tag, kPreformatted) ||
      MayBeInline(doc, parent, rules))
    return false;
  // Each way: past unrendered siblings to the first rendered one. No step limit (a limit would
  // make the pass depend on how much whitespace an earlier pass left: not idempotent); instead
  // every node walked past remembers the answer, so a run of siblings costs one walk.
  auto boundary = [&](bool forward) {
    std::vector<int8_t>& memo = forward ? after_ : before_;
    if (memo.size() < doc.node_count()) memo.resize(doc.node_count(), -1);
    walked_.clear();
    NodeId k = id;
    int8_t result = -1;
    while (result < 0) {
      k = forward ? doc.next_sibling(k) : doc.prev_sibling(k);
      if (k == kNoNode) {
        result = 1;  // the parent block's start or end
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
          if ((n.flags & kInRawText) || !AllWs(doc.RawText(k))) result = 0;
          continue;
        case NodeType::kElement:
          if (n.ns != Namespace::kHtml || MayBeInline(doc, k, rules)) result = 0;
          else if (!DefaultNone(n.tag)) result = DefaultBlock(n.tag) ? 1 : 0;
          continue;
        case NodeType::kEndTag:
          // </body>, </html>: nothing. </br> and a stray </p> make a <br> and an empty <p>.
          if (n.tag == Tag::kBr) result = 0;
          else if (n.tag == Tag::kP) result = MayBeInline(doc, k, rules) ? 0 : 1;
          continue;
        default:
          result = 0;
          continue;
      }
    }
    // What lies beyond each node walked past, seen from the same side.
    for (NodeId w : walked_) memo[w] = result;
    return result == 1;
  };
  return boundary(false) && boundary(true);
}

// SVG elements whose text content renders or is read (text and its children, accessible
// names, CSS, scripts, an HTML island): whitespace-only text under them is kept. Elsewhere in
// SVG, text renders nothing: only <text> draws characters.
bool CollapseWhitespaceFilter::SvgKeepsText(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  if (n.type != NodeType::kElement || n.ns != Namespace::kSvg) return false;
  static constexpr std::string_view kKeep[] = {"text",  "tspan",  "textpath",      "title",
                                               "desc",  "style",  "script",        "metadata",
                                               "foreignobject"};
  for (std::string_view k : kKeep)
    if (text::EqualsIgnoreCase(n.name, k)) return true;
  return false;
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
  long saved = long(n.end - n.tail) - ((n.flags & kSelfClosing) ? 2 : 1);
  bool loose = saved > 0;
  const char* src = doc.source().data();
  for (const Attr& a : doc.attributes(id)) {
    if (a.begin == a.end || a.dirty) continue;
    size_t lead = a.name.data() - (src + a.begin);
    // An attribute right after a quoted value (a="x"b) has no separator: writing one grows the
    // tag, so such a tag is normalized only when the rest saves more.
    saved += long(lead) - 1;
    loose = loose || lead != 1 || src[a.begin] != ' ';
  }
  return loose && saved >= 0;
}

Status CollapseWhitespaceFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  const InlineLevelRules rules = PageRules(ctx, doc);
  before_.assign(doc.node_count(), -1);
  after_.assign(doc.node_count(), -1);
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
        if (PreservesWhitespace(doc, id)) ++preserve;
        if (SvgKeepsText(doc, id)) ++svg_text;
        if (doc.IsHtml(id, Tag::kHead)) ++in_head;
        id = n.first_child;
        continue;
      }
    } else if (n.type == NodeType::kText && preserve == 0 && !(n.flags & kInRawText)) {
      std::string_view raw = doc.RawText(id);
      bool ws = AllWs(raw);
      if (ws && ((svg_text == 0 && doc.node(doc.parent(id)).ns == Namespace::kSvg) ||
                 DroppableWhitespace(doc, id, body_started) || BetweenBlocks(doc, id, rules))) {
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
      if (SvgKeepsText(doc, id)) --svg_text;
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
