// What a budget measures: a built site's files (raw bytes and transfer bytes per encoding) and,
// per page, every request it makes — its own document, the resources its HTML loads (the
// manifest's graph) and, transitively, what those stylesheets load (@import, url(): fonts,
// background images). Built from an output directory (exact) or from a report JSON (a baseline:
// only the sizes that report recorded).
#ifndef PAGEBAKE_BUDGET_SITE_MEASURE_H_
#define PAGEBAKE_BUDGET_SITE_MEASURE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "filters/core/content_type.h"
#include "filters/core/env.h"
#include "pagebake/budget.h"
#include "pagebake/report.h"
#include "pagebake/status.h"

namespace pagebake::budget {

struct MeasuredFile {
  std::string path;    // output path, root-relative
  std::string source;  // source path; empty for generated files
  ContentType type = ContentType::kOther;
  uint64_t raw = 0;
  // Transfer bodies per encoding; unset when not known (a baseline report without them) and not
  // yet computed (an output directory computes them on demand).
  std::optional<uint64_t> gzip, br;
  bool compressible = false;
  std::vector<std::string> loads;  // output paths this file loads (stylesheets)
  bool loads_known = false;
};

struct ThirdPartyRequest {
  std::string url;
  std::string type;  // content type name ("js", "css", ...) when known
};

class SiteMeasure {
 public:
  // Reads <dir>/pagebake-manifest.json and stats every file it lists (and its .br/.gz
  // siblings). Stylesheets the manifest gives no loads for are scanned for @import/url().
  static Status FromOutputDir(Env* env, const std::string& dir, SiteMeasure* out);
  // The outputs of a pagebake-report/1 (sizes it recorded; pages' loads).
  static SiteMeasure FromReport(const Report& report);

  const std::map<std::string, MeasuredFile>& files() const { return files_; }
  const std::map<std::string, std::vector<std::string>>& pages() const { return pages_; }
  const MeasuredFile* Find(const std::string& path) const;

  // Transfer bytes of one file: the sibling's size, else compressed here (on demand, cached),
  // never more than raw; raw for types servers do not compress. nullopt when unknowable (a
  // report baseline that did not record it).
  std::optional<uint64_t> Transfer(const std::string& path, Encoding e) const;

  // Every request of `page`: the page first, then its loads in order, transitively, each once.
  // *complete (optional) is false when a stylesheet on the way has unknown loads (a report
  // baseline): then the list misses what that sheet loads and must not be compared.
  std::vector<std::string> PageRequests(const std::string& page, bool* complete = nullptr) const;

  // Third-party requests per page, when the manifest records them ("third_party").
  bool third_party_known() const { return third_party_known_; }
  const std::vector<ThirdPartyRequest>* ThirdParty(const std::string& page) const;

  // Pages whose stylesheet loads were unknown (baseline reports): their totals leave those out.
  bool loads_complete() const { return loads_complete_; }

 private:
  Env* env_ = nullptr;  // null for report baselines: nothing on disk to compress
  std::string dir_;
  std::map<std::string, MeasuredFile> files_;
  std::map<std::string, std::vector<std::string>> pages_;
  std::map<std::string, std::vector<ThirdPartyRequest>> third_party_;
  bool third_party_known_ = false;
  bool loads_complete_ = true;
  mutable std::map<std::pair<std::string, Encoding>, uint64_t> computed_;
};

// The Lighthouse resource type of a file: document, script, stylesheet, image, font, media, other.
const char* LighthouseType(ContentType t);

// Compressed sizes (brotli q11 window 22; gzip level 9 with its header and trailer).
uint64_t BrotliSize(const std::string& bytes);
uint64_t GzipSize(const std::string& bytes);

// @import and url() targets of a stylesheet, as written, in order; comments and strings that
// are not url()/@import arguments are skipped. Never recurses.
std::vector<std::string> CssReferences(const std::string& css);

}  // namespace pagebake::budget

#endif  // PAGEBAKE_BUDGET_SITE_MEASURE_H_
