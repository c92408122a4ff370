// css-rewrite-urls (risk: low; level core): rewrites the url() and @import targets of external
// sheets, <style> text and style="" values so that each local URL points at its target's final
// output name, written relative to where the referring file is written (renamed targets —
// cache extension, gif -> png — and moved or combined referrers stay correct). External,
// data: and fragment URLs are left alone; a local URL whose target does not exist is a warning
// naming its line:col, and stays as written. Works at the token level (css_urls.h), so a sheet
// with syntax errors still gets its URLs rewritten and nothing else changes. Unsafe only when a
// page's CSS is loaded from a different path than its file (a <base href>, a server rewrite).
#ifndef PAGEBAKE_CSS_CSS_REWRITE_URLS_FILTER_H_
#define PAGEBAKE_CSS_CSS_REWRITE_URLS_FILTER_H_

#include "filters/core/filter.h"

namespace pagebake::css {

class CssRewriteUrlsFilter : public Filter {
 public:
  explicit CssRewriteUrlsFilter(const FilterInfo* info) : Filter(info) {}

  unsigned capabilities() const override { return kRewritesResource | kRewritesInline; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kCss; }
  bool HandlesInline(InlineKind k) const override {
    return k == InlineKind::kStyleSheet || k == InlineKind::kStyleAttribute;
  }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
  Status RewriteInline(FilterContext& ctx, InlineKind kind, std::string& text) override;

 private:
  Status Rewrite(FilterContext& ctx, std::string& text);
};

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_REWRITE_URLS_FILTER_H_
