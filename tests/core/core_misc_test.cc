// Content types, the id table, hashing, diagnostics, depfile escaping.
#include <catch2/catch.hpp>

#include <set>

#include "filters/core/content_type.h"
#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/hash.h"
#include "filters/core/output.h"
#include "filters/text/position.h"

namespace pagebake {
namespace {

TEST_CASE("content type by extension then sniffing") {
  struct R { const char* name; const char* path; std::string bytes; ContentType want; };
  const R rows[] = {
      {"html", "a.html", "<!doctype html><p>", ContentType::kHtml},
      {"htm upper", "A.HTM", "<p>", ContentType::kHtml},
      {"css", "a.css", "a{}", ContentType::kCss},
      {"mjs", "m.mjs", "export{}", ContentType::kJs},
      {"png by ext and bytes", "a.png", "\x89PNG\r\n\x1a\nrest", ContentType::kPng},
      {"png named jpg", "a.jpg", "\x89PNG\r\n\x1a\nrest", ContentType::kPng},
      {"jpeg named png", "a.png", "\xFF\xD8\xFF\xE0junk", ContentType::kJpeg},
      {"gif", "a.gif", "GIF89a....", ContentType::kGif},
      {"webp", "x.webp", std::string("RIFF\0\0\0\0WEBPVP8 ", 16), ContentType::kWebp},
      {"image ext with text bytes", "a.png", "not an image", ContentType::kOther},
      {"html without extension", "README", "<!DOCTYPE html>\n<html>", ContentType::kHtml},
      {"svg", "i.svg", "<svg xmlns=...>", ContentType::kSvg},
      {"woff2", "f.woff2", "wOF2....", ContentType::kFont},
      {"unknown", "x.bin", "\x01\x02", ContentType::kOther},
      {"dotfile has no extension", ".htaccess", "Options", ContentType::kOther},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.name) { CHECK(ClassifyContent(r.path, r.bytes) == r.want); }
  }
}

TEST_CASE("filter table: ids unique, kebab-case, type first, levels coherent") {
  std::set<std::string_view> ids;
  for (const FilterInfo& f : FilterTable()) {
    CAPTURE(f.id);
    CHECK(ids.insert(f.id).second);
    for (char c : f.id) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    bool prefixed = f.id.rfind("html-", 0) == 0 || f.id.rfind("css-", 0) == 0 ||
                    f.id.rfind("js-", 0) == 0 || f.id.rfind("img-", 0) == 0 ||
                    f.family == Family::kDelivery;
    CHECK(prefixed);
    if (f.levels & kInCore) CHECK((f.levels & kInAll || f.id == "css-combine" || f.id == "js-combine"));
    CHECK_FALSE(f.description.empty());
    CHECK(FindFilter(f.id) == &f);
  }
  CHECK(ids.size() >= 40);
  // Bandwidth never changes URLs or markup structure.
  for (const char* id : {"cache-extend", "css-combine", "js-combine", "css-inline", "img-webp"})
    CHECK_FALSE(InLevel(*FindFilter(id), Level::kBandwidth));
  CHECK_FALSE(InLevel(*FindFilter("html-pedantic"), Level::kAll));
  for (const FilterInfo& f : FilterTable()) CHECK_FALSE(InLevel(f, Level::kPassthrough));
}

TEST_CASE("levels parse and print") {
  for (Level l : {Level::kPassthrough, Level::kCore, Level::kBandwidth, Level::kAll}) {
    Level back;
    REQUIRE(ParseLevel(LevelName(l), &back));
    CHECK(back == l);
  }
  Level x;
  CHECK_FALSE(ParseLevel("max", &x));
}

TEST_CASE("hashes") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Base64("Man") == "TWFu");
  CHECK(Base64("Ma") == "TWE=");
  CHECK(Base64("M") == "TQ==");
  // echo -n "alert(1)" | openssl dgst -sha384 -binary | base64
  CHECK(SriSha384("alert(1)") ==
        "sha384-HT2E9NfWiuQ/w1PRai+hTyqW16NIoCGA/m8VQDUopfAtcz6YQjtsMmQd5uRbVDpW");
}

TEST_CASE("diagnostics are sorted and formatted") {
  DiagnosticSink sink;
  sink.Add({Severity::kWarning, "b.css", 3, 4, "css-minify", "late"});
  sink.Add({Severity::kError, "a.html", 10, 2, "graph", "early"});
  auto v = sink.Sorted();
  REQUIRE(v.size() == 2);
  CHECK(v[0].ToString() == "a.html:10:2: error: [graph] early");
  CHECK(v[1].ToString() == "b.css:3:4: warning: [css-minify] late");
  CHECK(sink.CountAtLeast(Severity::kError) == 1);
}

TEST_CASE("depfile escaping follows ninja/gcc") {
  CHECK(EscapeDepfilePath("/a b/c#d$e") == "/a\\ b/c\\#d$$e");
  CHECK(DepfileContents("out/m.json", {"/s/a.css", "/s/b c.png"}) ==
        "out/m.json: \\\n  /s/a.css \\\n  /s/b\\ c.png\n");
}

TEST_CASE("line/col and utf-8") {
  std::string s = "ab\ncd\r\nef\rgh";
  CHECK(text::LineColAt(s, 0).line == 1);
  CHECK(text::LineColAt(s, 4).line == 2);
  CHECK(text::LineColAt(s, 4).col == 2);
  CHECK(text::LineColAt(s, 8).line == 3);
  CHECK(text::LineColAt(s, 11).line == 4);
  CHECK(text::IsValidUtf8("caf\xC3\xA9"));
  CHECK_FALSE(text::IsValidUtf8("\xC3"));
  CHECK_FALSE(text::IsValidUtf8("\xC0\xAF"));        // overlong '/'
  CHECK_FALSE(text::IsValidUtf8("\xED\xA0\x80"));    // surrogate
  CHECK_FALSE(text::IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
}

}  // namespace
}  // namespace pagebake

#include "filters/core/site.h"

namespace pagebake {
namespace {

TEST_CASE("Site::FindOrAddGenerated shares identical files and refuses different ones") {
  Site site("/src");
  Resource page;
  page.path = "index.html";
  site.Add(page);
  Resource* a = site.FindOrAddGenerated("c.1234.css", ContentType::kCss, "a{}", {"x.css"});
  REQUIRE(a);
  CHECK(site.FindOrAddGenerated("c.1234.css", ContentType::kCss, "a{}", {"x.css"}) == a);
  CHECK(site.FindOrAddGenerated("c.1234.css", ContentType::kCss, "b{}", {}) == nullptr);
  CHECK(site.FindOrAddGenerated("index.html", ContentType::kHtml, "", {}) == nullptr);
  // AddGenerated still renames on a clash.
  Resource* b = site.AddGenerated("c.1234.css", ContentType::kCss, "b{}", {});
  CHECK(b->path == "c.1234.1.css");
}

// URLs written for the output (hashed names, relative to the referrer's output path) and URLs
// as authored both find their resource; a rename is seen once the renamer says so.
TEST_CASE("Site::TargetOfOutputUrl reads final names and authored names") {
  Site site("/src");
  Resource page;
  page.path = "blog/post.html";
  const Resource* post = site.Add(page);
  Resource sheet;
  sheet.path = "css/site.css";
  sheet.type = ContentType::kCss;
  Resource* css = site.Add(sheet);
  Resource base;
  base.path = "css/base.css";
  base.type = ContentType::kCss;
  Resource* base_css = site.Add(base);
  CHECK(site.TargetOfOutputUrl(*post, "../css/site.css") == css);
  CHECK(site.FindByOutputPath("css/site.css") == css);
  // Renamed (cache-extend): the index is rebuilt after OutputPathsChanged.
  css->output_path = "css/site.0123456789.css";
  base_css->output_path = "assets/base.abcdef0123.css";
  site.OutputPathsChanged();
  CHECK(site.FindByOutputPath("css/site.0123456789.css") == css);
  CHECK(site.FindByOutputPath("css/site.css") == nullptr);
  CHECK(site.TargetOfOutputUrl(*post, "../css/site.0123456789.css") == css);
  CHECK(site.TargetOfOutputUrl(*post, "../css/site.css") == css);  // as authored
  // Relative to the referrer's output path: the moved sheet's import of its moved neighbour.
  CHECK(site.TargetOfOutputUrl(*css, "../assets/base.abcdef0123.css") == base_css);
  CHECK(site.TargetOfOutputUrl(*css, "base.css") == base_css);  // authored, source-relative
  CHECK(site.TargetOfOutputUrl(*post, "https://cdn.example/x.css") == nullptr);
  CHECK(site.TargetOfOutputUrl(*post, "../../../etc/passwd") == nullptr);
  // A generated file is indexed as it is added.
  Resource* gen = site.AddGenerated("combined.1.css", ContentType::kCss, "a{}", {});
  CHECK(site.FindByOutputPath("combined.1.css") == gen);
}

}  // namespace
}  // namespace pagebake

#include "pagebake/report.h"

namespace pagebake {
namespace {

TEST_CASE("ReportFromJson reads what ReportToJson wrote, and never throws on wrong types") {
  Report r;
  r.tool_version = "1.2.3";
  r.level = "core";
  r.filters = {"css-minify"};
  r.jobs = 2;
  r.process.syscalls = 42;
  ReportRow row;
  row.name = "css-minify";
  row.kind = "filter";
  row.invocations = 3;
  row.env_ops["open"] = 7;
  row.bytes_in = 100;
  row.bytes_out = 60;
  r.rows.push_back(row);
  OutputFile f;
  f.path = "a.css";
  f.source = "a.css";
  f.bytes = 60;
  f.br_bytes = 20;
  r.outputs.push_back(f);
  Result<Report> back = ReportFromJson(ReportToJson(r));
  REQUIRE(back.ok());
  CHECK(back->tool_version == "1.2.3");
  CHECK(back->filters == std::vector<std::string>{"css-minify"});
  CHECK(back->process.syscalls == std::optional<int64_t>(42));
  REQUIRE(back->rows.size() == 1);
  CHECK(back->rows[0].env_ops["open"] == 7);
  CHECK(back->rows[0].bytes_out == 60);
  REQUIRE(back->outputs.size() == 1);
  CHECK(back->outputs[0].br_bytes == std::optional<uint64_t>(20));
  CHECK_FALSE(back->outputs[0].gzip_bytes.has_value());

  const char* wrong =
      R"({"schema": "pagebake-report/1", "tool": "x", "options": {"jobs": "two", "filters": 3},
          "process": {"wall_ns": "slow", "syscalls": true},
          "rows": [7, {"name": 5, "invocations": -1, "env_ops": {"open": "x"}}],
          "outputs": [{"path": ["a"], "bytes": {}, "br_bytes": -3, "loads": [1, "b"]}],
          "totals": []})";
  Result<Report> odd = ReportFromJson(wrong);
  REQUIRE(odd.ok());
  CHECK(odd->jobs == 0);
  CHECK_FALSE(odd->process.syscalls.has_value());
  REQUIRE(odd->rows.size() == 1);
  CHECK(odd->rows[0].name.empty());
  CHECK(odd->outputs[0].loads == std::vector<std::string>{"b"});
  CHECK_FALSE(odd->outputs[0].br_bytes.has_value());
  CHECK_FALSE(ReportFromJson("[]").ok());
  CHECK_FALSE(ReportFromJson(R"({"schema": "other/1"})").ok());
}

}  // namespace
}  // namespace pagebake
