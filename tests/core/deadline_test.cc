// Options::max_file_seconds: a file whose filters run past the limit is reported and copied
// unchanged, whatever the filters had done to it; the other files are still rewritten. The slow
// filters here are test-only (test_filters.h): each spins on a file containing "SLOW" until the
// file's deadline passes, then rewrites it anyway (the pipeline must throw that away).
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "filters/core/cost.h"
#include "filters/core/deadline.h"
#include "filters/core/pipeline.h"
#include "filters/core/test_filters.h"
#include "filters/html/document.h"
#include "pagebake/pagebake.h"
#include "tests/core/test_util.h"

namespace pagebake {
namespace {

using testing::TempDir;

// Waits for the deadline, at most 20 s (a test must end even if the deadline never passes).
void SpinUntil(const Deadline& d) {
  const int64_t give_up = MonotonicNs() + 20'000'000'000;
  while (!d.Passed() && MonotonicNs() < give_up) std::this_thread::yield();
}

// A resource filter (CSS): drops every space; spins first on a sheet containing "SLOW".
class SlowCssFilter : public Filter {
 public:
  explicit SlowCssFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesResource; }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kCss; }
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override {
    if (bytes.find("SLOW") != std::string::npos) SpinUntil(ctx.deadline);
    std::erase(bytes, ' ');
    return Status::OK();
  }
};

// A page filter: removes every comment; spins first on a page containing "SLOW".
class SlowHtmlFilter : public Filter {
 public:
  explicit SlowHtmlFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override {
    if (ctx.resource()->bytes.find("SLOW") != std::string::npos) SpinUntil(ctx.deadline);
    std::vector<html::NodeId> comments;
    for (html::NodeId id = doc.root(); id != html::kNoNode; id = doc.NextInOrder(id))
      if (doc.type(id) == html::NodeType::kComment) comments.push_back(id);
    for (html::NodeId id : comments) doc.Remove(id);
    return Status::OK();
  }
};

void RegisterSlowFilters() {
  RegisterTestFilter("test-slow-css", "css", [](const FilterInfo& info, const Options&) {
    return std::unique_ptr<Filter>(new SlowCssFilter(&info));
  });
  RegisterTestFilter("test-slow-html", "html", [](const FilterInfo& info, const Options&) {
    return std::unique_ptr<Filter>(new SlowHtmlFilter(&info));
  });
}

// A passthrough build of t/src into t/out with the slow test filters `enable`d.
Options SlowOptions(const TempDir& t, std::vector<std::string> enable, double max_file_seconds) {
  Options o;
  o.source_dir = t / "src";
  o.output_dir = t / "out";
  o.level = Level::kPassthrough;
  o.enable = std::move(enable);
  o.jobs = testing::TestJobs(2);
  o.max_file_seconds = max_file_seconds;
  return o;
}

TEST_CASE("Deadline: no limit never passes, a limit passes once its time is up") {
  CHECK_FALSE(Deadline().limited());
  CHECK_FALSE(Deadline().Passed());
  CHECK_FALSE(Deadline::After(0).limited());
  CHECK_FALSE(Deadline::After(-1).Passed());
  CHECK_FALSE(Deadline::After(3600).Passed());
  Deadline soon = Deadline::After(0.01);
  CHECK(soon.limited());
  SpinUntil(soon);
  CHECK(soon.Passed());
}

TEST_CASE("max_file_seconds: a file past its time is copied unchanged, the others are built") {
  RegisterSlowFilters();
  TempDir t;
  const std::string slow_css = "a { color : red } /* SLOW */\n";
  const std::string slow_page = "<!doctype html><!-- SLOW --><p>slow <!-- x -->\n";
  testing::WriteFile(t / "src/slow.css", slow_css);
  testing::WriteFile(t / "src/fast.css", "a { color : blue }\n");
  testing::WriteFile(t / "src/slow.html", slow_page);
  testing::WriteFile(t / "src/fast.html", "<!doctype html><p>fast <!-- x -->\n");
  Options o = SlowOptions(t, {"test-slow-css", "test-slow-html"}, 0.05);
  auto env = NewPosixEnv(o.io);
  CostMeter meter;
  Pipeline p(o, env.get(), &meter);
  BuildResult result;
  REQUIRE(p.Run(&result, {}).ok());

  CHECK(testing::ReadFile(t / "out/slow.css") == slow_css);
  CHECK(testing::ReadFile(t / "out/slow.html") == slow_page);
  CHECK(testing::ReadFile(t / "out/fast.css") == "a{color:blue}\n");
  CHECK(testing::ReadFile(t / "out/fast.html") == "<!doctype html><p>fast \n");
  int warned = 0;
  for (const Diagnostic& d : p.diagnostics()) {
    if (d.message.find("max_file_seconds") == std::string::npos) continue;
    ++warned;
    CHECK(d.severity == Severity::kWarning);
    CHECK((d.path == "slow.css" || d.path == "slow.html"));
    CHECK(d.message.find("copied unchanged") != std::string::npos);
    CHECK(d.filter_id == (d.path == "slow.css" ? "test-slow-css" : "test-slow-html"));
  }
  CHECK(warned == 2);
  CHECK(result.fallbacks == 2);  // one per stopped file, on the row of the filter that overran
}

TEST_CASE("max_file_seconds 0 means no limit") {
  RegisterSlowFilters();
  TempDir t;
  testing::WriteFile(t / "src/a.css", "a { color : red }\n");
  Options o = SlowOptions(t, {"test-slow-css"}, 0);
  auto env = NewPosixEnv(o.io);
  CostMeter meter;
  Pipeline p(o, env.get(), &meter);
  BuildResult result;
  REQUIRE(p.Run(&result, {}).ok());
  CHECK(testing::ReadFile(t / "out/a.css") == "a{color:red}\n");
}

}  // namespace
}  // namespace pagebake
