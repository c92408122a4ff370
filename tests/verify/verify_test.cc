// pagebake verify end to end on the fixture site, in headless Chromium: an optimized build
// verifies clean, a page rendered twice compares equal, a deliberately broken filter is caught
// (pixels and a console error), bisect names it, and the override it writes makes the rebuilt
// site verify clean. Where Chromium is not installed every case WARNs and returns (skipped).
#include <catch2/catch.hpp>

#include "filters/verify/browser.h"
#include "filters/verify/image_diff.h"
#include "filters/verify/static_server.h"
#include "pagebake/pagebake.h"
#include "pagebake/verify.h"
#include "tests/core/test_util.h"
#include "tests/verify/verify_test_util.h"

namespace pagebake {
namespace {

using testing::FixtureSite;
using testing::ReadFile;
using testing::TempDir;

bool HaveChromium() {
  if (!FindChromium().empty()) return true;
  WARN("chromium is not installed (apt-get install chromium): browser checks SKIPPED");
  return false;
}

VerifyOptions SmallVerify(const std::string& out) {
  VerifyOptions vo;
  vo.source_dir = FixtureSite();
  vo.output_dir = out;
  vo.viewports = {{800, 900}};
  vo.jobs = 2;
  return vo;
}

Options CoreBuild(const std::string& out) {
  Options o;
  o.source_dir = FixtureSite();
  o.output_dir = out;
  o.level = Level::kCore;
  o.jobs = 2;
  return o;
}

const PageVerdict* Find(const VerifyResult& r, const std::string& page) {
  for (const PageVerdict& v : r.verdicts)
    if (v.page == page) return &v;
  return nullptr;
}

TEST_CASE("the same page rendered twice compares equal") {
  if (!HaveChromium()) return;
  verify::StaticServer server;
  REQUIRE(server.Start(FixtureSite()).ok());
  auto browser = verify::Browser::Launch(FindChromium(), 30000);
  REQUIRE(browser.ok());
  verify::RenderOptions ro;
  ro.viewport = {640, 700};
  auto a = (*browser)->Render(server.origin() + "/index.html", ro);
  auto b = (*browser)->Render(server.origin() + "/index.html", ro);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  verify::ImageDiff diff;
  REQUIRE(verify::ComparePngs(a->png, b->png, 0, &diff, nullptr).ok());
  CHECK(diff.width == 640);
  CHECK(diff.height == 700);
  CHECK(diff.changed == 0);
  for (const std::string& e : a->console_errors) UNSCOPED_INFO(e);
  for (const std::string& e : a->failed_requests) UNSCOPED_INFO(e);
  CHECK(a->console_errors.empty());
  // A different page does differ: the comparison can fail.
  auto c = (*browser)->Render(server.origin() + "/docs/page.html", ro);
  REQUIRE(c.ok());
  REQUIRE(verify::ComparePngs(a->png, c->png, 16, &diff, nullptr).ok());
  CHECK(diff.fraction() > 0.2);
}

TEST_CASE("a failed request and a console error are reported") {
  if (!HaveChromium()) return;
  TempDir tmp;
  testing::WriteFile(tmp / "p.html",
                     "<!DOCTYPE html><link rel=stylesheet href=missing.css>"
                     "<script>console.error('boom', 42)</script><p>x</p>");
  verify::StaticServer server;
  REQUIRE(server.Start(tmp.path()).ok());
  auto browser = verify::Browser::Launch(FindChromium(), 30000);
  REQUIRE(browser.ok());
  verify::RenderOptions ro;
  ro.viewport = {320, 240};
  auto r = (*browser)->Render(server.origin() + "/p.html", ro);
  REQUIRE(r.ok());
  for (const std::string& e : r->failed_requests) UNSCOPED_INFO(e);
  REQUIRE(r->failed_requests.size() == 1);
  CHECK(r->failed_requests[0] == "404 " + server.origin() + "/missing.css");
  CHECK(std::find(r->console_errors.begin(), r->console_errors.end(), "console.error: boom 42") !=
        r->console_errors.end());
}

TEST_CASE("an optimized build of the fixture verifies clean") {
  if (!HaveChromium()) return;
  TempDir tmp;
  BuildResult br;
  REQUIRE(Build(CoreBuild(tmp / "out"), &br).ok());
  // The build did change the pages (otherwise this would prove nothing).
  CHECK(ReadFile(tmp / "out/index.html") != ReadFile(FixtureSite() + "/index.html"));
  VerifyOptions vo = SmallVerify(tmp / "out");
  vo.viewports = {{800, 900}, {390, 844}};
  vo.report_dir = tmp / "report";
  VerifyResult r;
  REQUIRE(Verify(vo, &r).ok());
  CHECK(r.pages == 3);
  CHECK(r.verdicts.size() == 6);
  CHECK(r.differing_pages == 0);
  for (const PageVerdict& v : r.verdicts) {
    INFO(v.page << " " << v.viewport.width << ": " << v.error << " " << v.changed_pixels);
    CHECK_FALSE(v.differs);
    CHECK(v.after_ms > 0);
  }
  CHECK(ReadFile(tmp / "report/verify.html").find("0 differ") != std::string::npos);
}

TEST_CASE("a broken filter is caught, bisect names it, the override verifies clean") {
  if (!HaveChromium()) return;
  testing::RegisterBrokenFilter();
  TempDir tmp;
  Options build = CoreBuild(tmp / "out");
  build.enable = {testing::kBrokenFilterId};
  BuildResult br;
  REQUIRE(Build(build, &br).ok());
  VerifyOptions vo = SmallVerify(tmp / "out");
  vo.report_dir = tmp / "report";
  VerifyResult r;
  REQUIRE(Verify(vo, &r).ok());
  CHECK(r.pages == 3);
  CHECK(r.differing_pages == 2);
  const PageVerdict* index = Find(r, "index.html");
  const PageVerdict* docs = Find(r, "docs/page.html");
  REQUIRE(index);
  REQUIRE(docs);
  CHECK(index->differs);
  CHECK(index->changed_fraction > 0.05);
  REQUIRE(index->new_console_errors.size() >= 1);
  CHECK_THAT(index->new_console_errors[0], Catch::Contains("theme.css missing"));
  CHECK_FALSE(docs->differs);
  CHECK(testing::Exists(tmp / "report" + "/" + index->diff_png));
  CHECK(ReadFile(tmp / "report/verify.html").find("theme.css missing") != std::string::npos);

  std::vector<std::string> log;
  BisectResult b;
  REQUIRE(Bisect(build, vo, {"index.html", "about.html"}, &b,
                 [&](const std::string& line) { log.push_back(line); })
              .ok());
  REQUIRE(b.pages.size() == 2);
  std::string joined;
  for (const std::string& line : log) joined += line + "\n";
  INFO(joined);
  for (const BisectVerdict& v : b.pages) {
    INFO(v.page);
    CHECK(v.found);
    CHECK(v.culprits == std::vector<std::string>{testing::kBrokenFilterId});
    CHECK(v.override_clean);
  }
  CHECK(b.override_clean);
  REQUIRE(b.override_options.paths.size() == 2);
  CHECK(b.override_options.paths[0].match == "index.html");

  // The written override, loaded back like a user's pagebake.json, builds a clean site.
  Options again = CoreBuild(tmp / "again");
  REQUIRE(LoadConfigJson(b.override_json, "override", &again).ok());
  again.source_dir = FixtureSite();
  again.output_dir = tmp / "again";
  CHECK(again.enable == std::vector<std::string>{testing::kBrokenFilterId});
  REQUIRE(Build(again, &br).ok());
  VerifyResult clean;
  REQUIRE(Verify(SmallVerify(tmp / "again"), &clean).ok());
  CHECK(clean.differing_pages == 0);
}

TEST_CASE("verify reports a missing browser as NotFound") {
  VerifyOptions vo = SmallVerify(FixtureSite());
  vo.chromium = "/nonexistent/chromium";
  VerifyResult r;
  CHECK(Verify(vo, &r).code() == StatusCode::kNotFound);
}

}  // namespace
}  // namespace pagebake
