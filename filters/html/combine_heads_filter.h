// html-combine-heads: merges the <head>s of a page that has more than one into the first,
// where the HTML parser already puts their content: a second <head> after </head> is ignored
// by the parser, and the <title>, <meta>, <link>, <style>, <script>, <base>, <template>... that
// follow it are inserted into the first head anyway. The filter writes the markup the way the
// parser reads it — those elements at the end of the first <head>, the stray <head>/</head>
// tags gone — so the DOM is unchanged and tools that read the markup (crawlers, the other
// filters) see one head. Whitespace and comments there stay where they are (the DOM keeps
// them outside the head). A second <head> inside <body> is left alone: the parser keeps its
// content in the body, and moving it would change the page. Unsafe only for tools that read
// the second head as written. Id html-combine-heads, risk medium.
#ifndef PAGEBAKE_HTML_COMBINE_HEADS_FILTER_H_
#define PAGEBAKE_HTML_COMBINE_HEADS_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class CombineHeadsFilter : public HtmlFilter {
 public:
  CombineHeadsFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_COMBINE_HEADS_FILTER_H_
