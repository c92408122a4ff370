// css-minify (risk: low; levels core, bandwidth): minifies external stylesheets, <style> text
// and style="" values with MinifyCss (filters/css/css_minifier.h): comments, insignificant
// whitespace, last semicolons, empty rules, shorter numbers, zero lengths and colors. It never
// drops or reorders what it does not understand; a sheet it cannot parse safely (unbalanced
// blocks, bad strings) is kept as written and reported as a fallback with its line:col. It
// could be unsafe only where a browser's reading differs from CSS Syntax Level 3 (legacy
// hacks that rely on tokenizer bugs); those hacks are copied verbatim where recognised.
// Inline <style> output never contains "</style": the text is then kept as it was.
// With CssOptions.source_maps, external sheets get a v3 source map beside them (`app.css.map`,
// rules, declarations and tokens written as in the source mapped; sourcesContent embedded) and
// a sourceMappingURL comment; the pipeline keeps the map right when it renames url() targets.
#ifndef PAGEBAKE_CSS_CSS_MINIFY_FILTER_H_
#define PAGEBAKE_CSS_CSS_MINIFY_FILTER_H_

#include "filters/core/filter.h"
#include "pagebake/css_options.h"

namespace pagebake::css {

class CssMinifyFilter : public Filter {
 public:
  CssMinifyFilter(const FilterInfo* info, const CssOptions& options)
      : Filter(info), options_(options) {}

  unsigned capabilities() const override { return kRewritesResource | kRewritesInline; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kCss; }
  bool HandlesInline(InlineKind k) const override {
    return k == InlineKind::kStyleSheet || k == InlineKind::kStyleAttribute;
  }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
  Status RewriteInline(FilterContext& ctx, InlineKind kind, std::string& text) override;

 private:
  // External sheets when CssOptions.source_maps is on (and a site graph is there).
  Status RewriteWithSourceMap(FilterContext& ctx, std::string& bytes);
  CssOptions options_;
};

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_MINIFY_FILTER_H_
