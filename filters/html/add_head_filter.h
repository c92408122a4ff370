// html-add-head: gives a page without a <head> element an explicit one, placed where the
// parser would imply it (first thing in <html>, or before the first content of the page), and
// moves the leading head elements (title, meta, link, style, script, base) that the parser
// would put there anyway into it. The DOM does not change; later filters (dns-prefetch, hint-
// preload, move-css-to-head) then have a <head> to write into. Never unsafe for HTML; skipped
// for XHTML documents (no implied elements in XML). Id html-add-head, risk low.
#ifndef PAGEBAKE_HTML_ADD_HEAD_FILTER_H_
#define PAGEBAKE_HTML_ADD_HEAD_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class AddHeadFilter : public HtmlFilter {
 public:
  AddHeadFilter(const FilterInfo* info, const HtmlOptions& options) : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_ADD_HEAD_FILTER_H_
