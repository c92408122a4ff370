// The filter interface. A filter rewrites one kind of content in one pass and is measured in
// its own cost scope. Filters do only content work: IO, ordering, naming, threads and metering
// belong to the pipeline (filters/core/pipeline.cc).
//
// Three ways in, a filter overrides the ones it needs and says so in capabilities():
//  - RewriteResource: the whole bytes of an external resource of a type it handles (css, js,
//    png, ...). Bytes in, bytes out.
//  - RewriteInline: a fragment embedded in HTML (<style> text, style="" value, <script> text).
//    The HTML layer finds the fragments and hands each one over; the filter needs no HTML.
//  - RewriteHtml: a pass over the page's light tree (filters/html/document.h).
//  - PlanSite: once per build, after every page is parsed and before any resource is rewritten,
//    on one thread: decisions that need every page at once (img-resize: the largest size any
//    page renders an image at). It may add generated resources (Site::AddGenerated); they are
//    rewritten with their level like any other.
// Content problems are not failures: report them with ctx.ContentError(...) (file:line:col),
// leave the bytes as they were, return OK. A non-OK Status is an internal/IO failure.
// The pipeline keeps the input whenever a text result is larger than it (counted as fallback).
#ifndef PAGEBAKE_CORE_FILTER_H_
#define PAGEBAKE_CORE_FILTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "filters/core/content_type.h"
#include "filters/core/deadline.h"
#include "filters/core/diagnostics.h"
#include "filters/text/source_map.h"
#include "pagebake/options.h"
#include "pagebake/status.h"

namespace pagebake {

namespace html {
class Document;
}
class Site;
struct Resource;
struct FilterInfo;

enum class InlineKind {
  kStyleSheet,      // text of <style>
  kStyleAttribute,  // value of style="" (declarations only, no braces)
  kClassicScript,   // text of <script> without type, or a JS MIME type
  kModuleScript,    // <script type=module>
  kJsonScript,      // <script type=application/json|application/ld+json|importmap>
};

enum Capability : unsigned {
  kRewritesResource = 1u << 0,
  kRewritesInline = 1u << 1,
  kRewritesHtml = 1u << 2,
  // The output may be larger than the input by design (inlining): the pipeline's never-larger
  // check does not apply to this filter's resource and inline rewrites.
  kMayGrow = 1u << 3,
  // PlanSite is called once per build (see above).
  kPlansSite = 1u << 4,
};

// The parsed pages of the site, in path order (pages too large to parse are not in it).
struct SitePage {
  const Resource* resource;
  const html::Document* doc;
};
using SitePages = std::vector<SitePage>;

// Per-invocation counters the filter bumps; the pipeline adds them to the filter's report row.
struct FilterCounters {
  uint64_t rewrites = 0;   // things changed
  uint64_t fallbacks = 0;  // things it could not handle and left as they were
};

// What a filter sees while it runs. One per invocation; not shared between threads.
class FilterContext {
 public:
  FilterContext(const Options& options, Site* site, const Resource* resource,
                DiagnosticSink* diagnostics, std::string_view filter_id)
      : options_(options), site_(site), resource_(resource), diagnostics_(diagnostics),
        filter_id_(filter_id) {}

  const Options& options() const { return options_; }
  // The site graph: other resources, URL resolution, generated files. May be null in unit
  // tests of pure byte rewrites.
  Site* site() const { return site_; }
  // The resource being rewritten (for inline fragments and HTML passes: the page). May be null
  // in unit tests.
  const Resource* resource() const { return resource_; }
  std::string_view filter_id() const { return filter_id_; }
  // For inline fragments: where the fragment starts in the page (1-based), so positions inside
  // it can be reported as page positions. 0/0 for whole resources.
  int base_line = 0;
  int base_col = 0;
  // The file's time budget (Options::max_file_seconds). Loops that may run long inside one
  // pass poll it and stop early; the pipeline then copies the file unchanged.
  Deadline deadline;

  // A content problem at line:col of the current resource (positions relative to the text the
  // filter was given; the context adds base_line/base_col). Counts a fallback.
  void ContentError(int line, int col, std::string message);
  void Warning(int line, int col, std::string message);
  void Note(std::string message);

  FilterCounters& counters() { return counters_; }
  // Bytes read by this filter from other resources (inlining), for the report.
  uint64_t extra_bytes_read = 0;
  // A RewriteResource that changes the format (gif -> png) sets the new extension here (".png")
  // and the new type; the pipeline renames the output and rewrites references to it.
  std::string new_extension;
  ContentType new_type = ContentType::kOther;
  // HTTP headers a filter learned for this resource (html-convert-meta-tags records
  // <meta http-equiv> here); the pipeline keeps them on the Resource for the headers files.
  std::vector<std::pair<std::string, std::string>> http_headers;
  // A RewriteResource that wrote a source map for its output sets it here; the pipeline keeps
  // it on the Resource (Resource::source_map) when it keeps the output.
  std::shared_ptr<text::AttachedSourceMap> source_map;

 private:
  void Add(Severity s, int line, int col, std::string message);
  const Options& options_;
  Site* site_;
  const Resource* resource_;
  DiagnosticSink* diagnostics_;
  std::string_view filter_id_;
  FilterCounters counters_;
};

class Filter {
 public:
  virtual ~Filter() = default;
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  const FilterInfo& info() const { return *info_; }
  std::string_view id() const;
  virtual unsigned capabilities() const = 0;
  // Which external resource types RewriteResource accepts.
  virtual bool HandlesResource(ContentType) const { return false; }
  // Which inline kinds RewriteInline accepts.
  virtual bool HandlesInline(InlineKind) const { return false; }
  // Reset per-document state here if the filter keeps any (filters are reused across files, but
  // never used by two threads at once).
  virtual Status RewriteResource(FilterContext& ctx, std::string& bytes);
  virtual Status RewriteInline(FilterContext& ctx, InlineKind kind, std::string& text);
  virtual Status RewriteHtml(FilterContext& ctx, html::Document& doc);
  // ctx.resource() is null here; ctx.site() is the whole site (sources read, nothing rewritten).
  virtual Status PlanSite(FilterContext& ctx, const SitePages& pages);

 protected:
  explicit Filter(const FilterInfo* info) : info_(info) {}

 private:
  const FilterInfo* info_;
};

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_FILTER_H_
