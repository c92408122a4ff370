// sri: adds integrity="sha384-..." (Subresource Integrity) to <script src> and
// <link rel=stylesheet|modulepreload> — and to <link rel=preload as=script|style> when the page
// also loads the same file by <script src>/<link rel=stylesheet> — for this site's own files,
// hashed over their final bytes (the HTML level runs last, so every target is final: minified,
// relinked, renamed). An existing integrity on such an element is replaced, because the filters
// may have changed the file the author hashed. Resources of other origins are never touched:
// their bytes are not ours to hash. Origins listed in DeliveryOptions::sri_own_origins (a CDN
// that serves this output) count as ours; their elements also get crossorigin="anonymous",
// because a cross-origin fetch with integrity must be a CORS fetch.
// Why preload only with a consumer: a preload whose integrity differs from its consumer's
// (a CSS @font-face, an <img>, a dynamic import — none carry integrity) is not reused, and the
// file is downloaded twice. Unsafe when something rewrites the files after the build (a CDN's
// "auto minify", a server-side injector): the browser then refuses them. id: sri, risk: low
// (in level `all` only, for that reason).
#ifndef PAGEBAKE_DELIVERY_SRI_FILTER_H_
#define PAGEBAKE_DELIVERY_SRI_FILTER_H_

#include "filters/core/filter.h"
#include "pagebake/delivery_options.h"

namespace pagebake::delivery {

class SriFilter : public Filter {
 public:
  SriFilter(const FilterInfo* info, const DeliveryOptions& options)
      : Filter(info), options_(options) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;

 private:
  DeliveryOptions options_;
};

}  // namespace pagebake::delivery

#endif  // PAGEBAKE_DELIVERY_SRI_FILTER_H_
