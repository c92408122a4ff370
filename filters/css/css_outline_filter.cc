#include "filters/css/css_outline_filter.h"

#include <optional>
#include <string>

#include "filters/core/site.h"
#include "filters/css/css_generated.h"
#include "filters/html/document.h"
#include "filters/text/position.h"

namespace pagebake::css {
namespace {

// The <style>'s only child when it is plain enough to move, else kNoNode.
html::NodeId MovableText(const html::Document& doc, html::NodeId style) {
  if (doc.node(style).flags & html::kDuplicateAttrs) return html::kNoNode;
  for (const html::Attr& a : doc.attributes(style)) {
    if (text::EqualsIgnoreCase(a.name, "media")) continue;
    if (!text::EqualsIgnoreCase(a.name, "type")) return html::kNoNode;
    std::optional<std::string> type = doc.AttrValue(style, "type");
    if (type && !type->empty() && !text::EqualsIgnoreCase(*type, "text/css")) return html::kNoNode;
  }
  html::NodeId child = doc.first_child(style);
  if (child == html::kNoNode || doc.next_sibling(child) != html::kNoNode ||
      doc.type(child) != html::NodeType::kText)
    return html::kNoNode;
  return child;
}

bool HasCharsetRule(std::string_view css) {
  for (size_t p = css.find('@'); p != std::string_view::npos; p = css.find('@', p + 1))
    if (text::StartsWithIgnoreCase(css.substr(p + 1), "charset")) return true;
  return false;
}

}  // namespace

Status CssOutlineFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  if (!ctx.site() || !ctx.resource() || html::BaseHref(doc)) return Status::OK();
  const Resource& page = *ctx.resource();
  const std::string dir = DirOf(OutputPathOf(page));
  for (html::NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode;) {
    if (!doc.IsHtml(id, html::Tag::kStyle)) {
      // <template> content is inert until cloned; leave it as written.
      id = doc.IsHtml(id, html::Tag::kTemplate) ? doc.NextSkippingChildren(id)
                                                 : doc.NextInOrder(id);
      continue;
    }
    // Only here: from a deeply nested node the walk up is as long as the nesting, and doing
    // it for every node made 100 000 nested <div>s quadratic (tests/hostile).
    const html::NodeId next = doc.NextSkippingChildren(id);
    const html::NodeId text = MovableText(doc, id);
    const std::string_view css = text == html::kNoNode ? std::string_view() : doc.RawText(text);
    if (text == html::kNoNode || css.size() < options_.outline_min_bytes || HasCharsetRule(css)) {
      id = next;
      continue;
    }
    // The file sits beside the page, so URLs relative to the page stay right in it.
    const Resource* sheet = AddHashedSheet(ctx.site(), dir, "style",
                                           RelinkCssUrls(ctx.site(), page, css), {page.path});
    if (!sheet) {
      ++ctx.counters().fallbacks;
      id = next;
      continue;
    }
    html::NodeId link = doc.CreateElement("link", /*write_end_tag=*/false);
    doc.SetAttr(link, "rel", "stylesheet");
    doc.SetAttr(link, "href", ctx.site()->OutputUrl(page, *sheet));
    if (std::optional<std::string> media = doc.AttrValue(id, "media"))
      doc.SetAttr(link, "media", *media);
    doc.Replace(id, link);
    doc.MarkModified();
    ++ctx.counters().rewrites;
    id = next;
  }
  return Status::OK();
}

}  // namespace pagebake::css
