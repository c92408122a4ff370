// headers: deploy configuration for the output, written beside it — a Netlify/Cloudflare Pages
// `_headers` file and an nginx include (`nginx-pagebake.conf`): Cache-Control "public,
// max-age=31536000, immutable" for content-hashed names (a whole directory in one rule when
// every file in it is hashed), DeliveryOptions::cache_control_entry for entry points,
// gzip_static/brotli_static for the precompressed siblings, the <meta http-equiv> values
// html-convert-meta-tags recorded for each page, and content types stock servers do not know
// (webmanifest, mjs, avif, wasm, map). The files are made from the finished site graph by
// HeaderFiles() (filters/delivery/headers.h), which the pipeline calls after the write stage;
// this filter object only makes the id selectable. Unsafe when the site is also served by
// something else that sets its own Cache-Control for the same paths (headers merge, and an
// "immutable" on a name that is later reused would pin a stale file): hashed names are never
// reused, so only misconfigured entry points are at risk. id: headers, risk: low.
#ifndef PAGEBAKE_DELIVERY_HEADERS_FILTER_H_
#define PAGEBAKE_DELIVERY_HEADERS_FILTER_H_

#include "filters/core/filter.h"

namespace pagebake::delivery {

class HeadersFilter : public Filter {
 public:
  explicit HeadersFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return 0; }
};

}  // namespace pagebake::delivery

#endif  // PAGEBAKE_DELIVERY_HEADERS_FILTER_H_
