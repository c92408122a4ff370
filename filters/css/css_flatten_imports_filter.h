// css-flatten-imports (risk: medium; level core): replaces the @import rules at the top of an
// external sheet by the imported local sheets' content, saving a request round trip each.
// "@import 'a.css' screen" becomes "@media screen{...}", "layer(x)" becomes "@layer x{...}",
// "supports(c)" becomes "@supports c{...}" (only one of the three per import; combinations are
// kept as @import). Relative URLs inside the imported sheet are re-based to the importing
// sheet. Imported sheets are read in their final form: the pipeline rewrites CSS leaves first
// along the @import graph, so a target is already minified and flattened when this runs.
// Only a trailing run of flattenable imports is inlined (kept @imports stay first, so the
// cascade order is unchanged); an import is not flattenable when it is external, missing,
// part of a cycle (reported), would exceed CssOptions.flatten_max_bytes, or its sheet holds
// @import/@namespace/a non-UTF-8 @charset. Unsafe when a sheet relies on being loaded as a
// separate file (CSSOM access to the imported sheet, different CSP or CORS rules).
#ifndef PAGEBAKE_CSS_CSS_FLATTEN_IMPORTS_FILTER_H_
#define PAGEBAKE_CSS_CSS_FLATTEN_IMPORTS_FILTER_H_

#include "filters/core/filter.h"
#include "pagebake/css_options.h"

namespace pagebake::css {

class CssFlattenImportsFilter : public Filter {
 public:
  CssFlattenImportsFilter(const FilterInfo* info, const CssOptions& options)
      : Filter(info), options_(options) {}

  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kCss; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;

 private:
  CssOptions options_;
};

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_FLATTEN_IMPORTS_FILTER_H_
