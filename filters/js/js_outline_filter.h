// js-outline: a large inline script (text of at least JsOptions.outline_min_bytes) moves to
// an external file beside the page (`index.html` -> `index.script0.js`), so it can be cached
// across pages. Classic and module scripts; never JSON/importmap or unknown types, never
// inside <template>, never a script with async or defer (ignored inline, they would take
// effect once external). Unsafe when the page's Content-Security-Policy allows inline scripts
// by hash or nonce but not the page's own origin, and for code that reads its own element's
// text. Id js-outline, risk low, level all.
#ifndef PAGEBAKE_JS_JS_OUTLINE_FILTER_H_
#define PAGEBAKE_JS_JS_OUTLINE_FILTER_H_

#include "filters/core/filter.h"
#include "filters/html/document.h"
#include "pagebake/js_options.h"

namespace pagebake::js {

class JsOutlineFilter : public Filter {
 public:
  JsOutlineFilter(const FilterInfo* info, const JsOptions& options)
      : Filter(info), options_(options) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;

 private:
  JsOptions options_;
};

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_OUTLINE_FILTER_H_
