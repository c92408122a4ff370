// The CLI end to end: real processes of build/pagebake on fixture sites in temp dirs.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "filters/core/env.h"
#include "filters/core/hash.h"
#include "tests/core/test_util.h"

extern char** environ;

namespace pagebake {
namespace {

using nlohmann::json;
using testing::TempDir;

const std::string kTool = std::string(PAGEBAKE_BINARY_DIR) + "/pagebake";

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

pid_t Spawn(const std::vector<std::string>& args, const std::string& out_path,
            const std::string& err_path, const std::vector<std::string>& extra_env = {}) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(kTool.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string s(*e);
    if (s.rfind("NO_COLOR=", 0) == 0) continue;
    env_strings.push_back(s);
  }
  for (const auto& e : extra_env) env_strings.push_back(e);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, kTool.c_str(), &fa, nullptr, argv.data(), envp.data()) == 0);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

RunResult Run(const TempDir& t, const std::vector<std::string>& args,
              const std::vector<std::string>& extra_env = {}) {
  pid_t pid = Spawn(args, t / "stdout.txt", t / "stderr.txt", extra_env);
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = testing::ReadFile(t / "stdout.txt");
  r.err = testing::ReadFile(t / "stderr.txt");
  return r;
}

// A small site we author here: pages, CSS with url() and @import, JS, an image, nested dirs.
void MakeSite(const std::string& root, int extra_pages = 0) {
  testing::WriteFile(root + "/index.html",
                     "<!DOCTYPE html>\n<html>\n<head>\n  <title>Fixture</title>\n"
                     "  <link rel=\"stylesheet\" href=\"css/site.css\">\n"
                     "  <style>\n    body  { margin : 0px ; color: #ffffff }\n  </style>\n"
                     "</head>\n<body>\n  <!-- navigation -->\n  <p class=\"a\">Hello,   world.</p>\n"
                     "  <img src=\"img/dot.gif\" alt=\"dot\">\n"
                     "  <script src=\"js/app.js\"></script>\n"
                     "  <script>\n    // greet\n    var  x = 1 + 2 ;\n  </script>\n</body>\n</html>\n");
  testing::WriteFile(root + "/docs/page.html",
                     "<!doctype html><title>Docs</title><link rel=stylesheet href=../css/site.css>"
                     "<p>Docs <a href=\"../index.html\">home</a></p>\n");
  testing::WriteFile(root + "/css/site.css",
                     "@import url(\"base.css\");\n/* site styles */\n.a  {  color : red ;  "
                     "background : url( ../img/dot.gif ) }\n");
  testing::WriteFile(root + "/css/base.css", "html { font-family : sans-serif ; }\n");
  testing::WriteFile(root + "/js/app.js",
                     "/* app */\nfunction  greet ( name ) {\n  return  'hi ' + name ;\n}\n"
                     "console.log( greet( 'x' ) ) ;\n");
  // A 1x1 GIF written byte by byte (ours, not third-party).
  static const unsigned char kGif[] = {
      0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff,
      0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00,
      0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};
  testing::WriteFile(root + "/img/dot.gif", std::string(reinterpret_cast<const char*>(kGif), sizeof kGif));
  for (int i = 0; i < extra_pages; ++i) {
    std::string body = "<!doctype html><title>p" + std::to_string(i) + "</title>";
    for (int k = 0; k < 200; ++k)
      body += "<p class=\"x\">  paragraph " + std::to_string(k) + "   <!-- c -->  </p>\n";
    testing::WriteFile(root + "/many/p" + std::to_string(i) + ".html", body);
  }
}

// Every file under `dir` (relative path -> sha256).
std::map<std::string, std::string> TreeHash(const std::string& dir) {
  std::map<std::string, std::string> out;
  auto env = NewPosixEnv(IoStrategy::kRead);
  std::vector<std::string> stack{""};
  while (!stack.empty()) {
    std::string rel = stack.back();
    stack.pop_back();
    std::vector<DirEntry> entries;
    if (!env->ListDir(rel.empty() ? dir : dir + "/" + rel, &entries).ok()) continue;
    for (auto& e : entries) {
      std::string r = rel.empty() ? e.name : rel + "/" + e.name;
      if (e.type == FileInfo::Type::kDirectory) stack.push_back(r);
      else out[r] = Sha256Hex(testing::ReadFile(dir + "/" + r));
    }
  }
  return out;
}

TEST_CASE("manifest sizes and vite manifest and HTML report and reserved output names") {
  TempDir t;
  MakeSite(t / "src");
  // The same compressible bytes as TrueType and as WOFF2: only the TTF gets siblings (WOFF2 is
  // compressed already; its extension says so).
  std::string font;
  for (int i = 0; i < 400; ++i) font += "glyf table entry " + std::to_string(i % 17) + ";";
  testing::WriteFile(t / "src/fonts/a.ttf", font);
  testing::WriteFile(t / "src/fonts/a.woff2", font);
  testing::WriteFile(t / "src/css/fonts.css",
                     "@font-face{font-family:a;src:url(../fonts/a.woff2) format(\"woff2\"),"
                     "url(../fonts/a.ttf) format(\"truetype\")}\n");
  RunResult r = Run(t, {"build", t / "src", "-o", t / "out", "-q", "--manifest-format", "vite",
                        "--report-html", t / "report.html"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json m = json::parse(testing::ReadFile(t / "out/pagebake-manifest.json"));
  int with_br = 0;
  for (const json& f : m["files"]) {
    const std::string path = f["path"];
    const bool has_br = testing::Exists(t / ("out/" + path + ".br"));
    // br_bytes is the sibling's size exactly when there is a sibling.
    if (has_br) {
      ++with_br;
      CHECK(f["br_bytes"] == testing::ReadFile(t / ("out/" + path + ".br")).size());
    } else {
      CHECK(f["br_bytes"].is_null());
    }
    if (path == "fonts/a.ttf") CHECK(has_br);
    if (path == "fonts/a.woff2") CHECK_FALSE(has_br);
  }
  CHECK(with_br >= 1);
  json vite = json::parse(testing::ReadFile(t / "out/.vite/manifest.json"));
  REQUIRE(vite.contains("index.html"));
  CHECK(vite["index.html"]["isEntry"] == true);
  CHECK(vite["index.html"]["file"] == "index.html");
  const std::string html = testing::ReadFile(t / "report.html");
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<svg") != std::string::npos);
  // Self-contained: nothing fetched from the network.
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);

  // A site file with a name pagebake writes is refused by name, and nothing is written.
  testing::WriteFile(t / "src/_headers", "/*\n  X-Frame-Options: DENY\n");
  RunResult clash = Run(t, {"build", t / "src", "-o", t / "out2", "-q"});
  CHECK(clash.exit_code == 1);
  CHECK(clash.err.find("_headers") != std::string::npos);
  CHECK(clash.err.find("--disable headers") != std::string::npos);
  CHECK_FALSE(testing::Exists(t / "out2/index.html"));
  RunResult ok = Run(t, {"build", t / "src", "-o", t / "out2", "-q", "--disable", "headers"});
  CHECK(ok.exit_code == 0);
  CHECK(testing::ReadFile(t / "out2/_headers") == "/*\n  X-Frame-Options: DENY\n");
}

TEST_CASE("exit codes and messages") {
  TempDir t;
  MakeSite(t / "src");
  struct Row {
    const char* name;
    std::vector<std::string> args;
    int code;
    const char* err_has;
  };
  const Row rows[] = {
      {"no subcommand", {}, 2, "subcommand"},
      {"unknown flag", {"build", t / "src", "-o", t / "out", "--nope"}, 2, "nope"},
      {"unknown filter", {"build", t / "src", "-o", t / "out", "--filters", "css-minfy"}, 2,
       "did you mean 'css-minify'"},
      {"unknown level", {"build", t / "src", "-o", t / "out", "--level", "max"}, 2, "unknown level"},
      {"missing output", {"build", t / "src"}, 2, "no output directory"},
      {"missing source", {"build", t / "nope", "-o", t / "out"}, 2, "does not exist"},
      {"output inside source", {"build", t / "src", "-o", t / "src/dist"}, 2, "inside the source"},
      {"output is source", {"build", t / "src", "-o", t / "src"}, 2, "is the source"},
      {"output contains source", {"build", t / "src", "-o", t.path()}, 2, "contains the source"},
      {"bad io", {"build", t / "src", "-o", t / "out", "--io", "aio"}, 2, "aio"},
      {"bad config", {"build", t / "src", "-o", t / "out", "--config", t / "bad.json"}, 2, "unknown option"},
      {"missing config", {"build", t / "src", "-o", t / "out", "--config", t / "none.json"}, 3, "cannot read"},
      {"output under a file", {"build", t / "src", "-o", t / "src-file.txt/out"}, 3, "IO error"},
  };
  testing::WriteFile(t / "bad.json", "{\"levle\": \"core\"}");
  testing::WriteFile(t / "src-file.txt", "x");
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      RunResult r = Run(t, row.args);
      CHECK(r.exit_code == row.code);
      CHECK(r.err.find(row.err_has) != std::string::npos);
      CHECK_FALSE(testing::Exists(t / "src/dist"));
    }
  }
}

TEST_CASE("version flag, help and the filters list") {
  TempDir t;
  RunResult v = Run(t, {"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("pagebake 0.") != std::string::npos);
  RunResult h = Run(t, {"build", "--help"});
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("--level") != std::string::npos);
  RunResult f = Run(t, {"filters"});
  CHECK(f.exit_code == 0);
  for (const char* id : {"html-remove-comments", "css-minify", "js-minify", "img-webp", "cache-extend"})
    CHECK(f.out.find(id) != std::string::npos);
  RunResult j = Run(t, {"filters", "--json"});
  json parsed = json::parse(j.out);
  REQUIRE(parsed.is_array());
  CHECK(parsed.size() >= 40);
  for (auto& e : parsed) {
    CHECK(e.contains("id"));
    CHECK(e.contains("implemented"));
  }
}

TEST_CASE("a filter that is not built yet is refused by name") {
  TempDir t;
  MakeSite(t / "src");
  RunResult f = Run(t, {"filters", "--json"});
  json parsed = json::parse(f.out);
  std::string unbuilt;
  for (auto& e : parsed)
    if (!e["implemented"].get<bool>()) unbuilt = e["id"].get<std::string>();
  if (unbuilt.empty()) {
    SUCCEED("every filter is built");
    return;
  }
  RunResult r = Run(t, {"build", t / "src", "-o", t / "out", "--filters", unbuilt});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not built yet") != std::string::npos);
}

TEST_CASE("report JSON parses and its rows add up to the process") {
  TempDir t;
  MakeSite(t / "src", 30);
  RunResult r = Run(t, {"build", t / "src", "-o", t / "out", "--level", "all", "--report",
                        t / "report.json", "-j", "2"});
  REQUIRE(r.exit_code == 0);
  json j = json::parse(testing::ReadFile(t / "report.json"));
  CHECK(j["schema"] == "pagebake-report/1");
  CHECK(j["tool"]["name"] == "pagebake");
  for (const char* k : {"wall_ns", "cpu_user_ns", "cpu_sys_ns", "syscalls", "io_syscalls",
                        "read_bytes", "write_bytes", "minor_faults", "major_faults"})
    CHECK(j["process"].contains(k));
  int64_t cpu = 0, io = 0, sys = 0, attributed_cpu = 0, attributed_io = 0, attributed_sys = 0;
  bool known = j["process"]["syscalls"].is_number();
  std::set<std::string> names;
  for (auto& row : j["rows"]) {
    for (const char* k : {"name", "kind", "invocations", "files", "wall_ns", "cpu_user_ns",
                          "cpu_sys_ns", "syscalls", "env_ops", "read_bytes", "write_bytes",
                          "minor_faults", "major_faults", "bytes_in", "bytes_out", "fallbacks"})
      CHECK(row.contains(k));
    names.insert(row["name"].get<std::string>());
    int64_t c = row["cpu_user_ns"].get<int64_t>() + row["cpu_sys_ns"].get<int64_t>();
    cpu += c;
    io += row["io_syscalls"].get<int64_t>();
    if (known) sys += row["syscalls"].get<int64_t>();
    if (row["kind"] != "unattributed") {
      attributed_cpu += c;
      attributed_io += row["io_syscalls"].get<int64_t>();
      if (known) attributed_sys += row["syscalls"].get<int64_t>();
    }
  }
  int64_t pcpu = j["process"]["cpu_user_ns"].get<int64_t>() + j["process"]["cpu_sys_ns"].get<int64_t>();
  int64_t pio = j["process"]["io_syscalls"].get<int64_t>();
  CHECK(names.count("unattributed"));
  CHECK(names.count("read"));
  CHECK(names.count("write"));
  // Rows (with the unattributed remainder) are the process; the named rows are >= 95% of it.
  CHECK(cpu >= pcpu * 0.99);
  CHECK(io >= pio * 0.99);
  CHECK(attributed_cpu >= pcpu * 0.95);
  CHECK(attributed_io >= pio * 0.95);
  if (known) {
    int64_t psys = j["process"]["syscalls"].get<int64_t>();
    CHECK(attributed_sys >= psys * 0.95);
    CHECK(sys <= psys * 1.01 + 5);
  } else {
    WARN("syscalls not countable on this machine (no tracefs/perf access)");
  }
  // The outputs list every written file with its size.
  std::set<std::string> outs;
  for (auto& o : j["outputs"]) outs.insert(o["path"].get<std::string>());
  CHECK(outs.count("index.html"));
  CHECK(j["outputs"].size() >= 36);
}

TEST_CASE("trace JSON is valid Chrome trace-event format") {
  TempDir t;
  MakeSite(t / "src", 5);
  RunResult r = Run(t, {"build", t / "src", "-o", t / "out", "--level", "all", "--trace",
                        t / "trace.json", "-q"});
  REQUIRE(r.exit_code == 0);
  json j = json::parse(testing::ReadFile(t / "trace.json"));
  REQUIRE(j["traceEvents"].is_array());
  int x = 0, names = 0;
  std::map<int, std::vector<std::pair<double, double>>> by_thread;
  for (auto& e : j["traceEvents"]) {
    REQUIRE(e.contains("ph"));
    if (e["ph"] == "M") {
      names += e["name"] == "thread_name";
      continue;
    }
    CHECK(e["ph"] == "X");
    for (const char* k : {"name", "cat", "pid", "tid", "ts", "dur", "args"}) CHECK(e.contains(k));
    CHECK(e["dur"].get<double>() >= 0);
    CHECK(e["args"].contains("cpu_user_ns"));
    by_thread[e["tid"].get<int>()].push_back({e["ts"].get<double>(), e["ts"].get<double>() + e["dur"].get<double>()});
    ++x;
  }
  CHECK(x > 10);
  CHECK(names >= 1);
  // Scopes on one thread nest: any two events are disjoint or one contains the other.
  for (auto& [tid, spans] : by_thread)
    for (size_t a = 0; a < spans.size(); ++a)
      for (size_t b = a + 1; b < spans.size() && b < a + 50; ++b) {
        auto [s1, e1] = spans[a];
        auto [s2, e2] = spans[b];
        bool disjoint = e1 <= s2 + 0.001 || e2 <= s1 + 0.001;
        bool nested = (s1 <= s2 + 0.001 && e2 <= e1 + 0.001) || (s2 <= s1 + 0.001 && e1 <= e2 + 0.001);
        CHECK((disjoint || nested));
      }
}

TEST_CASE("the output is byte-identical whatever -j") {
  TempDir t;
  MakeSite(t / "src", 40);
  RunResult a = Run(t, {"build", t / "src", "-o", t / "out1", "--level", "all", "-j", "1", "-q"});
  RunResult b = Run(t, {"build", t / "src", "-o", t / "out4", "--level", "all", "-j", "4", "-q"});
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  auto h1 = TreeHash(t / "out1"), h4 = TreeHash(t / "out4");
  CHECK(h1.size() > 40);
  CHECK(h1 == h4);
  // And a rebuild of the same input gives the same bytes.
  RunResult c = Run(t, {"build", t / "src", "-o", t / "out1", "--level", "all", "-j", "3", "-q"});
  REQUIRE(c.exit_code == 0);
  CHECK(TreeHash(t / "out1") == h1);
}

TEST_CASE("a run killed midway leaves the previous output intact") {
  TempDir t;
  MakeSite(t / "src", 400);
  // Passthrough: this is about atomicity, so the published bytes are exactly the sources.
  RunResult first = Run(t, {"build", t / "src", "-o", t / "out", "-q", "--level", "passthrough"});
  REQUIRE(first.exit_code == 0);
  auto before = TreeHash(t / "out");
  // Change every page, then kill the rebuild at several points of its run.
  for (int i = 0; i < 400; ++i)
    testing::WriteFile(t / ("src/many/p" + std::to_string(i) + ".html"), "<p>changed " + std::to_string(i));
  for (int delay_ms : {5, 20, 60}) {
    pid_t pid = Spawn({"build", t / "src", "-o", t / "out", "-q", "--level", "passthrough"},
                      t / "o.txt", t / "e.txt");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) {
      // It finished before the kill: then the output is the new one, complete.
      CHECK(testing::ReadFile(t / "out/many/p7.html") == "<p>changed 7");
      return;
    }
    CAPTURE(delay_ms);
    // Killed before the commit: the previous output. Killed after it (while the old tree is
    // being removed): the new output, complete. Never a mix.
    if (TreeHash(t / "out") != before) {
      int changed = 0;
      for (int i = 0; i < 400; ++i)
        changed += testing::ReadFile(t / ("out/many/p" + std::to_string(i) + ".html")) ==
                   "<p>changed " + std::to_string(i);
      CHECK(changed == 400);
      break;
    }
  }
  // The next run succeeds, cleans the dead run's staging directory, and publishes the change.
  RunResult again = Run(t, {"build", t / "src", "-o", t / "out", "-q", "--level", "passthrough"});
  REQUIRE(again.exit_code == 0);
  CHECK(testing::ReadFile(t / "out/many/p7.html") == "<p>changed 7");
  auto env = NewPosixEnv(IoStrategy::kRead);
  std::vector<DirEntry> entries;
  REQUIRE(env->ListDir(t.path(), &entries).ok());
  for (auto& e : entries) CHECK(e.name.find("pagebake-staging") == std::string::npos);
}

TEST_CASE("io mmap trades read syscalls for page faults (separate processes)") {
  TempDir t;
  MakeSite(t / "src");
  for (int i = 0; i < 8; ++i) testing::WriteFile(t / ("src/blob" + std::to_string(i) + ".bin"), std::string(2 << 20, char('a' + i)));
  auto read_row = [&](const std::string& io) {
    RunResult r = Run(t, {"build", t / "src", "-o", t / ("out-" + io), "--level", "passthrough",
                          "--io", io, "-j", "1", "-q", "--report", t / (io + ".json")});
    REQUIRE(r.exit_code == 0);
    json j = json::parse(testing::ReadFile(t / (io + ".json")));
    for (auto& row : j["rows"])
      if (row["name"] == "read") return row;
    FAIL("no read row");
    return json();
  };
  json rd = read_row("read"), mm = read_row("mmap");
  CHECK(rd["env_ops"]["read"].get<int>() >= 8);
  CHECK(mm["env_ops"]["read"].get<int>() == 0);
  CHECK(mm["env_ops"]["mmap"].get<int>() >= 8);
  CHECK(rd["syscr"].get<int64_t>() > mm["syscr"].get<int64_t>());
  CHECK(mm["minor_faults"].get<int64_t>() > rd["minor_faults"].get<int64_t>());
  CHECK(TreeHash(t / "out-read") == TreeHash(t / "out-mmap"));
}

TEST_CASE("colors: NO_COLOR, --color, and no progress line when piped") {
  TempDir t;
  MakeSite(t / "src");
  testing::WriteFile(t / "src/broken.html", "<a href=\"missing.html\">x</a>");
  RunResult plain = Run(t, {"build", t / "src", "-o", t / "o1"});
  CHECK(plain.exit_code == 0);
  CHECK(plain.err.find("\033[") == std::string::npos);
  CHECK(plain.err.find('\r') == std::string::npos);
  CHECK(plain.err.find("broken.html:1:") != std::string::npos);
  RunResult forced = Run(t, {"build", t / "src", "-o", t / "o2", "--color", "always"});
  CHECK(forced.err.find("\033[") != std::string::npos);
  RunResult nc = Run(t, {"build", t / "src", "-o", t / "o3", "--color", "auto"}, {"NO_COLOR=1"});
  CHECK(nc.err.find("\033[") == std::string::npos);
}

TEST_CASE("config file sets options, flags override it") {
  TempDir t;
  MakeSite(t / "src");
  testing::WriteFile(t / "pagebake.json",
                     "{\"source\": \"" + (t / "src") + "\", \"output\": \"" + (t / "from-config") +
                         "\", \"level\": \"passthrough\", \"jobs\": 1}");
  RunResult r = Run(t, {"build", "--config", t / "pagebake.json", "-q", "--report", t / "r.json"});
  REQUIRE(r.exit_code == 0);
  CHECK(testing::ReadFile(t / "from-config/css/site.css") == testing::ReadFile(t / "src/css/site.css"));
  json j = json::parse(testing::ReadFile(t / "r.json"));
  CHECK(j["options"]["level"] == "passthrough");
  RunResult o = Run(t, {"build", "--config", t / "pagebake.json", "-o", t / "flag-out", "--level",
                        "core", "-q", "--report", t / "r2.json"});
  REQUIRE(o.exit_code == 0);
  CHECK(testing::Exists(t / "flag-out/index.html"));
  CHECK(json::parse(testing::ReadFile(t / "r2.json"))["options"]["level"] == "core");
}

TEST_CASE("the webp flag picks how img-webp serves its variants") {
  TempDir t;
  MakeSite(t / "src");
  // A real photo (startbootstrap-agency): its WebP is smaller, so it gets a variant.
  std::string photo = testing::ReadFile(std::string(PAGEBAKE_TEST_DATA) +
                                        "/npm/startbootstrap-agency@7.0.12/dist/assets/img/portfolio/1.jpg");
  if (photo.empty()) {
    WARN("test data not fetched: skipped");
    return;
  }
  testing::WriteFile(t / "src/img/photo.jpg", photo);
  testing::WriteFile(t / "src/photo.html", "<p><img src=img/photo.jpg alt=p></p>");
  auto build = [&](const std::string& out, std::vector<std::string> extra) {
    std::vector<std::string> args = {"build", t / "src", "-o", t / out, "--level", "passthrough",
                                     "--filters", "img-webp", "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Run(t, args);
  };
  REQUIRE(build("picture", {}).exit_code == 0);
  CHECK(testing::ReadFile(t / "picture/photo.html") ==
        "<p><picture><source type=\"image/webp\" srcset=\"img/photo.jpg.webp\"><img "
        "src=img/photo.jpg alt=p></picture></p>");
  REQUIRE(build("replace", {"--webp", "replace"}).exit_code == 0);
  CHECK(testing::ReadFile(t / "replace/photo.html") == "<p><img src=img/photo.jpg.webp alt=p></p>");
  CHECK(testing::Exists(t / "replace/img/photo.jpg.webp"));
  RunResult bad = build("bad", {"--webp", "always"});
  CHECK(bad.exit_code == 2);
}

}  // namespace
}  // namespace pagebake
