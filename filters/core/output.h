// Where a build may write, and how it replaces the previous output.
//
// Safety: the output directory must not be the source root, inside it, or contain it (checked on
// real paths, so symlinks cannot sneak around it). Every output path is a normalized
// root-relative path joined under the output: nothing is written outside it.
//
// Atomicity: a build writes into a hidden sibling staging directory ("<parent>/.<name>.
// pagebake-staging-<pid>") and, only when everything succeeded, swaps it with the previous output
// in one renameat2(RENAME_EXCHANGE) — a server or a deploy never sees a half-updated site, and
// an interrupted or failed run leaves the previous output exactly as it was. Without --clean,
// files of the previous output that this build does not produce are carried over (hard links).
#ifndef PAGEBAKE_CORE_OUTPUT_H_
#define PAGEBAKE_CORE_OUTPUT_H_

#include <set>
#include <string>
#include <vector>

#include "filters/core/env.h"

namespace pagebake {

struct OutputLocation {
  std::string source_real;  // real path of the source root
  std::string output;       // absolute, normalized output directory
  std::string staging;      // the staging sibling for this run
};

Status CheckLocations(Env* env, const std::string& source_dir, const std::string& output_dir,
                      OutputLocation* out);

// Removes staging directories left by runs that died (their pid no longer exists).
void RemoveStaleStaging(Env* env, const OutputLocation& loc);

// Makes `loc.output` the new output: carries over old files not in `written` unless `clean`,
// then swaps. The old tree is removed afterwards.
Status CommitStaging(Env* env, const OutputLocation& loc, const std::set<std::string>& written,
                     bool clean);

// Makefile-style depfile: "<target>: <dep> <dep>..." with spaces, '#' and '$' escaped as Ninja
// and GCC read them ("\ ", "\#", "$$").
std::string DepfileContents(const std::string& target, const std::vector<std::string>& deps);
std::string EscapeDepfilePath(const std::string& path);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_OUTPUT_H_
