// css-inline (risk: low; level core): replaces <link rel=stylesheet href=x.css> by
// <style>…</style> holding the sheet, when the sheet is local and at most
// CssOptions.inline_max_bytes after the CSS filters ran (it is final by then: sheets are
// rewritten before pages). Saves a request on the critical path. The media attribute moves to
// the <style>; relative URLs inside the sheet are re-based to the page. Skipped: links with
// any attribute but rel/href/media/type=text/css (an id that scripts toggle, a title for style
// sets, disabled, nonce, integrity, event handlers), pages with a <base href>, and sheets
// containing "</style" (they would end the element). Unsafe under a Content-Security-Policy
// without 'unsafe-inline' for styles, and when the same sheet is shared by many pages (each
// page then carries its own copy instead of one cached file).
#ifndef PAGEBAKE_CSS_CSS_INLINE_FILTER_H_
#define PAGEBAKE_CSS_CSS_INLINE_FILTER_H_

#include "filters/core/filter.h"
#include "pagebake/css_options.h"

namespace pagebake::css {

class CssInlineFilter : public Filter {
 public:
  CssInlineFilter(const FilterInfo* info, const CssOptions& options)
      : Filter(info), options_(options) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;

 private:
  CssOptions options_;
};

// The sheet `target` (written at its output path) with its relative URLs re-based for a
// document written at `page_output_path`. Shared with the other filters that move CSS.
std::string RebaseCssUrls(const std::string& css, const std::string& from_output_path,
                          const std::string& to_output_path);

// True when `rel` (a link's rel attribute) lists "stylesheet" and not "alternate".
bool IsStylesheetRel(std::string_view rel);

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_INLINE_FILTER_H_
