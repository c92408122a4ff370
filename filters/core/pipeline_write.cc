// The pipeline's output half: the name checks and limits before anything is written, the write
// into the staging directory (files, precompressed siblings, kept original names, headers files),
// the manifest (manifest.cc), the swap into place, and the depfile.
#include "filters/core/pipeline.h"

#include <time.h>

#include <map>
#include <set>
#include <tuple>

#include "filters/core/worker_pool.h"
#include "filters/delivery/headers.h"
#include "filters/delivery/precompress.h"
#include "filters/delivery/vite_manifest.h"

namespace pagebake {

Status Pipeline::CheckOutputNames() {
  CostScope scope(meter_, "check-names", RowKind::kStage);
  std::map<std::string, const Resource*> seen;
  for (const Resource* r : site_->All()) {
    for (const std::string& out :
         {r->output_path, r->kept_name}) {
      if (out.empty()) continue;
      auto [it, inserted] = seen.emplace(out, r);
      if (!inserted)
        return Status::ContentError("two files would be written to '" + out + "': '" +
                                    it->second->path + "' and '" + r->path +
                                    "'; nothing was written");
    }
  }
  // Names pagebake itself writes into the output: a source file with one of them would be
  // silently replaced, so it is an error naming the file and what to do instead.
  std::vector<std::pair<std::string, std::string>> reserved = {
      {"pagebake-manifest.json", "rename it"}};
  for (const FilterInfo* f : selection_.enabled)
    if (f->id == "headers")
      for (const char* name : {"_headers", "nginx-pagebake.conf"})
        reserved.push_back({name, "rename it or disable the headers filter (--disable headers)"});
  if (options_.delivery.vite_manifest)
    reserved.push_back({delivery::kViteManifestPath, "rename it or drop --manifest-format vite"});
  uint64_t total = 0;  // kept original names are hard links: no bytes of their own
  for (const auto& [path, r] : seen)
    if (path == r->output_path) total += r->bytes.size();
  if (total > options_.max_output_bytes)
    return Status::ContentError("the output would be " + std::to_string(total) +
                                " bytes, more than max_output_bytes (" +
                                std::to_string(options_.max_output_bytes) +
                                "); nothing was written");
  for (const auto& [name, advice] : reserved) {
    auto it = seen.find(name);
    if (it != seen.end() && !it->second->generated)
      return Status::ContentError("the site has a file named " + name +
                                  ", which pagebake writes; " + advice + "; nothing was written");
  }
  return Status::OK();
}

Status Pipeline::WriteOutputs() {
  std::vector<Resource*> all = site_->All();
  {
    CostScope scope(meter_, "mkdir", RowKind::kStage);
    std::set<std::string> dirs{""};
    for (const Resource* r : all) {
      std::string d = DirName(r->output_path);
      while (!d.empty() && dirs.insert(d).second) d = DirName(d);
    }
    for (const std::string& d : dirs) {  // sorted: parents before children
      Status s = env_->CreateDirs(d.empty() ? loc_.staging : JoinPath(loc_.staging, d));
      if (!s.ok()) {
        (void)env_->RemoveAll(loc_.staging);
        return s;
      }
    }
    scope.SetFiles(dirs.size());
  }
  std::vector<Status> errors(all.size());
  progress_done_ = 0;
  progress_total_ = all.size();
  bool want_br = false, want_gz = false, want_headers = false;
  for (const FilterInfo* f : selection_.enabled) {
    want_br |= f->id == "precompress-br";
    want_gz |= f->id == "precompress-gzip";
    want_headers |= f->id == "headers";
  }
  timespec now_ts;
  ::clock_gettime(CLOCK_REALTIME, &now_ts);
  // Rewritten files share one mtime (the build's), so a file and its siblings always agree.
  const int64_t build_mtime = int64_t(now_ts.tv_sec) * 1000000000 + now_ts.tv_nsec;
  std::vector<std::vector<std::string>> siblings(all.size());
  pool_->ParallelFor(all.size(), [&](size_t i, int) {
    errors[i] = WriteResource(*all[i], want_br, want_gz, build_mtime, &siblings[i]);
    if (errors[i].ok()) errors[i] = LinkOriginalName(*all[i], &siblings[i]);
  }, [&] { Progress("write"); });
  for (auto& v : siblings)
    for (auto& p : v) written_.insert(p);
  if (want_headers) {
    CostScope scope(meter_, "headers", RowKind::kFilter);
    for (auto& [path, text] : delivery::HeaderFiles(*site_, options_)) {
      Status hs = env_->WriteFile(JoinPath(loc_.staging, path), text, build_mtime);
      if (!hs.ok()) {
        (void)env_->RemoveAll(loc_.staging);
        return hs;
      }
      written_.insert(path);
    }
  }
  for (const Status& s : errors) {
    if (!s.ok()) {
      (void)env_->RemoveAll(loc_.staging);
      return s;
    }
  }
  for (const Resource* r : all) written_.insert(r->output_path);
  Status s = WriteManifest();
  if (s.ok() && options_.delivery.vite_manifest) {
    CostScope scope(meter_, "manifest", RowKind::kStage);
    s = env_->CreateDirs(JoinPath(loc_.staging, ".vite"));
    if (s.ok())
      s = env_->WriteFile(JoinPath(loc_.staging, delivery::kViteManifestPath),
                          delivery::ViteManifest(*site_), 0);
    written_.insert(delivery::kViteManifestPath);
  }
  if (s.ok()) {
    CostScope scope(meter_, "commit", RowKind::kStage);
    // A file that could not be read this time keeps its previous output: no --clean then.
    s = CommitStaging(env_, loc_, written_, options_.clean && deferred_error_.ok());
  }
  if (!s.ok()) (void)env_->RemoveAll(loc_.staging);
  return s;
}

// One output file into the staging directory (copies keep their source mtime), then its
// precompressed siblings when wanted; the siblings' names go to `siblings`.
Status Pipeline::WriteResource(Resource& r, bool want_br, bool want_gz, int64_t build_mtime,
                               std::vector<std::string>* siblings) {
  const bool copy = !r.modified && !r.generated;
  const int64_t mtime = copy && r.mtime_ns > 0 ? r.mtime_ns : build_mtime;
  {
    CostScope scope(meter_, copy ? "copy" : "write", RowKind::kStage, r.output_path);
    scope.AddBytes(0, r.bytes.size());
    PAGEBAKE_RETURN_IF_ERROR(env_->WriteFile(JoinPath(loc_.staging, r.output_path), r.bytes, mtime));
  }
  if (!(want_br || want_gz) ||
      !delivery::WantsPrecompression(options_.delivery, r.type, r.output_path, r.bytes.size()))
    return Status::OK();
  std::string br, gz;
  delivery::PrecompressStats stats;
  {
    CostScope scope(meter_, want_br ? "precompress-br" : "precompress-gzip", RowKind::kFilter,
                    r.output_path);
    PAGEBAKE_RETURN_IF_ERROR(delivery::Precompress(options_.delivery, want_br, want_gz, r.bytes,
                                                   r.type, &br, &gz, &stats, env_, meter_));
    scope.AddBytes(r.bytes.size(), br.empty() ? (gz.empty() ? r.bytes.size() : gz.size()) : br.size());
  }
  CostScope scope(meter_, "write", RowKind::kStage, r.output_path);
  for (auto& [ext, bytes, size] : {std::tuple{".br", &br, &r.br_bytes},
                                   std::tuple{".gz", &gz, &r.gzip_bytes}}) {
    if (bytes->empty()) continue;
    *size = bytes->size();
    PAGEBAKE_RETURN_IF_ERROR(env_->WriteFile(JoinPath(loc_.staging, r.output_path + ext), *bytes, mtime));
    siblings->push_back(r.output_path + ext);
  }
  return Status::OK();
}

// cache-extend's kept original name (Resource::kept_name): hard links in the staging
// directory to the hashed file and its siblings, recorded in `written`.
Status Pipeline::LinkOriginalName(const Resource& r, std::vector<std::string>* written) {
  if (r.kept_name.empty()) return Status::OK();
  const std::string& kept = r.kept_name;
  std::vector<std::pair<std::string, std::string>> links = {{r.output_path, kept}};
  for (const std::string& s : *written)  // its siblings: x.<hash>.css.br ...
    links.push_back({s, kept + s.substr(r.output_path.size())});
  for (auto& [from, to] : links) {
    PAGEBAKE_RETURN_IF_ERROR(env_->Link(JoinPath(loc_.staging, from), JoinPath(loc_.staging, to)));
    written->push_back(to);
  }
  return Status::OK();
}

Status Pipeline::WriteDepfile() {
  CostScope scope(meter_, "depfile", RowKind::kStage);
  std::string target = options_.depfile_target.empty()
                           ? JoinPath(loc_.output, "pagebake-manifest.json")
                           : options_.depfile_target;
  std::vector<std::string> deps;
  for (const std::string& d : files_read_) {
    // A newline cannot be written in a Makefile-style depfile: leave such a name out, loudly.
    if (d.find('\n') != std::string::npos || d.find('\r') != std::string::npos) {
      diagnostics_.Add({Severity::kWarning, "", 0, 0, "depfile",
                        "a file name with a line break cannot be listed in the depfile; "
                        "changes to it will not trigger a rebuild"});
      continue;
    }
    deps.push_back(d);
  }
  for (const std::string& d : dirs_listed_)
    if (d.find('\n') == std::string::npos && d.find('\r') == std::string::npos) deps.push_back(d);
  std::sort(deps.begin(), deps.end());
  return env_->WriteFile(options_.depfile, DepfileContents(target, deps), 0);
}

}  // namespace pagebake
