// Delivery on real inputs nobody here wrote (fetched by tests/fetch_test_data.sh; these cases
// FAIL when the data is missing): real CSS/JS/HTML precompressed with the production settings
// (every sibling decoded by independent decoders; a second pass served from the cache with no
// compression work), and a real admin theme built with cache-extend + sri, whose output must
// have no broken reference the source did not already have, and whose every integrity value
// matches the file it names.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "filters/core/hash.h"
#include "filters/delivery/link_check.h"
#include "filters/delivery/precompress.h"
#include "tests/delivery/delivery_test_util.h"

namespace pagebake::delivery {
namespace {

using testing::TempDir;

const std::string kNpm = std::string(PAGEBAKE_TEST_DATA) + "/npm/";
const std::string kAdmin = kNpm + "startbootstrap-sb-admin-2@4.1.4";

std::string Need(const std::string& path) {
  INFO("missing test data " << path << " (run tests/fetch_test_data.sh)");
  REQUIRE(testing::Exists(path));
  return testing::ReadFile(path);
}

TEST_CASE("corpus: real files precompress exactly, the second pass is all cache") {
  const std::vector<std::pair<std::string, ContentType>> files = {
      {kNpm + "bootstrap@5.3.3/dist/css/bootstrap.css", ContentType::kCss},
      {kNpm + "bootstrap@5.3.3/dist/css/bootstrap.min.css", ContentType::kCss},
      {kNpm + "bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js", ContentType::kJs},
      {kNpm + "jquery@3.7.1/dist/jquery.js", ContentType::kJs},
      {kNpm + "jquery@3.7.1/dist/jquery.min.js", ContentType::kJs},
      {kAdmin + "/index.html", ContentType::kHtml},
      {kAdmin + "/css/sb-admin-2.css", ContentType::kCss},
      {kAdmin + "/img/undraw_profile.svg", ContentType::kSvg},
  };
  TempDir t;
  DeliveryOptions o;
  o.cache_dir = t / "cache";
  uint64_t in = 0, br_total = 0, gz_total = 0;
  std::vector<std::pair<std::string, std::string>> first;
  for (auto& [path, type] : files) {
    CAPTURE(path);
    std::string bytes = Need(path);
    std::string br, gz;
    PrecompressStats st;
    REQUIRE(Precompress(o, true, true, bytes, type, &br, &gz, &st).ok());
    REQUIRE(!br.empty());
    REQUIRE(!gz.empty());
    CHECK(testing::BrotliDecode(br) == bytes);
    CHECK(testing::GunzipZlib(gz) == bytes);
    CHECK(br.size() < gz.size());  // q11 beats deflate on text of this size
    in += bytes.size();
    br_total += br.size();
    gz_total += gz.size();
    first.push_back({br, gz});
  }
  WARN("precompressed " << in << " B: br " << br_total << " B, gz " << gz_total << " B");
  PrecompressStats warm;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string br, gz;
    REQUIRE(Precompress(o, true, true, Need(files[i].first), files[i].second, &br, &gz, &warm)
                .ok());
    CHECK(br == first[i].first);
    CHECK(gz == first[i].second);
  }
  CHECK(warm.cache_hits == 2 * files.size());
  CHECK(warm.cache_misses == 0);
  CHECK(warm.compress_ns == 0);
}

std::set<std::string> Broken(const std::string& dir) {
  std::vector<Diagnostic> problems;
  REQUIRE(CheckLinks(dir, &problems).ok());
  std::set<std::string> out;
  // The page path and the URL as written: cache-extend keeps both for a missing target.
  for (const Diagnostic& d : problems) out.insert(d.path + " " + d.message);
  return out;
}

TEST_CASE("corpus: sb-admin-2 with cache-extend + sri: links intact, integrity right") {
  Need(kAdmin + "/index.html");
  TempDir t;
  Options o;
  o.source_dir = kAdmin;
  o.output_dir = t / "out";
  o.level = Level::kPassthrough;
  o.enable = {"cache-extend", "sri"};
  o.jobs = 2;
  auto run = testing::RunPipeline(o);
  REQUIRE(run.status.ok());

  int hashed = 0;
  for (const OutputFile& f : run.result.report.outputs)
    if (f.path != f.source && !f.source.empty()) ++hashed;
  CHECK(hashed >= 10);  // its CSS, JS, vendor files and images

  std::set<std::string> before = Broken(kAdmin), after = Broken(t / "out");
  for (const std::string& b : after) {
    CAPTURE(b);
    CHECK(before.count(b) == 1);
  }

  const std::regex attr(R"re((?:src|href)="?([^" >]+)"?[^>]*?\sintegrity="([^"]+)")re");
  int checked = 0, by_openssl = 0;
  for (const OutputFile& f : run.result.report.outputs) {
    if (f.path.size() < 5 || f.path.substr(f.path.size() - 5) != ".html") continue;
    std::string html = testing::ReadFile(t / ("out/" + f.path));
    for (std::sregex_iterator it(html.begin(), html.end(), attr), end; it != end; ++it) {
      std::string url = (*it)[1];
      CAPTURE(f.path, url);
      std::string target = t / ("out/" + url);
      REQUIRE(testing::Exists(target));
      CHECK((*it)[2] == SriSha384(testing::ReadFile(target)));
      if (by_openssl < 5) {  // the independent judge, on a sample (one process each)
        CHECK((*it)[2] == testing::OpensslSri(target).value_or("?"));
        ++by_openssl;
      }
      ++checked;
    }
  }
  CHECK(checked >= 14);  // every page loads its scripts and sheets
}

}  // namespace
}  // namespace pagebake::delivery
