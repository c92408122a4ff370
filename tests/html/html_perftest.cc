// html_perftest [--out DIR] [--repeat N] FILE...
// Parses each file, runs the minification set (remove-comments, collapse-whitespace,
// elide-attributes, remove-quotes) and serializes, in-process, N times (default 5). Prints one
// JSON object per file: {"file", "in", "out", "best_ns", "mbps"} (mbps = in / best_ns * 1000).
// With --out, writes each output to DIR/<basename>. Times are this thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID): MB/s per core, not disturbed by other processes on a shared
// machine.
#include <time.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/html/document.h"
#include "filters/html/html_filters.h"

using namespace pagebake;

static int64_t ThreadCpuNs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

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
    std::cerr << "usage: html_perftest [--out DIR] [--repeat N] FILE...\n";
    return 2;
  }
  Options options;
  const char* kIds[] = {"html-remove-comments", "html-collapse-whitespace",
                        "html-elide-attributes", "html-remove-quotes"};
  std::vector<std::unique_ptr<Filter>> filters;
  for (const char* id : kIds) filters.push_back(html::CreateFilter(*FindFilter(id), options));
  DiagnosticSink sink;
  int status = 0;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "cannot read " << file << "\n";
      status = 1;
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    std::string output;
    int64_t best = INT64_MAX;
    for (int r = 0; r < repeat; ++r) {
      std::string copy = bytes;  // Parse takes ownership; the copy is outside the timing
      int64_t t0 = ThreadCpuNs();
      auto doc = html::Document::Parse(std::move(copy));
      for (auto& f : filters) {
        FilterContext ctx(options, nullptr, nullptr, &sink, f->id());
        (void)f->RewriteHtml(ctx, *doc);
      }
      output = doc->Serialize();
      best = std::min<int64_t>(best, ThreadCpuNs() - t0);
    }
    if (!out_dir.empty()) {
      std::filesystem::path p = std::filesystem::path(out_dir) / std::filesystem::path(file).filename();
      std::ofstream(p, std::ios::binary) << output;
    }
    double mbps = best > 0 ? static_cast<double>(bytes.size()) / static_cast<double>(best) * 1000.0 : 0;
    std::string name;
    for (char c : file) {
      if (c == '"' || c == '\\') name += '\\';
      name += c;
    }
    std::printf("{\"file\": \"%s\", \"in\": %zu, \"out\": %zu, \"best_ns\": %lld, \"mbps\": %.1f}\n",
                name.c_str(), bytes.size(), output.size(), static_cast<long long>(best), mbps);
  }
  return status;
}
