// html-convert-meta-tags: records every <meta http-equiv=NAME content=VALUE> of the page in
// Document::http_equiv() (name lowercased, value decoded, document order) so the delivery
// family's `headers` filter can send them as real response headers (where, unlike the meta
// tag, they apply before parsing starts). The page itself is not changed: the meta tags stay,
// so a server that ignores the headers file loses nothing. Refresh and Set-Cookie are not
// recorded (a header would behave differently). Never unsafe. Id html-convert-meta-tags,
// risk low.
#ifndef PAGEBAKE_HTML_CONVERT_META_TAGS_FILTER_H_
#define PAGEBAKE_HTML_CONVERT_META_TAGS_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class ConvertMetaTagsFilter : public HtmlFilter {
 public:
  ConvertMetaTagsFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_CONVERT_META_TAGS_FILTER_H_
