#include "filters/html/insert_dns_prefetch_filter.h"

#include <set>
#include <string>
#include <vector>

namespace pagebake::html {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = text::AsciiLower(c);
  return out;
}

// "https://a.b" and "//a.b" name the same host for hinting purposes.
std::string HostKey(std::string_view origin) {
  std::string o = Lower(origin);
  size_t p = o.find("//");
  return p == std::string::npos ? o : o.substr(p + 2);
}

}  // namespace

Status InsertDnsPrefetchFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  if (options().dns_prefetch_max <= 0) return Status::OK();
  NodeId head = HeadOf(doc);
  if (head == kNoNode) return Status::OK();
  std::set<std::string> skip;
  if (!options().base_url.empty()) skip.insert(HostKey(UrlOrigin(options().base_url)));
  // Origins already hinted by the page.
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (!doc.IsHtml(id, Tag::kLink)) continue;
    std::optional<std::string> rel = doc.AttrValue(id, "rel");
    std::optional<std::string> href = doc.AttrValue(id, "href");
    if (!rel || !href) continue;
    std::string r = Lower(*rel);
    if (r.find("dns-prefetch") != std::string::npos || r.find("preconnect") != std::string::npos)
      skip.insert(HostKey(UrlOrigin(*href)));
  }
  std::vector<std::string> origins;
  std::set<std::string> seen;
  for (const UrlRef& ref : CollectUrls(doc)) {
    if (ref.kind == RefKind::kLink || ref.is_base) continue;
    std::string_view origin = UrlOrigin(ref.url);
    if (origin.empty()) continue;
    std::string key = HostKey(origin);
    if (skip.count(key) || !seen.insert(key).second) continue;
    std::string o(origin);
    if (o.starts_with("//")) o = "https:" + o;
    origins.push_back(o);
    if (static_cast<int>(origins.size()) >= options().dns_prefetch_max) break;
  }
  if (origins.empty()) return Status::OK();
  NodeId before = HeadInsertionPoint(doc, head);
  for (const std::string& o : origins) {
    doc.InsertBefore(head, CreateLink(doc, "preconnect", o), before);
    doc.InsertBefore(head, CreateLink(doc, "dns-prefetch", o), before);
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::html
