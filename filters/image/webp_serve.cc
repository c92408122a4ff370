#include "filters/image/webp_serve.h"

#include <cstdlib>
#include <vector>

#include "filters/core/url.h"
#include "filters/css/css_urls.h"
#include "filters/html/document.h"
#include "filters/html/url_attrs.h"
#include "filters/text/position.h"

namespace pagebake::image {
namespace {

using html::Document;
using html::kNoNode;
using html::NodeId;
using html::Tag;

bool IsSpace(char c) { return text::IsAsciiSpace(static_cast<unsigned char>(c)); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool HasVariantType(ContentType t) {
  return t == ContentType::kJpeg || t == ContentType::kPng || t == ContentType::kGif;
}

// A URL that can stand as a srcset candidate as it is: no whitespace, no trailing comma (the
// srcset parser would cut either).
bool SrcsetSafe(std::string_view url) {
  if (url.empty() || url.front() == ',' || url.back() == ',') return false;
  for (char c : url)
    if (IsSpace(c)) return false;
  return true;
}

// One srcset value, every candidate URL passed through the map.
struct MappedSrcset {
  std::string value;   // the srcset with mapped URLs (unmapped ones as they were)
  size_t total = 0;    // candidates
  size_t mapped = 0;   // candidates with a variant
  std::string first_unmapped;
  bool has_w = false;   // some candidate has a width descriptor
  bool has_1x = false;  // some candidate has density 1 (no descriptor counts as 1x)
};

void NoteDescriptors(std::string_view d, MappedSrcset* m) {
  bool any = false;
  size_t i = 0;
  while (i < d.size()) {
    while (i < d.size() && (IsSpace(d[i]) || d[i] == ',')) ++i;
    size_t b = i;
    while (i < d.size() && !IsSpace(d[i]) && d[i] != ',') ++i;
    if (i == b) break;
    std::string_view tok = d.substr(b, i - b);
    any = true;
    if (tok.back() == 'w') m->has_w = true;
    if (tok.back() == 'x' && std::strtod(std::string(tok.substr(0, tok.size() - 1)).c_str(),
                                         nullptr) == 1.0)
      m->has_1x = true;
  }
  if (!any) m->has_1x = true;
}

MappedSrcset MapSrcset(std::string_view v, WebpUrlMap& map) {
  MappedSrcset m;
  std::vector<std::pair<size_t, size_t>> spans;
  html::UrlSpans(v, html::UrlSyntax::kSrcset, &spans);
  size_t at = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    auto [b, e] = spans[i];
    m.value.append(v.substr(at, b - at));
    std::string_view url = v.substr(b, e - b);
    std::optional<std::string> to = map.Map(url);
    if (to && SrcsetSafe(*to)) {
      m.value += *to;
      ++m.mapped;
    } else {
      m.value.append(url);
      if (m.first_unmapped.empty()) m.first_unmapped = std::string(url);
    }
    at = e;
    size_t next = i + 1 < spans.size() ? spans[i + 1].first : v.size();
    NoteDescriptors(v.substr(e, next - e), &m);
  }
  m.value.append(v.substr(at));
  m.total = spans.size();
  return m;
}

bool IsDataUrl(std::string_view url) { return text::StartsWithIgnoreCase(Trim(url), "data:"); }

// Where wrapping an <img> would not give <picture><source><img></picture> in the DOM, or
// would change its meaning: already in a <picture>; in <select> (the parser drops the tags);
// directly in table structure (foster-parented: picture and img would part ways).
bool Wrappable(const Document& doc, NodeId img) {
  if (doc.node(img).flags & html::kIgnoredTag) return false;
  if (doc.FindAncestor(img, Tag::kPicture) != kNoNode) return false;
  if (doc.FindAncestor(img, Tag::kSelect) != kNoNode) return false;
  NodeId p = doc.parent(img);
  if (p == kNoNode) return false;
  for (Tag t : {Tag::kTable, Tag::kTbody, Tag::kThead, Tag::kTfoot, Tag::kTr})
    if (doc.IsHtml(p, t)) return false;
  return true;
}

// The srcset of the <source> for `img`, or nullopt (with a note when a candidate is the reason).
std::optional<std::string> SourceSrcset(FilterContext& ctx, const Document& doc, NodeId img,
                                        WebpUrlMap& map) {
  std::optional<std::string> src = doc.AttrValue(img, "src");
  if (src && IsDataUrl(*src)) return std::nullopt;  // img-inline's, or the author's
  std::optional<std::string> srcset = doc.AttrValue(img, "srcset");
  if (!srcset || Trim(*srcset).empty()) {
    if (!src || Trim(*src).empty()) return std::nullopt;
    std::optional<std::string> to = map.Map(*src);
    if (!to || !SrcsetSafe(*to)) return std::nullopt;
    return to;
  }
  MappedSrcset m = MapSrcset(*srcset, map);
  if (m.total == 0) return std::nullopt;
  if (m.mapped < m.total) {
    if (m.mapped > 0)
      ctx.Note("<img srcset> left as is: candidate '" + m.first_unmapped +
               "' has no WebP variant");
    return std::nullopt;
  }
  // The src is an implicit 1x candidate of the img's own set, never of a <source>'s: carry it.
  if (!m.has_w && !m.has_1x && src && !Trim(*src).empty()) {
    std::optional<std::string> to = map.Map(*src);
    if (!to || !SrcsetSafe(*to)) {
      ctx.Note("<img srcset> left as is: its src '" + *src +
               "' (the 1x candidate) has no WebP variant");
      return std::nullopt;
    }
    m.value += ", " + *to + " 1x";
  }
  return m.value;
}

// <img ...> -> <picture><source type="image/webp" srcset=...><img ...></picture>.
bool WrapInPicture(FilterContext& ctx, Document& doc, NodeId img, WebpUrlMap& map) {
  if (!Wrappable(doc, img)) return false;
  std::optional<std::string> srcset = SourceSrcset(ctx, doc, img, map);
  if (!srcset) return false;
  NodeId picture = doc.CreateElement("picture", /*write_end_tag=*/true);
  NodeId source = doc.CreateElement("source", /*write_end_tag=*/false);
  // An author who writes <img/> gets <source/>: the page stays well-formed for XML tools.
  if (doc.node(img).flags & html::kSelfClosing)
    doc.mutable_node(source).flags |= html::kSelfClosing;
  doc.SetAttr(source, "type", "image/webp");
  doc.SetAttr(source, "srcset", *srcset);
  if (std::optional<std::string> sizes = doc.AttrValue(img, "sizes"))
    doc.SetAttr(source, "sizes", *sizes);
  NodeId parent = doc.parent(img);
  doc.InsertBefore(parent, picture, img);
  doc.Remove(img);
  doc.InsertBefore(picture, source, kNoNode);
  doc.InsertBefore(picture, img, kNoNode);
  return true;
}

// replace mode: one URL attribute of `id`. `all_or_none`: change nothing unless every URL maps.
size_t ReplaceAttr(Document& doc, NodeId id, std::string_view name, bool is_srcset,
                   WebpUrlMap& map, bool all_or_none = false) {
  int index = doc.FindAttr(id, name);
  if (index < 0 || !doc.attributes(id)[index].has_value) return 0;
  std::optional<std::string> v = doc.AttrValue(id, name);
  if (!v) return 0;
  if (is_srcset) {
    MappedSrcset m = MapSrcset(*v, map);
    if (m.mapped == 0 || (all_or_none && m.mapped < m.total)) return 0;
    doc.SetAttrValue(id, index, m.value);
    return m.mapped;
  }
  if (IsDataUrl(*v)) return 0;
  std::optional<std::string> to = map.Map(*v);
  if (!to) return 0;
  doc.SetAttrValue(id, index, *to);
  return 1;
}

bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsSpace(list[i])) ++i;
    size_t b = i;
    while (i < list.size() && !IsSpace(list[i])) ++i;
    if (i > b && text::EqualsIgnoreCase(list.substr(b, i - b), token)) return true;
  }
  return false;
}

size_t ReplaceInElement(Document& doc, NodeId id, WebpUrlMap& map) {
  if (doc.node(id).flags & html::kIgnoredTag) return 0;
  if (doc.IsHtml(id, Tag::kImg))
    return ReplaceAttr(doc, id, "src", false, map) + ReplaceAttr(doc, id, "srcset", true, map);
  if (doc.IsHtml(id, Tag::kSource) && doc.parent(id) != kNoNode &&
      doc.IsHtml(doc.parent(id), Tag::kPicture)) {
    // A <source type=image/jpeg> says what its candidates are: swap all of them and the type,
    // or none.
    std::optional<std::string> type = doc.AttrValue(id, "type");
    std::string_view t = type ? Trim(*type) : std::string_view();
    if (t.empty()) return ReplaceAttr(doc, id, "srcset", true, map);
    if (!text::EqualsIgnoreCase(t, "image/jpeg") && !text::EqualsIgnoreCase(t, "image/png") &&
        !text::EqualsIgnoreCase(t, "image/gif"))
      return 0;
    size_t n = ReplaceAttr(doc, id, "srcset", true, map, /*all_or_none=*/true);
    if (n) doc.SetAttr(id, "type", "image/webp");
    return n;
  }
  if (doc.IsHtml(id, Tag::kVideo)) return ReplaceAttr(doc, id, "poster", false, map);
  if (doc.IsHtml(id, Tag::kInput)) {
    std::optional<std::string> type = doc.AttrValue(id, "type");
    return type && text::EqualsIgnoreCase(Trim(*type), "image")
               ? ReplaceAttr(doc, id, "src", false, map)
               : 0;
  }
  if (doc.IsHtml(id, Tag::kLink)) {
    std::optional<std::string> rel = doc.AttrValue(id, "rel");
    std::optional<std::string> as = doc.AttrValue(id, "as");
    if (!rel || !HasToken(*rel, "preload") || !as || !text::EqualsIgnoreCase(Trim(*as), "image"))
      return 0;
    // A preload with a type would be skipped by browsers when the type no longer matches.
    if (doc.GetAttr(id, "type")) return 0;
    return ReplaceAttr(doc, id, "href", false, map) +
           ReplaceAttr(doc, id, "imagesrcset", true, map);
  }
  return 0;
}

size_t ReplaceInCssText(std::string& text, WebpUrlMap& map) {
  size_t n = 0;
  std::string out;
  Status s = css::RewriteCssUrls(
      text,
      [&](std::string_view url, bool is_import) -> std::optional<std::string> {
        if (is_import) return std::nullopt;
        std::optional<std::string> to = map.Map(url);
        if (to) ++n;
        return to;
      },
      &out);
  if (!s.ok() || n == 0) return 0;
  text = std::move(out);
  return n;
}

}  // namespace

const Resource* FindWebpVariant(const Site& site, const Resource& target) {
  if (!HasVariantType(target.type)) return nullptr;
  std::vector<const Resource*> v = site.VariantsOf(target.path, ContentType::kWebp);
  return v.empty() ? nullptr : v.front();
}

const Resource* WebpUrlMap::TargetOf(std::string_view url, std::string* suffix) {
  if (IsDataUrl(url)) return nullptr;
  ResolvedUrl r = site_.Resolve(from_, url);
  if (r.kind != UrlKind::kLocal || r.directory) return nullptr;
  *suffix = r.suffix;
  if (const Resource* t = site_.Find(r.path)) return t;
  // An earlier filter may have written a final (renamed) name.
  return site_.FindByOutputPath(r.path);
}

std::optional<std::string> WebpUrlMap::Map(std::string_view url) {
  std::string suffix;
  const Resource* target = TargetOf(url, &suffix);
  if (!target) return std::nullopt;
  const Resource* v = FindWebpVariant(site_, *target);
  if (!v) return std::nullopt;
  site_.MarkServed(*v);
  // The author's form, as the relink step keeps it; the site path (relink names it finally).
  return UrlInWrittenForm(url, v->path, suffix, RelativeUrl(from_.path, v->path) + suffix);
}

Status ServeWebpInPage(FilterContext& ctx, html::Document& doc, WebpMode mode) {
  if (!ctx.site() || !ctx.resource()) return Status::OK();
  WebpUrlMap map(*ctx.site(), *ctx.resource());
  uint64_t changed = 0;
  NodeId id = doc.NextInOrder(doc.root());
  while (id != kNoNode) {
    NodeId here = id;
    id = doc.NextInOrder(id);
    if (mode == WebpMode::kPicture) {
      // `id`, taken before the edit, is already past the img and the nodes made for it.
      if (doc.IsHtml(here, Tag::kImg) && WrapInPicture(ctx, doc, here, map)) ++changed;
    } else if (doc.IsElement(here)) {
      changed += ReplaceInElement(doc, here, map);
    }
  }
  if (mode == WebpMode::kReplace) {
    // The CSS of the page, in the same pass: one walk, one cost row.
    html::ForEachInline(doc, [&](InlineKind kind, std::string& text, int, int) {
      if (kind == InlineKind::kStyleSheet || kind == InlineKind::kStyleAttribute)
        changed += ReplaceInCssText(text, map);
    });
  }
  ctx.counters().rewrites += changed;
  return Status::OK();
}

Status ReplaceWebpInCss(FilterContext& ctx, std::string& css) {
  if (!ctx.site() || !ctx.resource()) return Status::OK();
  WebpUrlMap map(*ctx.site(), *ctx.resource());
  ctx.counters().rewrites += ReplaceInCssText(css, map);
  return Status::OK();
}

}  // namespace pagebake::image
