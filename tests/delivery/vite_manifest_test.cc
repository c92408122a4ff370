// The Vite-shaped manifest: keys, entries and what each loads.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "filters/delivery/vite_manifest.h"

namespace pagebake::delivery {
namespace {

TEST_CASE("vite manifest: shape of .vite/manifest.json") {
  Site site("/nonexistent-root");
  auto add = [&](const char* path, const char* out, ContentType type, bool entry,
                 std::vector<Reference> refs, bool generated = false) {
    Resource r;
    r.path = path;
    r.output_path = out;
    r.type = type;
    r.entry_point = entry;
    r.references = std::move(refs);
    r.generated = generated;
    site.Add(std::move(r));
  };
  add("img/a.png", "img/a.1111111111.png", ContentType::kPng, false, {});
  add("css/site.css", "css/site.2222222222.css", ContentType::kCss, false,
      {{"../img/a.png", "img/a.png", RefKind::kImage, 1, 1}});
  add("js/app.js", "js/app.3333333333.js", ContentType::kJs, false, {});
  add("js/combined.js", "js/combined.4444444444.js", ContentType::kJs, false, {}, true);
  add("index.html", "index.html", ContentType::kHtml, true,
      {{"css/site.css", "css/site.css", RefKind::kStylesheet, 1, 1},
       {"js/app.js", "js/app.js", RefKind::kScript, 1, 1},
       {"js/combined.js", "js/combined.js", RefKind::kScript, 1, 1},
       {"img/a.png", "img/a.png", RefKind::kImage, 1, 1},
       {"img/a.png", "img/a.png", RefKind::kImage, 2, 1},  // twice: listed once
       {"about.html", "about.html", RefKind::kLink, 1, 1},  // navigation: not loaded
       {"missing.js", "missing.js", RefKind::kScript, 1, 1}});

  nlohmann::json j = nlohmann::json::parse(ViteManifest(site));
  REQUIRE(j.is_object());
  CHECK(j.size() == 5);
  const auto& page = j["index.html"];
  CHECK(page["file"] == "index.html");
  CHECK(page["src"] == "index.html");
  CHECK(page["isEntry"] == true);
  CHECK(page["css"] == nlohmann::json::array({"css/site.2222222222.css"}));
  CHECK(page["imports"] == nlohmann::json::array({"js/app.js", "_combined.4444444444.js"}));
  CHECK(page["assets"] == nlohmann::json::array({"img/a.1111111111.png"}));
  CHECK_FALSE(page.contains("name"));

  const auto& css = j["css/site.css"];
  CHECK(css["file"] == "css/site.2222222222.css");
  CHECK(css["name"] == "site");
  CHECK_FALSE(css.contains("isEntry"));
  CHECK(css["assets"] == nlohmann::json::array({"img/a.1111111111.png"}));

  // A generated file: keyed "_" + output file name, no src (as Vite keys shared chunks).
  const auto& gen = j["_combined.4444444444.js"];
  CHECK(gen["file"] == "js/combined.4444444444.js");
  CHECK_FALSE(gen.contains("src"));
  CHECK(j["img/a.png"] == nlohmann::json({{"file", "img/a.1111111111.png"}, {"src", "img/a.png"}}));
}

}  // namespace
}  // namespace pagebake::delivery
