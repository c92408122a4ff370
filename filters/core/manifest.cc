// pagebake-manifest.json: the build graph later tools read (budgets, the CMake integration,
// deploy scripts): every output file with its source, size and type, and per page the
// resources it loads. Schema "pagebake-manifest/1"; fields are added, never renamed.
#include <nlohmann/json.hpp>

#include "filters/core/hash.h"
#include "filters/core/pipeline.h"

namespace pagebake {

Status Pipeline::WriteManifest() {
  CostScope scope(meter_, "manifest", RowKind::kStage);
  using nlohmann::ordered_json;
  ordered_json files = ordered_json::array();
  ordered_json pages = ordered_json::object();
  for (const Resource* r : site_->All()) {
    ordered_json f;
    f["path"] = r->output_path;
    f["source"] = r->generated ? ordered_json(nullptr) : ordered_json(r->path);
    if (!r->sources.empty()) f["sources"] = r->sources;
    f["bytes"] = r->bytes.size();
    f["source_bytes"] = r->source_bytes;
    // Sizes of the precompressed siblings written next to the file; null when there is none
    // (not a compressible type, under the size threshold, or it would not save enough).
    f["gzip_bytes"] = r->gzip_bytes ? ordered_json(*r->gzip_bytes) : ordered_json(nullptr);
    f["br_bytes"] = r->br_bytes ? ordered_json(*r->br_bytes) : ordered_json(nullptr);
    f["content_type"] = std::string(MimeType(r->type));
    f["hashed"] = r->output_path != r->path && cache_extend_;
    f["entry_point"] = r->entry_point;
    f["sri"] = SriSha384(r->bytes);
    // cache-extend also kept the file under its source name (same bytes, a hard link).
    if (!r->kept_name.empty()) f["also_at"] = r->kept_name;
    files.push_back(std::move(f));
    if (r->type == ContentType::kHtml) {
      ordered_json loads = ordered_json::array();
      std::set<std::string> seen;
      for (const Reference& ref : r->references) {
        const Resource* t = site_->Find(ref.path);
        if (!t || ref.kind == RefKind::kLink || ref.kind == RefKind::kFrame) continue;
        if (!seen.insert(t->output_path).second) continue;
        loads.push_back({{"path", t->output_path}, {"type", std::string(ContentTypeName(t->type))}});
      }
      pages[r->output_path] = std::move(loads);
    }
  }
  ordered_json j;
  j["schema"] = "pagebake-manifest/1";
  j["files"] = std::move(files);
  j["pages"] = std::move(pages);
  std::string text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  written_.insert("pagebake-manifest.json");
  return env_->WriteFile(JoinPath(loc_.staging, "pagebake-manifest.json"), text, 0);
}

}  // namespace pagebake
