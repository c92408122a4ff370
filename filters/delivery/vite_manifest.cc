#include "filters/delivery/vite_manifest.h"

#include <set>

#include <nlohmann/json.hpp>

namespace pagebake::delivery {
namespace {

std::string Key(const Resource& r) {
  if (!r.generated) return r.path;
  size_t slash = r.output_path.find_last_of('/');
  return "_" + (slash == std::string::npos ? r.output_path : r.output_path.substr(slash + 1));
}

std::string StemOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = file.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? file : file.substr(0, dot);
}

}  // namespace

std::string ViteManifest(const Site& site) {
  using nlohmann::ordered_json;
  ordered_json j = ordered_json::object();
  for (const Resource* r : site.All()) {
    ordered_json e;
    e["file"] = r->output_path;
    if (!r->generated) e["src"] = r->path;
    if (r->type == ContentType::kJs || r->type == ContentType::kCss) e["name"] = StemOf(r->path);
    if (r->entry_point) e["isEntry"] = true;
    // What it loads, in reference order, each once; links to other pages are navigation.
    std::vector<std::string> css, imports, assets;
    std::set<const Resource*> seen;
    for (const Reference& ref : r->references) {
      if (ref.kind == RefKind::kLink || ref.kind == RefKind::kFrame) continue;
      const Resource* t = site.Find(ref.path);
      if (!t || t == r || !seen.insert(t).second) continue;
      if (t->type == ContentType::kCss) css.push_back(t->output_path);
      else if (t->type == ContentType::kJs) imports.push_back(Key(*t));
      else assets.push_back(t->output_path);
    }
    if (!css.empty()) e["css"] = css;
    if (!imports.empty()) e["imports"] = imports;
    if (!assets.empty()) e["assets"] = assets;
    j[Key(*r)] = std::move(e);
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace pagebake::delivery
