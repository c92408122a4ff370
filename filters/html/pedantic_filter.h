// html-pedantic: adds the markup strict (HTML 4 era) validators require and browsers do not:
// type="text/javascript" on <script> and type="text/css" on <style> that have no type. Both
// are the defaults, so the page behaves the same; it only grows. Scripts with a language
// attribute are left alone (a type would override it, and with language=vbscript a browser
// that honored it would now run the text as JavaScript). Off by default: it exists for sites
// whose pipeline runs a validator. Running html-elide-attributes after it undoes it. Unsafe
// only for CSS or scripts that select on the absence of type (script:not([type])).
// Id html-pedantic, risk low.
#ifndef PAGEBAKE_HTML_PEDANTIC_FILTER_H_
#define PAGEBAKE_HTML_PEDANTIC_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class PedanticFilter : public HtmlFilter {
 public:
  PedanticFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_PEDANTIC_FILTER_H_
