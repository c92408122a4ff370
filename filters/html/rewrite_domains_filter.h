// html-rewrite-domains: rewrites the origin of URLs in URL attributes by the map in
// HtmlOptions::rewrite_domains ("https://old.example" -> "https://cdn.example"): a URL that
// starts with a mapped origin followed by '/', '?', '#' or its end gets the new origin. Exact,
// case-insensitive scheme+host(+port) matches only; <base href> is rewritten like any other
// URL. Unsafe when the new origin does not serve the same files (the map is trusted) and for
// scripts that build URLs from location.host. Id html-rewrite-domains, risk medium.
#ifndef PAGEBAKE_HTML_REWRITE_DOMAINS_FILTER_H_
#define PAGEBAKE_HTML_REWRITE_DOMAINS_FILTER_H_

#include <optional>
#include <string>

#include "filters/html/html_filter.h"

namespace pagebake::html {

class RewriteDomainsFilter : public HtmlFilter {
 public:
  RewriteDomainsFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
  std::optional<std::string> Map(std::string_view url) const;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_REWRITE_DOMAINS_FILTER_H_
