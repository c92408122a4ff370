// Hostile inputs through the CLI: every case runs build/pagebake as a child process (so a
// crash, a hang or a signal is observed, not suffered) with a wall-clock limit.
//
// Unreadable files: we run as root in CI, where permission bits do not stop a read, so the
// meaningful "cannot read" cases are a FIFO (opening it would block the build forever) and a
// directory carrying a file's name (read() fails with EISDIR). A full disk is RLIMIT_FSIZE on
// the child with SIGXFSZ ignored, so writes fail with EFBIG as they would with ENOSPC.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <dirent.h>
#include <string>
#include <thread>
#include <vector>

#include "tests/core/test_util.h"

namespace pagebake {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

// PAGEBAKE_TOOL overrides the binary (to run these tests against another build).
std::string Tool() {
  const char* env = std::getenv("PAGEBAKE_TOOL");
  return env ? env : std::string(PAGEBAKE_BINARY_DIR) + "/pagebake";
}

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed; -2 when it hit the time limit
  std::string err;
};

struct RunLimits {
  int seconds = 60;
  rlim_t fsize = RLIM_INFINITY;
};

RunResult Run(const TempDir& t, const std::vector<std::string>& args, RunLimits limits = {}) {
  const std::string tool = Tool(), out = t / "stdout.txt", err = t / "stderr.txt";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec.
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    dup2(e, 2);
    if (limits.fsize != RLIM_INFINITY) {
      struct rlimit rl = {limits.fsize, limits.fsize};
      setrlimit(RLIMIT_FSIZE, &rl);
      signal(SIGXFSZ, SIG_IGN);  // inherited across exec: writes fail with EFBIG instead
    }
    std::vector<char*> argv{const_cast<char*>(tool.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(tool.c_str(), argv.data());
    _exit(127);
  }
  RunResult r;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits.seconds);
  int status = 0;
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      r.exit_code = -2;
      r.err = ReadFile(err);
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.err = ReadFile(err);
  return r;
}

// Every regular file under `dir` (recursively), as paths relative to it.
void ListFiles(const std::string& dir, const std::string& rel, std::vector<std::string>* out) {
  DIR* d = opendir((dir + "/" + rel).c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string r = rel.empty() ? name : rel + "/" + name;
    struct stat st;
    if (lstat((dir + "/" + r).c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) ListFiles(dir, r, out);
    else out->push_back(r);
  }
  closedir(d);
}

// No output file contains `marker`: nothing from outside the root was read into the output.
void CheckNoOutputContains(const std::string& out, const std::string& marker) {
  std::vector<std::string> files;
  ListFiles(out, "", &files);
  REQUIRE(!files.empty());
  for (const auto& f : files) {
    INFO("output file " << f);
    CHECK(ReadFile(out + "/" + f).find(marker) == std::string::npos);
  }
}

constexpr char kMarker[] = "OUTSIDE-THE-ROOT-7f3a";

TEST_CASE("symlink loops are skipped, not followed forever", "[hostile]") {
  TempDir t;
  WriteFile(t / "site/index.html", "<p>hi</p>");
  REQUIRE(symlink(".", (t / "site/loop").c_str()) == 0);
  REQUIRE(symlink("..", (t / "site/up").c_str()) == 0);
  REQUIRE(symlink("b", (t / "site/a").c_str()) == 0);
  REQUIRE(symlink("a", (t / "site/b").c_str()) == 0);
  RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "--level", "passthrough", "-q"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(ReadFile(t / "out/index.html") == "<p>hi</p>");
  CHECK_FALSE(testing::Exists(t / "out/loop"));
  CHECK_FALSE(testing::Exists(t / "out/up"));
}

TEST_CASE("symlinks leaving the root are not read", "[hostile]") {
  TempDir t;
  WriteFile(t / "outside/secret.css", std::string("a{content:\"") + kMarker + "\"}");
  WriteFile(t / "site/index.html",
            "<link rel=stylesheet href=secret.css><link rel=stylesheet href=dir/secret.css>");
  REQUIRE(symlink((t / "outside/secret.css").c_str(), (t / "site/secret.css").c_str()) == 0);
  REQUIRE(symlink("../outside", (t / "site/dir").c_str()) == 0);
  RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "--level", "all", "--depfile",
                        t / "dep.d", "--report", t / "report.json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("leaves the site root") != std::string::npos);
  CheckNoOutputContains(t / "out", kMarker);
  CHECK(ReadFile(t / "dep.d").find("outside") == std::string::npos);
}

struct EscapeRow {
  const char* name;
  const char* ref;
};

constexpr EscapeRow kEscapes[] = {
    {"dot-dot", "../../outside/secret"},
    {"root-relative dot-dot", "/../outside/secret"},
    {"percent-encoded dots and slash", "%2e%2e%2f%2e%2e%2foutside/secret"},
    {"percent-encoded dots", "%2e%2e/%2e%2e/outside/secret"},
    {"upper-case escapes", "%2E%2E/outside/secret"},
    {"backslashes", "..\\..\\outside\\secret"},
    {"file URL", "file:///outside/secret"},
    {"etc passwd", "../../../../../../etc/passwd"},
};

// HTML and CSS references that try to climb out: with every filter on (the inliners read what
// they reference), nothing from outside reaches the output or the depfile.
TEST_CASE("references leaving the root are never followed", "[hostile]") {
  for (const EscapeRow& row : kEscapes) {
    DYNAMIC_SECTION(row.name) {
      TempDir t;
      const std::string ref = row.ref;
      WriteFile(t / "outside/secret.css", std::string("b{content:\"") + kMarker + "\"}");
      WriteFile(t / "outside/secret.js", std::string("var s='") + kMarker + "';");
      WriteFile(t / "site/a/index.html",
                "<html><head><link rel=stylesheet href=\"" + ref + ".css\"><style>@import \"" +
                    ref + ".css\";</style></head><body><img src=\"" + ref +
                    ".png\"><script src=\"" + ref + ".js\"></script></body></html>");
      WriteFile(t / "site/a/s.css",
                "@import url(" + ref + ".css);a{background:url(" + ref + ".png)}");
      RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "--level", "all",
                            "--depfile", t / "dep.d"});
      INFO(r.err);
      CHECK(r.exit_code == 0);
      CheckNoOutputContains(t / "out", kMarker);
      CheckNoOutputContains(t / "out", "root:x:0:0");
      std::string dep = ReadFile(t / "dep.d");
      CHECK(dep.find("outside") == std::string::npos);
      CHECK(dep.find("passwd") == std::string::npos);
    }
  }
}

// Names that are legal on Linux but break naive code: each file is copied byte for byte.
TEST_CASE("odd file names are copied unchanged", "[hostile]") {
  const char* names[] = {"with space.txt", "new\nline.txt", "tab\there.txt", "-dash.txt",
                         "quote\"'.txt"};
  TempDir t;
  for (const char* n : names) WriteFile(t / "site" + "/" + n, std::string("content of ") + n);
  RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "-q"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  for (const char* n : names) {
    INFO(n);
    CHECK(ReadFile(t / "out" + "/" + n) == std::string("content of ") + n);
  }
}

// Known bug (reported to the lead): the report/manifest JSON writer throws on a non-UTF-8
// name ("internal error: [json.exception.type_error.316]"), exit 1, no output at all.
// Drop [!mayfail] once fixed.
TEST_CASE("a non-UTF-8 file name is copied unchanged", "[hostile]") {
  TempDir t;
  const std::string name = "bad\xff\xfe.txt";
  WriteFile(t / "site/index.html", "<p>x</p>");
  WriteFile(t / "site/" + name, "bytes");
  RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "-q"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(ReadFile(t / "out/" + name) == "bytes");
}

TEST_CASE("a FIFO or a directory named like a file does not stall the build", "[hostile]") {
  TempDir t;
  WriteFile(t / "site/index.html",
            "<link rel=stylesheet href=pipe.css><script src=dir.js></script>"
            "<style>@import \"pipe.css\";</style>");
  REQUIRE(mkfifo((t / "site/pipe.css").c_str(), 0644) == 0);
  REQUIRE(mkdir((t / "site/dir.js").c_str(), 0755) == 0);
  RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "--level", "all"},
                    RunLimits{.seconds = 30});
  INFO(r.err);
  REQUIRE(r.exit_code != -2);  // a blocking open() of the FIFO would hang here
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("pipe.css") != std::string::npos);
  CHECK(testing::Exists(t / "out/index.html"));
  CHECK_FALSE(testing::Exists(t / "out/pipe.css"));
}

// The output filesystem fills up mid-run: exit 3 with the failing path, and the previous
// output is untouched (the run writes a staging directory and swaps it in at the end).
TEST_CASE("a full disk fails with exit 3 and keeps the previous output", "[hostile]") {
  TempDir t;
  WriteFile(t / "site/index.html", "<p>first   version</p>");
  WriteFile(t / "site/css/a.css", "a { color : #ffffff }");
  RunResult first = Run(t, {"build", t / "site", "-o", t / "out", "-q"});
  REQUIRE(first.exit_code == 0);
  std::vector<std::string> before_files;
  ListFiles(t / "out", "", &before_files);
  std::vector<std::string> before_bytes;
  for (const auto& f : before_files) before_bytes.push_back(ReadFile(t / "out/" + f));

  std::string big(1 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = char((i * 2654435761u) >> 13);
  WriteFile(t / "site/big.bin", big);
  WriteFile(t / "site/index.html", "<p>second version</p>");
  RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "-q"},
                    RunLimits{.seconds = 60, .fsize = 256 * 1024});
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("big.bin") != std::string::npos);
  std::vector<std::string> after_files;
  ListFiles(t / "out", "", &after_files);
  CHECK(after_files == before_files);
  for (size_t i = 0; i < before_files.size(); ++i) {
    INFO(before_files[i]);
    CHECK(ReadFile(t / "out/" + before_files[i]) == before_bytes[i]);
  }
  // No staging directory left beside the output.
  std::vector<std::string> top;
  ListFiles(t.path(), "", &top);
  for (const auto& f : top) CHECK(f.find("staging") == std::string::npos);
}

struct DeepRow {
  const char* name;
  const char* file;
  std::string (*make)(int n);
  const char* disabled_reason;
};

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

constexpr int kDepth = 100000;

const DeepRow kDeep[] = {
    {"css blocks", "deep.css",
     [](int n) { return Repeat("@media screen{", n) + "a{color:red}" + Repeat("}", n); }},
    {"css parentheses", "paren.css",
     [](int n) { return "a{width:calc(" + Repeat("(", n) + "1px" + Repeat(")", n) + ")}"; }},
    {"css unclosed", "open.css", [](int n) { return Repeat("a{", n) + Repeat("[", n); }},
    {"js arrays and calls", "deep.js",
     [](int n) { return "var a=" + Repeat("[", n) + Repeat("]", n) + ";f" + Repeat("(", n) +
                        Repeat(")", n) + ";"; }},
    {"js blocks and templates", "block.js",
     [](int n) { return Repeat("{", n) + Repeat("}", n) + "x=`" + Repeat("${`", n / 10) +
                        Repeat("`}", n / 10) + "`;"; }},
    {"js unclosed", "open.js", [](int n) { return Repeat("(", n) + Repeat("{", n); }},
    {"json", "deep.json", [](int n) { return Repeat("[", n) + Repeat("]", n); }},
    {"html elements", "deep.html",
     [](int n) { return "<body>" + Repeat("<div>", n) + "x" + Repeat("</div>", n); }},
    // Start and end tags whose tree-building step searches the open elements (tests/regress/
    // html/deep_nesting_quadratic.md): each of them inside 100 000 open <div>s.
    {"html scope searches in deep nesting", "scopes.html",
     [](int n) {
       return "<body>" + Repeat("<div><span>", n / 2) + Repeat("<li>x", 2000) +
              Repeat("<dd>x", 2000) + Repeat("<td>x", 2000) + Repeat("<tr>", 2000) +
              Repeat("</h2>", 2000) + Repeat("</td>", 2000) + Repeat("</p>", 2000) +
              Repeat("<p>x", 2000);
     }},
    {"html inline style and script", "inline.html",
     [](int n) { return "<style>" + Repeat("a{", n) + "</style><script>" + Repeat("[", n) +
                        "</script><p style=\"" + Repeat("(", n) + "\">x"; }},
};

// Pathological nesting through the whole CLI with every filter: no crash (no recursion per
// nesting level), no stall; a file a filter cannot handle is copied unchanged.
TEST_CASE("100 000-deep nesting neither crashes nor stalls", "[hostile]") {
  for (const DeepRow& row : kDeep) {
    DYNAMIC_SECTION(row.name) {
      if (row.disabled_reason) {
        WARN("disabled row: " << row.disabled_reason);
        continue;
      }
      TempDir t;
      WriteFile(t / "site" + "/" + row.file, row.make(kDepth));
      RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "--level", "all", "-q"},
                        RunLimits{.seconds = 60});
      INFO(r.err);
      CHECK(r.exit_code == 0);
      CHECK(testing::Exists(t / "out" + "/" + row.file));
    }
  }
}

TEST_CASE("max_file_bytes: a larger file is copied unchanged with a warning", "[hostile]") {
  TempDir t;
  std::string css = Repeat("a { color : #ffffff }\n", 100);
  WriteFile(t / "site/big.css", css);
  WriteFile(t / "site/small.css", "a { color : #ffffff }");
  WriteFile(t / "config.json", "{\"max_file_bytes\": 1000}");
  RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "--config", t / "config.json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("big.css") != std::string::npos);
  CHECK(r.err.find("max_file_bytes") != std::string::npos);
  CHECK(ReadFile(t / "out/big.css") == css);
  CHECK(ReadFile(t / "out/small.css").size() < 21);  // the small one was still minified
}

// Time per file, on the real example site with a limit every file overruns (1 ns): every
// page and asset comes out as it went in, each stopped file is named, and the build succeeds.
// (The pipeline tests stop one slow file among fast ones; this proves the CLI path and that no
// filter's half-done work leaks out.)
TEST_CASE("max_file_seconds: files past their time are copied unchanged, the build goes on",
          "[hostile]") {
  TempDir t;
  const std::string site = std::string(PAGEBAKE_SOURCE_DIR) + "/examples/site";
  RunResult r = Run(t, {"build", site, "-o", t / "out", "--level", "all", "-v",
                        "--max-file-seconds", "0.000000001"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("longer than max_file_seconds") != std::string::npos);
  CHECK(r.err.find("index.html") != std::string::npos);
  std::vector<std::string> sources;
  ListFiles(site, "", &sources);
  int pages = 0;
  for (const std::string& f : sources) {
    if (f.size() < 5 || f.compare(f.size() - 5, 5, ".html") != 0) continue;
    INFO(f);
    ++pages;
    CHECK(ReadFile(t / "out/" + f) == ReadFile(site + "/" + f));
  }
  CHECK(pages >= 2);

  WriteFile(t / "config.json", "{\"max_file_seconds\": \"soon\"}");
  RunResult bad = Run(t, {"build", site, "-o", t / "out2", "--config", t / "config.json"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("max_file_seconds") != std::string::npos);
}

TEST_CASE("max_files: a site with more files is refused before anything is written",
          "[hostile]") {
  TempDir t;
  for (int i = 0; i < 5; ++i) WriteFile(t / "site/f" + std::to_string(i) + ".txt", "x");
  WriteFile(t / "config.json", "{\"max_files\": 3}");
  RunResult r = Run(t, {"build", t / "site", "-o", t / "out", "--config", t / "config.json"});
  INFO(r.err);
  CHECK(r.exit_code != 0);
  CHECK(r.exit_code < 128);  // an orderly failure, not a signal
  CHECK(r.err.find("max_files") != std::string::npos);
  CHECK_FALSE(testing::Exists(t / "out/f0.txt"));

  WriteFile(t / "config.json", "{\"max_files\": 5}");
  RunResult ok = Run(t, {"build", t / "site", "-o", t / "out", "--config", t / "config.json"});
  CHECK(ok.exit_code == 0);
}

}  // namespace
}  // namespace pagebake
