#include "filters/css/css_rewrite_urls_filter.h"

#include "filters/core/site.h"
#include "filters/css/css_urls.h"

namespace pagebake::css {

Status CssRewriteUrlsFilter::Rewrite(FilterContext& ctx, std::string& text) {
  Site* site = ctx.site();
  const Resource* from = ctx.resource();
  if (!site || !from) return Status::OK();
  uint64_t changed = 0;
  std::string out;
  PAGEBAKE_RETURN_IF_ERROR(RewriteCssUrlsEx(
      text,
      [&](const CssUrl& u) -> std::optional<std::string> {
        ResolvedUrl r = site->Resolve(*from, u.url);
        // "dir/" naming dir/index.html is left as written.
        if (r.kind != UrlKind::kLocal || r.directory) return std::nullopt;
        const Resource* target = site->Find(r.path);
        if (!target) {
          ctx.Warning(u.line, u.col, "css: " + std::string(u.is_import ? "@import" : "url()") +
                                         " target not found: " + u.url);
          return std::nullopt;
        }
        std::string url = site->OutputUrl(*from, *target, r.suffix);
        if (url == u.url) return std::nullopt;
        ++changed;
        return url;
      },
      &out));
  if (changed == 0) return Status::OK();
  text = std::move(out);
  ctx.counters().rewrites += changed;
  return Status::OK();
}

Status CssRewriteUrlsFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  return Rewrite(ctx, bytes);
}

Status CssRewriteUrlsFilter::RewriteInline(FilterContext& ctx, InlineKind, std::string& text) {
  return Rewrite(ctx, text);
}

}  // namespace pagebake::css
