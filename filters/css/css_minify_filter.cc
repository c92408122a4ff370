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
              const std::string& text, std::string* out, text::SourceMapBuilder* map = nullptr) {
  CssMinifyOptions mo;
  mo.keep_important_comments = options.keep_important_comments;
  std::vector<CssIssue> issues;
  PAGEBAKE_RETURN_IF_ERROR(MinifyCssWithMap(text, mo, out, map, mode, &issues));
  for (const CssIssue& i : issues)
    ctx.ContentError(i.line, i.col, "css: " + i.message + " (kept as written)");
  return Status::OK();
}

}  // namespace

// The map is written beside the sheet (`app.css` -> `app.css.map`); the minifier drops the old
// sourceMappingURL comment with the other comments (it described the input). The pairs stay
// attached to the resource: the pipeline moves them when it points url()s at final names.
Status CssMinifyFilter::RewriteWithSourceMap(FilterContext& ctx, std::string& bytes) {
  const Resource* r = ctx.resource();
  auto attached = std::make_shared<text::AttachedSourceMap>();
  std::string out;
  PAGEBAKE_RETURN_IF_ERROR(
      Minify(ctx, options_, CssMinifyMode::kStylesheet, bytes, &out, &attached->pairs));
  // A sheet with problems comes back as written: the size check below keeps it.
  const std::string name = r->path.substr(r->path.find_last_of('/') + 1);
  // Pessimistic size check before adding the comment: it must still leave a win.
  const std::string_view kComment = "\n/*# sourceMappingURL=";
  if (out.size() + kComment.size() + name.size() + 16 >= bytes.size()) return Status::OK();
  attached->original = bytes;
  attached->file = name;
  attached->source_name = "pagebake:///" + r->path;
  std::string json = attached->pairs.Render(out, bytes, name, attached->source_name);
  Resource* m = ctx.site()->AddGenerated(r->path + ".map", ContentType::kSourceMap,
                                         std::move(json), {r->path});
  attached->map_path = m->path;
  out += kComment;
  out += ctx.site()->OutputUrl(*r, *m);
  out += " */";
  ctx.source_map = std::move(attached);
  bytes = std::move(out);
  ++ctx.counters().rewrites;
  return Status::OK();
}

Status CssMinifyFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  if (options_.source_maps && ctx.site() && ctx.resource())
    return RewriteWithSourceMap(ctx, bytes);
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
