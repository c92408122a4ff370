// html-insert-dns-prefetch: for the third-party origins the page loads resources from
// (scripts, stylesheets, images, fonts, frames — not plain links), in order of first use,
// inserts <link rel=preconnect href=origin> followed by <link rel=dns-prefetch href=origin>
// (the fallback for browsers without preconnect) into <head>, after <meta charset> and <base>. Origins the page
// already hints, and the site's own origin (HtmlOptions::base_url), are skipped; at most
// HtmlOptions::dns_prefetch_max (default 8) origins. Pages without a <head> are left alone
// (enable html-add-head). Unsafe only in the sense of wasted connections when a hinted origin
// ends up unused. Id html-insert-dns-prefetch, risk low.
#ifndef PAGEBAKE_HTML_INSERT_DNS_PREFETCH_FILTER_H_
#define PAGEBAKE_HTML_INSERT_DNS_PREFETCH_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class InsertDnsPrefetchFilter : public HtmlFilter {
 public:
  InsertDnsPrefetchFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_INSERT_DNS_PREFETCH_FILTER_H_
