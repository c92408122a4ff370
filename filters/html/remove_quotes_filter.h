// html-remove-quotes: writes attribute values without quotes where the HTML tokenizer reads
// them the same (non-empty, no whitespace, no " ' = < > `), and empty values as bare attributes
// (a="" -> a, the same DOM value). Character references stay as written. A space is kept
// before "/>" and before an attribute that followed the quote directly, so the value never
// runs on. Unsafe only for documents parsed as XML (XHTML served as application/xhtml+xml):
// XHTML documents (doctype or <?xml prolog) are left alone. Id html-remove-quotes, risk low.
#ifndef PAGEBAKE_HTML_REMOVE_QUOTES_FILTER_H_
#define PAGEBAKE_HTML_REMOVE_QUOTES_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class RemoveQuotesFilter : public HtmlFilter {
 public:
  RemoveQuotesFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_REMOVE_QUOTES_FILTER_H_
