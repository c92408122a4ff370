// html-move-css-to-head: moves <link rel=stylesheet> and <style> elements that sit after
// <head> (in <body>, usually) to the end of <head>, so the browser finds every stylesheet
// before it renders anything and does not restyle (flash) the page when a late sheet arrives.
// Their order relative to each other and to the sheets already in <head> is kept, so the
// cascade is unchanged. It stops at the first script after <head> (inline or external, module
// or classic; data blocks do not count): a script can read layout, add sheets of its own or
// write markup, and moving a sheet across it could change what it sees or the cascade order.
// Sheets in <template>, <noscript>, SVG or MathML stay. Unsafe when a page loads a sheet late
// on purpose (below-the-fold CSS that should not block the first paint: moving it makes it
// render-blocking) or styles content through scripts that run from event handlers and count
// document.styleSheets. Id html-move-css-to-head, risk medium.
#ifndef PAGEBAKE_HTML_MOVE_CSS_TO_HEAD_FILTER_H_
#define PAGEBAKE_HTML_MOVE_CSS_TO_HEAD_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class MoveCssToHeadFilter : public HtmlFilter {
 public:
  MoveCssToHeadFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

// A <script> that runs: no type, a JavaScript MIME type or type=module. Data blocks
// (application/json, importmap...) and unknown types never run.
bool IsRunningScript(const Document& doc, NodeId id);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_MOVE_CSS_TO_HEAD_FILTER_H_
