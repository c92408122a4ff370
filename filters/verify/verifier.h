// The engine under Verify() and Bisect(): the source site's server, a pool of browsers (one per
// worker), and the "before" renderings of the source pages, cached so that bisect's many
// rebuilds render only their "after" side. Judges a page x viewport from its two renderings.
#ifndef PAGEBAKE_VERIFY_VERIFIER_H_
#define PAGEBAKE_VERIFY_VERIFIER_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "filters/verify/browser.h"
#include "filters/verify/static_server.h"
#include "pagebake/verify.h"

namespace pagebake::verify {

class Verifier {
 public:
  explicit Verifier(const VerifyOptions& options) : options_(options) {}
  ~Verifier();

  // Finds Chromium (NotFound when absent), starts the source server. Browsers start lazily.
  Status Start();
  // Pages of the source that `out_dir` has at the same path, filtered by options.pages, sorted.
  std::vector<std::string> ListPages(const std::string& out_dir) const;
  // Renders and judges `pages` x options.viewports of `out_dir` against the source, in
  // parallel (options.jobs). When `image_dir` is not empty, differing pages get before, after
  // and diff PNGs there (file names relative to it in the verdicts).
  Status Run(const std::string& out_dir, const std::vector<std::string>& pages,
             const std::string& image_dir, std::vector<PageVerdict>* verdicts);
  const VerifyOptions& options() const { return options_; }

 private:
  struct Job;
  void RunJob(Job& job, int worker, const std::string& out_origin, const std::string& image_dir);
  Result<Rendering> RenderWith(int worker, const std::string& url, Viewport vp);

  VerifyOptions options_;
  std::string chromium_;
  StaticServer source_server_;
  std::vector<std::unique_ptr<Browser>> browsers_;  // one per worker
  std::mutex cache_mu_;
  std::map<std::pair<std::string, int>, Rendering> before_;  // (page, viewport index)
};

// "/a b/é.html" -> "/a%20b/%C3%A9.html"
std::string EncodeUrlPath(std::string_view path);

}  // namespace pagebake::verify

#endif  // PAGEBAKE_VERIFY_VERIFIER_H_
