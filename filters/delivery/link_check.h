// The link checker behind `pagebake check OUT` and the delivery tests: every local reference in
// every HTML page and stylesheet of a built output (attributes incl. srcset and meta refresh,
// <style> and style="" url()s, CSS url() and @import) must name a file that exists in the
// output ("dir/" names dir/index.html). It reads the output as a server would serve it — the
// files on disk, not the build's graph — so it also catches what a later step broke.
// External URLs, data: URIs and fragment-only links are not checked; URLs that leave the root
// or cannot be file URLs are reported too (a server would refuse them).
#ifndef PAGEBAKE_DELIVERY_LINK_CHECK_H_
#define PAGEBAKE_DELIVERY_LINK_CHECK_H_

#include <string>
#include <vector>

#include "filters/core/env.h"
#include "pagebake/diagnostic.h"
#include "pagebake/status.h"

namespace pagebake::delivery {

struct LinkCheckStats {
  uint64_t files = 0;      // pages and stylesheets read
  uint64_t references = 0; // local references checked
};

// `problems` gets one error per broken reference (file:line:col, "check"), in path order.
// Errors: the output directory cannot be read (IO), or does not exist (NotFound).
// `env`: nullptr = the real filesystem. `site_origin` ("https://example.com", may be empty):
// absolute URLs on it are checked as local.
Status CheckLinks(const std::string& out_dir, std::vector<Diagnostic>* problems,
                  LinkCheckStats* stats = nullptr, Env* env = nullptr,
                  const std::string& site_origin = {});

}  // namespace pagebake::delivery

#endif  // PAGEBAKE_DELIVERY_LINK_CHECK_H_
