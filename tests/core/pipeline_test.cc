// The pipeline end to end through the library: scan, graph, rewrite, write, commit. Real
// filesystem in a temp dir (symlinks, mtimes), FakeEnv where a failure must be injected.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "filters/core/cost.h"
#include "filters/core/output.h"
#include "filters/core/pipeline.h"
#include "filters/core/scan.h"
#include "pagebake/pagebake.h"
#include "tests/core/test_util.h"

namespace pagebake {
namespace {

using testing::TempDir;

void MakeSite(const TempDir& t) {
  testing::WriteFile(t / "src/index.html",
                     "<!doctype html><html><head><link rel=stylesheet href=css/site.css>"
                     "<!-- a comment --></head><body><img src=img/a.png>"
                     "<a href=docs/>docs</a><a href=missing.html>x</a></body></html>\n");
  testing::WriteFile(t / "src/docs/index.html", "<p>docs <a href=../index.html>home</a>\n");
  testing::WriteFile(t / "src/css/site.css", "body { background: url(../img/a.png) }\n");
  testing::WriteFile(t / "src/img/a.png", std::string("\x89PNG\r\n\x1a\nnot really", 18));
  testing::WriteFile(t / "src/robots.txt", "User-agent: *\n");
  testing::WriteFile(t / "src/.hidden/secret.txt", "secret");
}

Status RunBuild(const Options& o, BuildResult* result, std::vector<Diagnostic>* diags = nullptr) {
  auto env = NewPosixEnv(o.io);
  CostMeter meter;
  Pipeline p(o, env.get(), &meter);
  Status s = p.Run(result, {});
  if (diags) *diags = p.diagnostics();
  return s;
}

Options Opts(const TempDir& t, Level level = Level::kPassthrough) {
  Options o;
  o.source_dir = t / "src";
  o.output_dir = t / "out";
  o.level = level;
  o.jobs = testing::TestJobs(2);
  return o;
}

TEST_CASE("passthrough copies every file byte for byte, keeping mtimes") {
  TempDir t;
  MakeSite(t);
  struct timespec times[2] = {{0, UTIME_OMIT}, {1'000'000'000, 0}};
  ::utimensat(AT_FDCWD, (t / "src/css/site.css").c_str(), times, 0);
  BuildResult r;
  std::vector<Diagnostic> diags;
  REQUIRE(RunBuild(Opts(t), &r, &diags).ok());
  for (const char* f : {"index.html", "docs/index.html", "css/site.css", "img/a.png", "robots.txt"}) {
    CAPTURE(f);
    CHECK(testing::ReadFile(t / (std::string("out/") + f)) ==
          testing::ReadFile(t / (std::string("src/") + f)));
  }
  struct stat st;
  REQUIRE(::stat((t / "out/css/site.css").c_str(), &st) == 0);
  CHECK(st.st_mtim.tv_sec == 1'000'000'000);
  CHECK_FALSE(testing::Exists(t / "out/.hidden"));
  CHECK(testing::Exists(t / "out/pagebake-manifest.json"));
  // The missing link is a warning naming the page and its position.
  bool found = false;
  for (auto& d : diags)
    if (d.path == "index.html" && d.message.find("missing.html") != std::string::npos) {
      found = true;
      CHECK(d.line == 1);
      CHECK(d.col > 1);
    }
  CHECK(found);
  CHECK(r.report.files_in == 5);
}

TEST_CASE("hidden files are included on request") {
  TempDir t;
  MakeSite(t);
  Options o = Opts(t);
  o.skip_hidden = false;
  BuildResult r;
  REQUIRE(RunBuild(o, &r).ok());
  CHECK(testing::ReadFile(t / "out/.hidden/secret.txt") == "secret");
}

TEST_CASE("refused output locations") {
  TempDir t;
  MakeSite(t);
  struct R { const char* name; std::string out; };
  const R rows[] = {
      {"same as source", t / "src"},
      {"inside source", t / "src/dist"},
      {"inside source via dotdot", t / "src/css/../dist"},
      {"contains source", t.path()},
      {"root", "/"},
  };
  for (const R& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Options o = Opts(t);
      o.output_dir = row.out;
      BuildResult r;
      Status s = RunBuild(o, &r);
      CHECK(s.code() == StatusCode::kInvalidArgument);
      CHECK_FALSE(testing::Exists(t / "src/dist"));
    }
  }
  // A symlink to inside the source is seen through.
  REQUIRE(::symlink((t / "src").c_str(), (t / "link").c_str()) == 0);
  Options o = Opts(t);
  o.output_dir = t / "link/dist";
  BuildResult r;
  CHECK(RunBuild(o, &r).code() == StatusCode::kInvalidArgument);
  CHECK_FALSE(testing::Exists(t / "src/dist"));
}

TEST_CASE("unknown and unbuilt filter ids are refused before anything is written") {
  TempDir t;
  MakeSite(t);
  Options o = Opts(t);
  o.enable = {"css-minfy"};
  BuildResult r;
  Status s = RunBuild(o, &r);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("css-minify") != std::string::npos);  // the suggestion
  CHECK_FALSE(testing::Exists(t / "out"));
}

TEST_CASE("scan: symlink loops and links leaving the root") {
  TempDir t;
  MakeSite(t);
  REQUIRE(::symlink("..", (t / "src/docs/loop").c_str()) == 0);
  REQUIRE(::symlink("/etc", (t / "src/etc").c_str()) == 0);
  REQUIRE(::symlink("/etc/hostname", (t / "src/host.txt").c_str()) == 0);
  REQUIRE(::symlink("css/site.css", (t / "src/alias.css").c_str()) == 0);
  REQUIRE(::symlink("nowhere", (t / "src/broken").c_str()) == 0);
  auto env = NewPosixEnv(IoStrategy::kRead);
  DiagnosticSink sink;
  std::vector<ScannedFile> files;
  std::string root;
  REQUIRE(env->RealPath(t / "src", &root).ok());
  REQUIRE(ScanSite(env.get(), root, {}, &files, &sink).ok());
  std::vector<std::string> paths;
  for (auto& f : files) paths.push_back(f.path);
  CHECK(std::find(paths.begin(), paths.end(), "alias.css") != paths.end());
  for (auto& p : paths) {
    CHECK(p.rfind("etc", 0) != 0);
    CHECK(p != "host.txt");
    CHECK(p.find("loop") == std::string::npos);
  }
  std::string all;
  for (auto& d : sink.Sorted()) all += d.ToString() + "\n";
  CHECK(all.find("etc: warning: [scan] symlink leaves the site root") != std::string::npos);
  CHECK(all.find("host.txt: warning") != std::string::npos);
  CHECK(all.find("docs/loop: warning: [scan] symlink loop") != std::string::npos);
  CHECK(all.find("broken: warning: [scan] broken symlink") != std::string::npos);
}

TEST_CASE("a failed write leaves the previous output intact") {
  FakeEnv env;
  env.AddFile("/s/index.html", "<p>new");
  env.AddFile("/s/a.css", "a{}");
  env.AddFile("/o/index.html", "<p>old");
  env.AddFile("/o/keep.txt", "from an earlier run");
  Options o;
  o.source_dir = "/s";
  o.output_dir = "/o";
  o.level = Level::kPassthrough;
  o.jobs = 1;
  // Writes into the staging sibling fail (disk full, permissions...).
  env.FailWritesUnder("/.o.pagebake-staging");
  CostMeter meter;
  Pipeline p(o, &env, &meter);
  BuildResult r;
  Status s = p.Run(&r, {});
  CHECK(s.IsIoError());
  CHECK(env.Contents("/o/index.html") == "<p>old");
  CHECK(env.Contents("/o/keep.txt") == "from an earlier run");
  CHECK_FALSE(env.Exists("/o/a.css"));
  // Nothing was ever written outside the staging directory or the output.
  for (const std::string& w : env.writes()) CHECK(w.rfind("/.o.pagebake-staging", 0) == 0);
}

TEST_CASE("an unreadable source file is named and the other files are still built") {
  FakeEnv env;
  env.AddFile("/s/index.html", "<p>new <img src=a.png>");
  env.AddFile("/s/a.png", "not really a png");
  env.AddFile("/s/b.css", "b{}");
  env.AddFile("/o/a.png", "previous a.png");
  env.FailReadsOf("/s/a.png");
  Options o;
  o.source_dir = "/s";
  o.output_dir = "/o";
  o.level = Level::kPassthrough;
  o.jobs = testing::TestJobs(2);
  o.clean = true;  // even so, the unreadable file's previous output is kept
  CostMeter meter;
  Pipeline p(o, &env, &meter);
  BuildResult r;
  Status s = p.Run(&r, {});
  CHECK(s.IsIoError());  // exit 3
  CHECK(env.Contents("/o/index.html") == "<p>new <img src=a.png>");
  CHECK(env.Contents("/o/b.css") == "b{}");
  CHECK(env.Contents("/o/a.png") == "previous a.png");
  bool named = false;
  for (const Diagnostic& d : p.diagnostics())
    named |= d.severity == Severity::kError && d.path == "a.png" &&
             d.message.find("Permission denied") != std::string::npos;
  CHECK(named);
}

TEST_CASE("max_output_bytes: an output over the limit is refused before anything is written") {
  FakeEnv env;
  env.AddFile("/s/index.html", std::string(3000, 'x'));
  env.AddFile("/s/b.txt", std::string(3000, 'y'));
  env.AddFile("/o/index.html", "old");
  Options o;
  o.source_dir = "/s";
  o.output_dir = "/o";
  o.level = Level::kPassthrough;
  o.jobs = 1;
  o.max_output_bytes = 5000;
  CostMeter meter;
  {
    Pipeline p(o, &env, &meter);
    BuildResult r;
    Status s = p.Run(&r, {});
    CHECK_FALSE(s.ok());
    CHECK(s.message().find("max_output_bytes") != std::string::npos);
    CHECK(env.Contents("/o/index.html") == "old");
    CHECK(env.writes().empty());
  }
  o.max_output_bytes = 6000;
  Pipeline p(o, &env, &meter);
  BuildResult r;
  CHECK(p.Run(&r, {}).ok());
  CHECK(env.Contents("/o/b.txt") == std::string(3000, 'y'));
}

TEST_CASE("a second build replaces the first, --clean drops stale files") {
  TempDir t;
  MakeSite(t);
  BuildResult r;
  REQUIRE(RunBuild(Opts(t), &r).ok());
  testing::WriteFile(t / "out/stale.txt", "old");
  ::unlink((t / "src/robots.txt").c_str());
  testing::WriteFile(t / "src/index.html", "<p>changed");
  REQUIRE(RunBuild(Opts(t), &r).ok());
  CHECK(testing::ReadFile(t / "out/index.html") == "<p>changed");
  CHECK(testing::ReadFile(t / "out/stale.txt") == "old");  // kept without --clean
  Options o = Opts(t);
  o.clean = true;
  REQUIRE(RunBuild(o, &r).ok());
  CHECK_FALSE(testing::Exists(t / "out/stale.txt"));
  CHECK_FALSE(testing::Exists(t / "out/robots.txt"));
  // No staging directory is left behind.
  auto env = NewPosixEnv(IoStrategy::kRead);
  std::vector<DirEntry> entries;
  REQUIRE(env->ListDir(t.path(), &entries).ok());
  for (auto& e : entries) CHECK(e.name.find("pagebake-staging") == std::string::npos);
}

TEST_CASE("depfile lists every file read, escaped") {
  TempDir t;
  MakeSite(t);
  testing::WriteFile(t / "src/with space.txt", "x");
  Options o = Opts(t);
  o.depfile = t / "site.d";
  o.depfile_target = "stamp";
  BuildResult r;
  REQUIRE(RunBuild(o, &r).ok());
  std::string d = testing::ReadFile(t / "site.d");
  CHECK(d.rfind("stamp:", 0) == 0);
  CHECK(d.find("src/css/site.css") != std::string::npos);
  CHECK(d.find("with\\ space.txt") != std::string::npos);
  CHECK(d.find(".hidden") == std::string::npos);
}

TEST_CASE("mmap and read give the same output, the report shows the difference") {
  TempDir t;
  MakeSite(t);
  testing::WriteFile(t / "src/big.bin", std::string(1 << 20, 'z'));
  auto row_of = [](const CostMeter& m, const char* name) {
    for (auto& r : m.Rows())
      if (r.name == name) return r;
    return CostRow{};
  };
  auto env_r = NewPosixEnv(IoStrategy::kRead);
  auto env_m = NewPosixEnv(IoStrategy::kMmap);
  CostMeter meter_r, meter_m;
  Options o = Opts(t);
  o.jobs = 1;
  BuildResult r1, r2;
  {
    Pipeline p(o, env_r.get(), &meter_r);
    REQUIRE(p.Run(&r1, {}).ok());
  }
  std::string first = testing::ReadFile(t / "out/big.bin");
  o.io = IoStrategy::kMmap;
  {
    Pipeline p(o, env_m.get(), &meter_m);
    REQUIRE(p.Run(&r2, {}).ok());
  }
  CHECK(testing::ReadFile(t / "out/big.bin") == first);
  CostRow read_r = row_of(meter_r, "read"), read_m = row_of(meter_m, "read");
  CHECK(read_r.env_ops[EnvOp::kRead] >= 6);
  CHECK(read_m.env_ops[EnvOp::kRead] == 0);
  CHECK(read_m.env_ops[EnvOp::kMmap] >= 5);
  CHECK(read_r.counters.syscr > read_m.counters.syscr);
  // Page faults are compared in separate processes (tests/cli): in one process the allocator's
  // reuse of earlier buffers hides the difference.
}

TEST_CASE("output is identical whatever the thread count") {
  TempDir t;
  MakeSite(t);
  for (int i = 0; i < 40; ++i)
    testing::WriteFile(t / ("src/p" + std::to_string(i) + ".html"),
                       "<p>page " + std::to_string(i) + " <img src=img/a.png>");
  Options o = Opts(t, Level::kCore);
  o.jobs = 1;
  BuildResult a, b;
  REQUIRE(RunBuild(o, &a).ok());
  std::string m1 = testing::ReadFile(t / "out/pagebake-manifest.json");
  o.jobs = 4;
  o.output_dir = t / "out4";
  REQUIRE(RunBuild(o, &b).ok());
  CHECK(testing::ReadFile(t / "out4/pagebake-manifest.json") == m1);
  REQUIRE(a.report.outputs.size() == b.report.outputs.size());
  for (size_t i = 0; i < a.report.outputs.size(); ++i) {
    CAPTURE(a.report.outputs[i].path);
    CHECK(testing::ReadFile(t / ("out/" + a.report.outputs[i].path)) ==
          testing::ReadFile(t / ("out4/" + b.report.outputs[i].path)));
  }
}

}  // namespace
}  // namespace pagebake
