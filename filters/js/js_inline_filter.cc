#include "filters/js/js_inline_filter.h"

#include <optional>

#include "filters/core/site.h"
#include "filters/js/js_html_util.h"
#include "filters/js/js_minifier.h"

namespace pagebake::js {
namespace {

// Attributes that may go with the inlined script (the network ones are dropped).
bool KnownAttribute(std::string_view n) {
  static constexpr std::string_view kOk[] = {"src", "type", "language", "charset", "id",
                                             "class", "nonce", "nomodule", "crossorigin",
                                             "referrerpolicy", "fetchpriority"};
  for (std::string_view k : kOk)
    if (text::EqualsIgnoreCase(n, k)) return true;
  return n.size() > 5 && text::StartsWithIgnoreCase(n, "data-");
}

std::string_view Dir(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// Drops a final `//# sourceMappingURL=...` line; false when such a comment is elsewhere.
bool StripMapComment(std::string* text) {
  for (std::string_view marker : {"//# sourceMappingURL=", "//@ sourceMappingURL="}) {
    size_t at = text->rfind(marker);
    if (at == std::string::npos) continue;
    if (text->find_first_of("\r\n", at) != std::string::npos &&
        text->find_first_not_of(" \t\r\n", text->find_first_of("\r\n", at)) != std::string::npos)
      return false;
    text->resize(at);
    while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
  }
  return true;
}

}  // namespace

bool JsInlineFilter::Inlinable(FilterContext& ctx, const html::Document& doc,
                               html::NodeId script, std::string* text) const {
  if (ctx.site() == nullptr || ctx.resource() == nullptr) return false;
  if (InTemplate(doc, script) || ScriptTypeOf(doc, script) != ScriptType::kClassic) return false;
  for (const html::Attr& a : doc.attributes(script))
    if (!KnownAttribute(a.name)) return false;
  std::optional<std::string> src = doc.AttrValue(script, "src");
  if (!src || src->empty()) return false;
  const Resource* target = ctx.site()->Target(*ctx.resource(), *src);
  if (target == nullptr || target->type != ContentType::kJs || target->skipped) return false;
  if (target->bytes.size() > options_.inline_max_bytes) return false;
  *text = target->bytes;
  if (!StripMapComment(text)) return false;
  if (!SafeInScriptElement(*text) || text->find("currentScript") != std::string::npos)
    return false;
  if (Dir(target->path) != Dir(ctx.resource()->path)) {
    for (std::string_view api : {"fetch(", "import(", "XMLHttpRequest", "URL(", "Worker(",
                                 "importScripts", "sendBeacon", ".src", "location"})
      if (text->find(api) != std::string::npos) return false;
  }
  ctx.extra_bytes_read += target->bytes.size();
  return true;
}

Status JsInlineFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  for (html::NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode;
       id = doc.NextInOrder(id)) {
    if (!doc.IsHtml(id, html::Tag::kScript) || doc.FindAttr(id, "src") < 0) continue;
    std::string text;
    if (!Inlinable(ctx, doc, id, &text)) continue;
    for (std::string_view a : {"src", "charset", "crossorigin", "referrerpolicy", "fetchpriority"})
      RemoveAttrIfAny(doc, id, a);
    html::NodeId t = ScriptText(doc, id);
    if (t != html::kNoNode) {
      doc.SetRawText(t, text);
    } else {
      while (doc.first_child(id) != html::kNoNode) doc.Remove(doc.first_child(id));
      doc.InsertBefore(id, doc.CreateText(text), html::kNoNode);
    }
    doc.MarkModified();
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::js
