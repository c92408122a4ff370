// js_perftest [--out DIR] [--repeat N] FILE...
// Minifies each file in-process N times (default 5) and prints one JSON object per line:
//   {"file": "...", "in": bytes, "out": bytes, "best_ns": n, "mbps": x}
// (mbps = in / best_ns * 1000). .json files go through MinifyJson, .mjs files are modules.
// With --out, each output is written to DIR/<basename>. Not a test: timings are never asserted.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "filters/js/js_minifier.h"
#include "tests/perftest_util.h"

namespace {

using pagebake::testing::JsonEscape;
using pagebake::testing::ReadFile;

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir;
  int repeat = 5;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) {
      out_dir = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--help" || a == "-h") {
      std::fprintf(stderr, "usage: js_perftest [--out DIR] [--repeat N] FILE...\n");
      return 0;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: js_perftest [--out DIR] [--repeat N] FILE...\n");
    return 2;
  }
  int status = 0;
  for (const std::string& path : files) {
    std::string in;
    if (!ReadFile(path, &in)) {
      std::fprintf(stderr, "js_perftest: cannot read %s\n", path.c_str());
      status = 1;
      continue;
    }
    const bool json = path.ends_with(".json");
    pagebake::js::JsMinifyOptions o;
    o.module = path.ends_with(".mjs");
    std::string out;
    int64_t best = INT64_MAX;
    for (int r = 0; r < repeat; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      pagebake::Status s = json ? pagebake::js::MinifyJson(in, &out, nullptr)
                                : pagebake::js::MinifyJs(in, o, &out, nullptr);
      auto t1 = std::chrono::steady_clock::now();
      if (!s.ok() && r == 0)
        std::fprintf(stderr, "js_perftest: %s: %s\n", path.c_str(), s.ToString().c_str());
      best = std::min<int64_t>(best,
                               std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
    }
    if (!out_dir.empty()) {
      std::string base = path.substr(path.find_last_of('/') + 1);
      std::ofstream f(out_dir + "/" + base, std::ios::binary);
      f << out;
      if (!f) status = 1;
    }
    double mbps = best > 0 ? double(in.size()) / double(best) * 1000.0 : 0.0;
    std::printf("{\"file\": \"%s\", \"in\": %zu, \"out\": %zu, \"best_ns\": %lld, \"mbps\": %.1f}\n",
                JsonEscape(path).c_str(), in.size(), out.size(), static_cast<long long>(best), mbps);
  }
  return status;
}
