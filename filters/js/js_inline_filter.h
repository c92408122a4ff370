// js-inline: a small external script (<script src>, at most JsOptions.inline_max_bytes after
// the JS level minified it) is written into the page: one request less. Only when nothing
// observable changes: classic scripts (a module's imports would resolve against the page),
// no async/defer (inline scripts ignore them, so the execution order would change), no
// integrity (the check would be lost), no onload/onerror (they never fire for inline code),
// no other unknown attribute; never when the text could end the element (`</script`, or
// `<!--` + `<script` escapes) or reads its own element (`document.currentScript`); a script
// from another directory is inlined only when it names no URLs to load (fetch, import(),
// XMLHttpRequest, new URL, workers: they would resolve against the page instead). A trailing
// `//# sourceMappingURL=` comment is dropped (it would resolve against the page). Unsafe only
// for scripts that depend on being a separate resource in ways not listed (CSP with hashes,
// service-worker caching of that URL). Id js-inline, risk low, level core.
#ifndef PAGEBAKE_JS_JS_INLINE_FILTER_H_
#define PAGEBAKE_JS_JS_INLINE_FILTER_H_

#include <string>

#include "filters/core/filter.h"
#include "filters/html/document.h"
#include "pagebake/js_options.h"

namespace pagebake::js {

class JsInlineFilter : public Filter {
 public:
  JsInlineFilter(const FilterInfo* info, const JsOptions& options)
      : Filter(info), options_(options) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;

 private:
  // The text to inline for `script`, or false (with the reason counted) when it must stay.
  bool Inlinable(FilterContext& ctx, const html::Document& doc, html::NodeId script,
                 std::string* text) const;

  JsOptions options_;
};

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_INLINE_FILTER_H_
