// js-combine: adjacent external classic scripts (<script src> elements with only whitespace
// between them, the same attributes apart from src, none of async/defer/type=module/nomodule/
// integrity/crossorigin/onload/onerror) become one file, by plain concatenation with
// "\n;\n" between members (never pagespeed's eval wrapper), at most
// JsOptions.combine_max_bytes per combination. The line break ends a trailing // comment and
// the semicolon ends a last statement, so members cannot run into each other. Members are
// left out when they cannot be tokenized, start with a "use strict" directive (in the middle
// of a file it would stop being one, and at the start it would make every later member
// strict), read document.currentScript, or carry a sourceMappingURL comment. Unsafe when a
// member throws at top level: the members after it in the same file no longer run (separate
// files would). The combined file is named after the page and the rank of the group
// (`index.html` -> `index.combined0.js`) so that the name does not depend on which thread
// rewrote which page first. Id js-combine, risk medium, level core.
#ifndef PAGEBAKE_JS_JS_COMBINE_FILTER_H_
#define PAGEBAKE_JS_JS_COMBINE_FILTER_H_

#include <vector>

#include "filters/core/filter.h"
#include "filters/html/document.h"
#include "pagebake/js_options.h"

namespace pagebake::js {

class JsCombineFilter : public Filter {
 public:
  JsCombineFilter(const FilterInfo* info, const JsOptions& options)
      : Filter(info), options_(options) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;

 private:
  // The target when `script` may join a combination, else nullptr.
  const Resource* Member(FilterContext& ctx, const html::Document& doc,
                         html::NodeId script) const;
  // Writes one combined file for `group` (>= 2 scripts) and rewrites the page.
  void Combine(FilterContext& ctx, html::Document& doc, const std::vector<html::NodeId>& group,
               const std::vector<const Resource*>& targets, int rank);

  JsOptions options_;
};

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_COMBINE_FILTER_H_
