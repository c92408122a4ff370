// The corpus judge: real libraries nobody here wrote (tests/js/fetch_data.sh pins them), checked
// by node, not by us.
//  - every .js/.mjs/.cjs file of every package: tokenizer round trip, minifier succeeds,
//    idempotent, never larger, and node parses our output whenever it parses the original;
//  - the main builds: `node --check` on our output, and a behaviour battery
//    (tests/js/js_behaviour.js) that must print the same results for the original and ours.
// Fails (does not skip) when the data is missing: run tests/fetch_test_data.sh first.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "filters/js/js_minifier.h"
#include "tests/js/js_test_util.h"

namespace pagebake::js {
namespace {

namespace fs = std::filesystem;

const fs::path kNpm = fs::path(PAGEBAKE_TEST_DATA) / "npm";
const fs::path kOut = fs::path(PAGEBAKE_BINARY_DIR) / "js-corpus-out";
const fs::path kScripts = fs::path(PAGEBAKE_SOURCE_DIR) / "tests" / "js";

const char* const kPackages[] = {"jquery@3.7.1", "lodash@4.17.21", "react@18.3.1",
                                 "react-dom@18.3.1", "three@0.160.0", "d3@7.9.0",
                                 "moment@2.30.1", "vue@3.4.21"};

std::string ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary);
  f << s;
  REQUIRE(f.good());
}

// Runs a shell command; returns its exit status and stdout.
int Run(const std::string& cmd, std::string* out) {
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  out->clear();
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// Single-quoted for the shell (the paths come from the build tree and hold no quotes).
// Joins parts with spaces. (Built by append: GCC 12 warns falsely on `" " + string`.)
std::string Cmd(std::initializer_list<std::string_view> parts) {
  std::string r;
  for (std::string_view p : parts) {
    if (!r.empty()) r.push_back(' ');
    r.append(p);
  }
  return r;
}

std::string Quote(const fs::path& p) {
  std::string q = "'";
  q.append(p.string());
  q.push_back('\'');
  return q;
}

void RequireData() {
  for (const char* pkg : kPackages) {
    INFO("missing test data " << (kNpm / pkg) << ": run tests/fetch_test_data.sh");
    REQUIRE(fs::exists(kNpm / pkg / ".done"));
  }
}

// "module" for ES modules (.mjs, or .js in a "type": "module" package), "cjs" otherwise
// (.cjs and the CommonJS files of the other packages), for the node syntax judge.
std::string ModeOf(const std::string& pkg, const fs::path& p) {
  if (p.extension() == ".mjs") return "module";
  if (p.extension() == ".cjs") return "cjs";
  const bool esm_pkg = pkg.starts_with("three@") || pkg.starts_with("d3@");
  return esm_pkg ? "module" : "cjs";
}

TEST_CASE("corpus: every file round-trips and minifies idempotently", "[js][corpus]") {
  RequireData();
  const fs::path out_root = kOut / "all";
  fs::remove_all(out_root);
  fs::create_directories(out_root);
  std::ofstream list(kOut / "all.list");
  size_t files = 0, bytes_in = 0, bytes_out = 0;
  std::vector<std::string> errors;
  for (const char* pkg : kPackages) {
    for (const auto& e : fs::recursive_directory_iterator(kNpm / pkg)) {
      const fs::path& p = e.path();
      std::string ext = p.extension().string();
      if (!e.is_regular_file() || (ext != ".js" && ext != ".mjs" && ext != ".cjs")) continue;
      const std::string in = ReadFile(p);
      const std::string mode = ModeOf(pkg, p);
      JsMinifyOptions o;
      o.module = mode == "module";
      INFO(p.string());
      REQUIRE(testing::Reassemble(in, {o.module}) == in);
      std::string out;
      std::vector<JsIssue> issues;
      Status s = MinifyJs(in, o, &out, &issues);
      if (!s.ok()) {
        errors.push_back(p.string() + ": " + s.ToString());
        continue;
      }
      std::string again;
      REQUIRE(MinifyJs(out, o, &again, nullptr).ok());
      CHECK(again == out);
      CHECK(out.size() <= in.size());
      const fs::path dest = out_root / fs::relative(p, kNpm);
      WriteFile(dest, out);
      list << mode << '\t' << p.string() << '\t' << dest.string() << '\n';
      ++files;
      bytes_in += in.size();
      bytes_out += out.size();
    }
  }
  list.close();
  // Tokenizer errors on real code would be our bug (these packages all parse).
  CHECK(errors.empty());
  for (const std::string& e : errors) WARN(e);
  WARN("minified " << files << " files, " << bytes_in << " -> " << bytes_out << " bytes");
  CHECK(files > 2000);
  std::string report;
  int st = Run(Cmd({"node --experimental-vm-modules", Quote(kScripts / "js_syntax_check.js"),
                    Quote(kOut / "all.list"), "2>&1"}),
               &report);
  INFO(report);
  CHECK(st == 0);
  const size_t summary = report.rfind("checked");
  const std::string tail = summary == std::string::npos ? report : report.substr(summary);
  WARN(tail);
}

struct Library {
  const char* name;     // battery in js_behaviour.js
  const char* file;     // under npm/
  const char* out_ext;  // extension of our copy (module-ness must survive the copy)
  const char* extra;    // a second file the battery needs (React for react-dom), or null
};

const Library kLibraries[] = {
    {"lodash", "lodash@4.17.21/lodash.js", ".js", nullptr},
    {"moment", "moment@2.30.1/moment.js", ".js", nullptr},
    {"d3", "d3@7.9.0/dist/d3.js", ".js", nullptr},
    {"three", "three@0.160.0/build/three.cjs", ".cjs", nullptr},
    {"three-esm", "three@0.160.0/build/three.module.js", ".mjs", nullptr},
    {"jquery", "jquery@3.7.1/dist/jquery.js", ".js", nullptr},
    {"react-dom", "react-dom@18.3.1/umd/react-dom.development.js", ".js",
     "react@18.3.1/umd/react.development.js"},
    {"react-dom-server", "react-dom@18.3.1/umd/react-dom-server-legacy.browser.development.js",
     ".js", "react@18.3.1/umd/react.development.js"},
    {"vue", "vue@3.4.21/dist/vue.global.js", ".js", nullptr},
};

TEST_CASE("corpus: main builds pass node --check and behave the same", "[js][corpus]") {
  RequireData();
  for (const Library& lib : kLibraries) {
    DYNAMIC_SECTION(lib.name) {
      const fs::path src = kNpm / lib.file;
      const std::string in = ReadFile(src);
      JsMinifyOptions o;
      o.module = std::string(lib.out_ext) == ".mjs";
      std::string out;
      REQUIRE(MinifyJs(in, o, &out, nullptr).ok());
      const fs::path dest = kOut / "main" / (std::string(lib.name) + lib.out_ext);
      WriteFile(dest, out);

      std::string log;
      INFO("node --check " << dest);
      CHECK(Run(Cmd({"node --check", Quote(dest), "2>&1"}), &log) == 0);
      INFO(log);

      const std::string judge = Cmd({"node", Quote(kScripts / "js_behaviour.js"), lib.name});
      const std::string extra = lib.extra ? Quote(kNpm / lib.extra) : std::string();
      std::string want, got;
      REQUIRE(Run(Cmd({judge, Quote(src), extra, "2>/dev/null"}), &want) == 0);
      REQUIRE(Run(Cmd({judge, Quote(dest), extra, "2>/dev/null"}), &got) == 0);
      REQUIRE(want.size() > 100);  // the battery really ran
      CHECK(got == want);
    }
  }
}

}  // namespace
}  // namespace pagebake::js
