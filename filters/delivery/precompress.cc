#include "filters/delivery/precompress.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <libdeflate.h>
#include <unistd.h>
#include <zopfli/zopfli.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>

#include "filters/core/hash.h"

namespace pagebake::delivery {
namespace {

uint64_t ThreadCpuNs() {
  struct timespec ts;
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
}

bool BrotliDecodesTo(std::string_view br, std::string_view want) {
  std::string out(want.size(), '\0');
  size_t n = out.size();
  // One byte of slack would be needed to detect "longer than want"; the decoder reports
  // BROTLI_DECODER_RESULT_ERROR when the output buffer is too small, which also catches it.
  if (BrotliDecoderDecompress(br.size(), reinterpret_cast<const uint8_t*>(br.data()), &n,
                              reinterpret_cast<uint8_t*>(out.data())) !=
      BROTLI_DECODER_RESULT_SUCCESS)
    return false;
  return n == want.size() && out == want;
}

bool GzipDecodesTo(std::string_view gz, std::string_view want) {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  if (!d) return false;
  std::string out(want.size(), '\0');
  size_t in_used = 0, n = 0;
  libdeflate_result r = libdeflate_gzip_decompress_ex(d, gz.data(), gz.size(), out.data(),
                                                      out.size(), &in_used, &n);
  libdeflate_free_decompressor(d);
  return r == LIBDEFLATE_SUCCESS && in_used == gz.size() && n == want.size() && out == want;
}

// A cache entry: <cache_dir>/<2 hex>/<sha256(content)>-<settings>.
std::string EntryPath(const std::string& dir, const std::string& content_hash,
                      const std::string& settings) {
  return JoinPath(JoinPath(dir, content_hash.substr(0, 2)), content_hash + "-" + settings);
}

// Reads a cached encoding and checks it; false when absent or damaged.
bool ReadEntry(Env* env, CostMeter* meter, const std::string& path, std::string_view bytes,
               bool brotli, std::string* out, PrecompressStats* stats) {
  CostScope scope(meter, "compress-cache", RowKind::kStage);
  std::string cached;
  if (!env->ReadFile(path, &cached).ok()) return false;
  scope.AddBytes(cached.size(), 0);
  uint64_t t0 = ThreadCpuNs();
  bool good = brotli ? BrotliDecodesTo(cached, bytes) : GzipDecodesTo(cached, bytes);
  stats->verify_ns += ThreadCpuNs() - t0;
  if (good) *out = std::move(cached);
  return good;
}

void WriteEntry(Env* env, const std::string& path, std::string_view encoded,
                PrecompressStats* stats) {
  static std::atomic<uint64_t> counter{0};
  if (!env->CreateDirs(DirName(path)).ok()) return;
  // Unique per process and call: two threads (or two builds) caching the same content never
  // share a temporary name, and the rename makes the entry appear whole.
  std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + "-" +
                    std::to_string(counter.fetch_add(1));
  if (!env->WriteFile(tmp, encoded, 0).ok()) return;
  if (env->Rename(tmp, path).ok()) {
    ++stats->cache_writes;
  } else {
    (void)env->RemoveAll(tmp);
  }
}

// Not worth keeping: saves less than the minimum fraction.
bool WorthIt(const DeliveryOptions& o, size_t in, size_t out) {
  return static_cast<double>(out) <= static_cast<double>(in) * (1.0 - o.precompress_min_saving);
}

Env* DefaultEnv() {
  static std::unique_ptr<Env> env = NewPosixEnv(IoStrategy::kRead);
  return env.get();
}

}  // namespace

PrecompressStats& PrecompressStats::operator+=(const PrecompressStats& o) {
  cache_hits += o.cache_hits;
  cache_misses += o.cache_misses;
  cache_writes += o.cache_writes;
  compress_ns += o.compress_ns;
  verify_ns += o.verify_ns;
  return *this;
}

std::string BrotliEncode(std::string_view bytes, int quality, int window, ContentType type) {
  quality = std::clamp(quality, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY);
  window = std::clamp(window, BROTLI_MIN_WINDOW_BITS, BROTLI_MAX_WINDOW_BITS);
  BrotliEncoderMode mode = type == ContentType::kFont ? BROTLI_MODE_FONT
                           : IsCompressible(type) && type != ContentType::kWasm &&
                                   type != ContentType::kIco
                               ? BROTLI_MODE_TEXT
                               : BROTLI_MODE_GENERIC;
  std::string out(BrotliEncoderMaxCompressedSize(bytes.size()), '\0');
  size_t n = out.size();
  if (!BrotliEncoderCompress(quality, window, mode, bytes.size(),
                             reinterpret_cast<const uint8_t*>(bytes.data()), &n,
                             reinterpret_cast<uint8_t*>(out.data())))
    return {};
  out.resize(n);
  return out;
}

std::string GzipEncode(std::string_view bytes, GzipEncoder encoder, int zopfli_iterations) {
  if (encoder == GzipEncoder::kZopfli) {
    ZopfliOptions zo;
    ZopfliInitOptions(&zo);
    zo.numiterations = std::max(1, zopfli_iterations);
    unsigned char* buf = nullptr;
    size_t n = 0;
    ZopfliCompress(&zo, ZOPFLI_FORMAT_GZIP, reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size(), &buf, &n);
    std::string out(reinterpret_cast<const char*>(buf), n);
    std::free(buf);
    return out;
  }
  // One compressor per thread: level 12's state is ~1 MB, too big to allocate per small file.
  struct Compressor {
    libdeflate_compressor* c = libdeflate_alloc_compressor(12);
    ~Compressor() { libdeflate_free_compressor(c); }
  };
  thread_local Compressor tc;
  if (!tc.c) return {};
  std::string out(libdeflate_gzip_compress_bound(tc.c, bytes.size()), '\0');
  size_t n = libdeflate_gzip_compress(tc.c, bytes.data(), bytes.size(), out.data(), out.size());
  out.resize(n);
  return out;
}

bool WantsPrecompression(const DeliveryOptions& o, ContentType type, std::string_view path,
                         uint64_t size) {
  return IsCompressible(type, path) && size >= o.precompress_min_bytes && size > 0;
}

Status Precompress(const DeliveryOptions& o, bool want_br, bool want_gzip, std::string_view bytes,
                   ContentType type, std::string* br, std::string* gz, PrecompressStats* stats,
                   Env* env, CostMeter* meter) {
  br->clear();
  gz->clear();
  // Fonts are compressible or not by format (TTF vs WOFF2), which the caller knows from the
  // path (WantsPrecompression); every other type is decided here.
  if (bytes.empty() || bytes.size() < o.precompress_min_bytes ||
      (type != ContentType::kFont && !IsCompressible(type)))
    return Status::OK();
  if (!env) env = DefaultEnv();
  PrecompressStats local;
  const bool cache = !o.cache_dir.empty();
  const std::string content_hash = cache ? Sha256Hex(bytes) : std::string();

  struct Job {
    bool want;
    bool brotli;
    std::string settings;
    std::string* out;
  };
  const int quality = std::clamp(o.brotli_quality, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY);
  const int window = std::clamp(o.brotli_window, BROTLI_MIN_WINDOW_BITS, BROTLI_MAX_WINDOW_BITS);
  // The mode is part of the key: it changes the encoding.
  Job jobs[2] = {
      {want_br, true,
       "br-q" + std::to_string(quality) + "-w" + std::to_string(window) + "-" +
           std::string(ContentTypeName(type)),
       br},
      {want_gzip, false,
       o.gzip_encoder == GzipEncoder::kZopfli
           ? "gz-zopfli-i" + std::to_string(std::max(1, o.zopfli_iterations))
           : "gz-libdeflate-12",
       gz},
  };
  for (Job& job : jobs) {
    if (!job.want) continue;
    std::string encoded;
    std::string path = cache ? EntryPath(o.cache_dir, content_hash, job.settings) : std::string();
    if (cache && ReadEntry(env, meter, path, bytes, job.brotli, &encoded, &local)) {
      ++local.cache_hits;
    } else {
      ++local.cache_misses;
      CostScope scope(meter, job.brotli ? "compress-br" : "compress-gzip", RowKind::kStage);
      uint64_t t0 = ThreadCpuNs();
      encoded = job.brotli ? BrotliEncode(bytes, quality, window, type)
                           : GzipEncode(bytes, o.gzip_encoder, o.zopfli_iterations);
      local.compress_ns += ThreadCpuNs() - t0;
      scope.AddBytes(bytes.size(), encoded.size());
      if (encoded.empty()) return Status::Internal("compression failed (" + job.settings + ")");
      if (cache) WriteEntry(env, path, encoded, &local);
    }
    if (WorthIt(o, bytes.size(), encoded.size())) *job.out = std::move(encoded);
  }
  if (stats) *stats += local;
  return Status::OK();
}

}  // namespace pagebake::delivery
