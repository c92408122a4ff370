#include "filters/js/js_outline_filter.h"

#include <string>

#include "filters/core/site.h"
#include "filters/js/js_html_util.h"

namespace pagebake::js {

Status JsOutlineFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  if (ctx.site() == nullptr || ctx.resource() == nullptr) return Status::OK();
  const Resource& page = *ctx.resource();
  const size_t dot = page.path.find_last_of('.');
  const size_t slash = page.path.find_last_of('/');
  const std::string stem = (dot != std::string::npos && (slash == std::string::npos || dot > slash))
                               ? page.path.substr(0, dot)
                               : page.path;
  int n = 0;
  for (html::NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode;
       id = doc.NextInOrder(id)) {
    if (!doc.IsHtml(id, html::Tag::kScript) || doc.FindAttr(id, "src") >= 0) continue;
    if (doc.FindAttr(id, "async") >= 0 || doc.FindAttr(id, "defer") >= 0) continue;
    if (InTemplate(doc, id) || ScriptTypeOf(doc, id) == ScriptType::kOther) continue;
    html::NodeId t = ScriptText(doc, id);
    if (t == html::kNoNode) continue;
    const std::string_view text = doc.RawText(t);
    if (text.size() < options_.outline_min_bytes) continue;
    // Pages are rewritten in parallel; the name depends only on the page and the script's
    // rank in it, so the output does not depend on the thread count.
    Resource* js = ctx.site()->AddGenerated(stem + ".script" + std::to_string(n++) + ".js",
                                            ContentType::kJs, std::string(text), {page.path});
    doc.SetAttr(id, "src", ctx.site()->OutputUrl(page, *js));
    doc.SetRawText(t, "");
    doc.MarkModified();
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::js
