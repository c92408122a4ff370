// precompress-br / precompress-gzip: `.br` (brotli quality 11, 16 MiB window) and `.gz`
// (libdeflate level 12 or zopfli) siblings of every compressible output file of at least
// DeliveryOptions::precompress_min_bytes whose encoding saves at least precompress_min_saving,
// with the original's mtime (nginx gzip_static and brotli_static serve them as they are). The
// work happens in the pipeline's write stage, per file on the worker threads, through
// Precompress() (filters/delivery/precompress.h), which caches results by content hash across
// runs; this filter object only makes the ids selectable. One class for both ids: they differ
// only in the encoding they ask for. Unsafe only with a server that serves `x.br` to clients
// that did not send Accept-Encoding: br (a misconfiguration; gzip_static/brotli_static check
// it). ids: precompress-br, precompress-gzip, risk: low.
#ifndef PAGEBAKE_DELIVERY_PRECOMPRESS_FILTER_H_
#define PAGEBAKE_DELIVERY_PRECOMPRESS_FILTER_H_

#include "filters/core/filter.h"

namespace pagebake::delivery {

class PrecompressFilter : public Filter {
 public:
  explicit PrecompressFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return 0; }
};

}  // namespace pagebake::delivery

#endif  // PAGEBAKE_DELIVERY_PRECOMPRESS_FILTER_H_
