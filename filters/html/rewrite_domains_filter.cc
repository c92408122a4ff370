#include "filters/html/rewrite_domains_filter.h"

namespace pagebake::html {

std::optional<std::string> RewriteDomainsFilter::Map(std::string_view url) const {
  std::string_view origin = UrlOrigin(url);
  if (origin.empty()) return std::nullopt;
  for (const auto& [from, to] : options().rewrite_domains) {
    std::string_view f = from;
    while (!f.empty() && f.back() == '/') f.remove_suffix(1);
    if (!text::EqualsIgnoreCase(origin, f)) continue;
    std::string_view t = to;
    while (!t.empty() && t.back() == '/') t.remove_suffix(1);
    return std::string(t) + std::string(url.substr(origin.size()));
  }
  return std::nullopt;
}

Status RewriteDomainsFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  if (options().rewrite_domains.empty()) return Status::OK();
  RewriteUrls(doc, [&](std::string_view url, RefKind) -> std::optional<std::string> {
    std::optional<std::string> r = Map(url);
    if (r) ++ctx.counters().rewrites;
    return r;
  });
  return Status::OK();
}

}  // namespace pagebake::html
