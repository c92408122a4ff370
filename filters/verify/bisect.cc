// verify --bisect: which filters broke a page. For each differing page, the site is rebuilt
// into temporary directories with sets of filters disabled, and only that page is rendered
// again (its "before" side is rendered once and cached). The search is delta debugging (ddmin,
// Zeller): split the candidate set into n chunks; if disabling one chunk alone makes the page
// clean, keep that chunk; else if disabling a chunk's complement does, keep the complement;
// else split finer. It ends 1-minimal: re-enabling any single filter of the result breaks the
// page again. One rebuild per test; results are cached by set.
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "filters/verify/verifier.h"
#include "pagebake/pagebake.h"
#include "pagebake/verify.h"

namespace pagebake {
namespace {

namespace fs = std::filesystem;
using Ids = std::vector<std::string>;

class PageBisector {
 public:
  PageBisector(const Options& build, verify::Verifier* verifier, const std::string& tmp,
               const std::function<void(const std::string&)>& log)
      : build_(build), verifier_(verifier), tmp_(tmp), log_(log) {}

  // Builds with `extra` rules/disables into a fresh directory; the directory in *out_dir.
  Status BuildWith(const Ids& disable, const std::vector<PathRule>& rules, std::string* out_dir,
                   Ids* enabled = nullptr) {
    Options o = build_;
    o.output_dir = tmp_ + "/build-" + std::to_string(builds_++);
    for (const std::string& id : disable) o.disable.push_back(id);
    for (const PathRule& r : rules) o.paths.push_back(r);
    o.depfile.clear();
    o.clean = true;
    o.strict = false;
    BuildResult r;
    Status s = Build(o, &r);
    if (!s.ok()) return Status::Internal("rebuild for bisect failed: " + s.ToString());
    if (enabled) *enabled = r.report.filters;
    *out_dir = o.output_dir;
    return Status::OK();
  }

  // Whether `page` verifies clean at every viewport when `disable` is switched off.
  Result<bool> CleanWithout(const std::string& page, const Ids& disable) {
    Ids key = disable;
    std::sort(key.begin(), key.end());
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    std::string dir;
    PAGEBAKE_RETURN_IF_ERROR(BuildWith(disable, {}, &dir));
    std::vector<PageVerdict> verdicts;
    Status s = verifier_->Run(dir, {page}, "", &verdicts);
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (!s.ok()) return s;
    bool clean = std::none_of(verdicts.begin(), verdicts.end(),
                              [](const PageVerdict& v) { return v.differs; });
    if (log_) {
      std::string ids, why;
      for (const std::string& id : key) ids += (ids.empty() ? "" : ",") + id;
      for (const PageVerdict& v : verdicts) {
        if (!v.differs) continue;
        why += " [" + std::to_string(v.viewport.width) + "x" + std::to_string(v.viewport.height) +
               ": " + std::to_string(v.changed_pixels) + " px";
        if (!v.new_console_errors.empty()) why += ", console: " + v.new_console_errors[0];
        if (!v.new_failed_requests.empty()) why += ", request: " + v.new_failed_requests[0];
        if (!v.error.empty()) why += ", " + v.error;
        why += "]";
      }
      log_("  " + page + " without {" + ids + "}: " + (clean ? "clean" : "differs" + why));
    }
    cache_[key] = clean;
    return clean;
  }

  // ddmin over `candidates`, given that disabling all of them makes the page clean.
  Result<Ids> Minimize(const std::string& page, Ids c) {
    size_t n = 2;
    while (c.size() >= 2) {
      std::vector<Ids> chunks(n);
      for (size_t i = 0; i < c.size(); ++i) chunks[i * n / c.size()].push_back(c[i]);
      bool reduced = false;
      for (const Ids& chunk : chunks) {
        Result<bool> ok = CleanWithout(page, chunk);
        if (!ok.ok()) return ok.status();
        if (*ok) {
          c = chunk;
          n = 2;
          reduced = true;
          break;
        }
      }
      for (size_t k = 0; !reduced && n > 2 && k < chunks.size(); ++k) {
        Ids complement;
        for (const std::string& id : c)
          if (std::find(chunks[k].begin(), chunks[k].end(), id) == chunks[k].end())
            complement.push_back(id);
        Result<bool> ok = CleanWithout(page, complement);
        if (!ok.ok()) return ok.status();
        if (*ok) {
          c = complement;
          n = std::max<size_t>(n - 1, 2);
          reduced = true;
        }
      }
      if (!reduced) {
        if (n >= c.size()) break;
        n = std::min(n * 2, c.size());
      }
    }
    return c;
  }

  int builds() const { return builds_; }
  void ResetCache() { cache_.clear(); }

 private:
  const Options& build_;
  verify::Verifier* verifier_;
  std::string tmp_;
  const std::function<void(const std::string&)>& log_;
  std::map<Ids, bool> cache_;
  int builds_ = 0;
};

}  // namespace

Status Bisect(const Options& build, const VerifyOptions& verify,
              const std::vector<std::string>& pages, BisectResult* result,
              const std::function<void(const std::string&)>& log) {
  *result = BisectResult{};
  VerifyOptions vo = verify;
  vo.source_dir = build.source_dir;
  vo.on_page = nullptr;
  verify::Verifier verifier(vo);
  PAGEBAKE_RETURN_IF_ERROR(verifier.Start());
  std::string tmp = (std::getenv("TMPDIR") && *std::getenv("TMPDIR") ? std::getenv("TMPDIR")
                                                                      : "/tmp");
  tmp += "/pagebake-bisect-XXXXXX";
  if (!::mkdtemp(tmp.data())) return Status::IoError("mkdtemp " + tmp);
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{tmp};
  PageBisector bisector(build, &verifier, tmp, log);
  // The filters this build enables: the candidates.
  Ids enabled;
  std::string base_dir;
  PAGEBAKE_RETURN_IF_ERROR(bisector.BuildWith({}, {}, &base_dir, &enabled));
  std::error_code ec;
  fs::remove_all(base_dir, ec);

  result->override_options = build;
  for (const std::string& page : pages) {
    BisectVerdict v;
    v.page = page;
    bisector.ResetCache();
    const int builds_before = bisector.builds();
    Result<bool> clean_as_is = bisector.CleanWithout(page, {});
    if (!clean_as_is.ok()) return clean_as_is.status();
    Result<bool> clean_without_all = bisector.CleanWithout(page, enabled);
    if (!clean_without_all.ok()) return clean_without_all.status();
    if (*clean_as_is) {
      if (log) log(page + ": does not differ when rebuilt; nothing to bisect");
    } else if (!*clean_without_all) {
      if (log) log(page + ": still differs with every filter disabled; not the filters'");
    } else {
      Result<Ids> culprits = bisector.Minimize(page, enabled);
      if (!culprits.ok()) return culprits.status();
      v.culprits = *culprits;
      v.found = true;
      result->override_options.paths.push_back({page, v.culprits});
    }
    v.builds = bisector.builds() - builds_before;
    result->pages.push_back(std::move(v));
  }
  // The override, proven: one build with the per-path rules, every bisected page verified.
  std::string dir;
  PAGEBAKE_RETURN_IF_ERROR(bisector.BuildWith(
      {}, {result->override_options.paths.begin() + build.paths.size(),
           result->override_options.paths.end()},
      &dir));
  std::vector<PageVerdict> verdicts;
  PAGEBAKE_RETURN_IF_ERROR(verifier.Run(dir, pages, "", &verdicts));
  result->override_clean = true;
  for (BisectVerdict& b : result->pages) {
    b.override_clean = true;
    for (const PageVerdict& pv : verdicts)
      if (pv.page == b.page && pv.differs) b.override_clean = false;
    result->override_clean = result->override_clean && b.override_clean;
  }
  result->override_json = OverrideConfigJson(result->override_options, "");
  return Status::OK();
}

std::string OverrideConfigJson(const Options& options, const std::string& base_config_json) {
  using nlohmann::json;
  json j = json::object();
  if (!base_config_json.empty()) {
    json base = json::parse(base_config_json, nullptr, false, true);
    if (base.is_object()) j = base;
  }
  j["level"] = std::string(LevelName(options.level));
  if (!options.enable.empty() || j.contains("filters")) j["filters"] = options.enable;
  if (!options.disable.empty() || j.contains("disable")) j["disable"] = options.disable;
  json paths = json::array();
  for (const PathRule& r : options.paths)
    paths.push_back({{"match", r.match}, {"disable", r.disable}});
  j["paths"] = paths;
  return j.dump(2) + "\n";
}

}  // namespace pagebake
