// html_perftest [--out DIR] [--repeat N] [--site ROOT] FILE...
// Parses each file, runs the minification set (remove-comments, collapse-whitespace,
// elide-attributes, remove-quotes) and serializes, in-process, N times (default 5). Prints one
// JSON object per file: {"file", "in", "out", "best_ns", "mbps"} (mbps = in / best_ns * 1000).
// With --out, writes each output to DIR/<basename>. Times are this thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID): MB/s per core, not disturbed by other processes on a shared
// machine. With --site, the FILEs lie under ROOT, which also holds their stylesheets: each page
// is rewritten as `pagebake build` rewrites it in that site (html-collapse-whitespace reads the
// sheets the page links, once per run, as a build's worker does), written to
// DIR/<path under ROOT>, and its record names that file ("out_file"); a page's time then also
// holds what its first run spent reading sheets no earlier page linked.
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
#include "filters/core/site.h"
#include "filters/html/document.h"
#include "filters/html/html_filters.h"
#include "tests/perftest_util.h"

using namespace pagebake;

static int64_t ThreadCpuNs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

using pagebake::testing::JsonEscape;
using pagebake::testing::ReadFile;

int main(int argc, char** argv) {
  std::string out_dir, site_root;
  int repeat = 5;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) out_dir = argv[++i];
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--site" && i + 1 < argc) site_root = argv[++i];
    else files.push_back(a);
  }
  if (files.empty()) {
    std::cerr << "usage: html_perftest [--out DIR] [--repeat N] [--site ROOT] FILE...\n";
    return 2;
  }
  Options options;
  const char* kIds[] = {"html-remove-comments", "html-collapse-whitespace",
                        "html-elide-attributes", "html-remove-quotes"};
  std::vector<std::unique_ptr<Filter>> filters;
  for (const char* id : kIds) filters.push_back(html::CreateFilter(*FindFilter(id), options));
  DiagnosticSink sink;
  int status = 0;
  // --site: the stylesheets under ROOT and the pages, as a build's scan stage adds them.
  std::unique_ptr<Site> site;
  if (!site_root.empty()) {
    site = std::make_unique<Site>(site_root);
    std::vector<std::filesystem::path> sheets;
    for (const auto& e : std::filesystem::recursive_directory_iterator(site_root))
      if (e.is_regular_file() && e.path().extension() == ".css") sheets.push_back(e.path());
    std::sort(sheets.begin(), sheets.end());
    for (const auto& path : sheets) {
      Resource r;
      r.path = std::filesystem::relative(path, site_root).generic_string();
      r.type = ContentType::kCss;
      ReadFile(path.string(), &r.bytes);
      site->Add(std::move(r));
    }
  }
  for (const std::string& file : files) {
    std::string bytes;
    if (!ReadFile(file, &bytes)) {
      std::cerr << "cannot read " << file << "\n";
      status = 1;
      continue;
    }
    const Resource* page = nullptr;
    std::string rel;  // the page's path under ROOT
    if (site) {
      rel = std::filesystem::relative(file, site_root).generic_string();
      Resource r;
      r.path = rel;
      r.type = ContentType::kHtml;
      r.bytes = bytes;
      page = site->Add(std::move(r));
    }
    std::string output;
    int64_t best = INT64_MAX;
    int64_t first = 0;
    for (int r = 0; r < repeat; ++r) {
      std::string copy = bytes;  // Parse takes ownership; the copy is outside the timing
      int64_t t0 = ThreadCpuNs();
      auto doc = html::Document::Parse(std::move(copy));
      for (auto& f : filters) {
        FilterContext ctx(options, site.get(), page, &sink, f->id());
        (void)f->RewriteHtml(ctx, *doc);
      }
      output = doc->Serialize();
      const int64_t t = ThreadCpuNs() - t0;
      if (r == 0) first = t;
      best = std::min<int64_t>(best, t);
    }
    // With a site, the first run of a page also reads the sheets no earlier page linked (the
    // filter keeps them, as a build's worker does): that one-time cost stays in this page's time.
    if (site && repeat > 1) best += std::max<int64_t>(0, first - best);
    std::string out_file;
    if (!out_dir.empty()) {
      std::filesystem::path p = std::filesystem::path(out_dir) /
                                (site ? std::filesystem::path(rel)
                                      : std::filesystem::path(file).filename());
      std::filesystem::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary) << output;
      if (site) out_file = JsonEscape(p.string());
    }
    double mbps = best > 0 ? static_cast<double>(bytes.size()) / static_cast<double>(best) * 1000.0 : 0;
    const std::string name = JsonEscape(file);
    const std::string named_out = out_file.empty() ? "" : ", \"out_file\": \"" + out_file + "\"";
    std::printf("{\"file\": \"%s\", \"in\": %zu, \"out\": %zu, \"best_ns\": %lld, \"mbps\": %.1f%s}\n",
                name.c_str(), bytes.size(), output.size(), static_cast<long long>(best), mbps,
                named_out.c_str());
  }
  return status;
}
