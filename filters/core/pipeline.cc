#include "filters/core/pipeline.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <thread>

#include "filters/budget/glob.h"
#include "filters/core/formats.h"
#include "filters/core/hash.h"
#include "filters/core/scan.h"
#include "filters/core/worker_pool.h"
#include "filters/delivery/cache_extend_filter.h"

namespace pagebake {
namespace {

bool IsTextType(ContentType t) {
  return t == ContentType::kHtml || t == ContentType::kCss || t == ContentType::kJs ||
         t == ContentType::kJson || t == ContentType::kSvg || t == ContentType::kXml;
}

std::string SwapExtension(const std::string& path, std::string_view ext) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) dot = path.size();
  return path.substr(0, dot) + std::string(ext);
}

// Per-path rules (Options::paths, written by `pagebake verify --bisect`): whether filter `id` is
// switched off for the file whose source path is `path`.
bool DisabledForPath(const Options& o, std::string_view path, std::string_view id) {
  for (const PathRule& rule : o.paths)
    if (std::find(rule.disable.begin(), rule.disable.end(), id) != rule.disable.end() &&
        budget::GlobMatch(rule.match, path))
      return true;
  return false;
}

}  // namespace

Pipeline::Pipeline(const Options& options, Env* env, CostMeter* meter)
    : options_(options), env_(env), meter_(meter) {}

Pipeline::~Pipeline() = default;

void Pipeline::Progress(std::string_view stage) {
  ++progress_done_;
  if (!hooks_ || !hooks_->progress) return;
  int64_t now = MonotonicNs();
  if (now - last_progress_ns_ < 100'000'000 && progress_done_ != progress_total_) return;
  last_progress_ns_ = now;
  hooks_->progress(progress_done_, progress_total_, stage);
}

void Pipeline::ForEach(const std::vector<Resource*>& items, std::string_view stage,
                       const std::function<void(Resource&, int)>& fn) {
  pool_->ParallelFor(
      items.size(), [&](size_t i, int worker) { fn(*items[i], worker); },
      [&] { Progress(stage); });
}

Status Pipeline::Run(BuildResult* result, const BuildHooks& hooks) {
  hooks_ = &hooks;
  CostScope scope(meter_, "pipeline", RowKind::kStage);
  Status s = Load();
  if (s.ok()) {
    BuildGraph();
    PlanSite();
    RewriteLevels();
    s = CheckOutputNames();
  }
  if (s.ok()) s = WriteOutputs();
  if (s.ok() && !options_.depfile.empty()) s = WriteDepfile();
  if (s.ok()) s = deferred_error_;

  Report& rep = result->report;
  rep.level = std::string(LevelName(options_.level));
  rep.jobs = pool_ ? pool_->size() : 0;
  rep.io = options_.io == IoStrategy::kMmap ? "mmap" : "read";
  rep.filters.clear();
  for (const FilterInfo* f : selection_.enabled) rep.filters.push_back(std::string(f->id));
  rep.outputs.clear();
  rep.files_in = rep.bytes_in = rep.bytes_out = 0;
  if (site_) {
    for (const Resource* r : site_->All()) {
      OutputFile o;
      o.path = r->output_path;
      o.source = r->generated ? "" : r->path;
      o.sources = r->sources;
      o.bytes = r->bytes.size();
      o.source_bytes = r->source_bytes;
      o.content_type = std::string(MimeType(r->type));
      o.entry_point = r->entry_point;
      o.gzip_bytes = r->gzip_bytes;
      o.br_bytes = r->br_bytes;
      if (r->type == ContentType::kHtml) {
        std::set<std::string> loads;
        for (const Reference& ref : r->references) {
          if (ref.kind == RefKind::kLink || ref.kind == RefKind::kFrame) continue;
          if (const Resource* t = site_->Find(ref.path)) loads.insert(t->output_path);
        }
        o.loads.assign(loads.begin(), loads.end());
      }
      if (!r->generated) {
        ++rep.files_in;
        rep.bytes_in += r->source_bytes;
      }
      rep.bytes_out += o.bytes;
      rep.outputs.push_back(std::move(o));
    }
    std::sort(rep.outputs.begin(), rep.outputs.end(),
              [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  }
  rep.diagnostics = diagnostics_.Sorted();
  result->fallbacks = 0;
  for (const CostRow& row : meter_ ? meter_->Rows() : std::vector<CostRow>{})
    result->fallbacks += row.fallbacks;
  pool_.reset();
  return s;
}

Status Pipeline::Load() {
  {
    CostScope scope(meter_, "setup", RowKind::kStage);
    PAGEBAKE_RETURN_IF_ERROR(
        CheckLocations(env_, options_.source_dir, options_.output_dir, &loc_));
    RemoveStaleStaging(env_, loc_);
    PAGEBAKE_RETURN_IF_ERROR(SelectFilters(options_, &selection_));
    if (!selection_.not_built.empty()) {
      std::string ids;
      for (auto& id : selection_.not_built) ids += (ids.empty() ? "" : ", ") + id;
      diagnostics_.Add({Severity::kNote, "", 0, 0, "pipeline",
                        "level " + std::string(LevelName(options_.level)) +
                            " includes filters not built yet, skipped: " + ids});
    }
    for (const FilterInfo* f : selection_.enabled) cache_extend_ |= f->id == "cache-extend";
    int jobs = options_.jobs > 0 ? options_.jobs
                                 : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    pool_ = std::make_unique<WorkerPool>(jobs, meter_);
    filters_.resize(jobs);
    for (auto& per_worker : filters_)
      for (const FilterInfo* f : selection_.enabled) per_worker.push_back(CreateFilter(*f, options_));
    site_ = std::make_unique<Site>(loc_.source_real, options_.html.base_url);
  }

  std::vector<ScannedFile> files;
  {
    CostScope scope(meter_, "scan", RowKind::kStage);
    ScanOptions so;
    so.skip_hidden = options_.skip_hidden;
    so.max_files = options_.max_files;
    so.exclude = {loc_.output, loc_.staging};
    PAGEBAKE_RETURN_IF_ERROR(ScanSite(env_, loc_.source_real, so, &files, &diagnostics_, &dirs_listed_));
    scope.SetFiles(files.size());
  }

  std::vector<Resource> loaded(files.size());
  std::vector<Status> errors(files.size());
  progress_total_ = files.size();
  progress_done_ = 0;
  pool_->ParallelFor(
      files.size(),
      [&](size_t i, int) {
        const ScannedFile& f = files[i];
        CostScope scope(meter_, "read", RowKind::kStage, f.path);
        Resource& r = loaded[i];
        r.path = f.path;
        r.source_path = f.abs_path;
        r.mtime_ns = f.info.mtime_ns;
        errors[i] = env_->ReadFile(f.abs_path, &r.bytes);
        r.source_bytes = r.bytes.size();
        scope.AddBytes(r.bytes.size(), 0);
        r.type = ClassifyContent(r.path, r.bytes);
        if (r.bytes.size() > options_.max_file_bytes) r.skipped = true;
      },
      [&] { Progress("read"); });
  for (size_t i = 0; i < files.size(); ++i) {
    if (!errors[i].ok()) {
      // One unreadable file does not stop the others: it is named, left out of this build (its
      // previous output stays: see WriteOutputs), and the run ends with this IO error (exit 3).
      diagnostics_.Add({Severity::kError, files[i].path, 0, 0, "read", errors[i].message()});
      if (deferred_error_.ok()) deferred_error_ = errors[i];
      continue;
    }
    files_read_.push_back(files[i].abs_path);
    Resource& r = loaded[i];
    if (r.skipped)
      diagnostics_.Add({Severity::kWarning, r.path, 0, 0, "read",
                        "larger than max_file_bytes (" + std::to_string(options_.max_file_bytes) +
                            "), copied unchanged"});
    r.entry_point = r.type == ContentType::kHtml;
    for (const std::string& e : options_.delivery.entry_points)
      if (r.path == e) r.entry_point = true;
    site_->Add(std::move(r));
  }
  return Status::OK();
}

void Pipeline::BuildGraph() {
  std::vector<Resource*> docs;
  for (Resource* r : site_->All())
    if (!r->skipped && (r->type == ContentType::kHtml || r->type == ContentType::kCss))
      docs.push_back(r);
  std::vector<std::shared_ptr<html::Document>> parsed(docs.size());
  std::vector<std::vector<Diagnostic>> notes(docs.size());
  pool_->ParallelFor(docs.size(), [&](size_t i, int) {
    Resource& r = *docs[i];
    std::vector<RawRef> raw;
    std::string base_href;
    if (r.type == ContentType::kHtml) {
      if (r.bytes.size() > options_.html.max_document_bytes) {
        notes[i].push_back({Severity::kWarning, r.path, 0, 0, "parse",
                            "larger than html.max_document_bytes, copied unchanged"});
        r.skipped = true;
        return;
      }
      {
        CostScope scope(meter_, "parse", RowKind::kStage, r.path);
        scope.AddBytes(r.bytes.size(), 0);
        parsed[i] = ParseHtml(r.bytes);
      }
      CostScope scope(meter_, "graph", RowKind::kStage, r.path);
      CollectHtmlRefs(*parsed[i], &raw, &base_href);
    } else {
      CostScope scope(meter_, "graph", RowKind::kStage, r.path);
      CollectCssRefs(r.bytes, &raw);
    }
    // <base href> changes what relative URLs mean: resolve against it.
    Resource base_doc;
    base_doc.path = r.path;
    bool external_base = false;
    if (!base_href.empty()) {
      ResolvedUrl b = site_->Resolve(r, base_href);
      if (b.kind == UrlKind::kLocal) {
        base_doc.path = b.directory ? (b.path.empty() ? "" : b.path + "/") + "index.html" : b.path;
      } else if (b.kind == UrlKind::kExternal) {
        external_base = true;
      }
    }
    for (RawRef& ref : raw) {
      ResolvedUrl u = site_->Resolve(base_doc, ref.url);
      if (external_base && u.kind == UrlKind::kLocal && !ref.url.empty() && ref.url[0] != '/')
        continue;  // relative to a remote <base>: not ours
      switch (u.kind) {
        case UrlKind::kLocal:
          if (!site_->Find(u.path)) {
            notes[i].push_back({Severity::kWarning, r.path, ref.line, ref.col, "graph",
                                "reference to missing file '" + ref.url + "' (kept as is)"});
          }
          r.references.push_back({ref.url, u.path, ref.kind, ref.line, ref.col});
          break;
        case UrlKind::kOutsideRoot:
          notes[i].push_back({Severity::kWarning, r.path, ref.line, ref.col, "graph",
                              "reference '" + ref.url +
                                  "' leaves the site root; not followed, kept as is"});
          break;
        case UrlKind::kInvalid:
          notes[i].push_back({Severity::kWarning, r.path, ref.line, ref.col, "graph",
                              "reference '" + ref.url + "' is not a valid file URL; kept as is"});
          break;
        default:
          break;
      }
    }
  });
  for (size_t i = 0; i < docs.size(); ++i) {
    if (parsed[i]) pages_[docs[i]] = std::move(parsed[i]);
    for (auto& d : notes[i]) diagnostics_.Add(std::move(d));
    for (const Reference& ref : docs[i]->references) referenced_.insert(ref.path);
  }
}

// Filters that decide across pages (img-resize) plan once, on this thread, in table order,
// before any resource is rewritten; what they generate lands in the levels of RewriteLevels.
void Pipeline::PlanSite() {
  if (filters_.empty()) return;
  SitePages pages;
  for (auto& [r, doc] : pages_) pages.push_back({r, doc.get()});
  std::sort(pages.begin(), pages.end(),
            [](const SitePage& a, const SitePage& b) { return a.resource->path < b.resource->path; });
  for (auto& f : filters_[0]) {
    if (!(f->capabilities() & kPlansSite)) continue;
    CostScope scope(meter_, f->id(), RowKind::kFilter);
    FilterContext ctx(options_, site_.get(), nullptr, &diagnostics_, f->id());
    Status s = f->PlanSite(ctx, pages);
    if (!s.ok()) {
      diagnostics_.Add({Severity::kError, "", 0, 0, std::string(f->id()), s.ToString()});
      ctx.counters().fallbacks++;
    }
    scope.AddFallbacks(ctx.counters().fallbacks);
  }
}

void Pipeline::RunResourceFilter(Filter& f, Resource& r, const Deadline& deadline,
                                 std::optional<std::string>* original) {
  CostScope scope(meter_, f.id(), RowKind::kFilter, r.path);
  FilterContext ctx(options_, site_.get(), &r, &diagnostics_, f.id());
  ctx.deadline = deadline;
  const uint64_t in = r.bytes.size();
  std::string bytes = r.bytes;
  Status s = f.RewriteResource(ctx, bytes);
  uint64_t fallbacks = ctx.counters().fallbacks;
  if (!s.ok()) {
    diagnostics_.Add({Severity::kError, r.path, 0, 0, std::string(f.id()), s.ToString()});
    ++fallbacks;
  } else if (bytes.size() > r.bytes.size() && !(f.capabilities() & kMayGrow)) {
    ++fallbacks;  // never larger: keep the input
  } else if (bytes != r.bytes) {
    if (original && !*original) *original = std::move(r.bytes);
    r.bytes = std::move(bytes);
    r.modified = true;
    // A map describes the bytes of the filter that wrote it; a later rewrite leaves it stale.
    r.source_map = std::move(ctx.source_map);
    if (!ctx.new_extension.empty()) {
      r.output_path = SwapExtension(r.output_path, ctx.new_extension);
      r.type = ctx.new_type;
      any_renamed_ = true;
    }
  }
  if (deadline.Passed()) ++fallbacks;  // the caller copies the file unchanged
  scope.AddBytes(in, r.bytes.size());
  scope.AddFallbacks(fallbacks);
}

void Pipeline::RunPageFilter(Filter& f, Resource& r, html::Document& doc,
                             const Deadline& deadline) {
  CostScope scope(meter_, f.id(), RowKind::kFilter, r.path);
  FilterContext ctx(options_, site_.get(), &r, &diagnostics_, f.id());
  ctx.deadline = deadline;
  uint64_t fallbacks = 0;
  if (f.capabilities() & kRewritesHtml) {
    Status s = f.RewriteHtml(ctx, doc);
    if (!s.ok()) {
      diagnostics_.Add({Severity::kError, r.path, 0, 0, std::string(f.id()), s.ToString()});
      ++fallbacks;
    }
  }
  for (auto& h : ctx.http_headers) r.http_headers.push_back(std::move(h));
  uint64_t in = 0, out = 0;
  if (f.capabilities() & kRewritesInline) {
    ForEachHtmlInline(doc, [&](InlineKind kind, std::string& text, int line, int col) {
      if (!f.HandlesInline(kind) || deadline.Passed()) return;
      ctx.base_line = line;
      ctx.base_col = col;
      std::string t = text;
      Status s = f.RewriteInline(ctx, kind, t);
      in += text.size();
      if (!s.ok()) {
        diagnostics_.Add({Severity::kError, r.path, line, col, std::string(f.id()), s.ToString()});
        ++fallbacks;
        out += text.size();
      } else if (t.size() > text.size() && !(f.capabilities() & kMayGrow)) {
        ++fallbacks;
        out += text.size();
      } else {
        out += t.size();
        if (t != text) text = std::move(t);
      }
    });
  }
  if (deadline.Passed()) ++fallbacks;  // the caller keeps the page as it was
  scope.AddBytes(in, out);
  scope.AddFallbacks(fallbacks + ctx.counters().fallbacks);
}

void Pipeline::ReportTimedOut(const Resource& r, std::string_view id) {
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", options_.max_file_seconds);
  diagnostics_.Add({Severity::kWarning, r.path, 0, 0, std::string(id),
                    std::string("rewriting took longer than max_file_seconds (") + limit +
                        " s, stopped in " + std::string(id) + "); copied unchanged"});
}

void Pipeline::RewriteResource(Resource& r, int worker) {
  if (r.skipped) return;
  const Deadline deadline = Deadline::After(options_.max_file_seconds);
  // What the file was, to copy it unchanged if its time runs out: the bytes are kept by the
  // first accepted rewrite (moved, not copied), the rest here.
  std::optional<std::string> original_bytes;
  const std::string output_path = r.output_path;
  const ContentType type = r.type;
  const bool modified = r.modified;
  for (auto& f : filters_[worker]) {
    if (!(f->capabilities() & kRewritesResource) || !f->HandlesResource(r.type)) continue;
    if (!options_.paths.empty() && DisabledForPath(options_, r.path, f->id())) continue;
    RunResourceFilter(*f, r, deadline, deadline.limited() ? &original_bytes : nullptr);
    if (deadline.Passed()) {
      if (original_bytes) r.bytes = std::move(*original_bytes);
      r.output_path = output_path;
      r.type = type;
      r.modified = modified;
      r.source_map.reset();
      ReportTimedOut(r, f->id());
      break;
    }
  }
  if (r.type == ContentType::kCss) Relink(r);
}

void Pipeline::RewritePage(Resource& r, int worker) {
  auto it = pages_.find(&r);
  if (r.skipped || it == pages_.end()) return;
  html::Document& doc = *it->second;
  const Deadline deadline = Deadline::After(options_.max_file_seconds);
  for (auto& f : filters_[worker]) {
    if (!(f->capabilities() & (kRewritesHtml | kRewritesInline))) continue;
    if (!options_.paths.empty() && DisabledForPath(options_, r.path, f->id())) continue;
    RunPageFilter(*f, r, doc, deadline);
    if (deadline.Passed()) {
      ReportTimedOut(r, f->id());  // r.bytes still holds the page as it came in
      return;
    }
  }
  Relink(r);
  for (auto& h : HtmlHttpEquiv(doc)) r.http_headers.push_back(h);
  std::string out;
  {
    CostScope scope(meter_, "serialize", RowKind::kStage, r.path);
    out = SerializeHtml(doc);
    scope.AddBytes(0, out.size());
  }
  if (options_.html.verify && out != r.bytes) {
    CostScope scope(meter_, "verify-html", RowKind::kStage, r.path);
    std::vector<std::string> ids;
    for (const FilterInfo* f : selection_.enabled) ids.push_back(std::string(f->id));
    Status v = VerifyHtmlRewrite(r.bytes, out, ids);
    if (v.code() == StatusCode::kUnimplemented) {
      // Filters that move or add elements: the judge cannot model them, so it does not judge
      // (said once per build, never a silent pass).
      if (!verify_unjudgeable_.exchange(true))
        diagnostics_.Add({Severity::kNote, "", 0, 0, "verify-html",
                          "not verified: " + v.message()});
    } else if (!v.ok()) {
      diagnostics_.Add({Severity::kWarning, r.path, 0, 0, "verify-html",
                        "rewritten DOM differs (" + v.message() + "); original page kept"});
      scope.AddFallbacks(1);
      return;
    }
  }
  if (out != r.bytes) {
    r.bytes = std::move(out);
    r.modified = true;
  }
}

void Pipeline::Relink(Resource& r) {
  if (!any_renamed_ && r.output_path == r.path) return;
  CostScope scope(meter_, "relink", RowKind::kStage, r.path);
  UrlRewriteFn fn = [&](std::string_view url) -> std::optional<std::string> {
    ResolvedUrl u = site_->Resolve(r, url);
    if (u.kind != UrlKind::kLocal) return std::nullopt;
    const Resource* t = site_->Find(u.path);
    if (!t || (t->output_path == t->path && r.output_path == r.path)) return std::nullopt;
    return UrlInWrittenForm(url, t->output_path, u.suffix, site_->OutputUrl(r, *t, u.suffix));
  };
  if (r.type == ContentType::kHtml) {
    auto it = pages_.find(&r);
    if (it != pages_.end()) RewriteHtmlUrls(*it->second, fn);
  } else if (r.type == ContentType::kCss) {
    std::string out;
    std::vector<text::TextEdit> edits;
    if (RewriteCssUrls(r.bytes, fn, &out, r.source_map ? &edits : nullptr)) {
      r.bytes = std::move(out);
      r.modified = true;
      if (r.source_map) {
        // The map's columns after each replaced URL moved: render it again.
        text::AttachedSourceMap& m = *r.source_map;
        m.pairs.ApplyEdits(edits);
        if (Resource* map = site_->Find(m.map_path))
          map->bytes = m.pairs.Render(r.bytes, m.original, m.file, m.source_name);
      }
    }
  }
}

void Pipeline::NameLevel(const std::vector<Resource*>& level) {
  // This level's rewrites may have changed extensions (gif -> png) and the hashing below
  // changes names: output-path lookups of the next levels must not see the old ones.
  site_->OutputPathsChanged();
  if (!cache_extend_) return;
  CostScope scope(meter_, "hash", RowKind::kStage);
  uint64_t n = 0;
  for (Resource* r : level) {
    // A generated variant (a resized image, a .webp beside a JPEG) is referenced when what it
    // was made from is: the page pass points those references at it.
    bool referenced = referenced_.count(r->path) > 0;
    if (!referenced && r->generated)
      for (const std::string& s : r->sources) referenced = referenced || referenced_.count(s) > 0;
    if (!delivery::WantsHashedName(options_.delivery, *r, referenced)) continue;
    r->output_path = delivery::HashedPath(options_.delivery, r->output_path, r->bytes);
    r->kept_name = delivery::KeptOriginalName(options_.delivery, *r);
    any_renamed_ = true;
    ++n;
  }
  scope.SetFiles(n);
}

void Pipeline::RewriteLevels() {
  std::vector<Resource*> images, scripts, sheets, pages;
  for (Resource* r : site_->All()) {
    if (r->type == ContentType::kJs || r->type == ContentType::kJson) scripts.push_back(r);
    else if (r->type == ContentType::kCss) sheets.push_back(r);
    else if (r->type == ContentType::kHtml) pages.push_back(r);
    else images.push_back(r);  // images and every other leaf: named before their referrers
  }
  progress_done_ = 0;
  progress_total_ = images.size() + scripts.size() + sheets.size() + pages.size();
  auto rewrite = [&](Resource& r, int w) { RewriteResource(r, w); };
  ForEach(images, "images", rewrite);
  // Variants the image filters generated (WebP beside a JPEG) are final now too: named with
  // their level so the page pass can point at their final names.
  {
    std::set<const Resource*> seen(images.begin(), images.end());
    for (Resource* r : site_->All())
      if (r->generated && !seen.count(r) && !IsTextType(r->type))
        images.push_back(r);
  }
  NameLevel(images);
  ForEach(scripts, "js", rewrite);
  NameLevel(scripts);

  // Stylesheets leaves-first along @import, so an importer sees its imports final (names
  // included). Depth = longest import chain below a sheet; cycles are reported and cut.
  std::map<const Resource*, int> depth;
  {
    CostScope scope(meter_, "order", RowKind::kStage);
    for (Resource* root : sheets) {
      if (depth.count(root)) continue;
      // Iterative DFS: (node, next child index); on_stack marks the current path.
      std::vector<std::pair<Resource*, size_t>> stack{{root, 0}};
      std::set<const Resource*> on_stack{root};
      while (!stack.empty()) {
        auto& [node, idx] = stack.back();
        Resource* child = nullptr;
        while (idx < node->references.size()) {
          const Reference& ref = node->references[idx++];
          if (ref.kind != RefKind::kStylesheet) continue;
          Resource* t = site_->Find(ref.path);
          if (!t || t->type != ContentType::kCss) continue;
          if (on_stack.count(t)) {
            diagnostics_.Add({Severity::kWarning, node->path, ref.line, ref.col, "order",
                              "@import cycle through '" + ref.url + "'; not followed"});
            continue;
          }
          if (!depth.count(t)) {
            child = t;
            break;
          }
        }
        if (child) {
          on_stack.insert(child);
          stack.push_back({child, 0});
          continue;
        }
        int d = 0;
        for (const Reference& ref : node->references) {
          if (ref.kind != RefKind::kStylesheet) continue;
          const Resource* t = site_->Find(ref.path);
          auto it = t ? depth.find(t) : depth.end();
          if (it != depth.end() && !on_stack.count(t)) d = std::max(d, it->second + 1);
        }
        depth[node] = d;
        on_stack.erase(node);
        stack.pop_back();
      }
    }
  }
  int max_depth = 0;
  for (auto& [r, d] : depth) max_depth = std::max(max_depth, d);
  for (int d = 0; d <= max_depth; ++d) {
    std::vector<Resource*> level;
    for (Resource* r : sheets)
      if (depth[r] == d) level.push_back(r);
    ForEach(level, "css", rewrite);
    NameLevel(level);
  }
  ForEach(pages, "html", [&](Resource& r, int w) { RewritePage(r, w); });
  pages_.clear();
  // Variants (WebP, resized copies) that no page or sheet ended up pointing at are not written.
  if (std::vector<std::string> dropped = site_->DropUnserved(); !dropped.empty())
    diagnostics_.Add({Severity::kNote, "", 0, 0, "variants",
                      std::to_string(dropped.size()) +
                          " image variant(s) no page or sheet uses were not written (first: " +
                          dropped.front() + ")"});
}

}  // namespace pagebake
