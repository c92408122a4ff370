// Stylesheets the HTML-level CSS filters create (css-combine, css-outline): named by their
// content so that the output never depends on which thread rewrote which page first, and so
// that pages sharing the same sheets share one cacheable file.
#ifndef PAGEBAKE_CSS_CSS_GENERATED_H_
#define PAGEBAKE_CSS_CSS_GENERATED_H_

#include <string>
#include <string_view>
#include <vector>

#include "filters/core/site.h"

namespace pagebake::css {

// The generated sheet "<dir><prefix>.<hash10>.css" holding `bytes` (`dir` is "" or ends in
// '/'). Reused when an earlier page made the same file; nullptr when that name is taken by a
// different file (a source file with such a name), so the caller leaves the page alone.
const Resource* AddHashedSheet(Site* site, std::string_view dir, std::string_view prefix,
                               std::string bytes, std::vector<std::string> sources);

// `css` as written in `from` with every local URL pointing at its target's final output name
// (cache extension may have renamed it), written relative to `from`'s output path. Text
// moved out of a page needs this itself: the pipeline relinks pages and sheets, not files
// generated while pages are rewritten.
std::string RelinkCssUrls(Site* site, const Resource& from, std::string_view css);

// The directory part of a root-relative path, with its trailing '/' ("" at the root).
std::string DirOf(std::string_view path);

// The path a resource is written at (output_path, or path before naming).
inline const std::string& OutputPathOf(const Resource& r) {
  return r.output_path.empty() ? r.path : r.output_path;
}

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_GENERATED_H_
