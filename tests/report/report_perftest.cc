// report_perftest [--out DIR] [--repeat N] FILE...: renders each saved report JSON as the HTML
// report N times in-process and prints {"file", "in", "out", "best_ns", "mbps"} per file (in =
// JSON bytes; the time covers parsing and rendering, what `pagebake report --html` does).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "pagebake/report.h"
#include "pagebake/report_html.h"

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
  int rc = 0;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string json = ss.str();
    std::string html;
    int64_t best = std::numeric_limits<int64_t>::max();
    for (int k = 0; k < repeat; ++k) {
      auto t0 = std::chrono::steady_clock::now();
      pagebake::Result<pagebake::Report> r = pagebake::ReportFromJson(json);
      if (!r.ok()) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), r.status().ToString().c_str());
        rc = 1;
        break;
      }
      html = pagebake::ReportToHtml(*r);
      auto t1 = std::chrono::steady_clock::now();
      best = std::min<int64_t>(best, std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
    }
    if (html.empty()) continue;
    if (!out_dir.empty()) {
      std::string base = path.substr(path.find_last_of('/') + 1);
      std::ofstream(out_dir + "/" + base + ".html", std::ios::binary) << html;
    }
    std::printf("{\"file\": \"%s\", \"in\": %zu, \"out\": %zu, \"best_ns\": %lld, \"mbps\": %.2f}\n",
                path.c_str(), json.size(), html.size(), static_cast<long long>(best),
                best > 0 ? json.size() * 1000.0 / best : 0.0);
  }
  return rc;
}
