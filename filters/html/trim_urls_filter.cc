#include "filters/html/trim_urls_filter.h"

#include <vector>

#include "filters/core/site.h"
#include "filters/html/char_ref.h"
#include "filters/html/url_attrs.h"

namespace pagebake::html {

std::optional<std::string> TrimUrlsFilter::Trim(std::string_view url, std::string_view base_url,
                                                std::string_view page_path) {
  std::string_view base_origin = UrlOrigin(base_url);
  if (base_origin.empty() || base_origin.starts_with("//")) return std::nullopt;
  std::string_view origin = UrlOrigin(url);
  if (origin.empty()) return std::nullopt;
  bool match;
  if (origin.starts_with("//")) {
    // Scheme-relative: compare hosts.
    std::string_view host = base_origin.substr(base_origin.find("//"));
    match = text::EqualsIgnoreCase(origin, host);
  } else {
    match = text::EqualsIgnoreCase(origin, base_origin);
  }
  if (!match) return std::nullopt;
  std::string rest(url.substr(origin.size()));
  if (rest.empty() || rest[0] != '/') rest.insert(rest.begin(), '/');
  if (rest.starts_with("//")) return std::nullopt;  // would read as scheme-relative
  // Same directory as the page: drop the directory too ("/a/b.png" on "a/p.html" -> "b.png").
  size_t slash = page_path.rfind('/');
  std::string dir = "/";
  if (slash != std::string_view::npos) dir.append(page_path.substr(0, slash + 1));
  if (!page_path.empty() && rest.size() > dir.size() && rest.starts_with(dir)) {
    std::string rel = rest.substr(dir.size());
    size_t first_end = rel.find_first_of("/?#");
    std::string_view first = std::string_view(rel).substr(0, first_end);
    // "a:b" would read as a scheme; "?x"/"#x" would mean the page itself.
    if (!rel.empty() && first.find(':') == std::string_view::npos && rel[0] != '?' &&
        rel[0] != '#')
      return rel;
  }
  return rest;
}

Status TrimUrlsFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  if (options().base_url.empty()) return Status::OK();
  if (BaseHref(doc)) return Status::OK();
  std::string page = ctx.resource() ? ctx.resource()->path : std::string();
  std::vector<UrlAttr> attrs;
  std::vector<std::pair<size_t, size_t>> spans;
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (doc.type(id) != NodeType::kElement || doc.node(id).attr_count == 0 ||
        doc.IsHtml(id, Tag::kMeta))
      continue;
    UrlAttrsOf(doc, id, &attrs);
    for (const UrlAttr& ua : attrs) {
      if (ua.is_base) continue;
      std::string value = DecodeAttrValue(doc.attributes(id)[ua.index].value);
      UrlSpans(value, ua.syntax, &spans);
      std::string out;
      size_t copied = 0;
      for (auto [b, e] : spans) {
        std::optional<std::string> t = Trim(std::string_view(value).substr(b, e - b),
                                            options().base_url, page);
        if (!t) continue;
        out.append(value, copied, b - copied);
        out += *t;
        copied = e;
      }
      if (copied == 0) continue;
      out.append(value, copied, std::string::npos);
      doc.SetAttrValue(id, ua.index, out);
      ++ctx.counters().rewrites;
    }
  }
  return Status::OK();
}

}  // namespace pagebake::html
