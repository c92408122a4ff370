#include "filters/core/site.h"

#include <algorithm>

namespace pagebake {

Site::Site(std::string source_root, std::string site_origin)
    : source_root_(std::move(source_root)), site_origin_(std::move(site_origin)) {}

Resource* Site::Add(Resource r) {
  std::lock_guard<std::mutex> lock(mu_);
  if (r.output_path.empty()) r.output_path = r.path;
  storage_.push_back(std::move(r));
  Resource* p = &storage_.back();
  by_path_[p->path] = p;
  by_output_.reset();
  return p;
}

Resource* Site::AddGeneratedLocked(std::string path, ContentType type, std::string bytes,
                                   std::vector<std::string> sources) {
  Resource r;
  r.path = path;
  r.output_path = std::move(path);
  r.type = type;
  r.bytes = std::move(bytes);
  r.generated = true;
  r.modified = true;
  r.sources = std::move(sources);
  storage_.push_back(std::move(r));
  Resource* p = &storage_.back();
  by_path_[p->path] = p;
  if (p->sources.size() == 1) by_source_.emplace(p->sources[0], p);
  if (by_output_) by_output_->emplace(p->output_path, p);
  return p;
}

Resource* Site::AddGenerated(std::string path, ContentType type, std::string bytes,
                             std::vector<std::string> sources) {
  std::lock_guard<std::mutex> lock(mu_);
  if (by_path_.count(path)) {
    size_t dot = path.find_last_of('.');
    size_t slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) dot = path.size();
    for (int n = 1;; ++n) {
      std::string candidate = path.substr(0, dot) + "." + std::to_string(n) + path.substr(dot);
      if (!by_path_.count(candidate)) {
        path = candidate;
        break;
      }
    }
  }
  return AddGeneratedLocked(std::move(path), type, std::move(bytes), std::move(sources));
}

Resource* Site::FindOrAddGenerated(std::string path, ContentType type, std::string bytes,
                                   std::vector<std::string> sources) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = by_path_.find(path); it != by_path_.end())
    return it->second->generated && it->second->bytes == bytes ? it->second : nullptr;
  return AddGeneratedLocked(std::move(path), type, std::move(bytes), std::move(sources));
}

Resource* Site::Find(std::string_view path) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : it->second;
}

const Resource* Site::Find(std::string_view path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : it->second;
}

const Resource* Site::FindByOutputPath(std::string_view output_path) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!by_output_) {
    by_output_.emplace();
    for (const Resource& r : storage_) by_output_->emplace(r.output_path, &r);
  }
  auto it = by_output_->find(output_path);
  return it == by_output_->end() ? nullptr : it->second;
}

void Site::OutputPathsChanged() {
  std::lock_guard<std::mutex> lock(mu_);
  by_output_.reset();
}

const Resource* Site::TargetOfOutputUrl(const Resource& from, std::string_view url) const {
  ResolvedUrl r = ResolveUrl(from.output_path.empty() ? from.path : from.output_path, url,
                             site_origin_);
  if (r.kind != UrlKind::kLocal) return nullptr;
  if (const Resource* t = FindByOutputPath(r.path)) return t;
  r = Resolve(from, url);
  return r.kind == UrlKind::kLocal ? Find(r.path) : nullptr;
}

std::vector<const Resource*> Site::VariantsOf(std::string_view source, ContentType type) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<const Resource*> v;
  auto [lo, hi] = by_source_.equal_range(source);
  for (auto it = lo; it != hi; ++it)
    if (it->second->type == type) v.push_back(it->second);
  std::sort(v.begin(), v.end(),
            [](const Resource* a, const Resource* b) { return a->path < b->path; });
  return v;
}

void Site::MarkServed(const Resource& r) const {
  std::lock_guard<std::mutex> lock(mu_);
  served_.insert(&r);
}

std::vector<std::string> Site::DropUnserved() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> dropped;
  std::set<const Resource*> gone;
  for (auto it = by_path_.begin(); it != by_path_.end();) {
    Resource* r = it->second;
    if (!r->generated || !r->needs_reference || served_.count(r)) {
      ++it;
      continue;
    }
    gone.insert(r);
    dropped.push_back(r->path);
    it = by_path_.erase(it);
  }
  // One pass over the source index, not one per dropped variant.
  if (!gone.empty())
    for (auto s = by_source_.begin(); s != by_source_.end();)
      s = gone.count(s->second) ? by_source_.erase(s) : std::next(s);
  return dropped;  // by_path_ order: sorted
}

std::vector<Resource*> Site::All() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Resource*> v;
  v.reserve(by_path_.size());
  for (auto& [k, r] : by_path_) v.push_back(r);
  return v;
}

std::vector<const Resource*> Site::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<const Resource*> v;
  v.reserve(by_path_.size());
  for (auto& [k, r] : by_path_) v.push_back(r);
  return v;
}

ResolvedUrl Site::Resolve(const Resource& from, std::string_view url) const {
  ResolvedUrl r = ResolveUrl(from.path, url, site_origin_);
  if (r.kind == UrlKind::kLocal && r.directory) {
    std::string index = r.path.empty() ? "index.html" : r.path + "/index.html";
    if (Find(index)) r.path = index;
  } else if (r.kind == UrlKind::kLocal && !Find(r.path)) {
    // "/docs" naming a directory with an index.html, as static servers serve it.
    std::string index = r.path + "/index.html";
    if (Find(index)) r.path = index;
  }
  return r;
}

Resource* Site::Target(const Resource& from, std::string_view url) {
  ResolvedUrl r = Resolve(from, url);
  if (r.kind != UrlKind::kLocal) return nullptr;
  return Find(r.path);
}

std::string Site::OutputUrl(const Resource& from, const Resource& target,
                            std::string_view suffix) const {
  std::string url = RelativeUrl(from.output_path, target.output_path);
  url += suffix;
  return url;
}

}  // namespace pagebake
