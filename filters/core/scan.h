// Site scan: an iterative walk of the source root (no recursion, so depth is no risk). Symlinks
// that stay inside the root are followed once — a directory reached twice (same dev/inode) is a
// loop, reported and not entered again; links that leave the root are refused with a warning.
// Hidden names are skipped unless asked. The result is sorted by path: deterministic.
#ifndef PAGEBAKE_CORE_SCAN_H_
#define PAGEBAKE_CORE_SCAN_H_

#include <string>
#include <vector>

#include "filters/core/diagnostics.h"
#include "filters/core/env.h"

namespace pagebake {

struct ScanOptions {
  bool skip_hidden = true;
  uint64_t max_files = 1'000'000;
  // Absolute real paths never to descend into (the output directory, when the caller knows it).
  std::vector<std::string> exclude;
};

struct ScannedFile {
  std::string path;      // root-relative
  std::string abs_path;  // as reached (may go through a symlink inside the root)
  FileInfo info;         // of the target (symlinks followed)
};

// `root` must be a real path (no symlinks, absolute).
// `dirs_listed` (optional): absolute paths of every directory listed — a build system that
// depends on them reruns when a file is added or removed.
Status ScanSite(Env* env, const std::string& root, const ScanOptions& options,
                std::vector<ScannedFile>* out, DiagnosticSink* diagnostics,
                std::vector<std::string>* dirs_listed = nullptr);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_SCAN_H_
