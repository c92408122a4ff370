// Rendering and judging pages (see verifier.h).
#include "filters/verify/verifier.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "filters/budget/glob.h"
#include "filters/verify/image_diff.h"

namespace pagebake::verify {
namespace {

namespace fs = std::filesystem;

bool IsPagePath(const std::string& path) {
  size_t dot = path.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "html" || ext == "htm";
}

// The two servers listen on different ports: write both origins as "ORIGIN" so the messages of
// the same failure compare equal before and after.
std::string Normalize(std::string s, const std::string& origin) {
  for (size_t at = s.find(origin); at != std::string::npos; at = s.find(origin, at + 6))
    s.replace(at, origin.size(), "ORIGIN");
  return s;
}

std::vector<std::string> NewItems(const std::vector<std::string>& before,
                                  const std::vector<std::string>& after,
                                  const std::string& before_origin,
                                  const std::string& after_origin) {
  std::vector<std::string> seen, out;
  for (const std::string& s : before) seen.push_back(Normalize(s, before_origin));
  for (const std::string& s : after) {
    std::string n = Normalize(s, after_origin);
    if (std::find(seen.begin(), seen.end(), n) == seen.end()) out.push_back(std::move(n));
  }
  return out;
}

std::string ImageName(size_t index, const std::string& page, Viewport vp, const char* kind) {
  std::string name = page;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') c = '_';
  return std::to_string(index) + "-" + name + "." + std::to_string(vp.width) + "x" +
         std::to_string(vp.height) + "." + kind + ".png";
}

bool WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  return static_cast<bool>(out);
}

}  // namespace

std::string EncodeUrlPath(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

struct Verifier::Job {
  std::string page;
  int vp_index = 0;
  size_t index = 0;
  PageVerdict verdict;
};

Verifier::~Verifier() {
  browsers_.clear();  // close the browsers before the server they may still talk to
  source_server_.Stop();
}

Status Verifier::Start() {
  if (options_.viewports.empty()) return Status::InvalidArgument("verify: no viewport");
  for (const Viewport& v : options_.viewports)
    if (v.width < 16 || v.height < 16 || v.width > 10000 || v.height > 20000)
      return Status::InvalidArgument("verify: viewport " + std::to_string(v.width) + "x" +
                                     std::to_string(v.height) + " out of range");
  if (options_.channel_threshold < 0 || options_.channel_threshold > 255)
    return Status::InvalidArgument("verify: channel threshold must be in [0, 255]");
  chromium_ = FindChromium(options_.chromium);
  if (chromium_.empty())
    return Status::NotFound(
        "verify needs Chromium: none found (apt-get install chromium, or set PAGEBAKE_CHROMIUM)");
  int jobs = options_.jobs > 0 ? options_.jobs : 2;
  browsers_.resize(static_cast<size_t>(jobs));
  return source_server_.Start(options_.source_dir);
}

std::vector<std::string> Verifier::ListPages(const std::string& out_dir) const {
  std::vector<std::string> pages;
  std::error_code ec;
  const fs::path root(options_.source_dir);
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string rel = it->path().lexically_relative(root).generic_string();
    if (!IsPagePath(rel) || !fs::is_regular_file(fs::path(out_dir) / rel, ec)) continue;
    bool wanted = options_.pages.empty();
    for (const std::string& g : options_.pages) wanted = wanted || budget::GlobMatch(g, rel);
    if (wanted) pages.push_back(rel);
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

Result<Rendering> Verifier::RenderWith(int worker, const std::string& url, Viewport vp) {
  RenderOptions ro;
  ro.viewport = vp;
  ro.settle = options_.settle;
  ro.settle_ms = options_.settle_ms;
  ro.timeout_ms = options_.timeout_ms;
  // One retry for any failed render: a browser that died (crash, killed: an IO error) is
  // replaced first; a protocol error ("Inspected target navigated or closed", seen once in 434
  // Rust book renders under load) is retried in the same browser. A second failure is reported.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::unique_ptr<Browser>& b = browsers_[static_cast<size_t>(worker)];
    if (!b) {
      Result<std::unique_ptr<Browser>> launched = Browser::Launch(chromium_, 30000);
      if (!launched.ok()) return launched.status();
      b = std::move(*launched);
    }
    Result<Rendering> r = b->Render(url, ro);
    if (r.ok() || attempt == 1) return r;
    if (r.status().code() == StatusCode::kIoError) b.reset();
  }
  return Status::Internal("unreachable");
}

void Verifier::RunJob(Job& job, int worker, const std::string& out_origin,
                      const std::string& image_dir) {
  const Viewport vp = options_.viewports[static_cast<size_t>(job.vp_index)];
  PageVerdict& v = job.verdict;
  v.page = job.page;
  v.viewport = vp;
  const std::string path = "/" + EncodeUrlPath(job.page);
  Rendering before;
  bool cached = false;
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = before_.find({job.page, job.vp_index});
    if (it != before_.end()) {
      before = it->second;
      cached = true;
    }
  }
  if (!cached) {
    Result<Rendering> r = RenderWith(worker, source_server_.origin() + path, vp);
    if (!r.ok()) {
      v.error = "before: " + r.status().message();
      v.differs = true;
      return;
    }
    before = std::move(*r);
    std::lock_guard<std::mutex> lock(cache_mu_);
    before_[{job.page, job.vp_index}] = before;
  }
  v.before_ms = before.ms;
  Result<Rendering> after = RenderWith(worker, out_origin + path, vp);
  if (!after.ok()) {
    v.error = "after: " + after.status().message();
    v.differs = true;
    return;
  }
  v.after_ms = after->ms;
  if (after->load_timed_out && !before.load_timed_out)
    v.error = "after: no load event within " + std::to_string(options_.timeout_ms) + " ms";
  v.new_console_errors = NewItems(before.console_errors, after->console_errors,
                                  source_server_.origin(), out_origin);
  v.new_failed_requests = NewItems(before.failed_requests, after->failed_requests,
                                   source_server_.origin(), out_origin);
  ImageDiff diff;
  Status s = ComparePngs(before.png, after->png, options_.channel_threshold, &diff, nullptr);
  if (!s.ok()) {
    v.error = s.message();
    v.differs = true;
    return;
  }
  v.pixels = diff.pixels;
  v.changed_pixels = diff.changed;
  v.changed_fraction = diff.fraction();
  v.differs = v.changed_fraction > options_.max_changed_fraction || !v.error.empty() ||
              !v.new_console_errors.empty() || !v.new_failed_requests.empty();
  if (!v.differs || image_dir.empty()) return;
  std::string diff_png;
  if (!ComparePngs(before.png, after->png, options_.channel_threshold, &diff, &diff_png).ok())
    return;
  v.before_png = ImageName(job.index, job.page, vp, "before");
  v.after_png = ImageName(job.index, job.page, vp, "after");
  v.diff_png = ImageName(job.index, job.page, vp, "diff");
  if (!WriteBytes(image_dir + "/" + v.before_png, before.png) ||
      !WriteBytes(image_dir + "/" + v.after_png, after->png) ||
      !WriteBytes(image_dir + "/" + v.diff_png, diff_png)) {
    v.error = "cannot write images to " + image_dir;
    v.before_png = v.after_png = v.diff_png = "";
  }
}

Status Verifier::Run(const std::string& out_dir, const std::vector<std::string>& pages,
                     const std::string& image_dir, std::vector<PageVerdict>* verdicts) {
  StaticServer out_server;
  PAGEBAKE_RETURN_IF_ERROR(out_server.Start(out_dir));
  if (!image_dir.empty()) {
    std::error_code ec;
    fs::create_directories(image_dir, ec);
    if (ec) return Status::IoError("cannot create " + image_dir + ": " + ec.message());
  }
  std::vector<Job> jobs;
  for (const std::string& page : pages)
    for (size_t vi = 0; vi < options_.viewports.size(); ++vi) {
      Job j;
      j.page = page;
      j.vp_index = static_cast<int>(vi);
      j.index = jobs.size();
      jobs.push_back(std::move(j));
    }
  std::atomic<size_t> next{0};
  std::mutex report_mu;
  auto work = [&](int worker) {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      RunJob(jobs[i], worker, out_server.origin(), image_dir);
      if (options_.on_page) {
        std::lock_guard<std::mutex> lock(report_mu);
        options_.on_page(jobs[i].verdict);
      }
    }
  };
  std::vector<std::thread> threads;
  const int workers = static_cast<int>(std::min(browsers_.size(), std::max<size_t>(jobs.size(), 1)));
  for (int w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);
  for (std::thread& t : threads) t.join();
  verdicts->clear();
  for (Job& j : jobs) verdicts->push_back(std::move(j.verdict));
  return Status::OK();
}

}  // namespace pagebake::verify
