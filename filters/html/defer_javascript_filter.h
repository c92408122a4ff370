// html-defer-javascript: adds `defer` to external classic scripts where the execution order
// provably stays the same: a script qualifies only when every script after it in the page is
// also an external classic script that gets deferred (or is async/module, which never ran in
// between), no inline script follows it, its own bytes (read through the site graph) do not
// contain document.write, and the page has no inline event handler attributes (on*=) that
// could call into it before it ran. Scripts that are async, already deferred, modules, in
// <template>/<noscript>, or whose target cannot be read are left alone and end the run. Unsafe
// for scripts that depend on running before the page is parsed in ways the filter cannot see
// (document.readyState checks, synchronous layout reads). Id html-defer-javascript, risk high.
#ifndef PAGEBAKE_HTML_DEFER_JAVASCRIPT_FILTER_H_
#define PAGEBAKE_HTML_DEFER_JAVASCRIPT_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class DeferJavascriptFilter : public HtmlFilter {
 public:
  DeferJavascriptFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_DEFER_JAVASCRIPT_FILTER_H_
