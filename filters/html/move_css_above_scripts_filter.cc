#include "filters/html/move_css_above_scripts_filter.h"

#include <vector>

#include "filters/core/site.h"
#include "filters/html/move_css_to_head_filter.h"

namespace pagebake::html {
namespace {

// Whether a stylesheet may move above script `s` (see the header for the rule).
bool CanPass(FilterContext& ctx, const Document& doc, NodeId s) {
  if (!IsRunningScript(doc, s)) return true;  // a data block never runs
  std::optional<std::string> type = doc.AttrValue(s, "type");
  bool module = type && text::EqualsIgnoreCase(*type, "module");
  std::optional<std::string> src = doc.AttrValue(s, "src");
  // A deferred script (defer on an external classic one, every module) runs after parsing,
  // when every sheet of <head> has been seen wherever it sits. async may run at any time.
  if (src && !doc.GetAttr(s, "async") && (module || doc.GetAttr(s, "defer"))) return true;
  if (module && !src && !doc.GetAttr(s, "async")) return true;
  if (!src) {
    NodeId t = doc.first_child(s);
    std::string_view js = t == kNoNode ? std::string_view() : doc.RawText(t);
    return !ScriptMayObserveStyles(js);
  }
  if (!ctx.site() || !ctx.resource()) return false;
  const Resource* target = ctx.site()->Target(*ctx.resource(), *src);
  return target && !ScriptMayObserveStyles(target->bytes);
}

// A script that stops the parser until it ran: only those are worth moving a sheet above.
bool Blocks(const Document& doc, NodeId s) {
  if (!IsRunningScript(doc, s) || doc.GetAttr(s, "async")) return false;
  std::optional<std::string> type = doc.AttrValue(s, "type");
  if (type && text::EqualsIgnoreCase(*type, "module")) return false;
  return !(doc.GetAttr(s, "src") && doc.GetAttr(s, "defer"));
}

}  // namespace

bool ScriptMayObserveStyles(std::string_view js) {
  static constexpr std::string_view kApis[] = {
      "document.write", "styleSheets", "getComputedStyle", "currentStyle", "createElement",
      "innerHTML", "outerHTML", "insertAdjacent", "appendChild", "insertBefore", "append(",
      "prepend(", "cssRules", "insertRule", "offset", "client", "scroll",
      "getBoundingClientRect", "getClientRects", "matchMedia", "eval", "Function(", "import(",
      "querySelector", "getElement", "document[", "window[", "with("};
  for (std::string_view api : kApis)
    if (js.find(api) != std::string_view::npos) return true;
  return false;
}

Status MoveCssAboveScriptsFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  NodeId head = HeadOf(doc);
  if (head == kNoNode) return Status::OK();
  // One walk over <head>'s children: `barrier` is the first script since the last point a
  // sheet could not pass; sheets after it move up to just before it.
  NodeId barrier = kNoNode;
  NodeId c = doc.first_child(head);
  while (c != kNoNode) {
    NodeId next = doc.next_sibling(c);
    if (doc.IsHtml(c, Tag::kScript) && !(doc.node(c).flags & kIgnoredTag)) {
      if (!CanPass(ctx, doc, c)) barrier = kNoNode;  // later sheets stay after it
      else if (barrier == kNoNode && Blocks(doc, c)) barrier = c;
    } else if (doc.IsHtml(c, Tag::kBase) ||
               (doc.IsHtml(c, Tag::kMeta) &&
                (doc.GetAttr(c, "charset") || doc.GetAttr(c, "http-equiv")))) {
      // A sheet above <base> resolves its href differently; above a CSP <meta> it escapes
      // the policy; above <meta charset> it may push the charset out of the prescan window.
      barrier = kNoNode;
    } else if (IsStylesheetElement(doc, c) && barrier != kNoNode) {
      NodeId prev = doc.prev_sibling(c);  // not kNoNode: at least the barrier precedes c
      if (DetachAndJoin(doc, c)) {
        next = doc.next_sibling(prev);  // the text after c may have merged into prev
        doc.InsertBefore(head, c, barrier);
        ++ctx.counters().rewrites;
      } else {
        ++ctx.counters().fallbacks;
        barrier = kNoNode;
      }
    }
    c = next;
  }
  return Status::OK();
}

}  // namespace pagebake::html
