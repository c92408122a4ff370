// css-inline-import-to-link (risk: low; level core): a <style> whose whole text is @import
// rules ("<style>@import url(a.css);</style>") becomes one <link rel=stylesheet> per import,
// which the browser's preload scanner sees early, and which the other link filters (combine,
// inline, cache extension) can then handle. An import's media list becomes the link's media
// attribute. Left alone: a <style> with attributes other than type=text/css (media, nonce, id
// ... carry meaning a link would not keep), any other rule or text in it, imports with layer()
// or supports() (a link has no equivalent), and <style> in SVG/MathML or <template>.
#ifndef PAGEBAKE_CSS_CSS_INLINE_IMPORT_TO_LINK_FILTER_H_
#define PAGEBAKE_CSS_CSS_INLINE_IMPORT_TO_LINK_FILTER_H_

#include "filters/core/filter.h"

namespace pagebake::css {

class CssInlineImportToLinkFilter : public Filter {
 public:
  explicit CssInlineImportToLinkFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;
};

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_INLINE_IMPORT_TO_LINK_FILTER_H_
