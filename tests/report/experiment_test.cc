// Filter experiments (pagebake/experiment.h) on a small fixture site with known properties
// (tests/data/experiment/site): a big commented stylesheet (css-minify saves bytes), a tiny one
// whose url() image css-inline turns into a direct dependency (one request and one level less),
// a commented script, no JPEG (img-recompress-jpeg cannot apply). The expected ranking holds,
// the written config loads and reproduces the predicted bytes, and the forked and in-process
// runners measure the same bytes. Plus the load model's arithmetic on a hand-made graph.
#include "pagebake/experiment.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "pagebake/pagebake.h"

namespace pagebake {
namespace {

namespace fs = std::filesystem;

const std::string kSite = std::string(PAGEBAKE_SOURCE_DIR) + "/tests/data/experiment/site";

std::string TempDir(const char* name) {
  std::string dir = std::string(PAGEBAKE_BINARY_DIR) + "/tests/report/" + name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const FilterEffect& Effect(const ExperimentResult& r, const std::string& id) {
  for (const FilterEffect& e : r.effects)
    if (e.id == id) return e;
  FAIL("no effect row for " << id);
  throw;  // unreachable
}

size_t PageIndex(const ExperimentResult& r, const std::string& page) {
  for (size_t i = 0; i < r.pages.size(); ++i)
    if (r.pages[i] == page) return i;
  FAIL("no page " << page);
  return 0;
}

ExperimentOptions FixtureOptions(const std::string& work) {
  ExperimentOptions o;
  o.base.source_dir = kSite;
  o.work_dir = work;
  o.cache_dir = work + "/cache";
  o.candidates = {"css-minify",           "css-inline",          "js-minify",
                  "html-remove-comments", "img-recompress-jpeg", "img-convert-gif-to-png"};
  return o;
}

TEST_CASE("experiment: expected ranking on the fixture site") {
  const std::string work = TempDir("experiment_ranking");
  ExperimentResult r;
  size_t last_done = 0, last_total = 0;
  ExperimentHooks hooks;
  hooks.progress = [&](size_t done, size_t total, std::string_view) {
    CHECK(done == last_done + 1);
    last_done = done;
    last_total = total;
  };
  Status s = RunExperiment(FixtureOptions(work), &r, hooks);
  REQUIRE(s.ok());
  // control, all, 6 alone, 6 minus, recommended.
  CHECK(r.builds.size() == 15);
  CHECK(last_done == 15);
  CHECK(last_total == 15);
  for (const ExperimentBuild& b : r.builds) {
    INFO(b.label << ": " << b.error);
    CHECK(b.ok);
  }
  REQUIRE(r.pages == std::vector<std::string>{"about.html", "index.html"});
  CHECK(r.model.profiles[r.slowest_profile].name == "3G");
  const size_t index = PageIndex(r, "index.html");

  const FilterEffect& minify = Effect(r, "css-minify");
  CHECK(minify.alone.raw_bytes > 10000);  // big.css is mostly comments and indentation
  CHECK(minify.alone.br_bytes > 0);
  CHECK(minify.alone.requests == 0);
  CHECK(minify.recommended);
  CHECK(minify.cost.cpu_ms >= 0);

  const FilterEffect& inline_css = Effect(r, "css-inline");
  CHECK(inline_css.alone_pages[index].requests == 1);  // small.css is inlined
  CHECK(inline_css.alone_pages[index].depth == 1);     // dot.png is now a direct dependency
  // With css-minify, big.css shrinks under the inline limit too.
  CHECK(inline_css.in_context_pages[index].requests >= 1);
  CHECK(inline_css.recommended);

  const FilterEffect& js = Effect(r, "js-minify");
  CHECK(js.alone.raw_bytes > 0);

  // The ranking: a round trip saved beats a few KB on 3G; big.css beats app.js on bytes.
  const size_t slow = r.slowest_profile;
  CHECK(inline_css.alone.load_ms[slow] > minify.alone.load_ms[slow]);
  CHECK(minify.alone.load_ms[slow] > 0);
  CHECK(minify.alone.raw_bytes > js.alone.raw_bytes);

  for (const char* id : {"img-recompress-jpeg", "img-convert-gif-to-png"}) {
    const FilterEffect& none = Effect(r, id);
    CHECK(none.alone.raw_bytes == 0);
    CHECK(none.alone.requests == 0);
    CHECK(none.alone.load_ms[slow] == 0);
    CHECK(none.in_context.br_bytes == 0);
    CHECK_FALSE(none.recommended);
    CHECK(none.verdict == "no effect");
  }

  // The recommended build is at least as fast as the control on every profile.
  const ExperimentBuild* control = r.Find("control");
  const ExperimentBuild* rec = r.Find("recommended");
  REQUIRE(control);
  REQUIRE(rec);
  for (size_t p = 0; p < r.model.profiles.size(); ++p)
    CHECK(rec->total.load_ms[p] < control->total.load_ms[p]);
  // The temporary outputs are gone; the cache we named is kept.
  size_t left = 0;
  for (const auto& e : fs::directory_iterator(work)) left += e.path().filename() != "cache";
  CHECK(left == 0);
  CHECK(fs::exists(work + "/cache"));

  // JSON has the schema and one effect per candidate.
  std::string json = ExperimentToJson(r);
  CHECK(json.find("\"schema\": \"pagebake-experiment/1\"") != std::string::npos);
  CHECK(json.find("\"img-recompress-jpeg\"") != std::string::npos);
}

TEST_CASE("experiment: the written config loads and gives the predicted bytes") {
  const std::string work = TempDir("experiment_config");
  ExperimentResult r;
  REQUIRE(RunExperiment(FixtureOptions(work), &r).ok());
  Result<std::string> config = RecommendedConfigJson(r, R"({"css": {}, "level": "all"})");
  REQUIRE(config.ok());
  CHECK(config->find("\"level\": \"passthrough\"") != std::string::npos);
  const std::string path = work + "/pagebake.json";
  WriteFile(path, *config);

  Options o;
  REQUIRE(LoadConfigFile(path, &o).ok());
  CHECK(o.level == Level::kPassthrough);
  std::vector<std::string> want = r.recommended;
  want.push_back("precompress-br");
  want.push_back("precompress-gzip");
  CHECK(o.enable == want);
  o.source_dir = kSite;
  o.output_dir = work + "/out";
  BuildResult built;
  REQUIRE(Build(o, &built).ok());
  std::vector<PageMetrics> pages = MeasurePages(built.report, o.output_dir, r.model);
  const ExperimentBuild* rec = r.Find("recommended");
  REQUIRE(rec);
  REQUIRE(pages.size() == rec->pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    CHECK(pages[i].page == rec->pages[i].page);
    CHECK(pages[i].raw_bytes == rec->pages[i].raw_bytes);
    CHECK(pages[i].gzip_bytes == rec->pages[i].gzip_bytes);
    CHECK(pages[i].br_bytes == rec->pages[i].br_bytes);
    CHECK(pages[i].requests == rec->pages[i].requests);
  }

  // A base config that is not an object is refused.
  CHECK_FALSE(RecommendedConfigJson(r, "[1, 2]").ok());
}

TEST_CASE("experiment: forked and in-process runs measure the same bytes") {
  const std::string work = TempDir("experiment_modes");
  ExperimentOptions o = FixtureOptions(work);
  o.candidates = {"css-minify", "css-inline"};
  ExperimentResult forked, in_process;
  REQUIRE(RunExperiment(o, &forked).ok());
  o.isolate = false;
  REQUIRE(RunExperiment(o, &in_process).ok());
  CHECK(forked.mode == "fork");
  CHECK(in_process.mode == "in-process");
  REQUIRE(forked.builds.size() == in_process.builds.size());
  for (size_t i = 0; i < forked.builds.size(); ++i) {
    const ExperimentBuild& a = forked.builds[i];
    const ExperimentBuild& b = in_process.builds[i];
    CHECK(a.label == b.label);
    CHECK(a.total.raw_bytes == b.total.raw_bytes);
    CHECK(a.total.br_bytes == b.total.br_bytes);
    CHECK(a.total.requests == b.total.requests);
    // Each build's filter rows are its own: exactly the filters it enabled ran.
    for (const auto& [id, cost] : b.filter_costs)
      if (id.rfind("precompress", 0) != 0)
        CHECK(std::find(b.filters.begin(), b.filters.end(), id) != b.filters.end());
  }
  CHECK(forked.recommended == in_process.recommended);
}

TEST_CASE("experiment: bad candidates are refused by name") {
  ExperimentOptions o;
  o.base.source_dir = kSite;
  ExperimentResult r;
  o.candidates = {"css-minfy"};
  Status s = RunExperiment(o, &r);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("css-minfy") != std::string::npos);
  o.candidates = {"precompress-br"};
  CHECK(RunExperiment(o, &r).code() == StatusCode::kInvalidArgument);
  // A filter in the table that is not built yet (while any is left) is refused as such.
  for (const FilterDescription& d : ListFilters()) {
    if (d.implemented) continue;
    o.candidates = {d.id};
    CHECK(RunExperiment(o, &r).code() == StatusCode::kUnimplemented);
    break;
  }
}

TEST_CASE("experiment: default candidates leave out delivery filters") {
  std::vector<std::string> c = DefaultExperimentCandidates();
  CHECK(std::find(c.begin(), c.end(), "css-minify") != c.end());
  CHECK(std::find(c.begin(), c.end(), "css-combine") != c.end());
  for (const char* id : {"cache-extend", "sri", "headers", "precompress-br", "html-pedantic"})
    CHECK(std::find(c.begin(), c.end(), id) == c.end());
  for (const FilterDescription& d : ListFilters())  // not built: never a default candidate
    if (!d.implemented) CHECK(std::find(c.begin(), c.end(), d.id) == c.end());
}

// page.html -> a.css -> (b.css -> c.png, font.woff2); page.html -> x.png and x.png.webp.
TEST_CASE("experiment: the load model on a hand-made graph") {
  const std::string out = TempDir("experiment_model");
  WriteFile(out + "/a.css", "@import url(sub/b.css); @font-face{src:url(font.woff2)}");
  fs::create_directories(out + "/sub");
  const std::string b_css =
      ".x{background:url(../c.png)}\n.y{background:url(http://e.com/z.png)}\n"
      ".z{color:red}\n.z{color:red}\n.z{color:red}\n.z{color:red}\n.z{color:red}\n";
  WriteFile(out + "/sub/b.css", b_css);
  Report rep;
  auto add = [&](std::string path, std::string type, uint64_t bytes,
                 std::optional<uint64_t> br = std::nullopt) {
    OutputFile f;
    f.path = std::move(path);
    f.content_type = std::move(type);
    f.bytes = bytes;
    f.br_bytes = br;
    f.gzip_bytes = br ? std::optional<uint64_t>(*br + 10) : std::nullopt;
    rep.outputs.push_back(f);
    return &rep.outputs.back();
  };
  rep.outputs.reserve(8);
  OutputFile* page = add("page.html", "text/html; charset=utf-8", 2000, 800);
  page->loads = {"a.css", "x.png", "x.png.webp", "missing.js"};
  add("a.css", "text/css; charset=utf-8", 3000, 1000);
  add("sub/b.css", "text/css; charset=utf-8", b_css.size());  // no siblings: compressed here
  add("c.png", "image/png", 700);
  add("font.woff2", "font/woff2", 9000);
  add("x.png", "image/png", 4000);
  add("x.png.webp", "image/webp", 2500);
  LoadModel model;
  model.profiles = {{"slow", 300, 1.6}};
  std::vector<PageMetrics> pages = MeasurePages(rep, out, model);
  REQUIRE(pages.size() == 1);
  const PageMetrics& m = pages[0];
  // page, a.css, sub/b.css, c.png, font.woff2, x.png.webp (x.png replaced by its WebP).
  CHECK(m.requests == 6);
  CHECK(m.depth == 4);  // page -> a.css -> sub/b.css -> c.png
  CHECK(m.raw_bytes == 2000 + 3000 + b_css.size() + 700 + 9000 + 2500);
  // b.css has no sibling: counted compressed on the fly (smaller than raw, more than nothing).
  const uint64_t others_br = 800 + 1000 + 700 + 9000 + 2500;
  CHECK(m.br_bytes > others_br + 20);
  CHECK(m.br_bytes < others_br + b_css.size());
  const uint64_t others_gz = 810 + 1010 + 700 + 9000 + 2500;
  CHECK(m.gzip_bytes > others_gz + 20);
  CHECK(m.gzip_bytes < others_gz + b_css.size());
  const double want = (2 + 4) * 300.0 + 8.0 * (m.br_bytes + 6 * 300.0) / 1600.0;
  REQUIRE(m.load_ms.size() == 1);
  CHECK(m.load_ms[0] == Approx(want));
  CHECK(DescribeLoadModel(model).find("slow (300 ms RTT, 1.6 Mbit/s)") != std::string::npos);
}

}  // namespace
}  // namespace pagebake
