// img-inline over real images: emoji PNGs (emoji-datasource-twitter), the startbootstrap-agency
// SVGs, adwaita icons and the fontawesome sheet. Rows run the filter on one document (a page or
// a sheet) of a small site; the build test runs the whole pipeline and decodes every data: URI
// it wrote, comparing it with the output file and handing it to identify/pngcheck.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/html/document.h"
#include "filters/html/dom_compare.h"
#include "filters/image/image_filters.h"
#include "filters/image/inline_images_filter.h"
#include "pagebake/pagebake.h"
#include "tests/image/image_test_util.h"

namespace pagebake::image {
namespace {

namespace fs = std::filesystem;
using testing::ReadFileOrEmpty;

const std::string kData = PAGEBAKE_TEST_DATA;
const std::string kEmoji = kData + "/npm/emoji-datasource-twitter@16.0.0/img/twitter/64/";
const std::string kAgency = kData + "/npm/startbootstrap-agency@7.0.12/dist/";
const std::string kAdwaita = kData + "/deb/adwaita-icon-theme/usr/share/icons/Adwaita/";

std::string Corpus(const std::string& path) {
  std::string b = ReadFileOrEmpty(path);
  REQUIRE(!b.empty());
  return b;
}

std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// A real PNG grown to exactly `size` bytes by a tEXt chunk before IEND (still valid).
std::string PadPng(std::string png, size_t size) {
  const size_t iend = png.size() - 12;
  REQUIRE(size >= png.size() + 12 + 9);
  std::string data = "Comment";
  data += '\0';
  data.append(size - png.size() - 12 - data.size(), 'x');
  std::string body = "tEXt" + data;
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size());
  png.insert(iend, Be32(data.size()) + body + Be32(static_cast<uint32_t>(crc)));
  REQUIRE(png.size() == size);
  return png;
}

struct TestSite {
  Site site{"/nonexistent"};
  std::map<std::string, std::string> uris;  // "$name" -> its data: URI

  TestSite() {
    Page("index.html");
    Page("base.html");
    Add("img/smile.png", Corpus(kEmoji + "1f600.png"), "$smile");
    Add("img/heart.png", Corpus(kEmoji + "2764-fe0f.png"), "$heart");
    Add("img/rocket.jpg", Corpus(kEmoji + "1f680.png"), "$rocket");  // a PNG named .jpg
    Add("img/p3072.png", PadPng(Corpus(kEmoji + "2764-fe0f.png"), 3072), "$p3072");
    Add("img/p3073.png", PadPng(Corpus(kEmoji + "2764-fe0f.png"), 3073), "$p3073");
    Add("img/close.svg", Corpus(kAgency + "assets/img/close-icon.svg"), "$close");
    Add("img/ibm.svg", Corpus(kAgency + "assets/img/logos/ibm.svg"), "$ibm");
    Add("img/big.svg", Corpus(kAgency + "assets/img/logos/microsoft.svg"), "$big");
    std::string ext = Corpus(kAgency + "assets/img/close-icon.svg");
    ext.insert(ext.rfind("</svg>"), "<image href=\"../img/smile.png\" width=\"9\" height=\"9\"/>");
    Add("img/ext.svg", ext, "");
    std::string xlink = Corpus(kAgency + "assets/img/logos/ibm.svg");
    xlink.insert(xlink.rfind("</svg>"), "<use xlink:href=\"sprite.svg#a\"/>");
    Add("img/xlink.svg", xlink, "");
    Add("img/bad.png", Corpus(kEmoji + "1f600.png").substr(0, 20), "");
    Resource* skipped = Add("img/skipped.png", Corpus(kEmoji + "1f44d.png"), "");
    skipped->skipped = true;
    Add("css/sub/sheet.css", "", "");
  }
  void Page(const char* path) {
    Resource p;
    p.path = path;
    p.type = ContentType::kHtml;
    site.Add(p);
  }
  Resource* Add(const char* path, std::string bytes, const char* name) {
    Resource r;
    r.path = path;
    r.type = ClassifyContent(path, bytes);
    r.bytes = std::move(bytes);
    if (*name) uris[name] = *ImageDataUri(r.bytes, r.type);
    return site.Add(std::move(r));
  }
  std::string Expand(std::string s) const {
    // Longest names first: "$p3072" before a shorter prefix.
    for (auto it = uris.rbegin(); it != uris.rend(); ++it)
      for (size_t at; (at = s.find(it->first)) != s.npos;) s.replace(at, it->first.size(), it->second);
    return s;
  }
};

struct Run {
  std::string out;
  FilterCounters counters;
  uint64_t extra_bytes_read = 0;
  std::vector<Diagnostic> notes;
};

Run RunInline(TestSite& ts, const std::string& doc_path, const std::string& in,
              const Options& options) {
  std::unique_ptr<Filter> f = CreateFilter(*FindFilter("img-inline"), options);
  REQUIRE(f);
  DiagnosticSink sink;
  const Resource* doc = ts.site.Find(doc_path);
  REQUIRE(doc);
  FilterContext ctx(options, &ts.site, doc, &sink, "img-inline");
  Run r;
  if (doc->type == ContentType::kCss) {
    r.out = in;
    REQUIRE(f->RewriteResource(ctx, r.out).ok());
  } else {
    auto d = html::Document::Parse(in);
    REQUIRE(f->RewriteHtml(ctx, *d).ok());
    r.out = d->Serialize();
  }
  r.counters = ctx.counters();
  r.extra_bytes_read = ctx.extra_bytes_read;
  r.notes = sink.Sorted();
  return r;
}

struct Row {
  const char* name;
  const char* doc;   // the page or sheet the text is
  const char* in;
  const char* want;  // nullptr: unchanged; "$name" stands for that image's data: URI
  int rewrites = 0;
  const char* note = nullptr;  // a substring one note must hold
};

const Row kRows[] = {
    {"once-used png", "index.html", "<img src=img/smile.png alt=x>", "<img src=\"$smile\" alt=x>", 1},
    {"query string is the same file", "index.html", "<img src=\"img/smile.png?v=3\">",
     "<img src=\"$smile\">", 1},
    {"fragment url (svg sprite view)", "index.html", "<img src=img/close.svg#x>", nullptr},
    {"srcset wins over src", "index.html",
     "<img src=img/smile.png srcset=\"img/smile.png 1x, img/heart.png 2x\">", nullptr},
    {"inside picture the sources win", "index.html",
     "<picture><source srcset=img/heart.png><img src=img/smile.png></picture>", nullptr},
    {"input type=image is not inlined", "index.html", "<input type=image src=img/smile.png>",
     nullptr},
    {"lazy loader: only src, data-src left", "index.html",
     "<img src=img/heart.png data-src=img/smile.png>", "<img src=$heart data-src=img/smile.png>",
     1},
    {"external", "index.html", "<img src=\"https://cdn.test/smile.png\">", nullptr},
    {"missing", "index.html", "<img src=img/nope.png>", nullptr},
    {"skipped resource", "index.html", "<img src=img/skipped.png>", nullptr},
    {"unreadable png header", "index.html", "<img src=img/bad.png>", nullptr, 0, "unreadable"},
    {"png named .jpg is image/png", "index.html", "<img src=img/rocket.jpg>",
     "<img src=\"$rocket\">", 1},
    {"exactly the limit (3072 B)", "index.html", "<img src=img/p3072.png>", "<img src=$p3072>",
     1},
    {"one byte over the limit (3073 B)", "index.html", "<img src=img/p3073.png>", nullptr},
    {"svg percent-encoded", "index.html", "<img src=\"img/close.svg\" alt=close>",
     "<img src=\"$close\" alt=close>", 1},
    {"svg with <image href> to a file", "index.html", "<img src=img/ext.svg>", nullptr, 0,
     "references '../img/smile.png'"},
    {"svg with xlink:href to another file", "index.html", "<img src=img/xlink.svg>", nullptr, 0,
     "references 'sprite.svg#a'"},
    {"svg over the limit (4137 B)", "index.html", "<img src=img/big.svg>", nullptr},
    {"repeated twice: a net saving", "index.html",
     "<img src=img/close.svg><p><img src=img/close.svg>",
     "<img src=\"$close\"><p><img src=\"$close\">",
     2},
    {"repeated six times: not a net saving", "index.html",
     "<img src=img/close.svg><img src=img/close.svg><img src=img/close.svg>"
     "<img src=img/close.svg><img src=img/close.svg><img src=img/close.svg>",
     nullptr, 0, "used 6 times"},
    {"also loaded by a srcset: no request saved", "index.html",
     "<img src=img/heart.png><img src=img/smile.png srcset=\"img/heart.png 2x\">", nullptr, 0,
     "also loads it"},
    {"style attribute", "index.html", "<div style=\"background:url(img/heart.png)\"></div>",
     "<div style=\"background:url($heart)\"></div>", 1},
    {"style block, svg holds no </", "index.html",
     "<style>.x{background:url('img/close.svg')}</style>",
     "<style>.x{background:url('$close')}</style>", 1},
    {"style block and img share the count", "index.html",
     "<style>i{background:url(img/close.svg)}</style><img src=img/close.svg>"
     "<img src=img/close.svg><img src=img/close.svg><img src=img/close.svg>"
     "<img src=img/close.svg>",
     nullptr, 0, "used 6 times"},
    {"@font-face url() is not an image", "index.html",
     "<style>@font-face{font-family:x;src:url(img/heart.png)}</style>", nullptr},
    {"page with <base href>", "base.html", "<base href=\"https://cdn.test/\"><img src=img/heart.png>",
     nullptr, 0, "<base href>"},
    {"sheet in a subdirectory: relative to the sheet", "css/sub/sheet.css",
     "a{background:url(../../img/heart.png)}", "a{background:url($heart)}", 1},
    {"sheet: relative to the page would be wrong", "css/sub/sheet.css",
     "a{background:url(img/heart.png)}", nullptr},
    {"broken sheet still gets its url()", "css/sub/sheet.css",
     "a{background:url(\"../../img/heart.png\") }} @media {b{color:red",
     "a{background:url(\"$heart\") }} @media {b{color:red", 1},
    {"sheet @font-face and @import untouched", "css/sub/sheet.css",
     "@import url(../../img/heart.png);@font-face{src:url(../../img/heart.png)}", nullptr},
    {"sheet: repeated 3 times, png under overhead", "css/sub/sheet.css",
     "a{background:url(../../img/heart.png)}b{background:url(../../img/heart.png)}"
     "c{background:url(../../img/heart.png)}",
     nullptr, 0, "used 3 times"},
    {"sheet: css limit is its own", "css/sub/sheet.css", "a{background:url(../../img/p3072.png)}",
     nullptr},
};

TEST_CASE("img-inline rows", "[image][inline]") {
  TestSite ts;
  Options o;
  o.image.css_inline_max_bytes = 2048;  // the CSS limit is checked on its own
  for (const Row& row : kRows) {
    DYNAMIC_SECTION(row.name) {
      const std::string want = row.want ? ts.Expand(row.want) : row.in;
      Run r = RunInline(ts, row.doc, row.in, o);
      CHECK(r.out == want);
      CHECK(r.counters.rewrites == static_cast<uint64_t>(row.rewrites));
      CHECK((r.extra_bytes_read > 0) == (row.rewrites > 0));
      if (row.note) {
        bool found = false;
        for (const Diagnostic& d : r.notes) found = found || d.message.find(row.note) != d.message.npos;
        INFO("want a note holding: " << row.note);
        CHECK(found);
      }
      CHECK(RunInline(ts, row.doc, r.out, o).out == r.out);  // idempotent
      if (size_t style = r.out.find("<style>"); style != std::string::npos)
        CHECK(r.out.find("</", style) == r.out.find("</style>"));
      if (ts.site.Find(row.doc)->type == ContentType::kHtml) {
        std::string diff;
        INFO("DOM difference: " << diff);
        CHECK(html::CompareDom(row.in, r.out, html::DomCompareOptionsFor({"img-inline"}), &diff));
      }
    }
  }
}

TEST_CASE("img-inline: request overhead option decides repeated images", "[image][inline]") {
  TestSite ts;
  const std::string six = "<img src=img/close.svg><img src=img/close.svg><img src=img/close.svg>"
                          "<img src=img/close.svg><img src=img/close.svg><img src=img/close.svg>";
  Options o;
  CHECK(RunInline(ts, "index.html", six, o).counters.rewrites == 0);
  o.image.inline_request_overhead = 4096;
  CHECK(RunInline(ts, "index.html", six, o).counters.rewrites == 6);
  o.image.inline_max_bytes = 0;  // 0 turns HTML inlining off
  CHECK(RunInline(ts, "index.html", six, o).counters.rewrites == 0);
}

TEST_CASE("img-inline: option parsing", "[image][inline]") {
  ImageOptions io;
  CHECK(ParseOptions(nlohmann::json{{"inline-request-overhead", 10}}, &io).ok());
  CHECK(io.inline_request_overhead == 10);
  CHECK(!ParseOptions(nlohmann::json{{"inline-request-overhead", -1}}, &io).ok());
  CHECK(!ParseOptions(nlohmann::json{{"inline-request-overhead", "x"}}, &io).ok());
}

TEST_CASE("img-inline: svg data URI is the shorter encoding and decodes to the file",
          "[image][inline]") {
  const std::string svg = Corpus(kAgency + "assets/img/logos/ibm.svg");
  std::optional<std::string> uri = ImageDataUri(svg, ContentType::kSvg);
  REQUIRE(uri);
  REQUIRE(uri->starts_with("data:image/svg+xml,"));
  CHECK(uri->find_first_of("<>\"#\n\t\\") == std::string::npos);
  std::string decoded;
  for (size_t i = std::string("data:image/svg+xml,").size(); i < uri->size(); ++i) {
    if ((*uri)[i] == '%') {
      decoded += static_cast<char>(std::stoi(uri->substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += (*uri)[i];
    }
  }
  CHECK(decoded == svg);
}

// --- The pipeline on a real site -----------------------------------------------------------

void CopyTree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

// The data: URIs of a text in order: (mime, decoded bytes). Base64 and percent forms; the URI
// ends at the quote before it, or at ')' / whitespace / '>' when unquoted.
std::vector<std::pair<std::string, std::string>> DataUris(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t at = text.find("data:image/"); at != std::string::npos;
       at = text.find("data:image/", at + 1)) {
    char q = at > 0 ? text[at - 1] : 0;
    size_t end = (q == '"' || q == '\'') ? text.find(q, at) : text.find_first_of(") \t\n>", at);
    std::string uri = text.substr(at, end - at);
    size_t comma = uri.find(',');
    std::string head = uri.substr(5, comma - 5), body = uri.substr(comma + 1), bytes;
    if (head.ends_with(";base64")) {
      static const std::string kAlphabet =
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      uint32_t acc = 0;
      int bits = 0;
      for (char c : body) {
        size_t v = kAlphabet.find(c);
        if (v == std::string::npos) continue;  // '=' padding
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          bytes += static_cast<char>((acc >> bits) & 0xFF);
        }
      }
      head.resize(head.size() - 7);
    } else {
      for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '%' && i + 2 < body.size()) {
          bytes += static_cast<char>(std::stoi(body.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          bytes += body[i];
        }
      }
    }
    out.emplace_back(head, bytes);
  }
  return out;
}

struct SiteFiles {
  std::map<std::string, std::string> files;  // relative path -> bytes
  explicit SiteFiles(const fs::path& root) {
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file())
        files[fs::relative(e.path(), root).string()] = ReadFileOrEmpty(e.path().string());
  }
};

// A real site: the startbootstrap-agency page (its close icon is used six times, its logos
// once), a page of twemoji and adwaita icons with a sheet in a subdirectory, and fontawesome's
// all.css (url()s that are fonts).
std::string MakeRealSite(const std::string& name) {
  std::string root = testing::TempDir(name);
  std::string src = root + "/src";
  CopyTree(kAgency, src);
  const std::string fa = kData + "/npm/@fortawesome/fontawesome-free@6.5.2/";
  CopyTree(fa + "css", src + "/fa/css");
  CopyTree(fa + "webfonts", src + "/fa/webfonts");
  fs::create_directories(src + "/emoji");
  fs::create_directories(src + "/icons");
  const char* emoji[] = {"1f600.png", "2764-fe0f.png", "1f44d.png", "1f680.png", "0031-fe0f-20e3.png"};
  std::string body;
  for (const char* e : emoji) {
    fs::copy_file(kEmoji + e, src + "/emoji/" + e);
    body += std::string("<img src=\"emoji/") + e + "\" alt=\"\">\n";
  }
  body += "<p><img src=\"emoji/1f600.png\" alt=\"again\"></p>\n";  // twice: still a saving
  const char* icons[] = {"actions/document-new-symbolic.symbolic.png",
                         "actions/document-open-recent-symbolic.symbolic.png",
                         "actions/bookmark-new-symbolic.symbolic.png"};
  std::string sheet;
  int i = 0;
  for (const char* ic : icons) {
    std::string to = "icons/" + fs::path(ic).filename().string();
    fs::copy_file(kAdwaita + "16x16/" + ic, src + "/" + to);
    sheet += ".i" + std::to_string(i++) + " { background: url(\"../../" + to + "\") no-repeat; }\n";
  }
  fs::create_directories(src + "/css/icons");
  testing::WriteFile(src + "/css/icons/icons.css", sheet);
  testing::WriteFile(
      src + "/icons.html",
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>icons</title>\n<link rel=\"stylesheet\" href=\"fa/css/all.css\">\n"
      "<link rel=\"stylesheet\" href=\"css/icons/icons.css\">\n"
      "<style>\n.star { background-image: url(icons/bookmark-new-symbolic.symbolic.png); }\n"
      "</style>\n</head>\n<body>\n" + body +
      "<span class=\"star\" style=\"background: url('emoji/2764-fe0f.png')\">x</span>\n"
      "<i class=\"fa-solid fa-house\"></i>\n</body>\n</html>\n");
  return root;
}

TEST_CASE("img-inline: a real site through the pipeline", "[image][inline][pipeline]") {
  const std::string root = MakeRealSite("inline-site");
  Options o;
  o.source_dir = root + "/src";
  o.output_dir = root + "/out";
  o.level = Level::kCore;
  o.disable = {"img-webp"};  // not what this test is about; saves minutes of WebP encoding
  o.jobs = 2;
  BuildResult result;
  REQUIRE(Build(o, &result).ok());
  SiteFiles in(o.source_dir), out(o.output_dir);
  std::set<std::string> image_outputs;
  for (const auto& [path, bytes] : out.files)
    if (IsImage(ClassifyContent(path, bytes))) image_outputs.insert(bytes);

  std::set<std::string> authored;
  for (const auto& [path, text] : in.files)
    for (auto& uri : DataUris(text)) authored.insert(uri.second);
  uint64_t uris = 0, inlined_bytes = 0, in_pages = 0;
  const std::string work = testing::TempDir("inline-site-decoded");
  for (const auto& [path, text] : out.files) {
    if (!path.ends_with(".html") && !path.ends_with(".css")) continue;
    for (const auto& [mime, bytes] : DataUris(text)) {
      if (authored.count(bytes)) continue;  // bootstrap's own data: URIs
      {
        INFO(path << " data URI " << uris << ": " << mime << ", " << bytes.size() << " B");
        CHECK(image_outputs.count(bytes) == 1);  // exactly an output file's bytes
        CHECK(bytes.size() <= 3072);
        if (mime != "image/svg+xml") {
          const std::string f = work + "/u" + std::to_string(uris);
          testing::WriteFile(f, bytes);
          if (testing::HaveTool("identify")) CHECK(testing::Run("identify '" + f + "'") == 0);
          if (mime == "image/png" && testing::HaveTool("pngcheck"))
            CHECK(testing::Run("pngcheck -q '" + f + "'") == 0);
        }
      }
      ++uris;
      inlined_bytes += bytes.size();
      if (path.ends_with(".html")) ++in_pages;
    }
  }
  // icons.html: three emoji and the <style> icon. The smile (2002 B, used twice) and the heart
  // (975 B, in an <img> and a style="") stay: two copies cost more than the request.
  // index.html: the IBM logo (2284 B SVG); the others are over the limit or (the close icon)
  // used six times.
  const std::string& page = out.files["icons.html"];
  CHECK(DataUris(page).size() == 4);
  CHECK(page.find("emoji/1f600.") != std::string::npos);
  CHECK(page.find("emoji/2764-fe0f.") != std::string::npos);
  const std::string& agency = out.files["index.html"];
  CHECK(agency.find("close-icon") != std::string::npos);
  CHECK(agency.find("ibm") == std::string::npos);
  // fontawesome's url()s are fonts: left as they were (renamed by cache extension at most).
  // (css-combine may put the combined sheet, icons included, beside them: only image types.)
  for (const auto& [path, text] : out.files) {
    if (!path.starts_with("fa/css/")) continue;
    if (path.find("combined.") == std::string::npos) CHECK(text.find("data:") == std::string::npos);
    for (const auto& [mime, bytes] : DataUris(text)) {
      INFO(path << ": " << mime);
      CHECK(mime.starts_with("image/"));
    }
  }
  // An external sheet grows when it inlines, which the pipeline allows for kMayGrow filters.
  std::string icons_css;
  for (const auto& [path, text] : out.files)
    if (path.starts_with("css/icons/") && path.ends_with(".css")) icons_css = text;
  REQUIRE(!icons_css.empty());
  CHECK(DataUris(icons_css).size() == 3);

  // Every output sheet still parses (lightningcss, when the test data installed it).
  const std::string lc = kData + "/node/node_modules/.bin/lightningcss";
  if (fs::exists(lc)) {
    for (const auto& [path, text] : out.files) {
      if (!path.ends_with(".css")) continue;
      INFO(path);
      CHECK(testing::Run("'" + lc + "' '" + o.output_dir + "/" + path + "' -o /dev/null") == 0);
    }
  }
  uint64_t in_html = in.files["index.html"].size() + in.files["icons.html"].size();
  uint64_t out_html = agency.size() + page.size();
  WARN("img-inline on the real site: " << uris << " data: URIs written (" << inlined_bytes
       << " B of images), " << in_pages << " of them in the two pages; pages " << in_html
       << " -> " << out_html << " B after core filters");
}

TEST_CASE("img-inline: the gumbo judge accepts the inlined pages", "[image][inline][pipeline]") {
  const std::string root = MakeRealSite("inline-site-judge");
  Options o;
  o.source_dir = root + "/src";
  o.output_dir = root + "/out";
  o.level = Level::kPassthrough;
  o.enable = {"img-inline"};
  o.html.verify = true;  // a mismatch would keep the original page
  o.jobs = 2;
  BuildResult result;
  REQUIRE(Build(o, &result).ok());
  SiteFiles in(o.source_dir), out(o.output_dir);
  for (const char* page : {"index.html", "icons.html"}) {
    DYNAMIC_SECTION(page) {
      REQUIRE(in.files[page] != out.files[page]);  // something was inlined
      std::string diff;
      Status s = html::VerifyHtml(in.files[page], out.files[page], {"img-inline"}, &diff);
      INFO(diff);
      CHECK(s.ok());
      CHECK(diff.empty());
    }
  }
  for (const Diagnostic& d : result.report.diagnostics) CHECK(d.filter_id != "verify-html");
}

}  // namespace
}  // namespace pagebake::image
