// Pages the fuzzers found (tests/regress/html/<filter>_*.html), replayed with the filter their
// name starts with: the html_filters_fuzzer's invariants (never larger, idempotent) plus the
// gumbo judge (the DOM changes only as that filter may change it).
#include <catch2/catch.hpp>

#include <string>

#include "tests/html/html_test_util.h"
#include "tests/regress/regress_inputs.h"

namespace pagebake::html {
namespace {

struct Prefix {
  const char* file_prefix;
  const char* filter_id;
};

constexpr Prefix kPrefixes[] = {
    {"collapse_", "html-collapse-whitespace"},
    {"remove_quotes_", "html-remove-quotes"},
    {"elide_", "html-elide-attributes"},
};

TEST_CASE("regress: fuzzer-found pages", "[regress]") {
  int files = 0;
  for (const pagebake::testing::RegressInput& page :
       pagebake::testing::RegressInputs("html", ".html")) {
    const std::string& name = page.name;
    const std::string& in = page.bytes;
    const Prefix* prefix = nullptr;
    for (const Prefix& p : kPrefixes) {
      if (name.rfind(p.file_prefix, 0) == 0) prefix = &p;
    }
    INFO(name);
    REQUIRE(prefix != nullptr);  // every stored page names the filter it replays
    ++files;
    const std::string once = testing::RunFilter(prefix->filter_id, in);
    CHECK(once.size() <= in.size());
    CHECK(testing::RunFilter(prefix->filter_id, once) == once);
    std::string diff;
    const bool same = CompareDom(in, once, DomCompareOptionsFor({prefix->filter_id}), &diff);
    INFO("DOM difference: " << diff);
    CHECK(same);
  }
  CHECK(files >= 3);
}

}  // namespace
}  // namespace pagebake::html
