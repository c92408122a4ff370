// css_perftest [--out DIR] [--repeat N] [--tokenize] FILE...
// Minifies each file in-process N times (default 5) and prints one JSON object per line:
// {"file": "...", "in": bytes, "out": bytes, "best_ns": n, "mbps": x}, mbps = in/best_ns*1000.
// --out DIR writes each output to DIR/<basename>. --tokenize times the tokenizer alone.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "filters/css/css_minifier.h"
#include "filters/css/css_tokenizer.h"
#include "tests/perftest_util.h"

namespace {

using pagebake::testing::JsonEscape;
using pagebake::testing::ReadFile;

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir;
  int repeat = 5;
  bool tokenize_only = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) {
      out_dir = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, atoi(argv[++i]));
    } else if (a == "--tokenize") {
      tokenize_only = true;
    } else if (a == "-h" || a == "--help") {
      fprintf(stderr, "usage: css_perftest [--out DIR] [--repeat N] [--tokenize] FILE...\n");
      return 0;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    fprintf(stderr, "usage: css_perftest [--out DIR] [--repeat N] [--tokenize] FILE...\n");
    return 2;
  }
  int rc = 0;
  for (const std::string& path : files) {
    std::string in;
    if (!ReadFile(path, &in)) {
      fprintf(stderr, "css_perftest: cannot read %s\n", path.c_str());
      rc = 1;
      continue;
    }
    std::string out;
    std::vector<pagebake::css::Token> toks;
    pagebake::css::CssMinifyOptions options;
    int64_t best = INT64_MAX;
    for (int r = 0; r < repeat; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      if (tokenize_only) {
        pagebake::css::Tokenize(in, &toks);
      } else {
        pagebake::Status s = pagebake::css::MinifyCss(in, options, &out);
        if (!s.ok()) {
          fprintf(stderr, "css_perftest: %s: %s\n", path.c_str(), s.ToString().c_str());
          rc = 1;
          break;
        }
      }
      auto t1 = std::chrono::steady_clock::now();
      best = std::min<int64_t>(best, std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
    }
    if (tokenize_only) out = in;
    if (!out_dir.empty()) {
      std::string base = path.substr(path.find_last_of('/') + 1);
      std::ofstream f(out_dir + "/" + base, std::ios::binary);
      f << out;
      if (!f) {
        fprintf(stderr, "css_perftest: cannot write %s/%s\n", out_dir.c_str(), base.c_str());
        rc = 1;
      }
    }
    double mbps = best > 0 ? static_cast<double>(in.size()) / static_cast<double>(best) * 1000.0 : 0;
    printf("{\"file\": \"%s\", \"in\": %zu, \"out\": %zu, \"best_ns\": %lld, \"mbps\": %.1f}\n",
           JsonEscape(path).c_str(), in.size(), out.size(), static_cast<long long>(best), mbps);
  }
  return rc;
}
