// The pipeline: load -> graph -> rewrite level by level (images, JS, CSS, HTML) -> name -> write
// -> commit. Orchestration only: content work is the filters', IO goes through Env, and every
// step runs inside a cost scope so the report's rows add up to the run.
#ifndef PAGEBAKE_CORE_PIPELINE_H_
#define PAGEBAKE_CORE_PIPELINE_H_

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "filters/core/cost.h"
#include "filters/core/diagnostics.h"
#include "filters/core/env.h"
#include "filters/core/filter.h"
#include "filters/core/output.h"
#include "filters/core/registry.h"
#include "filters/core/site.h"
#include "pagebake/pagebake.h"

namespace pagebake {

class WorkerPool;

class Pipeline {
 public:
  Pipeline(const Options& options, Env* env, CostMeter* meter);
  ~Pipeline();

  // Runs the build; fills result->report (outputs, diagnostics, filters) and fallbacks. Cost rows
  // are added by FinishReport().
  Status Run(BuildResult* result, const BuildHooks& hooks);

  // For tests.
  const Site* site() const { return site_.get(); }
  const std::vector<Diagnostic> diagnostics() const { return diagnostics_.Sorted(); }

 private:
  Status Load();
  void BuildGraph();
  void PlanSite();
  void RewriteLevels();
  void RewriteResource(Resource& r, int worker);
  void RewritePage(Resource& r, int worker);
  // `original` (when not null and still empty) receives r.bytes as they were before the first
  // rewrite this call accepts, without a copy.
  void RunResourceFilter(Filter& f, Resource& r, const Deadline& deadline,
                         std::optional<std::string>* original);
  void RunPageFilter(Filter& f, Resource& r, html::Document& doc, const Deadline& deadline);
  // A file whose rewrite passed Options::max_file_seconds, stopped in filter `id`.
  void ReportTimedOut(const Resource& r, std::string_view id);
  void Relink(Resource& r);
  void NameLevel(const std::vector<Resource*>& level);
  Status CheckOutputNames();
  Status WriteOutputs();
  Status WriteManifest();
  Status WriteDepfile();
  Status WriteResource(Resource& r, bool want_br, bool want_gz, int64_t build_mtime,
                       std::vector<std::string>* siblings);
  Status LinkOriginalName(const Resource& r, std::vector<std::string>* written);
  void Progress(std::string_view stage);
  void ForEach(const std::vector<Resource*>& items, std::string_view stage,
               const std::function<void(Resource&, int)>& fn);

  Options options_;
  Env* env_;
  CostMeter* meter_;
  DiagnosticSink diagnostics_;
  // The first source file that could not be read: the rest is built, then Run returns it.
  Status deferred_error_;
  OutputLocation loc_;
  FilterSelection selection_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<WorkerPool> pool_;
  // filters_[worker][k] is an instance of selection_.enabled[k] for that worker.
  std::vector<std::vector<std::unique_ptr<Filter>>> filters_;
  std::map<const Resource*, std::shared_ptr<html::Document>> pages_;
  std::set<std::string> referenced_;  // paths some page or sheet references (graph stage)
  std::vector<std::string> files_read_;  // absolute, for the depfile
  std::vector<std::string> dirs_listed_;  // absolute, for the depfile (new/removed files)
  std::set<std::string> written_;
  bool any_renamed_ = false;
  std::atomic<bool> verify_unjudgeable_{false};
  bool cache_extend_ = false;
  const BuildHooks* hooks_ = nullptr;
  uint64_t progress_done_ = 0, progress_total_ = 0;
  int64_t last_progress_ns_ = 0;
};

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_PIPELINE_H_
