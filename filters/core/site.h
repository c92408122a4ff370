// The site graph: every file of the source root as a Resource keyed by its root-relative path,
// plus resources filters generate (combined files, outlined scripts, WebP variants), and the
// references between them. Threading: the pipeline rewrites one level at a time (images, JS,
// CSS, HTML); when a level runs, every resource of the levels before it is final and may be
// read by any thread. Adding generated resources and references is locked.
#ifndef PAGEBAKE_CORE_SITE_H_
#define PAGEBAKE_CORE_SITE_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "filters/core/content_type.h"
#include "filters/core/url.h"
#include "filters/text/source_map.h"

namespace pagebake {

enum class RefKind {
  kLink,        // generic href/src
  kStylesheet,  // <link rel=stylesheet>, @import
  kScript,      // <script src>
  kImage,       // <img src/srcset>, url() in CSS, poster, icons
  kFont,        // @font-face url()
  kFrame,       // iframe/frame
  kOther,
};

struct Reference {
  std::string url;   // as written
  std::string path;  // resolved root-relative target (kLocal only)
  RefKind kind = RefKind::kOther;
  int line = 0;
  int col = 0;
};

// What a resized image variant (img-resize, img-responsive) is to be made at, in pixels, and
// which filter planned it (that filter's RewriteResource does the resize).
struct ResizeTarget {
  uint32_t width = 0;
  uint32_t height = 0;
  std::string filter;
};

struct Resource {
  std::string path;         // root-relative, '/'-separated: "css/app.css"
  std::string source_path;  // absolute path of the source file; empty when generated
  ContentType type = ContentType::kOther;
  std::string bytes;        // current content; final once its level has been rewritten
  uint64_t source_bytes = 0;
  int64_t mtime_ns = 0;     // source mtime, preserved on copies
  // Where it is written, root-relative. Equals `path` unless cache-extend (or a conversion such
  // as gif -> png) renamed it.
  std::string output_path;
  // cache-extend also writes the file under this name (its source name; a hard link), set by the
  // naming stage when it renames (delivery::KeptOriginalName). Empty: no second name.
  std::string kept_name;
  bool generated = false;       // made by a filter, not read from the source
  bool entry_point = false;     // keeps its name (pages, robots.txt, ...)
  bool modified = false;        // some filter changed the bytes
  bool skipped = false;         // copied verbatim because of a limit or a read problem
  std::vector<std::string> sources;  // for generated resources: what they were made from
  std::vector<Reference> references; // outgoing, found by the graph stage
  // HTTP headers recorded by filters (html-convert-meta-tags), for the headers files.
  std::vector<std::pair<std::string, std::string>> http_headers;
  // Precompressed variants written beside it (sizes), filled by the write stage.
  std::optional<uint64_t> gzip_bytes, br_bytes;
  std::string sri;  // sha384-..., filled when the sri filter or the manifest needs it
  // Resized variants, set by PlanSite before any rewriting and read-only afterwards. On a
  // variant (generated, bytes = a copy of its source until resized): its target. On a source:
  // the paths of its variants, in the order they were planned.
  std::optional<ResizeTarget> resize;
  std::vector<std::string> variants;
  // A variant worth writing only when some output points at it (a WebP beside a JPEG, a resized
  // copy): set by the filter that made it. The pipeline drops those no filter served
  // (Site::MarkServed) after the page level, so the output holds no orphan variants.
  bool needs_reference = false;
  // The source map describing `bytes` when a minifier wrote one (css-minify --source-maps):
  // later byte edits by the pipeline (Relink) move its pairs and render its map resource again.
  std::shared_ptr<text::AttachedSourceMap> source_map;
};

class Site {
 public:
  Site(std::string source_root, std::string site_origin = {});
  Site(const Site&) = delete;

  const std::string& source_root() const { return source_root_; }

  // Adds a resource read from the source root. Not thread-safe (scan stage only).
  Resource* Add(Resource r);
  // Adds a resource made by a filter. Thread-safe. When `path` is taken the name gets a
  // numeric suffix ("a.1.css") — deterministic as long as callers add in a deterministic order.
  Resource* AddGenerated(std::string path, ContentType type, std::string bytes,
                         std::vector<std::string> sources);

  // For files named by their content ("combined.<hash>.css"): under one lock, returns the
  // resource already at `path` when it is a generated file with the same bytes, nullptr when
  // `path` holds a different file, and otherwise adds it. Two pages producing the same file on
  // two threads get the same resource, whatever the order.
  Resource* FindOrAddGenerated(std::string path, ContentType type, std::string bytes,
                               std::vector<std::string> sources);

  Resource* Find(std::string_view path);
  const Resource* Find(std::string_view path) const;
  // Generated resources of `type` made from `source` alone (a variant: a.jpg -> its WebP,
  // whatever name AddGenerated gave it), in path order. Thread-safe; an index, not a scan.
  std::vector<const Resource*> VariantsOf(std::string_view source, ContentType type) const;
  // A filter wrote a reference to `r` into some output. Thread-safe. Marking a variant that
  // ends up unused (a rewrite rolled back) only keeps a file; never marking a used one would
  // break a page, so callers mark whenever they hand out a URL.
  void MarkServed(const Resource& r) const;
  // Removes the generated resources with needs_reference that nobody marked served, returning
  // their paths (sorted). Not thread-safe with the rest (run between levels).
  std::vector<std::string> DropUnserved();
  // All resources in path order (deterministic).
  std::vector<Resource*> All();
  std::vector<const Resource*> All() const;

  // The resource written under `output_path` (its final name, e.g. a hashed "a.1f2e3d.css"),
  // nullptr if none. Thread-safe. The index is built on first use and dropped by
  // OutputPathsChanged, which whoever renames resources calls (the pipeline, between levels).
  const Resource* FindByOutputPath(std::string_view output_path) const;
  void OutputPathsChanged();
  // The resource a URL written for the output names: relative to `from`'s output path and
  // naming the target's output path, as css-rewrite-urls, cache-extend and the inliners write
  // them; a URL as authored (relative to `from`'s source path) is still found. nullptr for
  // external, missing or outside the root.
  const Resource* TargetOfOutputUrl(const Resource& from, std::string_view url) const;

  // Resolves `url` as written in `from`. For kLocal, also maps "dir/" to "dir/index.html" when
  // such a file exists.
  ResolvedUrl Resolve(const Resource& from, std::string_view url) const;
  // The resource `url` in `from` names, or nullptr (external, missing, outside the root).
  Resource* Target(const Resource& from, std::string_view url);
  // The URL to write in `from` for `target` in the output: relative to from's output path,
  // pointing at target's output path, keeping `suffix` (?query#fragment).
  std::string OutputUrl(const Resource& from, const Resource& target,
                        std::string_view suffix = {}) const;

 private:
  // Requires mu_ held; `path` must be free.
  Resource* AddGeneratedLocked(std::string path, ContentType type, std::string bytes,
                               std::vector<std::string> sources);

  std::string source_root_;
  std::string site_origin_;
  mutable std::mutex mu_;
  std::deque<Resource> storage_;  // stable addresses
  std::map<std::string, Resource*, std::less<>> by_path_;
  // Single-source generated resources by that source (VariantsOf).
  std::multimap<std::string, Resource*, std::less<>> by_source_;
  mutable std::set<const Resource*> served_;
  // By output path (FindByOutputPath), under mu_; nullopt until used or after a rename.
  mutable std::optional<std::map<std::string, const Resource*, std::less<>>> by_output_;
};

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_SITE_H_
