// The CSS minifier against real sheets (fetched by tests/css/fetch_data.sh) and an independent
// judge, lightningcss (pinned, installed under the test data). For every file:
//  - the tokenizer round-trips it byte for byte;
//  - the minifier neither passes it through (no issue) nor grows it, and is idempotent;
//  - lightningcss parses our output (it exits non-zero on a parse error);
//  - lightningcss --minify of our output equals lightningcss --minify of the input, after the
//    documented exceptions below.
//
// Exceptions (differences that are lightningcss artefacts, not changes in meaning):
//  1. lightningcss keeps a value that contains var() as a token list, with its whitespace as
//     written, and does not shorten zero lengths inside it; we do both. The comparison drops
//     whitespace next to , / ( ) ; } and, inside a var()-dependent value without calc(),
//     writes zero lengths as 0.
//  2. lightningcss merges adjacent rules whose declarations are equal after its parse; our
//     shortening (0rem -> 0) can make two rules equal that were not in its input parse. Its
//     output is not a fixpoint, so both sides are minified until they stop changing.
//  3. lightningcss writes the identity translate3d(0,0,0) as the 2D translate(0,0) (and
//     scale3d(1,1,1) as scale(1)), which drops the 3D compositing hint pages use it for; we
//     write translateZ(0) / scaleZ(1), which keep it. The comparison reads those as translate(0)
//     and scale(1). (For non-identity z, lightningcss itself writes translateZ()/scaleZ().)
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "filters/css/css_minifier.h"
#include "filters/css/css_tokenizer.h"
#include "tests/text/source_map_judge.h"

namespace fs = std::filesystem;

namespace pagebake::css {
namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, const std::string& s) {
  std::ofstream f(p, std::ios::binary);
  f << s;
}

const fs::path kData = PAGEBAKE_TEST_DATA;

// The corpus: pinned npm packages (required) and the rustup docs' CSS (optional), deduplicated
// by content.
std::vector<fs::path> CorpusFiles(bool* have_rust_docs) {
  const char* dirs[] = {
      "npm/bootstrap@5.3.3/dist/css",      "npm/bulma@1.0.2/css",
      "npm/bulma@1.0.2/css/versions",      "npm/@fortawesome/fontawesome-free@6.5.2/css",
      "npm/normalize.css@8.0.1",           "npm/animate.css@4.1.1",
  };
  std::vector<fs::path> files;
  for (const char* d : dirs) {
    fs::path dir = kData / d;
    REQUIRE(fs::is_directory(dir));  // run tests/fetch_test_data.sh
    std::vector<fs::path> here;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::string name = e.path().filename().string();
      if (e.is_regular_file() && name.size() > 4 && name.ends_with(".css") &&
          !name.ends_with(".min.css"))
        here.push_back(e.path());
    }
    std::sort(here.begin(), here.end());
    files.insert(files.end(), here.begin(), here.end());
  }
  // Tailwind's dist holds near-copies of one 3.6 MB sheet; one of them is enough.
  for (const char* f : {"base.css", "components.css", "tailwind.css"})
    files.push_back(kData / "npm/tailwindcss@2.2.19/dist" / f);
  *have_rust_docs = false;
  const char* home = getenv("HOME");
  fs::path toolchains = fs::path(home ? home : "/root") / ".rustup/toolchains";
  std::set<std::string> seen;
  for (const fs::path& p : files) seen.insert(ReadFile(p));
  std::error_code ec;
  if (fs::is_directory(toolchains, ec)) {
    std::vector<fs::path> rust;
    for (const auto& tc : fs::directory_iterator(toolchains, ec)) {
      fs::path html = tc.path() / "share/doc/rust/html";
      if (!fs::is_directory(html / "book", ec)) continue;
      for (const auto& e : fs::recursive_directory_iterator(html, ec))
        if (e.is_regular_file() && e.path().extension() == ".css") rust.push_back(e.path());
    }
    std::sort(rust.begin(), rust.end());
    for (const fs::path& p : rust)
      if (seen.insert(ReadFile(p)).second) files.push_back(p);
    *have_rust_docs = !rust.empty();
  }
  return files;
}

bool Lightning(const fs::path& in, const fs::path& out) {
  static const fs::path lc = kData / "node/node_modules/.bin/lightningcss";
  std::string cmd = "'" + lc.string() + "' --minify '" + in.string() + "' -o '" + out.string() +
                    "' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// Minifies with lightningcss until its output stops changing (at most 4 rounds).
bool LightningFixpoint(const fs::path& in, const fs::path& work, std::string* out) {
  fs::path a = work.string() + ".lc0", b = work.string() + ".lc1";
  if (!Lightning(in, a)) return false;
  *out = ReadFile(a);
  for (int i = 0; i < 3; ++i) {
    if (!Lightning(a, b)) return false;
    std::string next = ReadFile(b);
    if (next == *out) break;
    *out = next;
    fs::rename(b, a);
  }
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// Exception 1, see the top of the file.
std::string Normalize(const std::string& s) {
  std::string a;
  a.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsSpace(s[i])) {
      size_t j = i;
      while (j < s.size() && IsSpace(s[j])) ++j;
      char next = j < s.size() ? s[j] : 0;
      char prev = a.empty() ? 0 : a.back();
      bool drop = next == ',' || next == '/' || next == ')' || next == ';' || next == '}' ||
                  prev == ',' || prev == '/' || prev == '(';
      if (!drop) a.push_back(' ');
      i = j - 1;
      continue;
    }
    a.push_back(s[i]);
  }
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"translateZ(0)", "translate(0)"},
                         {"scaleZ(1)", "scale(1)"}}) {
    for (size_t p = a.find(from); p != std::string::npos; p = a.find(from, p + to.size()))
      a.replace(p, from.size(), to);
  }
  // Zero lengths inside var()-dependent values (between ':' and ';' or '}', no '{').
  static const char* kUnits[] = {"px", "em", "rem", "vw", "vh", "%"};
  std::string b;
  b.reserve(a.size());
  size_t i = 0;
  while (i < a.size()) {
    size_t colon = a.find(':', i);
    if (colon == std::string::npos) break;
    size_t end = a.find_first_of(";}{", colon);
    if (end == std::string::npos) break;
    b.append(a, i, colon + 1 - i);
    std::string value = a.substr(colon + 1, end - colon - 1);
    if (a[end] != '{' && value.find("var(") != std::string::npos &&
        value.find("calc(") == std::string::npos) {
      std::string v;
      for (size_t k = 0; k < value.size(); ++k) {
        bool boundary = k == 0 || !(isalnum(static_cast<unsigned char>(value[k - 1])) ||
                                    value[k - 1] == '.' || value[k - 1] == '-');
        if (boundary && value[k] == '0') {
          bool done = false;
          for (const char* u : kUnits) {
            size_t n = strlen(u);
            if (*u == '%') continue;  // percentages are not lengths
            if (value.compare(k + 1, n, u) == 0) {
              char after = k + 1 + n < value.size() ? value[k + 1 + n] : 0;
              if (!isalnum(static_cast<unsigned char>(after)) && after != '%' && after != '(') {
                v.push_back('0');
                k += n;
                done = true;
                break;
              }
            }
          }
          if (done) continue;
        }
        v.push_back(value[k]);
      }
      value = v;
    }
    b += value;
    b.push_back(a[end]);
    i = end + 1;
  }
  b.append(a, std::min(i, a.size()), std::string::npos);
  return b;
}

// Where two strings first differ, with some context, for the failure message.
std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  size_t from = i > 120 ? i - 120 : 0;
  return "at byte " + std::to_string(i) + "\n  input judge: " + a.substr(from, 200) +
         "\n  ours judge:  " + b.substr(from, 200);
}

TEST_CASE("css corpus: tokenizer, minifier and the lightningcss judge", "[css][corpus]") {
  // Catch2 re-enters the test case once per section: list the corpus once.
  static bool have_rust_docs = false;
  static const std::vector<fs::path> files = CorpusFiles(&have_rust_docs);
  if (!have_rust_docs) WARN("rustup docs not found: their CSS is not part of this run");
  REQUIRE(files.size() >= 25);
  REQUIRE(fs::exists(kData / "node/node_modules/.bin/lightningcss"));
  fs::path work = fs::path(PAGEBAKE_BINARY_DIR) / "css-corpus-work";
  fs::create_directories(work);
  int index = 0;
  for (const fs::path& file : files) {
    ++index;
    DYNAMIC_SECTION(file.string()) {
      std::string in = ReadFile(file);
      std::vector<Token> toks;
      Tokenize(in, &toks);
      std::string joined;
      joined.reserve(in.size());
      for (const Token& t : toks) joined.append(in, t.begin, t.end - t.begin);
      CHECK(joined == in);

      std::string out, again;
      std::vector<CssIssue> issues;
      CssMinifyOptions o;
      REQUIRE(MinifyCss(in, o, &out, CssMinifyMode::kStylesheet, &issues).ok());
      CHECK(issues.empty());
      CHECK(out.size() <= in.size());
      REQUIRE(MinifyCss(out, o, &again).ok());
      CHECK(again == out);
      // The source map of the same run: same output, every mapping at its source text.
      std::string mapped;
      text::SourceMapBuilder map;
      REQUIRE(MinifyCssWithMap(in, o, &mapped, &map).ok());
      CHECK(mapped == out);
      CHECK(testing::CheckMappingsPointAtSameText(map.Render(mapped, in, "a.css", "a.css"), mapped,
                                                  in, /*fold_case=*/true) > 0);

      fs::path ours = work / ("ours" + std::to_string(index) + ".css");
      WriteFile(ours, out);
      std::string judge_in, judge_out;
      bool input_parses = LightningFixpoint(file, work / ("in" + std::to_string(index)), &judge_in);
      bool output_parses = LightningFixpoint(ours, work / ("out" + std::to_string(index)), &judge_out);
      if (!input_parses) {
        WARN("lightningcss cannot parse the input; only checking we add no error");
      } else {
        CHECK(output_parses);  // no new parse errors
        if (output_parses) {
          std::string a = Normalize(judge_in), b = Normalize(judge_out);
          INFO(FirstDifference(a, b));
          CHECK(a == b);
        }
      }
    }
  }
}

}  // namespace
}  // namespace pagebake::css
