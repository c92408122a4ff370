// Units, percentages and the two path-pattern dialects of budget files.
#include <catch2/catch.hpp>

#include "filters/budget/glob.h"
#include "filters/budget/units.h"
#include "pagebake/budget.h"

namespace pagebake::budget {
namespace {

TEST_CASE("sizes need an explicit unit: kB = 1000 B, KiB = 1024 B") {
  struct R { const char* name; const char* text; int64_t want; };  // want < 0: error
  const R rows[] = {
      {"kB no space", "10kB", 10000},
      {"KiB with space", "10 KiB", 10240},
      {"fractional MB", "1.5MB", 1500000},
      {"MiB", "2 MiB", 2 * 1024 * 1024},
      {"bytes", "512 B", 512},
      {"GB", "1GB", 1000000000},
      {"GiB", "1 GiB", int64_t{1} << 30},
      {"fraction floors to whole bytes", "1.0005 kB", 1000},
      {"fraction of KiB", "0.5 KiB", 512},
      {"surrounding blanks", "  3 kB ", 3000},
      {"zero", "0 B", 0},
      {"bare number is an error", "150", -1},
      {"KB is ambiguous", "10KB", -1},
      {"lowercase kb", "10 kb", -1},
      {"k alone", "10k", -1},
      {"two spaces", "10  kB", -1},
      {"negative", "-1 kB", -1},
      {"exponent", "1e3 B", -1},
      {"trailing dot", "1. kB", -1},
      {"leading dot", ".5 kB", -1},
      {"empty", "", -1},
      {"unit only", "kB", -1},
      {"overflow", "99999999999999999999 GiB", -1},
      {"trailing junk", "10 kB!", -1},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Result<int64_t> got = ParseSize(r.text);
      if (r.want < 0) {
        CHECK_FALSE(got.ok());
        CHECK(got.status().code() == StatusCode::kInvalidArgument);
      } else {
        REQUIRE(got.ok());
        CHECK(*got == r.want);
      }
    }
  }
}

TEST_CASE("a bare number's error says how to write the unit") {
  Result<int64_t> got = ParseSize("150");
  REQUIRE_FALSE(got.ok());
  CHECK_THAT(got.status().message(), Catch::Contains("kB") && Catch::Contains("KiB"));
  Result<int64_t> ambiguous = ParseSize("150 KB");
  REQUIRE_FALSE(ambiguous.ok());
  CHECK_THAT(ambiguous.status().message(), Catch::Contains("unknown unit"));
}

TEST_CASE("durations") {
  struct R { const char* name; const char* text; int64_t want; };
  const R rows[] = {
      {"ms", "50ms", 50'000'000},
      {"fractional s", "1.5 s", 1'500'000'000},
      {"us", "200 us", 200'000},
      {"micro sign", "200 \xC2\xB5s", 200'000},
      {"ns", "10ns", 10},
      {"bare number", "50", -1},
      {"minutes are not a unit", "1 min", -1},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      Result<int64_t> got = ParseDuration(r.text);
      if (r.want < 0) {
        CHECK_FALSE(got.ok());
      } else {
        REQUIRE(got.ok());
        CHECK(*got == r.want);
      }
    }
  }
}

TEST_CASE("relative limits") {
  struct R { const char* name; const char* text; bool is_percent; bool ok; double want; };
  const R rows[] = {
      {"grow 5%", "+5%", true, true, 5},
      {"shrink 10%", "-10%", true, true, -10},
      {"no growth", "+0%", true, true, 0},
      {"fraction", "+2.5%", true, true, 2.5},
      {"space before %", "+5 %", true, true, 5},
      {"sign required", "5%", true, false, 0},
      {"shrink beyond 100%", "-150%", true, false, 0},
      {"junk", "+x%", true, false, 0},
      {"not a percentage", "5 kB", false, false, 0},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) {
      double v = 0;
      std::string err;
      CHECK(ParsePercent(r.text, &v, &err) == r.is_percent);
      CHECK(err.empty() == (r.ok || !r.is_percent));
      if (r.ok) CHECK(v == Approx(r.want));
    }
  }
}

TEST_CASE("a relative limit resolves against the baseline, floored") {
  Limit grow;
  grow.percent = 5;
  CHECK(grow.Resolve(1000) == 1050);
  CHECK(grow.Resolve(999) == 1048);  // 1048.95 floors
  CHECK_FALSE(grow.Resolve(std::nullopt).has_value());
  Limit same;
  same.percent = 0;
  CHECK(same.Resolve(12345) == 12345);
  Limit shrink;
  shrink.percent = -10;
  CHECK(shrink.Resolve(1000) == 900);
  Limit absolute;
  absolute.value = 7;
  CHECK(absolute.Resolve(std::nullopt) == 7);
}

TEST_CASE("pagebake globs") {
  struct R { const char* name; const char* pattern; const char* path; bool want; };
  const R rows[] = {
      {"star in segment", "*.js", "app.js", true},
      {"star stays in segment", "*.js", "js/app.js", false},
      {"doublestar any depth", "**/*.js", "js/vendor/app.js", true},
      {"doublestar zero segments", "**/*.js", "app.js", true},
      {"dir doublestar", "img/**", "img/a/b.png", true},
      {"dir doublestar other dir", "img/**", "css/a.css", false},
      {"question mark", "a?.css", "ab.css", true},
      {"question mark not slash", "a?b", "a/b", false},
      {"literal", "index.html", "index.html", true},
      {"leading slash ignored", "/blog/*.html", "blog/post.html", true},
      {"middle star", "blog/*/index.html", "blog/2024/index.html", true},
      {"middle star one segment", "blog/*/index.html", "blog/a/b/index.html", false},
      {"suffix must match", "*.css", "app.css.map", false},
      {"empty pattern", "", "a", false},
      {"many stars no blowup", "*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) { CHECK(GlobMatch(r.pattern, r.path) == r.want); }
  }
}

TEST_CASE("Lighthouse robots.txt paths") {
  struct R { const char* name; const char* pattern; const char* url; bool want; };
  const R rows[] = {
      {"prefix", "/blog", "/blog/post.html", true},
      {"prefix no match", "/blog", "/about.html", false},
      {"root matches all", "/", "/x/y.html", true},
      {"dollar exact", "/$", "/", true},
      {"dollar exact other", "/$", "/index.html", false},
      {"star", "/*.html", "/a/b.html", true},
      {"star contains", "/vendor*chunk", "/vendor-1-chunk.js", true},
      {"star dollar suffix", "/*.js$", "/a.js", true},
      {"star dollar wrong suffix", "/*.js$", "/a.js.map", false},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) { CHECK(RobotsPathMatch(r.pattern, r.url) == r.want); }
  }
  CHECK(ValidateRobotsPath("/a*b*c") != "");
  CHECK(ValidateRobotsPath("/a$b") != "");
  CHECK(ValidateRobotsPath("a") != "");
  CHECK(ValidateRobotsPath("/a$$") != "");
  CHECK(ValidateRobotsPath("/*.html$").empty());
}

}  // namespace
}  // namespace pagebake::budget
