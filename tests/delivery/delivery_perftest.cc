// Precompression speed. Not a test: a program for the benchmark harness and for choosing the
// gzip encoder.
//
//   delivery_perftest [--out DIR] [--repeat N] [--gzip libdeflate|zopfli] FILE...
//     Each file precompressed (br + gz, no cache) N times in-process (default 5); one JSON line
//     per file: {"file", "in", "out" (br bytes), "gz", "best_ns", "mbps"}. --out writes
//     DIR/<basename>.br and .gz.
//   delivery_perftest --compare-gzip FILE...
//     libdeflate level 12 vs zopfli (15 iterations): {"file", "in", "libdeflate", "zopfli",
//     "libdeflate_ns", "zopfli_ns"} per file, then a total line.
//   delivery_perftest --site DIR [--jobs N]
//     Every compressible file >= 1 KiB under DIR on N threads (default 2): cold (empty cache),
//     warm (same cache), and the `brotli -q 11` and `zopfli` CLIs over the same files with
//     `xargs -P N`. One JSON line with the wall times.
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "filters/core/env.h"
#include "filters/delivery/precompress.h"

namespace pagebake::delivery {
namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Basename(const std::string& p) {
  size_t s = p.find_last_of('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

void ListFiles(const std::string& root, std::vector<std::string>* out) {
  auto env = NewPosixEnv(IoStrategy::kRead);
  std::vector<std::string> stack{root};
  while (!stack.empty()) {
    std::string d = stack.back();
    stack.pop_back();
    std::vector<DirEntry> entries;
    if (!env->ListDir(d, &entries).ok()) continue;
    for (const DirEntry& e : entries) {
      std::string p = d + "/" + e.name;
      if (e.type == FileInfo::Type::kDirectory) stack.push_back(p);
      else if (e.type == FileInfo::Type::kFile) out->push_back(p);
    }
  }
  std::sort(out->begin(), out->end());
}

int PerFile(const std::vector<std::string>& files, int repeat, const std::string& out_dir,
            GzipEncoder enc) {
  DeliveryOptions o;
  o.gzip_encoder = enc;
  o.precompress_min_bytes = 1;
  o.precompress_min_saving = 0;
  for (const std::string& f : files) {
    std::string bytes = Slurp(f);
    ContentType type = ContentTypeFromPath(f);
    if (!IsCompressible(type)) type = ContentType::kText;
    std::string br, gz;
    int64_t best = INT64_MAX;
    for (int i = 0; i < repeat; ++i) {
      int64_t t0 = NowNs();
      if (!Precompress(o, true, true, bytes, type, &br, &gz, nullptr).ok()) return 1;
      best = std::min(best, NowNs() - t0);
    }
    if (!out_dir.empty()) {
      std::ofstream(out_dir + "/" + Basename(f) + ".br", std::ios::binary) << br;
      std::ofstream(out_dir + "/" + Basename(f) + ".gz", std::ios::binary) << gz;
    }
    std::printf("{\"file\": \"%s\", \"in\": %zu, \"out\": %zu, \"gz\": %zu, \"best_ns\": %lld, "
                "\"mbps\": %.3f}\n",
                f.c_str(), bytes.size(), br.size(), gz.size(), static_cast<long long>(best),
                best > 0 ? static_cast<double>(bytes.size()) / static_cast<double>(best) * 1000
                         : 0.0);
  }
  return 0;
}

int CompareGzip(const std::vector<std::string>& files) {
  uint64_t in = 0, ld = 0, zo = 0;
  int64_t ld_ns = 0, zo_ns = 0;
  for (const std::string& f : files) {
    std::string bytes = Slurp(f);
    int64_t t0 = NowNs();
    std::string a = GzipEncode(bytes, GzipEncoder::kLibdeflate, 15);
    int64_t t1 = NowNs();
    std::string b = GzipEncode(bytes, GzipEncoder::kZopfli, 15);
    int64_t t2 = NowNs();
    std::printf("{\"file\": \"%s\", \"in\": %zu, \"libdeflate\": %zu, \"zopfli\": %zu, "
                "\"libdeflate_ns\": %lld, \"zopfli_ns\": %lld}\n",
                f.c_str(), bytes.size(), a.size(), b.size(), static_cast<long long>(t1 - t0),
                static_cast<long long>(t2 - t1));
    in += bytes.size();
    ld += a.size();
    zo += b.size();
    ld_ns += t1 - t0;
    zo_ns += t2 - t1;
  }
  std::printf("{\"total\": true, \"in\": %llu, \"libdeflate\": %llu, \"zopfli\": %llu, "
              "\"zopfli_smaller_pct\": %.3f, \"libdeflate_ns\": %lld, \"zopfli_ns\": %lld, "
              "\"zopfli_time_x\": %.1f}\n",
              static_cast<unsigned long long>(in), static_cast<unsigned long long>(ld),
              static_cast<unsigned long long>(zo),
              ld ? 100.0 * (static_cast<double>(ld) - static_cast<double>(zo)) / ld : 0.0,
              static_cast<long long>(ld_ns), static_cast<long long>(zo_ns),
              ld_ns ? static_cast<double>(zo_ns) / static_cast<double>(ld_ns) : 0.0);
  return 0;
}

// Precompresses every file on `jobs` threads; returns wall ns.
int64_t RunSite(const DeliveryOptions& o, const std::vector<std::string>& files,
                const std::vector<std::string>& bytes, int jobs, PrecompressStats* total,
                uint64_t* br_bytes, uint64_t* gz_bytes) {
  std::atomic<size_t> next{0};
  std::vector<PrecompressStats> stats(jobs);
  std::vector<uint64_t> brs(jobs), gzs(jobs);
  int64_t t0 = NowNs();
  std::vector<std::thread> threads;
  for (int w = 0; w < jobs; ++w) {
    threads.emplace_back([&, w] {
      for (size_t i; (i = next.fetch_add(1)) < files.size();) {
        std::string br, gz;
        (void)Precompress(o, true, true, bytes[i], ContentTypeFromPath(files[i]), &br, &gz,
                          &stats[w]);
        brs[w] += br.size();
        gzs[w] += gz.size();
      }
    });
  }
  for (auto& t : threads) t.join();
  int64_t wall = NowNs() - t0;
  *total = {};
  *br_bytes = *gz_bytes = 0;
  for (int w = 0; w < jobs; ++w) {
    *total += stats[w];
    *br_bytes += brs[w];
    *gz_bytes += gzs[w];
  }
  return wall;
}

int64_t RunShell(const std::string& cmd) {
  int64_t t0 = NowNs();
  int rc = std::system(cmd.c_str());
  return rc == 0 ? NowNs() - t0 : -1;
}

int Site(const std::string& dir, int jobs) {
  DeliveryOptions o;
  std::vector<std::string> all, files, bytes;
  ListFiles(dir, &all);
  uint64_t in = 0;
  for (const std::string& f : all) {
    std::string b = Slurp(f);
    if (!WantsPrecompression(o, ContentTypeFromPath(f), f, b.size())) continue;
    in += b.size();
    files.push_back(f);
    bytes.push_back(std::move(b));
  }
  char tmpl[] = "/tmp/pagebake-perf-cache-XXXXXX";
  o.cache_dir = ::mkdtemp(tmpl);
  PrecompressStats cold, warm;
  uint64_t br = 0, gz = 0;
  int64_t cold_ns = RunSite(o, files, bytes, jobs, &cold, &br, &gz);
  int64_t warm_ns = RunSite(o, files, bytes, jobs, &warm, &br, &gz);
  (void)NewPosixEnv(IoStrategy::kRead)->RemoveAll(o.cache_dir);
  std::string list = "/tmp/pagebake-perf-files-" + std::to_string(::getpid());
  {
    std::ofstream l(list, std::ios::binary);
    for (const std::string& f : files) l << f << '\0';
  }
  const std::string p = std::to_string(jobs);
  int64_t brotli_ns = RunShell("xargs -0 -P" + p + " -I{} sh -c 'brotli -q 11 -c \"$1\" >/dev/null' _ {} < " + list);
  int64_t zopfli_ns = RunShell("xargs -0 -P" + p + " -I{} sh -c 'zopfli -c \"$1\" >/dev/null' _ {} < " + list);
  std::remove(list.c_str());
  std::printf("{\"site\": \"%s\", \"files\": %zu, \"in\": %llu, \"br\": %llu, \"gz\": %llu, "
              "\"jobs\": %d, \"cold_ns\": %lld, \"warm_ns\": %lld, \"warm_speedup\": %.1f, "
              "\"cold_compress_cpu_ns\": %llu, \"warm_compress_cpu_ns\": %llu, "
              "\"warm_verify_cpu_ns\": %llu, \"warm_hits\": %llu, \"brotli_cli_ns\": %lld, "
              "\"zopfli_cli_ns\": %lld}\n",
              dir.c_str(), files.size(), static_cast<unsigned long long>(in),
              static_cast<unsigned long long>(br), static_cast<unsigned long long>(gz), jobs,
              static_cast<long long>(cold_ns), static_cast<long long>(warm_ns),
              warm_ns ? static_cast<double>(cold_ns) / static_cast<double>(warm_ns) : 0.0,
              static_cast<unsigned long long>(cold.compress_ns),
              static_cast<unsigned long long>(warm.compress_ns),
              static_cast<unsigned long long>(warm.verify_ns),
              static_cast<unsigned long long>(warm.cache_hits), static_cast<long long>(brotli_ns),
              static_cast<long long>(zopfli_ns));
  return 0;
}

}  // namespace
}  // namespace pagebake::delivery

int main(int argc, char** argv) {
  using namespace pagebake::delivery;
  std::string out_dir, site;
  int repeat = 5, jobs = 2;
  bool compare = false;
  pagebake::GzipEncoder enc = pagebake::GzipEncoder::kLibdeflate;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) out_dir = argv[++i];
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--jobs" && i + 1 < argc) jobs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--site" && i + 1 < argc) site = argv[++i];
    else if (a == "--compare-gzip") compare = true;
    else if (a == "--gzip" && i + 1 < argc)
      enc = std::string(argv[++i]) == "zopfli" ? pagebake::GzipEncoder::kZopfli
                                               : pagebake::GzipEncoder::kLibdeflate;
    else files.push_back(a);
  }
  if (!site.empty()) return Site(site, jobs);
  if (files.empty()) {
    std::fprintf(stderr,
                 "usage: delivery_perftest [--out DIR] [--repeat N] [--gzip E] FILE...\n"
                 "       delivery_perftest --compare-gzip FILE...\n"
                 "       delivery_perftest --site DIR [--jobs N]\n");
    return 2;
  }
  if (compare) return CompareGzip(files);
  return PerFile(files, repeat, out_dir, enc);
}
