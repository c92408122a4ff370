#include "filters/html/dom_compare.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>

#include "filters/html/document.h"
#include "filters/html/dom_compare_internal.h"
#include "filters/html/tags.h"
#include "filters/html/tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::html {

namespace dom_compare_detail {

std::string ElementName(const GumboNode* n) {
  const GumboElement& e = n->v.element;
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data, piece.length);
  for (char& c : name) c = text::AsciiLower(c);
  return name;
}

std::string Clip(std::string_view s) {
  std::string out(s.substr(0, 80));
  if (s.size() > 80) out += "...";
  return "\"" + out + "\"";
}

Tag TagOf(const GumboNode* n) { return LookupTag(ElementName(n)); }


}  // namespace dom_compare_detail

namespace {

using dom_compare_detail::AttributesEqual;
using dom_compare_detail::Clip;
using dom_compare_detail::ElementName;
using dom_compare_detail::TagOf;

struct GumboDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};
using GumboPtr = std::unique_ptr<GumboOutput, GumboDeleter>;

GumboPtr ParseGumbo(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we do not read the error list
  return GumboPtr(gumbo_parse_with_options(&options, html.data(), html.size()));
}

std::string CollapseWs(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool in_ws = false;
  for (char c : s) {
    if (text::IsAsciiSpace(c)) {
      if (!in_ws) out.push_back(' ');
      in_ws = true;
    } else {
      out.push_back(c);
      in_ws = false;
    }
  }
  return out;
}

bool IsElementLike(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

bool IsTextLike(const GumboNode* n) {
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE;
}

// Whitespace that html-collapse-whitespace may drop: children of these elements.
bool WsDroppableParent(const GumboNode* parent) {
  if (!parent || !IsElementLike(parent) || parent->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
    return false;
  switch (parent->v.element.tag) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_DATALIST: case GUMBO_TAG_OPTGROUP:
      return true;
    default:
      return false;
  }
}

// SVG elements whose whitespace-only text html-collapse-whitespace keeps (it renders or is
// read): <text> and what it holds, title/desc, style/script, metadata, foreignObject.
bool SvgKeepsText(const GumboNode* n) {
  if (!IsElementLike(n) || n->v.element.tag_namespace != GUMBO_NAMESPACE_SVG) return false;
  return SvgKeepsTextByName(ElementName(n));
}

bool PreservesWs(const GumboNode* n) {
  if (!IsElementLike(n)) return false;
  const GumboElement& e = n->v.element;
  if (e.tag_namespace == GUMBO_NAMESPACE_HTML) {
    switch (e.tag) {
      case GUMBO_TAG_PRE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_LISTING:
      case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_XMP: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
      case GUMBO_TAG_CODE:
        return true;
      default:
        break;
    }
  } else if (const GumboAttribute* sp = gumbo_get_attribute(&e.attributes, "xml:space")) {
    if (text::EqualsIgnoreCase(sp->value, "preserve")) return true;
  }
  if (const GumboAttribute* st = gumbo_get_attribute(&e.attributes, "style")) {
    std::string v = st->value;
    for (char& c : v) c = text::AsciiLower(c);
    size_t p = v.find("white-space");
    while (p != std::string::npos) {
      size_t colon = v.find(':', p);
      if (colon == std::string::npos) break;
      size_t end = v.find(';', colon);
      std::string value = v.substr(colon + 1, end == std::string::npos ? std::string::npos
                                                                      : end - colon - 1);
      if (value.find("pre") != std::string::npos || value.find("break-spaces") != std::string::npos)
        return true;
      p = v.find("white-space", colon);
    }
  }
  return false;
}

// A <script> whose text runs as JS or parses as JSON (html::ScriptKind's kinds).
bool IsRunScript(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML ||
      n->v.element.tag != GUMBO_TAG_SCRIPT)
    return false;
  const GumboVector* attrs = &n->v.element.attributes;
  if (gumbo_get_attribute(attrs, "src")) return false;
  std::string type;
  if (const GumboAttribute* t = gumbo_get_attribute(attrs, "type")) {
    type = t->value;
  } else if (const GumboAttribute* l = gumbo_get_attribute(attrs, "language")) {
    if (*l->value) type = std::string("text/") + l->value;
  }
  std::string_view v = TrimHtmlSpace(type);
  return v.empty() || IsJavaScriptMimeType(v) || text::EqualsIgnoreCase(v, "module") ||
         text::EqualsIgnoreCase(v, "application/json") ||
         text::EqualsIgnoreCase(v, "application/ld+json") || text::EqualsIgnoreCase(v, "importmap");
}

bool IsGumboStylesheet(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
    return false;
  if (n->v.element.tag == GUMBO_TAG_STYLE) return true;
  if (n->v.element.tag != GUMBO_TAG_LINK) return false;
  const GumboAttribute* rel = gumbo_get_attribute(&n->v.element.attributes, "rel");
  if (!rel || !gumbo_get_attribute(&n->v.element.attributes, "href")) return false;
  std::string_view v = rel->value;
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && text::IsAsciiSpace(v[i])) ++i;
    size_t j = i;
    while (j < v.size() && !text::IsAsciiSpace(v[j])) ++j;
    if (j > i && text::EqualsIgnoreCase(v.substr(i, j - i), "stylesheet")) return true;
    i = j;
  }
  return false;
}

bool IsGumboHint(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML ||
      n->v.element.tag != GUMBO_TAG_LINK)
    return false;
  const GumboAttribute* rel = gumbo_get_attribute(&n->v.element.attributes, "rel");
  if (!rel) return false;
  std::string v = rel->value;
  for (char& c : v) c = text::AsciiLower(c);
  return v == "preload" || v == "dns-prefetch" || v == "preconnect";
}

// A child as the comparison sees it: comments possibly dropped, adjacent text merged.
struct Item {
  const GumboNode* node;  // the first node of a merged text run
  std::string text;       // text runs only
};

// html-collapse-whitespace's block-level whitespace, judged by tag alone (the filter also
// reads the page's CSS and keeps more): the UA's display:block/list-item/table elements, and
// the display:none ones it looks past.
bool GumboDefaultBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_LI: case GUMBO_TAG_LISTING: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_XMP:
      return true;
    default:
      return false;
  }
}

bool GumboDefaultNone(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_BASE: case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

bool GumboTagIs(const GumboNode* n, bool (*pred)(GumboTag)) {
  return n && IsElementLike(n) && n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
         pred(n->v.element.tag);
}

// Item i (whitespace) has, one way or the other, only comments, display:none elements and
// whitespace before a block-level element, a <br> or the parent's edge: it sits at the start or
// the end of a line (or between blocks), where CSS removes it.
bool AtLineEdge(const std::vector<Item>& items, size_t i) {
  for (int dir : {-1, 1}) {
    size_t k = i + dir;  // past index 0 wraps to a huge value: the parent's start
    while (k < items.size()) {
      const GumboNode* n = items[k].node;
      if (n->type != GUMBO_NODE_COMMENT &&
          !(IsTextLike(n) && text::IsAllAsciiSpace(items[k].text)) &&
          !GumboTagIs(n, GumboDefaultNone))
        break;
      k += dir;
    }
    if (k >= items.size() || GumboTagIs(items[k].node, GumboDefaultBlock) ||
        GumboTagIs(items[k].node, [](GumboTag t) { return t == GUMBO_TAG_BR; }))
      return true;
  }
  return false;
}

// `svg_ws`: the parent is an SVG element outside any SvgKeepsText one, where whitespace-only
// text may go.
void Normalize(const GumboNode* parent, const GumboVector& kids, const DomCompareOptions& o,
               bool preserve, bool svg_ws, std::vector<Item>* out) {
  out->clear();
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* k = static_cast<const GumboNode*>(kids.data[i]);
    if (k->type == GUMBO_NODE_COMMENT && o.drop_comments) continue;
    if (o.moved_css && IsGumboStylesheet(k)) continue;  // compared by CompareSheets
    if (o.added_hints && IsGumboHint(k)) continue;
    if (IsTextLike(k)) {
      if (!out->empty() && out->back().node && IsTextLike(out->back().node)) {
        out->back().text += k->v.text.text;
      } else {
        out->push_back(Item{k, k->v.text.text});
      }
      continue;
    }
    out->push_back(Item{k, {}});
  }
  if (!o.collapse_whitespace || preserve) return;
  std::vector<Item> kept;
  kept.reserve(out->size());
  const bool block_parent =
      GumboTagIs(parent, [](GumboTag t) { return GumboDefaultBlock(t) || t == GUMBO_TAG_BUTTON; });
  for (size_t i = 0; i < out->size(); ++i) {
    Item& it = (*out)[i];
    if (IsTextLike(it.node)) {
      if (text::IsAllAsciiSpace(it.text) &&
          (svg_ws || WsDroppableParent(parent) || (block_parent && AtLineEdge(*out, i))))
        continue;
      it.text = CollapseWs(it.text);
    }
    kept.push_back(std::move(it));
  }
  out->swap(kept);
}

std::string PathOf(const GumboNode* n) {
  std::vector<std::string> parts;
  for (; n && n->type != GUMBO_NODE_DOCUMENT; n = n->parent) {
    std::string p = IsElementLike(n) ? ElementName(n) : IsTextLike(n) ? "#text" : "#node";
    p.append("[");
    p.append(std::to_string(n->index_within_parent));
    p.append("]");
    parts.push_back(std::move(p));
  }
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!out.empty()) out += '>';
    out += *it;
  }
  return out.empty() ? "#document" : out;
}

// By name: this gumbo predates <picture> (GUMBO_TAG_UNKNOWN).
bool IsHtmlElement(const GumboNode* n, std::string_view name) {
  return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
         ElementName(n) == name;
}

// `b` standing for the <img> `a` as img-webp writes it: <picture><source type="image/webp"
// srcset [sizes]><img></picture>, nothing else inside. Returns that inner <img>, else `b`.
const GumboNode* UnwrapWebpPicture(const GumboNode* a, const GumboNode* b) {
  if (!IsHtmlElement(a, "img") || !IsHtmlElement(b, "picture")) return b;
  const GumboVector& kids = b->v.element.children;
  if (kids.length != 2) return b;
  const GumboNode* source = static_cast<const GumboNode*>(kids.data[0]);
  const GumboNode* img = static_cast<const GumboNode*>(kids.data[1]);
  if (!IsHtmlElement(source, "source") || !IsHtmlElement(img, "img") ||
      b->v.element.attributes.length != 0 || source->v.element.children.length != 0)
    return b;
  const GumboVector& attrs = source->v.element.attributes;
  const GumboAttribute* type = gumbo_get_attribute(&attrs, "type");
  if (!type || std::string_view(type->value) != "image/webp" ||
      !gumbo_get_attribute(&attrs, "srcset"))
    return b;
  for (unsigned i = 0; i < attrs.length; ++i) {
    std::string_view n = static_cast<const GumboAttribute*>(attrs.data[i])->name;
    if (n != "type" && n != "srcset" && n != "sizes") return b;
  }
  return img;
}

// Every stylesheet element in document order (iterative pre-order walk).
std::vector<const GumboNode*> CollectSheets(const GumboNode* root) {
  std::vector<const GumboNode*> out, stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (IsGumboStylesheet(n)) out.push_back(n);
    const GumboVector* kids = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children
                              : IsElementLike(n)              ? &n->v.element.children
                                                              : nullptr;
    if (!kids) continue;
    for (unsigned i = kids->length; i-- > 0;)
      stack.push_back(static_cast<const GumboNode*>(kids->data[i]));
  }
  return out;
}

std::string TextOf(const GumboNode* n) {
  std::string out;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* k = static_cast<const GumboNode*>(kids.data[i]);
    if (IsTextLike(k)) out += k->v.text.text;
  }
  return out;
}

// The moved-CSS model: the same sheets, in the same order, wherever they now sit.
bool CompareSheets(const GumboNode* a, const GumboNode* b, const DomCompareOptions& o,
                   std::string* difference) {
  std::vector<const GumboNode*> sa = CollectSheets(a), sb = CollectSheets(b);
  std::string why;
  for (size_t i = 0; i < std::min(sa.size(), sb.size()); ++i) {
    bool same = ElementName(sa[i]) == ElementName(sb[i]) && AttributesEqual(sa[i], sb[i], o, &why);
    if (same && !o.inline_css && TextOf(sa[i]) != TextOf(sb[i])) why = "text differs", same = false;
    if (!same) {
      if (difference)
        *difference = PathOf(sa[i]) + ": stylesheet " + std::to_string(i) + " differs: " + why;
      return false;
    }
  }
  if (sa.size() == sb.size()) return true;
  if (difference)
    *difference = "stylesheets: " + std::to_string(sa.size()) + " vs " + std::to_string(sb.size());
  return false;
}

}  // namespace

DomCompareOptions DomCompareOptionsFor(const std::vector<std::string>& ids) {
  DomCompareOptions o;
  for (const std::string& id : ids) {
    if (id == "html-collapse-whitespace") o.collapse_whitespace = true;
    else if (id == "html-remove-comments") o.drop_comments = true;
    else if (id == "html-elide-attributes") o.elide_attributes = true;
    else if (id == "html-remove-quotes" || id == "html-convert-meta-tags" ||
             id == "html-add-head" || id == "html-combine-heads")
      ;  // no DOM change (add-head, combine-heads write what the parser implies)
    else if (id == "html-pedantic") o.added_types = true;
    else if (id == "html-lazyload-images") o.added_lazyload = true;
    else if (id == "html-insert-image-dimensions") o.added_dimensions = true;
    else if (id == "html-defer-javascript") o.added_defer = true;
    else if (id == "html-hint-preload" || id == "html-insert-dns-prefetch") o.added_hints = true;
    else if (id == "html-move-css-to-head" || id == "html-move-css-above-scripts")
      o.moved_css = true;
    else if (id == "html-trim-urls" || id == "html-rewrite-domains") o.url_values = true;
    else if (id.starts_with("css-") && id != "css-combine" && id != "css-inline" &&
             id != "css-outline" && id != "css-inline-import-to-link")
      o.inline_css = o.url_values = true;
    else if (id.starts_with("js-") && id != "js-combine" && id != "js-inline" &&
             id != "js-outline")
      o.inline_js = true;
    else if (id == "img-inline")
      o.url_values = o.inline_css = true;  // data: URIs in src, <style> and style=""
    else if (id == "img-webp")
      o.url_values = o.inline_css = o.webp_pictures = true;  // picture wraps; replace: URLs
    else if (id.starts_with("img-") && id != "img-responsive")
      o.url_values = true;
    else if (id == "cache-extend" || id == "sri" || id.starts_with("precompress") ||
             id == "headers")
      o.url_values = true;  // sri adds integrity: modeled below as unmodeled when it runs
    else
      o.unmodeled.push_back(id);
    if (id == "sri") o.unmodeled.push_back(id);
  }
  return o;
}

bool CompareDom(std::string_view before, std::string_view after, const DomCompareOptions& o,
                std::string* difference) {
  GumboPtr a = ParseGumbo(before);
  GumboPtr b = ParseGumbo(after);
  auto fail = [&](const GumboNode* at, const std::string& what) {
    if (difference) *difference = PathOf(at) + ": " + what;
    return false;
  };
  const GumboDocument& da = a->document->v.document;
  const GumboDocument& db = b->document->v.document;
  if (da.has_doctype != db.has_doctype || std::string_view(da.name) != db.name ||
      std::string_view(da.public_identifier) != db.public_identifier ||
      std::string_view(da.system_identifier) != db.system_identifier)
    return fail(a->document, "doctype differs");
  struct Pair {
    const GumboNode* a;
    const GumboNode* b;
    bool preserve;
    bool svg_text;  // under an SvgKeepsText element
  };
  std::vector<Pair> stack{{a->document, b->document, false, false}};
  std::vector<Item> ka, kb;
  std::string why;
  while (!stack.empty()) {
    Pair p = stack.back();
    stack.pop_back();
    const GumboVector* va;
    const GumboVector* vb;
    bool preserve = p.preserve, svg_text = p.svg_text, svg_ws = false;
    bool raw_css = false, raw_js = false;
    if (p.a->type == GUMBO_NODE_DOCUMENT) {
      va = &p.a->v.document.children;
      vb = &p.b->v.document.children;
    } else {
      if (ElementName(p.a) != ElementName(p.b) ||
          p.a->v.element.tag_namespace != p.b->v.element.tag_namespace)
        return fail(p.a, "element " + ElementName(p.a) + " vs " + ElementName(p.b));
      if (!AttributesEqual(p.a, p.b, o, &why)) return fail(p.a, why);
      va = &p.a->v.element.children;
      vb = &p.b->v.element.children;
      preserve = preserve || PreservesWs(p.a);
      svg_text = svg_text || SvgKeepsText(p.a);
      svg_ws = !svg_text && p.a->v.element.tag_namespace == GUMBO_NAMESPACE_SVG;
      bool html = p.a->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
      raw_css = html && p.a->v.element.tag == GUMBO_TAG_STYLE && o.inline_css;
      raw_js = html && p.a->v.element.tag == GUMBO_TAG_SCRIPT && o.inline_js;
    }
    if (raw_css || raw_js) continue;  // the CSS/JS families own that text
    Normalize(p.a, *va, o, preserve, svg_ws, &ka);
    Normalize(p.b, *vb, o, preserve, svg_ws, &kb);
    if (o.collapse_whitespace && p.a->type != GUMBO_NODE_DOCUMENT && IsRunScript(p.a)) {
      // html-collapse-whitespace trims a script's text (not before a leading "-->").
      for (std::vector<Item>* k : {&ka, &kb}) {
        for (Item& it : *k) {
          if (!IsTextLike(it.node)) continue;
          std::string_view t = TrimHtmlSpace(it.text);
          size_t begin = t.substr(0, 3) == "-->" ? 0 : t.data() - it.text.data();
          it.text = it.text.substr(begin, t.data() + t.size() - it.text.data() - begin);
        }
        std::erase_if(*k, [](const Item& it) { return IsTextLike(it.node) && it.text.empty(); });
      }
    }
    size_t common = std::min(ka.size(), kb.size());
    for (size_t i = 0; i < common; ++i) {
      const GumboNode* x = ka[i].node;
      const GumboNode* y = kb[i].node;
      bool xt = IsTextLike(x), yt = IsTextLike(y);
      if (xt || yt) {
        if (xt != yt) return fail(x, "text vs node");
        if (ka[i].text != kb[i].text)
          return fail(x, "text " + Clip(ka[i].text) + " vs " + Clip(kb[i].text));
        continue;
      }
      if (x->type != y->type) return fail(x, "node type differs");
      switch (x->type) {
        case GUMBO_NODE_COMMENT:
        case GUMBO_NODE_CDATA:
          if (std::string_view(x->v.text.text) != y->v.text.text)
            return fail(x, "comment/cdata " + Clip(x->v.text.text) + " vs " + Clip(y->v.text.text));
          break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
          if (o.webp_pictures) y = UnwrapWebpPicture(x, y);
          stack.push_back(Pair{x, y, preserve, svg_text});
          break;
        default:
          break;
      }
    }
    if (ka.size() != kb.size()) {
      const GumboNode* at = ka.size() > common ? ka[common].node : kb[common].node;
      return fail(at, std::string(ka.size() > kb.size() ? "node missing in output"
                                                        : "extra node in output"));
    }
  }
  if (o.moved_css) return CompareSheets(a->document, b->document, o, difference);
  return true;
}

Status VerifyHtml(std::string_view before, std::string_view after,
                  const std::vector<std::string>& enabled_filter_ids, std::string* difference) {
  DomCompareOptions o = DomCompareOptionsFor(enabled_filter_ids);
  if (before == after) return Status::OK();
  if (!o.unmodeled.empty()) {
    std::string ids;
    for (const std::string& id : o.unmodeled) ids += (ids.empty() ? "" : ", ") + id;
    if (difference) *difference = "cannot verify the changes of: " + ids;
    return Status::Unimplemented("verify-html: cannot verify the changes of: " + ids);
  }
  std::string diff;
  if (CompareDom(before, after, o, &diff)) return Status::OK();
  if (difference) *difference = diff;
  return Status::ContentError("verify-html: DOM differs: " + diff);
}

}  // namespace pagebake::html
