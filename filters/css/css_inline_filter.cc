#include "filters/css/css_inline_filter.h"

#include "filters/core/site.h"
#include "filters/core/url.h"
#include "filters/css/css_urls.h"
#include "filters/html/document.h"
#include "filters/text/position.h"

namespace pagebake::css {

bool IsStylesheetRel(std::string_view rel) {
  bool sheet = false, alternate = false;
  size_t i = 0;
  while (i < rel.size()) {
    while (i < rel.size() && text::IsAsciiSpace(rel[i])) ++i;
    size_t b = i;
    while (i < rel.size() && !text::IsAsciiSpace(rel[i])) ++i;
    std::string_view word = rel.substr(b, i - b);
    sheet |= text::EqualsIgnoreCase(word, "stylesheet");
    alternate |= text::EqualsIgnoreCase(word, "alternate");
  }
  return sheet && !alternate;
}

std::string RebaseCssUrls(const std::string& css, const std::string& from_output_path,
                          const std::string& to_output_path) {
  std::string out;
  Status s = RewriteCssUrls(
      css,
      [&](std::string_view url, bool) -> std::optional<std::string> {
        if (url.empty() || url[0] == '/' || url[0] == '#') return std::nullopt;
        ResolvedUrl r = ResolveUrl(from_output_path, url);
        if (r.kind != UrlKind::kLocal) return std::nullopt;
        std::string rebased = RelativeUrl(to_output_path, r.path);
        if (r.directory && !r.path.empty()) rebased += '/';
        rebased += r.suffix;
        if (rebased == url) return std::nullopt;
        return rebased;
      },
      &out);
  return s.ok() ? out : css;
}

namespace {

// A link carrying anything but rel/href/media/type is one a script (id: mdBook toggles its
// highlight themes by id), CSP (nonce, integrity) or the browser (title, disabled) treats
// specially; a <style> in its place would lose that.
bool OnlyPlainLinkAttrs(const html::Document& doc, html::NodeId id) {
  if (doc.node(id).flags & html::kDuplicateAttrs) return false;
  for (const html::Attr& a : doc.attributes(id)) {
    if (!text::EqualsIgnoreCase(a.name, "rel") && !text::EqualsIgnoreCase(a.name, "href") &&
        !text::EqualsIgnoreCase(a.name, "media") && !text::EqualsIgnoreCase(a.name, "type"))
      return false;
  }
  std::optional<std::string> type = doc.AttrValue(id, "type");
  return !type || type->empty() || text::EqualsIgnoreCase(*type, "text/css");
}

bool ContainsEndStyle(std::string_view s) {
  for (size_t p = s.find("</"); p != std::string_view::npos; p = s.find("</", p + 1))
    if (text::StartsWithIgnoreCase(s.substr(p + 2), "style")) return true;
  return false;
}

}  // namespace

Status CssInlineFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  Site* site = ctx.site();
  const Resource* page = ctx.resource();
  if (!site || !page || html::BaseHref(doc)) return Status::OK();
  const std::string& page_out = page->output_path.empty() ? page->path : page->output_path;
  for (html::NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode;) {
    html::NodeId next = doc.NextInOrder(id);
    if (!doc.IsHtml(id, html::Tag::kLink)) {
      id = next;
      continue;
    }
    std::optional<std::string> rel = doc.AttrValue(id, "rel");
    std::optional<std::string> href = doc.AttrValue(id, "href");
    bool eligible = rel && href && IsStylesheetRel(*rel) && OnlyPlainLinkAttrs(doc, id);
    const Resource* target = nullptr;
    if (eligible) {
      ResolvedUrl r = site->Resolve(*page, *href);
      if (r.kind == UrlKind::kLocal) target = site->Find(r.path);
    }
    if (!target || target->type != ContentType::kCss ||
        target->bytes.size() > options_.inline_max_bytes) {
      id = next;
      continue;
    }
    const std::string& target_out = target->output_path.empty() ? target->path : target->output_path;
    std::string css = RebaseCssUrls(target->bytes, target_out, page_out);
    if (ContainsEndStyle(css) || css.size() > options_.inline_max_bytes) {
      id = next;
      continue;
    }
    html::NodeId style = doc.CreateElement("style", /*write_end_tag=*/true);
    if (std::optional<std::string> media = doc.AttrValue(id, "media"))
      doc.SetAttr(style, "media", *media);
    doc.InsertBefore(style, doc.CreateText(doc.Intern(css)), html::kNoNode);
    doc.InsertBefore(doc.parent(id), style, id);
    next = doc.NextSkippingChildren(id);
    doc.Remove(id);
    doc.MarkModified();
    ctx.extra_bytes_read += target->bytes.size();
    ++ctx.counters().rewrites;
    id = next;
  }
  return Status::OK();
}

}  // namespace pagebake::css
