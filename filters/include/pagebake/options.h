// Options: everything that controls a build, one struct with a comment on every field
// (default, trade-off). The CLI and the config file fill it; the library only reads it.
#ifndef PAGEBAKE_OPTIONS_H_
#define PAGEBAKE_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pagebake/css_options.h"
#include "pagebake/delivery_options.h"
#include "pagebake/html_options.h"
#include "pagebake/image_options.h"
#include "pagebake/js_options.h"

namespace pagebake {

enum class Level { kPassthrough, kCore, kBandwidth, kAll };
enum class IoStrategy { kRead, kMmap };

// Per-path filter settings (config "paths": [{"match": "docs/*.html", "disable": [...]}]):
// the filters in `disable` do not run on files whose root-relative source path matches the glob
// (`*`/`?` within a segment, `**` across segments): page passes and inline fragments for HTML
// pages, whole-resource rewrites for the others. What `pagebake verify --bisect` writes.
struct PathRule {
  std::string match;
  std::vector<std::string> disable;
};

struct Options {
  std::string source_dir;  // the site root; nothing is ever written inside it
  std::string output_dir;  // must not be the source root, inside it, or contain it
  // Filter selection: the level's set, plus `enable`, minus `disable` (ids from the table).
  Level level = Level::kCore;
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  // Per-path exceptions to the selection above, in order; a file matching several rules gets the
  // union of their `disable` lists. Default none.
  std::vector<PathRule> paths;
  // Worker threads; 0 = number of cores. Output never depends on it.
  int jobs = 0;
  // How whole files are read: read(2) into a buffer, or mmap(2). The report shows the trade:
  // mmap saves read syscalls and pays page faults.
  IoStrategy io = IoStrategy::kRead;
  // Skip files and directories whose name starts with '.'. Default true.
  bool skip_hidden = true;
  // Remove files in output_dir that this build did not write. Default false.
  bool clean = false;
  // Fallbacks (content errors) make Build() report failure. Default false.
  bool strict = false;
  // Limits (hardening): files larger than max_file_bytes are copied unchanged; a site with more
  // than max_files files is refused.
  uint64_t max_file_bytes = 256ull << 20;
  uint64_t max_files = 1'000'000;
  // The whole output (files before precompressed siblings) may not exceed this; checked before
  // anything is written. Default 16 GiB: a runaway (say, an inlining loop) stops cleanly.
  uint64_t max_output_bytes = 16ull << 30;
  // Rewriting one file (every filter pass on it) may take at most this long; past it the file
  // is reported and copied unchanged, and the build goes on (Deadline). 0: no limit.
  double max_file_seconds = 60;
  // Write a Makefile-style depfile (absolute paths) listing every file read. Empty: none.
  std::string depfile;
  // The depfile's target (the path a build system declared as output). Empty: the manifest.
  std::string depfile_target;

  HtmlOptions html;
  CssOptions css;
  JsOptions js;
  ImageOptions image;
  DeliveryOptions delivery;
};

}  // namespace pagebake

#endif  // PAGEBAKE_OPTIONS_H_
