// What a page costs a first-time visitor, from a finished build: its bytes (raw, gzip, brotli),
// requests, dependency depth and an estimated load time under the network profiles of the
// load model (pagebake/experiment.h). The graph is read back from the output: the built page's
// references (the report's `loads` are the source graph's, so they miss what a filter changed:
// an inlined stylesheet's url()s become the page's own), then loaded stylesheets' url()s and
// @imports. Only where a page cannot be read (a report without its output) are `loads` used.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "filters/core/content_type.h"
#include "filters/core/formats.h"
#include "filters/core/url.h"
#include "filters/delivery/precompress.h"
#include "filters/report/svg_chart.h"
#include "pagebake/experiment.h"

namespace pagebake {
namespace {

// content_type is a MIME type, possibly with parameters ("text/html; charset=utf-8").
bool TypeIs(const OutputFile& o, std::string_view mime) {
  std::string_view t = o.content_type;
  return t.substr(0, t.find(';')) == mime;
}

bool IsHtml(const OutputFile& o) {
  return TypeIs(o, "text/html") || TypeIs(o, "application/xhtml+xml");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The output paths a stylesheet references (url(), @import), resolved against its own path.
std::vector<std::string> CssLoads(const std::string& output_dir, const std::string& css_path) {
  std::vector<RawRef> refs;
  CollectCssRefs(ReadFile(output_dir + "/" + css_path), &refs);
  std::vector<std::string> out;
  for (const RawRef& r : refs) {
    ResolvedUrl u = ResolveUrl(css_path, r.url);
    if (u.kind == UrlKind::kLocal) out.push_back(u.path);
  }
  return out;
}

// What the built page references and the browser fetches (not links and frames: navigation),
// resolved like the pipeline does, <base href> included. nullopt when the page cannot be read.
std::optional<std::vector<std::string>> HtmlLoads(const std::string& output_dir,
                                                  const std::string& page_path) {
  std::ifstream in(output_dir + "/" + page_path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  std::shared_ptr<html::Document> doc = ParseHtml(ss.str());
  if (!doc) return std::nullopt;
  std::vector<RawRef> refs;
  std::string base_href;
  CollectHtmlRefs(*doc, &refs, &base_href);
  std::string base = page_path;
  if (!base_href.empty()) {
    ResolvedUrl b = ResolveUrl(page_path, base_href);
    if (b.kind == UrlKind::kLocal) base = b.path;  // "dir/" resolves to dir/index.html: same base
  }
  std::vector<std::string> out;
  for (const RawRef& r : refs) {
    if (r.kind == RefKind::kLink || r.kind == RefKind::kFrame) continue;
    ResolvedUrl u = ResolveUrl(base, r.url);
    if (u.kind == UrlKind::kLocal) out.push_back(u.path);
  }
  return out;
}

// Level of every resource the page loads (1 = referenced by the page), breadth first so each
// resource gets its shortest chain; stylesheets are followed, cycles end at the visited set.
// `css_memo`: each stylesheet's references, read once per build (pages share stylesheets).
std::map<std::string, int> PageLoads(const OutputFile& page,
                                     const std::map<std::string, const OutputFile*>& by_path,
                                     const std::string& output_dir,
                                     std::map<std::string, std::vector<std::string>>* css_memo) {
  std::map<std::string, int> level;
  std::vector<std::string> frontier;
  std::optional<std::vector<std::string>> built = HtmlLoads(output_dir, page.path);
  for (const std::string& p : built ? *built : page.loads)
    if (by_path.count(p) && p != page.path && level.emplace(p, 1).second) frontier.push_back(p);
  for (int depth = 1; !frontier.empty(); ++depth) {
    std::vector<std::string> next;
    for (const std::string& p : frontier) {
      if (!TypeIs(*by_path.at(p), "text/css")) continue;
      auto memo = css_memo->find(p);
      if (memo == css_memo->end()) memo = css_memo->emplace(p, CssLoads(output_dir, p)).first;
      for (const std::string& q : memo->second)
        if (by_path.count(q) && q != page.path && level.emplace(q, depth + 1).second)
          next.push_back(q);
    }
    frontier = std::move(next);
  }
  // img-webp serves X.webp through <picture> with X as the fallback: a browser fetches one.
  for (auto it = level.begin(); it != level.end();) {
    if (level.count(it->first + ".webp")) {
      it = level.erase(it);
    } else {
      ++it;
    }
  }
  return level;
}

struct Sizes {
  uint64_t raw = 0, gzip = 0, br = 0;
};

// A file's transfer sizes: its .gz/.br siblings where the build wrote them; a compressible file
// without one (below precompress_min_bytes, or saving under the threshold) is encoded here with
// the default settings, as a server compressing on the fly would send it; the rest goes raw.
// Memoized per build: many pages load the same files.
class SizeTable {
 public:
  explicit SizeTable(const std::string& output_dir) : output_dir_(output_dir) {}
  const Sizes& Of(const OutputFile& f) {
    auto [it, fresh] = sizes_.try_emplace(f.path);
    if (!fresh) return it->second;
    Sizes& s = it->second;
    s.raw = s.gzip = s.br = f.bytes;
    if (f.gzip_bytes) s.gzip = std::min(s.raw, *f.gzip_bytes);
    if (f.br_bytes) s.br = std::min(s.raw, *f.br_bytes);
    if ((f.gzip_bytes && f.br_bytes) || f.bytes == 0) return s;
    const ContentType type = ContentTypeFromPath(f.path);
    if (!IsCompressible(type, f.path)) return s;
    std::ifstream in(output_dir_ + "/" + f.path, std::ios::binary);
    if (!in) return s;
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    const DeliveryOptions d;
    if (!f.gzip_bytes)
      s.gzip = std::min<uint64_t>(
          s.raw, delivery::GzipEncode(bytes, d.gzip_encoder, d.zopfli_iterations).size());
    if (!f.br_bytes)
      s.br = std::min<uint64_t>(
          s.raw, delivery::BrotliEncode(bytes, d.brotli_quality, d.brotli_window, type).size());
    return s;
  }

 private:
  std::string output_dir_;
  std::map<std::string, Sizes> sizes_;
};

void AddFile(const Sizes& s, PageMetrics* m) {
  m->raw_bytes += s.raw;
  m->gzip_bytes += s.gzip;
  m->br_bytes += s.br;
  ++m->requests;
}

}  // namespace

std::string DescribeLoadModel(const LoadModel& model) {
  std::string s =
      "Load-time model (an estimate for comparing builds, not a measurement):\n"
      "  load_ms = (setup + depth) * RTT + 8 * (brotli bytes + requests * " +
      std::to_string(model.request_overhead_bytes) + " B) / bandwidth\n" +
      "  - one HTTP/2 connection, requests multiplexed; setup = " +
      std::to_string(model.setup_rtts) +
      " RTT (TCP + TLS 1.3, DNS cached); TCP slow start ignored\n"
      "  - depth: one RTT per dependency level of the deepest chain (page -> stylesheet ->\n"
      "    its url()/@import targets ...); JS-initiated loads are not seen\n"
      "  - bytes: everything the built page references (images, scripts, styles, fonts,\n"
      "    icons), each once, cold cache; compressed size = the .br/.gz sibling the build\n"
      "    wrote, else (small text files) compressed on the fly, else raw; X.webp replaces X\n"
      "    when both are referenced (<picture>)\n"
      "  - the link is busy from first request to last byte (bandwidth-bound lower bound)\n"
      "  profiles:";
  for (const NetworkProfile& p : model.profiles)
    s += " " + p.name + report::Fmt(" (%.0f ms RTT, %.1f Mbit/s)", p.rtt_ms, p.mbit_per_s);
  return s + "\n";
}

std::vector<PageMetrics> MeasurePages(const Report& report, const std::string& output_dir,
                                      const LoadModel& model) {
  std::map<std::string, const OutputFile*> by_path;
  for (const OutputFile& o : report.outputs) by_path[o.path] = &o;
  std::vector<PageMetrics> pages;
  SizeTable sizes(output_dir);
  std::map<std::string, std::vector<std::string>> css_memo;
  for (const OutputFile& o : report.outputs) {
    if (!IsHtml(o)) continue;
    PageMetrics m;
    m.page = o.path;
    AddFile(sizes.Of(o), &m);
    m.depth = 1;
    for (const auto& [path, level] : PageLoads(o, by_path, output_dir, &css_memo)) {
      AddFile(sizes.Of(*by_path.at(path)), &m);
      m.depth = std::max(m.depth, level + 1);
    }
    for (const NetworkProfile& p : model.profiles) {
      const double bytes =
          double(m.br_bytes) + double(m.requests) * double(model.request_overhead_bytes);
      const double transfer_ms = p.mbit_per_s > 0 ? bytes * 8 / (p.mbit_per_s * 1000) : 0;
      m.load_ms.push_back((model.setup_rtts + m.depth) * p.rtt_ms + transfer_ms);
    }
    pages.push_back(std::move(m));
  }
  return pages;
}

Savings& Savings::operator+=(const Savings& o) {
  raw_bytes += o.raw_bytes;
  gzip_bytes += o.gzip_bytes;
  br_bytes += o.br_bytes;
  requests += o.requests;
  depth += o.depth;
  load_ms.resize(std::max(load_ms.size(), o.load_ms.size()));
  for (size_t i = 0; i < o.load_ms.size(); ++i) load_ms[i] += o.load_ms[i];
  return *this;
}

Savings Saved(const PageMetrics& before, const PageMetrics& after) {
  Savings s;
  s.raw_bytes = int64_t(before.raw_bytes) - int64_t(after.raw_bytes);
  s.gzip_bytes = int64_t(before.gzip_bytes) - int64_t(after.gzip_bytes);
  s.br_bytes = int64_t(before.br_bytes) - int64_t(after.br_bytes);
  s.requests = int64_t(before.requests) - int64_t(after.requests);
  s.depth = int64_t(before.depth) - int64_t(after.depth);
  for (size_t i = 0; i < before.load_ms.size() && i < after.load_ms.size(); ++i)
    s.load_ms.push_back(before.load_ms[i] - after.load_ms[i]);
  return s;
}

PageMetrics TotalOf(const std::vector<PageMetrics>& pages) {
  PageMetrics t;
  t.page = "(all pages)";
  for (const PageMetrics& p : pages) {
    t.raw_bytes += p.raw_bytes;
    t.gzip_bytes += p.gzip_bytes;
    t.br_bytes += p.br_bytes;
    t.requests += p.requests;
    t.depth += p.depth;
    t.load_ms.resize(std::max(t.load_ms.size(), p.load_ms.size()));
    for (size_t i = 0; i < p.load_ms.size(); ++i) t.load_ms[i] += p.load_ms[i];
  }
  return t;
}

}  // namespace pagebake
