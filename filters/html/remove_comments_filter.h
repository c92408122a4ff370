// html-remove-comments: removes HTML comments. Keeps IE conditional comments
// (<!--[if IE]>...<![endif]--> and the downlevel-revealed <!--[if !IE]><!--> / <!--<![endif]-->
// pair), comments starting with "<!--!" (licences, "keep me" by convention), comments that
// contain one of HtmlOptions::keep_comment_patterns, and bogus comments (<!x>, <?x?>) which are
// usually not meant as comments. Text on both sides of a removed comment becomes one text
// node, as in the DOM; a comment whose removal would glue "<" or "&..." to the following text
// is kept. Unsafe when scripts read comment nodes (some templating/hydration frameworks keep
// markers in comments: add them to keep_comment_patterns). Id html-remove-comments, risk low.
#ifndef PAGEBAKE_HTML_REMOVE_COMMENTS_FILTER_H_
#define PAGEBAKE_HTML_REMOVE_COMMENTS_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class RemoveCommentsFilter : public HtmlFilter {
 public:
  RemoveCommentsFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;

  // Whether the comment with text `text` (between "<!--" and "-->") must stay.
  bool Keep(std::string_view text) const;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_REMOVE_COMMENTS_FILTER_H_
