// html-hint-preload: adds <link rel=preload> to <head> for what a page's render-blocking
// stylesheets pull in late: the sheets they @import (as=style) and the WOFF2 fonts their
// @font-face rules name (as=font type=font/woff2 crossorigin — a font preload without
// crossorigin is fetched twice). A render-blocking sheet is a <link rel=stylesheet> of the
// site in <head>, not alternate, not disabled, with no media or media all/screen. The browser
// otherwise finds those only after the sheet arrived and was parsed (fonts: after layout), one
// round trip or more later. At most HtmlOptions::preload_max hints per page, in document order,
// deduplicated and skipped when the page already preloads the URL. Only the site's own files are
// hinted (the graph must know them). Unsafe when a sheet declares fonts the page never uses
// (several weights, unicode-range subsets): each hint downloads its file anyway, and browsers
// warn about unused preloads. Id html-hint-preload, risk low.
#ifndef PAGEBAKE_HTML_HINT_PRELOAD_FILTER_H_
#define PAGEBAKE_HTML_HINT_PRELOAD_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class HintPreloadFilter : public HtmlFilter {
 public:
  HintPreloadFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_HINT_PRELOAD_FILTER_H_
