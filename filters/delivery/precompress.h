// Precompression: the .br and .gz siblings a server (nginx gzip_static/brotli_static, Caddy
// precompressed, most CDNs' origin pulls) sends instead of compressing on every request.
//
// Brotli at quality 11 with the largest window is the smallest standard encoding and the slowest
// stage of a build (~0.7 MB/s here); gzip uses libdeflate level 12 by default or zopfli on
// request (DeliveryOptions::gzip_encoder; measured with `delivery_perftest --compare-gzip` on
// 1.1 MB of real CSS/JS/HTML — bootstrap, jquery, sb-admin-2: zopfli 0.88% smaller at 32x the
// time, so libdeflate is the default). So results are cached
// under DeliveryOptions::cache_dir, keyed by sha256 of the content plus the encoder settings, and
// an unchanged file is never compressed twice across runs. Cache entries are written to a
// unique temporary name and renamed into place (a concurrent or interrupted run never sees a
// partial entry), and checked before use: an entry that does not decompress to exactly the
// bytes is ignored and rewritten, so a damaged cache costs time, never correctness. Cache IO
// problems are never build errors (the work is just done again).
//
// Deterministic: the same bytes and settings give the same sibling bytes (gzip headers carry no
// name and mtime 0), whatever the thread or the cache state.
#ifndef PAGEBAKE_DELIVERY_PRECOMPRESS_H_
#define PAGEBAKE_DELIVERY_PRECOMPRESS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "filters/core/content_type.h"
#include "filters/core/cost.h"
#include "filters/core/env.h"
#include "pagebake/delivery_options.h"
#include "pagebake/status.h"

namespace pagebake::delivery {

struct PrecompressStats {
  uint64_t cache_hits = 0;     // encodings taken from the cache
  uint64_t cache_misses = 0;   // encodings computed (cache off, absent or damaged)
  uint64_t cache_writes = 0;
  uint64_t compress_ns = 0;    // thread CPU spent encoding (0 on a fully warm run)
  uint64_t verify_ns = 0;      // thread CPU spent checking cache entries
  PrecompressStats& operator+=(const PrecompressStats& o);
};

// Whether the file at `path` (output-relative; its extension tells TTF from WOFF2) of `type` and
// `size` is a candidate at all (compressible, at least precompress_min_bytes).
bool WantsPrecompression(const DeliveryOptions& o, ContentType type, std::string_view path,
                         uint64_t size);

// The siblings of one file. Empty outputs mean "not worth it" (not a candidate, or the encoding
// saves less than precompress_min_saving). Thread-safe; called per file from worker threads.
// `env`: where cache IO goes (counted in the report); nullptr = the real filesystem.
// `meter`: encoding runs in stage rows "compress-br" / "compress-gzip" (absent from the report of
// a fully cached run: no compression work), checking cache entries in "compress-cache".
Status Precompress(const DeliveryOptions& o, bool want_br, bool want_gzip, std::string_view bytes,
                   ContentType type, std::string* br, std::string* gz, PrecompressStats* stats,
                   Env* env = nullptr, CostMeter* meter = nullptr);

// One-shot encoders (no cache, no thresholds), for tests and the benchmark.
std::string BrotliEncode(std::string_view bytes, int quality, int window, ContentType type);
std::string GzipEncode(std::string_view bytes, GzipEncoder encoder, int zopfli_iterations);

}  // namespace pagebake::delivery

#endif  // PAGEBAKE_DELIVERY_PRECOMPRESS_H_
