// cache-extend's naming policy (the pure part the pipeline's naming stage uses): hashed names by
// template, which resources get one, template checks.
#include <catch2/catch.hpp>

#include "filters/core/hash.h"
#include "filters/delivery/cache_extend_filter.h"

namespace pagebake::delivery {
namespace {

TEST_CASE("HashedPath: by template and hash length") {
  const std::string bytes = "body{}";
  const std::string h10 = Sha256Hex(bytes).substr(0, 10);
  struct Row {
    const char* name;
    const char* tmpl;
    int len;
    const char* path;
    std::string want;
  };
  const Row rows[] = {
      {"default", "[name].[hash].[ext]", 10, "css/app.css", "css/app." + h10 + ".css"},
      {"top level", "[name].[hash].[ext]", 10, "app.css", "app." + h10 + ".css"},
      {"dash style", "[name]-[hash].[ext]", 10, "a/b/app.min.css", "a/b/app.min-" + h10 + ".css"},
      {"hash length 16", "[name].[hash].[ext]", 16, "app.css",
       "app." + Sha256Hex(bytes).substr(0, 16) + ".css"},
      {"length clamped to 4..64", "[name].[hash].[ext]", 1, "app.css",
       "app." + Sha256Hex(bytes).substr(0, 4) + ".css"},
      {"no extension: no trailing dot", "[name].[hash].[ext]", 10, "fonts/LICENSE",
       "fonts/LICENSE." + h10},
      {"dotfile has no extension", "[name].[hash].[ext]", 10, "x/.well", "x/.well." + h10},
      {"dot in a directory name only", "[name].[hash].[ext]", 10, "v1.2/app",
       "v1.2/app." + h10},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      DeliveryOptions o;
      o.name_template = row.tmpl;
      o.hash_length = row.len;
      CHECK(HashedPath(o, row.path, bytes) == row.want);
    }
  }
}

TEST_CASE("WantsHashedName: referenced static resources only, entry points never") {
  auto res = [](ContentType t, bool entry = false) {
    Resource r;
    r.path = "x";
    r.type = t;
    r.entry_point = entry;
    return r;
  };
  DeliveryOptions o;
  struct Row {
    const char* name;
    Resource r;
    bool referenced;
    bool want;
  };
  const Row rows[] = {
      {"css", res(ContentType::kCss), true, true},
      {"png", res(ContentType::kPng), true, true},
      {"font", res(ContentType::kFont), true, true},
      {"pdf", res(ContentType::kPdf), true, true},
      {"unreferenced css keeps its name", res(ContentType::kCss), false, false},
      {"html page", res(ContentType::kHtml, true), true, false},
      {"entry point (sw.js)", res(ContentType::kJs, true), true, false},
      {"json is data, not a static asset", res(ContentType::kJson), true, false},
      {"text", res(ContentType::kText), true, false},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) { CHECK(WantsHashedName(o, row.r, row.referenced) == row.want); }
  }
  SECTION("hash_unreferenced") {
    o.hash_unreferenced = true;
    CHECK(WantsHashedName(o, res(ContentType::kCss), false));
    CHECK_FALSE(WantsHashedName(o, res(ContentType::kHtml, true), false));
  }
  SECTION("hash_types narrows the set") {
    o.hash_types = {"css", "js"};
    CHECK(WantsHashedName(o, res(ContentType::kCss), true));
    CHECK_FALSE(WantsHashedName(o, res(ContentType::kPng), true));
  }
}

TEST_CASE("HasHashedName: the output name carries the hash of the final bytes") {
  DeliveryOptions o;
  Resource r;
  r.path = "css/app.css";
  r.bytes = "a{}";
  r.output_path = HashedPath(o, r.path, r.bytes);
  CHECK(HasHashedName(o, r));
  r.bytes = "b{}";  // changed after naming: the name no longer vouches for the content
  CHECK_FALSE(HasHashedName(o, r));
  r.output_path = r.path;
  CHECK_FALSE(HasHashedName(o, r));
}

TEST_CASE("CheckNameTemplate") {
  CHECK(CheckNameTemplate("[name].[hash].[ext]").ok());
  CHECK(CheckNameTemplate("[hash]-[name].[ext]").ok());
  CHECK_FALSE(CheckNameTemplate("[name].[ext]").ok());
  CHECK_FALSE(CheckNameTemplate("[hash].[ext]").ok());
  CHECK_FALSE(CheckNameTemplate("h/[name].[hash].[ext]").ok());
}

}  // namespace
}  // namespace pagebake::delivery
