#include "filters/core/scan.h"

#include <algorithm>
#include <set>
#include <utility>

namespace pagebake {
namespace {

bool Inside(const std::string& root, const std::string& p) {
  return p == root || (p.size() > root.size() && p.compare(0, root.size(), root) == 0 &&
                       p[root.size()] == '/');
}

void Warn(DiagnosticSink* d, const std::string& path, std::string msg) {
  if (!d) return;
  Diagnostic x;
  x.severity = Severity::kWarning;
  x.path = path;
  x.filter_id = "scan";
  x.message = std::move(msg);
  d->Add(std::move(x));
}

}  // namespace

Status ScanSite(Env* env, const std::string& root, const ScanOptions& options,
                std::vector<ScannedFile>* out, DiagnosticSink* diagnostics,
                std::vector<std::string>* dirs_listed) {
  out->clear();
  FileInfo root_info;
  PAGEBAKE_RETURN_IF_ERROR(env->Stat(root, &root_info, true));
  if (root_info.type != FileInfo::Type::kDirectory)
    return Status::InvalidArgument(root + " is not a directory");
  std::set<std::pair<uint64_t, uint64_t>> visited{{root_info.dev, root_info.ino}};
  // (absolute dir, root-relative dir)
  std::vector<std::pair<std::string, std::string>> stack{{root, ""}};
  while (!stack.empty()) {
    auto [dir, rel_dir] = std::move(stack.back());
    stack.pop_back();
    std::vector<DirEntry> entries;
    Status s = env->ListDir(dir, &entries);
    if (!s.ok()) {
      Warn(diagnostics, rel_dir, "cannot list directory: " + s.message());
      continue;
    }
    if (dirs_listed) dirs_listed->push_back(dir);
    // Push subdirectories in reverse so they are walked in name order (not required: the
    // result is sorted, but it keeps IO order stable).
    std::vector<std::pair<std::string, std::string>> subdirs;
    for (const DirEntry& e : entries) {
      if (options.skip_hidden && !e.name.empty() && e.name[0] == '.') continue;
      std::string abs = JoinPath(dir, e.name);
      std::string rel = rel_dir.empty() ? e.name : rel_dir + "/" + e.name;
      if (std::find(options.exclude.begin(), options.exclude.end(), abs) != options.exclude.end())
        continue;
      FileInfo info;
      bool is_link = e.type == FileInfo::Type::kSymlink;
      if (e.type == FileInfo::Type::kOther || is_link) {
        FileInfo l;
        if (!env->Stat(abs, &l, false).ok()) continue;
        is_link = l.type == FileInfo::Type::kSymlink;
      }
      if (is_link) {
        std::string real;
        Status rs = env->RealPath(abs, &real);
        if (!rs.ok()) {
          Warn(diagnostics, rel, "broken symlink, skipped");
          continue;
        }
        if (!Inside(root, real)) {
          Warn(diagnostics, rel, "symlink leaves the site root (" + real + "), skipped");
          continue;
        }
      }
      Status ss = env->Stat(abs, &info, true);
      if (!ss.ok()) {
        Warn(diagnostics, rel, "cannot stat: " + ss.message());
        continue;
      }
      if (info.type == FileInfo::Type::kDirectory) {
        if (!visited.insert({info.dev, info.ino}).second) {
          Warn(diagnostics, rel, "symlink loop (directory already visited), skipped");
          continue;
        }
        subdirs.push_back({abs, rel});
      } else if (info.type == FileInfo::Type::kFile) {
        if (out->size() >= options.max_files)
          return Status::LimitExceeded("more than " + std::to_string(options.max_files) +
                                       " files in the site (max_files)");
        out->push_back({rel, abs, info});
      } else {
        Warn(diagnostics, rel, "not a regular file or directory, skipped");
      }
    }
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(std::move(*it));
  }
  std::sort(out->begin(), out->end(),
            [](const ScannedFile& a, const ScannedFile& b) { return a.path < b.path; });
  return Status::OK();
}

}  // namespace pagebake
