// Real pages nobody here wrote: the rustdoc + mdBook pages of the rustup toolchain docs (a
// deterministic sample spread over book/, std/, reference/, ...) and pinned npm themes. For
// every page: the tokenizer round-trips byte for byte, the minification set never grows the
// page, is idempotent, and the gumbo judge finds no DOM difference beyond what the filters may
// change. The npm pages must be there (fetched by tests/fetch_test_data.sh); the rustup docs
// may be absent on some machines (then a visible WARN).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "filters/html/document.h"
#include "filters/html/dom_compare.h"
#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kMinify = {"html-remove-comments", "html-collapse-whitespace",
                                          "html-elide-attributes", "html-remove-quotes"};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> HtmlFilesUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && it->path().extension() == ".html") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path RustDocsDir() {
  const char* home = std::getenv("HOME");
  std::vector<fs::path> candidates;
  if (home) {
    fs::path tc = fs::path(home) / ".rustup" / "toolchains";
    std::error_code ec;
    std::vector<fs::path> toolchains;
    for (auto& e : fs::directory_iterator(tc, ec)) toolchains.push_back(e.path());
    std::sort(toolchains.begin(), toolchains.end());
    // stable first, as tests/testdata_lib.sh does
    std::stable_partition(toolchains.begin(), toolchains.end(), [](const fs::path& p) {
      return p.filename().string().starts_with("stable-");
    });
    for (auto& t : toolchains) candidates.push_back(t / "share/doc/rust/html");
  }
  candidates.push_back("/usr/share/doc/rust-doc/html");
  for (auto& c : candidates)
    if (fs::is_directory(c / "book")) return c;
  return {};
}

// Up to `want` files spread evenly over the sorted list of each top-level section.
std::vector<fs::path> SampleRustDocs(const fs::path& root, size_t per_section) {
  std::vector<fs::path> out;
  for (const char* section : {"book", "std", "reference", "core", "alloc", "cargo", "rustc",
                              "rust-by-example", "nomicon", "edition-guide", "rustdoc",
                              "embedded-book", "proc_macro", "test", "unstable-book"}) {
    fs::path dir = root / section;
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> all = HtmlFilesUnder(dir);
    if (all.empty()) continue;
    size_t n = std::min(per_section, all.size());
    for (size_t i = 0; i < n; ++i) out.push_back(all[i * all.size() / n]);
  }
  return out;
}

struct Totals {
  size_t pages = 0, bytes_in = 0, bytes_out = 0, round_trip_failures = 0, dom_differences = 0,
         grew = 0, not_idempotent = 0;
  std::vector<std::string> examples;
};

void CheckPage(const fs::path& path, Totals* t) {
  std::string in = ReadFile(path);
  ++t->pages;
  t->bytes_in += in.size();
  auto doc = Document::Parse(in);
  doc->MarkModified();
  if (doc->Serialize() != in) {
    ++t->round_trip_failures;
    if (t->examples.size() < 10) t->examples.push_back(path.string() + ": round trip");
  }
  std::string out = testing::RunFilters(kMinify, in);
  t->bytes_out += out.size();
  if (out.size() > in.size()) ++t->grew;
  if (testing::RunFilters(kMinify, out) != out) {
    ++t->not_idempotent;
    if (t->examples.size() < 10) t->examples.push_back(path.string() + ": not idempotent");
  }
  std::string diff;
  if (!CompareDom(in, out, DomCompareOptionsFor(kMinify), &diff)) {
    ++t->dom_differences;
    if (t->examples.size() < 10) t->examples.push_back(path.string() + ": " + diff);
  }
}

void Report(const char* what, const Totals& t) {
  WARN(what << ": " << t.pages << " pages, " << t.bytes_in << " -> " << t.bytes_out
            << " bytes; round-trip failures " << t.round_trip_failures << ", DOM differences "
            << t.dom_differences << ", grew " << t.grew << ", not idempotent "
            << t.not_idempotent);
  for (const std::string& e : t.examples) UNSCOPED_INFO(e);
  CHECK(t.round_trip_failures == 0);
  CHECK(t.dom_differences == 0);
  CHECK(t.grew == 0);
  CHECK(t.not_idempotent == 0);
}

TEST_CASE("npm theme pages", "[corpus]") {
  fs::path data = PAGEBAKE_TEST_DATA;
  const char* packages[] = {"html5-boilerplate@9.0.1", "startbootstrap-sb-admin-2@4.1.4",
                            "startbootstrap-agency@7.0.12", "startbootstrap-clean-blog@6.0.9"};
  Totals t;
  for (const char* p : packages) {
    fs::path dir = data / "npm" / p;
    INFO("missing test data: run tests/fetch_test_data.sh " << data.string());
    REQUIRE(fs::is_directory(dir));
    for (const fs::path& f : HtmlFilesUnder(dir)) CheckPage(f, &t);
  }
  CHECK(t.pages >= 15);
  Report("npm pages", t);
}

TEST_CASE("rustup documentation pages", "[corpus]") {
  fs::path root = RustDocsDir();
  if (root.empty()) {
    WARN("rustup docs not found (~/.rustup/toolchains/*/share/doc/rust/html): skipped");
    return;
  }
  std::vector<fs::path> pages = SampleRustDocs(root, 60);
  REQUIRE(pages.size() >= 500);
  Totals t;
  for (const fs::path& f : pages) CheckPage(f, &t);
  Report(root.string().c_str(), t);
}

}  // namespace
}  // namespace pagebake::html
