// css-outline (risk: low; level all): an inline <style> of at least
// CssOptions.outline_min_bytes moves to an external file "style.<hash10>.css" beside the page
// (named by content, so pages with the same block share one cached file) and a
// <link rel=stylesheet> takes its place, keeping its media. The file sits in the page's
// directory, so relative URLs inside resolve as before. Only a plain <style> moves: no
// attributes but media and type=text/css (a nonce, title, scoped, blocking or id means CSP,
// style sets or scripts care about the element), not inside <template> or SVG, no @charset
// (it would start to decide the file's encoding), and not on pages with a <base href>. Costs a
// request on first view; pays off when the block repeats across pages. Unsafe under a
// Content-Security-Policy that allows inline styles but not the site's own origin.
#ifndef PAGEBAKE_CSS_CSS_OUTLINE_FILTER_H_
#define PAGEBAKE_CSS_CSS_OUTLINE_FILTER_H_

#include "filters/core/filter.h"
#include "pagebake/css_options.h"

namespace pagebake::css {

class CssOutlineFilter : public Filter {
 public:
  CssOutlineFilter(const FilterInfo* info, const CssOptions& options)
      : Filter(info), options_(options) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;

 private:
  CssOptions options_;
};

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_OUTLINE_FILTER_H_
