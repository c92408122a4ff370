#include "filters/delivery/sri_filter.h"

#include <set>
#include <string>
#include <vector>

#include "filters/core/hash.h"
#include "filters/core/site.h"
#include "filters/html/document.h"
#include "filters/text/position.h"

namespace pagebake::delivery {
namespace {

using html::Document;
using html::kNoNode;
using html::NodeId;
using html::Tag;


// True when the space-separated token list `list` holds `token` (ASCII case-insensitive), as
// the DOM reads rel="...".
bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && text::IsAsciiSpace(list[i])) ++i;
    size_t b = i;
    while (i < list.size() && !text::IsAsciiSpace(list[i])) ++i;
    if (i > b && text::EqualsIgnoreCase(list.substr(b, i - b), token)) return true;
  }
  return false;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && text::IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && text::IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

enum class Role { kNone, kConsumer, kModulePreload, kPreload };

struct Candidate {
  NodeId id;
  const char* attr;  // "src" or "href"
  Role role;
};

// What the element loads and how, by the rules in the header.
Candidate Classify(const Document& doc, NodeId id) {
  if (doc.node(id).flags & html::kIgnoredTag) return {id, nullptr, Role::kNone};
  if (doc.IsHtml(id, Tag::kScript) && doc.FindAttr(id, "src") >= 0)
    return {id, "src", Role::kConsumer};
  if (!doc.IsHtml(id, Tag::kLink) || doc.FindAttr(id, "href") < 0)
    return {id, nullptr, Role::kNone};
  std::string rel = doc.AttrValue(id, "rel").value_or("");
  if (HasToken(rel, "stylesheet")) return {id, "href", Role::kConsumer};
  if (HasToken(rel, "modulepreload")) return {id, "href", Role::kModulePreload};
  if (HasToken(rel, "preload")) {
    std::string as(TrimSpace(doc.AttrValue(id, "as").value_or("")));
    if (text::EqualsIgnoreCase(as, "script") || text::EqualsIgnoreCase(as, "style"))
      return {id, "href", Role::kPreload};
  }
  return {id, nullptr, Role::kNone};
}

}  // namespace

Status SriFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  Site* site = ctx.site();
  const Resource* page = ctx.resource();
  if (!site || !page) return Status::OK();

  // <base href> changes what relative URLs mean, as in the graph stage.
  Resource base_doc;
  base_doc.path = page->path;
  bool external_base = false;
  if (auto b = html::BaseHref(doc)) {
    ResolvedUrl u = site->Resolve(*page, *b);
    if (u.kind == UrlKind::kLocal)
      base_doc.path = u.directory ? (u.path.empty() ? "" : u.path + "/") + "index.html" : u.path;
    else if (u.kind == UrlKind::kExternal)
      external_base = true;
  }

  // The target of `url`, and whether it is served from another origin (a configured CDN).
  auto target_of = [&](std::string_view url, bool* cross_origin) -> const Resource* {
    *cross_origin = false;
    for (const std::string& prefix : options_.sri_own_origins) {
      if (prefix.empty() || url.size() <= prefix.size() ||
          !text::EqualsIgnoreCase(url.substr(0, prefix.size()), prefix))
        continue;
      std::string rest(url.substr(prefix.size()));
      if (rest.front() != '/') rest.insert(rest.begin(), '/');
      Resource root;
      ResolvedUrl u = site->Resolve(root, rest);
      if (u.kind != UrlKind::kLocal) return nullptr;
      *cross_origin = true;
      return site->Find(u.path);
    }
    std::string_view t = TrimSpace(url);
    if (external_base && !(t.size() > 1 && t[0] == '/' && t[1] != '/')) return nullptr;
    ResolvedUrl u = site->Resolve(external_base ? *page : base_doc, url);
    if (u.kind != UrlKind::kLocal) return nullptr;
    return site->Find(u.path);
  };

  std::vector<Candidate> found;
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (!doc.IsElement(id)) continue;
    Candidate c = Classify(doc, id);
    if (c.role != Role::kNone) found.push_back(c);
  }
  // Files the page loads by elements that carry integrity: a preload of one of them is reused.
  std::set<const Resource*> consumed;
  std::vector<const Resource*> targets(found.size());
  std::vector<bool> cross(found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    auto url = doc.AttrValue(found[i].id, found[i].attr);
    bool x = false;
    targets[i] = url ? target_of(*url, &x) : nullptr;
    cross[i] = x;
    if (targets[i] && found[i].role == Role::kConsumer) consumed.insert(targets[i]);
  }
  for (size_t i = 0; i < found.size(); ++i) {
    const Resource* t = targets[i];
    if (!t) continue;
    if (found[i].role == Role::kPreload && !consumed.count(t)) continue;
    NodeId id = found[i].id;
    std::string sri = SriSha384(t->bytes);
    bool changed = false;
    if (doc.AttrValue(id, "integrity").value_or("") != sri) {
      doc.SetAttr(id, "integrity", sri);
      changed = true;
    }
    if (cross[i] && doc.FindAttr(id, "crossorigin") < 0) {
      doc.SetAttr(id, "crossorigin", "anonymous");
      changed = true;
    }
    if (changed) ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::delivery
