#include "filters/html/defer_javascript_filter.h"

#include <vector>

#include "filters/core/site.h"
#include "filters/html/char_ref.h"
#include "filters/html/tokenizer.h"

namespace pagebake::html {
namespace {

bool IsClassic(const Document& doc, NodeId id) {
  const Attr* type = doc.GetAttr(id, "type");
  if (!type) return !doc.GetAttr(id, "language");
  std::string t = DecodeAttrValue(type->value);
  std::string_view v = TrimHtmlSpace(t);
  return v.empty() || text::EqualsIgnoreCase(v, "text/javascript") ||
         text::EqualsIgnoreCase(v, "application/javascript");
}

}  // namespace

Status DeferJavascriptFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  // Inline handlers could call into a script before a deferred one ran.
  std::vector<NodeId> scripts;
  NodeId id = doc.NextInOrder(doc.root());
  while (id != kNoNode) {
    if (doc.IsHtml(id, Tag::kTemplate) || doc.IsHtml(id, Tag::kNoscript)) {
      id = doc.NextSkippingChildren(id);
      continue;
    }
    if (doc.type(id) == NodeType::kElement) {
      for (const Attr& a : doc.attributes(id))
        if (a.name.size() > 2 && text::StartsWithIgnoreCase(a.name, "on")) return Status::OK();
      if (doc.IsHtml(id, Tag::kScript)) scripts.push_back(id);
    }
    id = doc.NextInOrder(id);
  }
  // Walk backwards: the run of deferrable scripts at the end of the page.
  std::vector<NodeId> run;
  for (size_t i = scripts.size(); i-- > 0;) {
    NodeId s = scripts[i];
    bool external = doc.GetAttr(s, "src") != nullptr;
    const Attr* type = doc.GetAttr(s, "type");
    if (!type && doc.GetAttr(s, "language")) break;  // unsure what runs: stop here
    if (!IsClassic(doc, s)) continue;  // modules run deferred; data blocks never run
    if (external && doc.GetAttr(s, "async")) continue;  // order-independent already
    if (!external) break;  // an inline classic script: nothing before it may move after it
    if (doc.GetAttr(s, "defer")) continue;
    if (!ctx.site() || !ctx.resource()) break;
    std::optional<std::string> src = doc.AttrValue(s, "src");
    Resource* target = ctx.site()->Target(*ctx.resource(), *src);
    if (!target || target->bytes.find("document.write") != std::string::npos) break;
    run.push_back(s);
  }
  for (NodeId s : run) {
    doc.SetAttr(s, "defer", "");
    doc.SetAttrNoValue(s, doc.FindAttr(s, "defer"));
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::html
