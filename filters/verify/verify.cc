// pagebake verify's entry points (pagebake/verify.h): options, finding the browser, one verify
// run with its summary. Bisect lives in bisect.cc.
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "filters/verify/summary_html.h"
#include "filters/verify/verifier.h"
#include "pagebake/verify.h"

namespace pagebake {
namespace {

bool Executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

// `name` as given when it has a '/', else the first match on $PATH.
std::string OnPath(const std::string& name) {
  if (name.find('/') != std::string::npos) return Executable(name) ? name : "";
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    if (!dir.empty() && Executable(dir + "/" + name)) return dir + "/" + name;
  return "";
}

double NowMs() {
  timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

}  // namespace

Status ParseViewports(const std::string& text, std::vector<Viewport>* out) {
  out->clear();
  std::stringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    Viewport v;
    char x = 0, extra = 0;
    if (std::sscanf(item.c_str(), "%d%c%d%c", &v.width, &x, &v.height, &extra) != 3 ||
        (x != 'x' && x != 'X') || v.width < 16 || v.height < 16 || v.width > 10000 ||
        v.height > 20000)
      return Status::InvalidArgument("bad viewport '" + item +
                                     "' (expected WIDTHxHEIGHT, 16..10000 x 16..20000)");
    out->push_back(v);
  }
  if (out->empty()) return Status::InvalidArgument("no viewport in '" + text + "'");
  return Status::OK();
}

std::string FindChromium(const std::string& preferred) {
  if (!preferred.empty()) return OnPath(preferred);
  if (const char* env = std::getenv("PAGEBAKE_CHROMIUM"); env && *env) return OnPath(env);
  for (const char* name : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"})
    if (std::string p = OnPath(name); !p.empty()) return p;
  return "";
}

Status Verify(const VerifyOptions& options, VerifyResult* result) {
  const double start = NowMs();
  *result = VerifyResult{};
  verify::Verifier verifier(options);
  PAGEBAKE_RETURN_IF_ERROR(verifier.Start());
  std::vector<std::string> pages = verifier.ListPages(options.output_dir);
  if (pages.empty())
    return Status::NotFound("no page to verify: no .html file of " + options.source_dir +
                            " exists in " + options.output_dir +
                            (options.pages.empty() ? "" : " matching --pages"));
  const std::string image_dir = options.report_dir;
  PAGEBAKE_RETURN_IF_ERROR(verifier.Run(options.output_dir, pages, image_dir, &result->verdicts));
  result->pages = static_cast<int>(pages.size());
  std::string last;
  bool last_counted = false;
  for (const PageVerdict& v : result->verdicts) {
    if (v.page != last) {
      last = v.page;
      last_counted = false;
    }
    if (v.differs && !last_counted) {
      ++result->differing_pages;
      last_counted = true;
    }
  }
  result->wall_ms = NowMs() - start;
  if (!options.report_dir.empty()) {
    result->summary_path = options.report_dir + "/verify.html";
    std::ofstream out(result->summary_path, std::ios::binary | std::ios::trunc);
    out << verify::SummaryHtml(options, *result);
    out.close();
    if (!out) return Status::IoError("cannot write " + result->summary_path);
  }
  return Status::OK();
}

Status VerifyBuild(const Options& build, VerifyOptions verify, VerifyResult* result) {
  verify.source_dir = build.source_dir;
  verify.output_dir = build.output_dir;
  return Verify(verify, result);
}

}  // namespace pagebake
