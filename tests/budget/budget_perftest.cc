// budget_perftest [--out DIR] [--repeat N] FILE...
// Times what a budget run spends per output file: transfer sizes (brotli q11 and gzip -9, the
// cost when the build wrote no .br/.gz sibling) and, for stylesheets, the reference scan. Prints
// one JSON object per line: {"file", "in", "out" (brotli bytes), "best_ns", "mbps"}; with --out
// writes DIR/<basename> holding "raw gzip br" sizes.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "filters/budget/site_measure.h"

int main(int argc, char** argv) {
  std::string out_dir;
  int repeat = 5;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) out_dir = argv[++i];
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else files.push_back(a);
  }
  if (files.empty()) {
    std::cerr << "usage: budget_perftest [--out DIR] [--repeat N] FILE...\n";
    return 2;
  }
  int rc = 0;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "budget_perftest: cannot read " << path << "\n";
      rc = 1;
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    const bool css = path.size() > 4 && path.compare(path.size() - 4, 4, ".css") == 0;
    int64_t best = std::numeric_limits<int64_t>::max();
    uint64_t br = 0, gz = 0;
    size_t refs = 0;
    for (int r = 0; r < repeat; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      br = pagebake::budget::BrotliSize(bytes);
      gz = pagebake::budget::GzipSize(bytes);
      if (css) refs = pagebake::budget::CssReferences(bytes).size();
      auto dt = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
                    .count();
      best = std::min<int64_t>(best, dt);
    }
    const double mbps = best > 0 ? static_cast<double>(bytes.size()) / best * 1000.0 : 0;
    std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    std::printf("{\"file\": \"%s\", \"in\": %zu, \"out\": %llu, \"best_ns\": %lld, \"mbps\": %.2f}\n",
                path.c_str(), bytes.size(), static_cast<unsigned long long>(br),
                static_cast<long long>(best), mbps);
    if (!out_dir.empty()) {
      std::ofstream o(out_dir + "/" + base, std::ios::binary | std::ios::trunc);
      o << bytes.size() << " " << gz << " " << br << (css ? " refs=" + std::to_string(refs) : "") << "\n";
      if (!o) rc = 1;
    }
  }
  return rc;
}
