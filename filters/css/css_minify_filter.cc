#include "filters/css/css_minify_filter.h"

#include <vector>

#include "filters/core/site.h"
#include "filters/css/css_minifier.h"
#include "filters/text/position.h"

namespace pagebake::css {
namespace {

bool ContainsEndStyle(std::string_view s) {
  for (size_t p = s.find("</"); p != std::string_view::npos; p = s.find("</", p + 1)) {
    if (text::StartsWithIgnoreCase(s.substr(p + 2), "style")) return true;
  }
  return false;
}

// Minifies `text`; reports problems; true when `out` differs from `text`.
Status Minify(FilterContext& ctx, const CssOptions& options, CssMinifyMode mode,
              const std::string& text, std::string* out) {
  CssMinifyOptions mo;
  mo.keep_important_comments = options.keep_important_comments;
  std::vector<CssIssue> issues;
  PAGEBAKE_RETURN_IF_ERROR(MinifyCss(text, mo, out, mode, &issues));
  for (const CssIssue& i : issues)
    ctx.ContentError(i.line, i.col, "css: " + i.message + " (kept as written)");
  return Status::OK();
}

}  // namespace

Status CssMinifyFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  std::string out;
  PAGEBAKE_RETURN_IF_ERROR(Minify(ctx, options_, CssMinifyMode::kStylesheet, bytes, &out));
  if (out.size() >= bytes.size()) return Status::OK();
  bytes = std::move(out);
  ++ctx.counters().rewrites;
  return Status::OK();
}

Status CssMinifyFilter::RewriteInline(FilterContext& ctx, InlineKind kind, std::string& text) {
  CssMinifyMode mode = kind == InlineKind::kStyleAttribute ? CssMinifyMode::kDeclarationList
                                                            : CssMinifyMode::kStylesheet;
  std::string out;
  PAGEBAKE_RETURN_IF_ERROR(Minify(ctx, options_, mode, text, &out));
  if (out.size() >= text.size()) return Status::OK();
  if (kind == InlineKind::kStyleSheet && ContainsEndStyle(out)) {
    // Joining tokens made "</style" (e.g. "< /style" in a value): the HTML parser would end
    // the element there. Keep the text as written.
    ++ctx.counters().fallbacks;
    return Status::OK();
  }
  text = std::move(out);
  ++ctx.counters().rewrites;
  return Status::OK();
}

}  // namespace pagebake::css
