// js-minify: removes comments and whitespace from external scripts (.js, .mjs, .cjs), JSON
// files, and inline <script> text (classic, module, and JSON script types), and spells
// literals and object properties shorter where the meaning provably stays (js_minifier.h);
// no renaming. It is
// unsafe only for code that reads its own source text (Function.prototype.toString used as
// data, e.g. AngularJS 1 implicit injection by parameter names keeps working since names are
// kept, but code that parses comments out of function bodies does not). Inline output never
// contains `</script` nor leaves the HTML parser in a state where the real end tag is missed:
// if it would, the script is kept as it was. A script the tokenizer cannot read (unterminated
// string, template, regex or comment) is kept unchanged and reported with line:col.
// With JsOptions.source_maps, external scripts get a v3 source map beside them (`app.js.map`,
// original text embedded) and a `//# sourceMappingURL=` comment that replaces any the input
// had. Id js-minify, risk low, levels core and bandwidth.
#ifndef PAGEBAKE_JS_JS_MINIFY_FILTER_H_
#define PAGEBAKE_JS_JS_MINIFY_FILTER_H_

#include <string>

#include "filters/core/filter.h"
#include "filters/js/js_minifier.h"
#include "pagebake/js_options.h"

namespace pagebake::js {

class JsMinifyFilter : public Filter {
 public:
  JsMinifyFilter(const FilterInfo* info, const JsOptions& options);

  unsigned capabilities() const override { return kRewritesResource | kRewritesInline; }
  bool HandlesResource(ContentType t) const override;
  bool HandlesInline(InlineKind k) const override;
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
  Status RewriteInline(FilterContext& ctx, InlineKind kind, std::string& text) override;

 private:
  // Runs the minifier chosen by the caller; reports content errors through ctx.
  Status Apply(FilterContext& ctx, const Status& s, const std::vector<JsIssue>& issues,
               std::string& bytes, std::string& out);

  // External scripts when JsOptions.source_maps is on (and a site graph is there).
  Status RewriteWithSourceMap(FilterContext& ctx, JsMinifyOptions o, std::string& bytes);

  JsOptions options_;
};

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_MINIFY_FILTER_H_
