// img-webp serving its variants: page rows over real images (startbootstrap-agency photos,
// twemoji PNGs) whose variants the filter itself made, in picture and replace mode, judged by
// gumbo; then whole builds of the agency site checked by dwebp, gumbo and the link checker.
#include <gumbo.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/css/css_urls.h"
#include "filters/delivery/link_check.h"
#include "filters/html/document.h"
#include "filters/html/dom_compare.h"
#include "filters/image/image_filters.h"
#include "filters/image/webp_filter.h"
#include "filters/image/webp_serve.h"
#include "pagebake/pagebake.h"
#include "tests/image/image_test_util.h"

namespace pagebake::image {
namespace {

namespace fs = std::filesystem;

const std::string kData = PAGEBAKE_TEST_DATA;
const std::string kAgency = kData + "/npm/startbootstrap-agency@7.0.12/dist/";
const std::string kEmoji = kData + "/npm/emoji-datasource-twitter@16.0.0/img/twitter/64/";

// A site of real images; img-webp's RewriteResource makes the variants, as in a build.
struct WebpSite {
  Options options;
  Site site{"/nonexistent-source-root"};
  DiagnosticSink diagnostics;
  Resource* page = nullptr;
  Resource* sheet = nullptr;

  WebpSite() {
    Add("docs/index.html", ContentType::kHtml, "");
    page = site.Find("docs/index.html");
    Add("css/site.css", ContentType::kCss, "");
    sheet = site.Find("css/site.css");
    // The author's own file where d.jpg's variant would go: AddGenerated picks another name.
    Add("img/d.jpg.webp", ContentType::kWebp, "RIFF....WEBP");
    MakeVariant("img/a.jpg", kAgency + "assets/img/portfolio/1.jpg");
    MakeVariant("img/b.jpg", kAgency + "assets/img/portfolio/3.jpg");
    MakeVariant("img/d.jpg", kAgency + "assets/img/portfolio/4.jpg");
    MakeVariant("docs/c.png", kEmoji + "1f600.png");
    // Present, but no variant (as when the WebP was not smaller).
    Add("img/nov.jpg", ContentType::kJpeg, testing::ReadFileOrEmpty(kAgency + "assets/img/about/1.jpg"));
    Add("img/logo.svg", ContentType::kSvg, "<svg xmlns='http://www.w3.org/2000/svg'/>");
    // A resized variant another filter generated from a.jpg, with its own WebP.
    Resource* small = site.AddGenerated("img/a.400x300.jpg", ContentType::kJpeg,
                                        testing::ReadFileOrEmpty(kAgency + "assets/img/portfolio/2.jpg"),
                                        {"img/a.jpg"});
    RunImage(*small);
  }
  void Add(const std::string& path, ContentType type, std::string bytes) {
    Resource r;
    r.path = path;
    r.type = type;
    r.bytes = std::move(bytes);
    site.Add(std::move(r));
  }
  void MakeVariant(const std::string& path, const std::string& file) {
    std::string bytes = testing::ReadFileOrEmpty(file);
    REQUIRE(!bytes.empty());
    Add(path, path.ends_with(".png") ? ContentType::kPng : ContentType::kJpeg, bytes);
    RunImage(*site.Find(path));
  }
  void RunImage(Resource& r) {
    WebpFilter f(FindFilter("img-webp"));
    FilterContext ctx(options, &site, &r, &diagnostics, "img-webp");
    std::string bytes = r.bytes;
    REQUIRE(f.RewriteResource(ctx, bytes).ok());
    REQUIRE(bytes == r.bytes);
    INFO(r.path);
    REQUIRE(FindWebpVariant(site, r) != nullptr);
  }
  std::string RunPage(const std::string& in, WebpMode mode, FilterCounters* counters = nullptr) {
    Options o = options;
    o.image.webp_mode = mode;
    std::unique_ptr<Filter> f = CreateFilter(*FindFilter("img-webp"), o);
    auto doc = html::Document::Parse(in);
    FilterContext ctx(o, &site, page, &diagnostics, "img-webp");
    REQUIRE(f->RewriteHtml(ctx, *doc).ok());
    if (counters) *counters = ctx.counters();
    return doc->Serialize();
  }
};

struct Row {
  const char* name;
  WebpMode mode;
  const char* in;
  const char* want;  // nullptr: unchanged
  const char* disabled_reason = nullptr;
};

constexpr WebpMode P = WebpMode::kPicture;
constexpr WebpMode R = WebpMode::kReplace;

const Row kRows[] = {
    {"plain img", P, "<img src=../img/a.jpg alt=x>",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp\"><img src=../img/a.jpg "
     "alt=x></picture>"},
    {"root-relative stays root-relative", P, "<img src=\"/img/a.jpg\">",
     "<picture><source type=\"image/webp\" srcset=\"/img/a.jpg.webp\"><img "
     "src=\"/img/a.jpg\"></picture>"},
    {"query kept", P, "<img src=\"../img/a.jpg?v=2\">",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp?v=2\"><img "
     "src=\"../img/a.jpg?v=2\"></picture>"},
    {"png, lossless variant", P, "<img src=c.png>",
     "<picture><source type=\"image/webp\" srcset=\"c.png.webp\"><img src=c.png></picture>"},
    {"srcset, every candidate has a variant", P,
     "<img src=../img/a.jpg srcset=\"../img/a.jpg 1x, ../img/b.jpg 2x\">",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp 1x, ../img/b.jpg.webp "
     "2x\"><img src=../img/a.jpg srcset=\"../img/a.jpg 1x, ../img/b.jpg 2x\"></picture>"},
    {"width descriptors, sizes copied", P,
     "<img src=../img/a.jpg srcset=\"../img/a.jpg 400w,../img/b.jpg 800w\" sizes=\"(max-width: "
     "600px) 400px, 800px\">",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp 400w,../img/b.jpg.webp "
     "800w\" sizes=\"(max-width: 600px) 400px, 800px\"><img src=../img/a.jpg "
     "srcset=\"../img/a.jpg 400w,../img/b.jpg 800w\" sizes=\"(max-width: 600px) 400px, "
     "800px\"></picture>"},
    {"src is the implicit 1x candidate: carried into the source", P,
     "<img src=../img/a.jpg srcset=\"../img/b.jpg 2x\">",
     "<picture><source type=\"image/webp\" srcset=\"../img/b.jpg.webp 2x, ../img/a.jpg.webp "
     "1x\"><img src=../img/a.jpg srcset=\"../img/b.jpg 2x\"></picture>"},
    {"srcset, one candidate without a variant", P,
     "<img src=../img/a.jpg srcset=\"../img/a.jpg 1x, ../img/nov.jpg 2x\">", nullptr},
    {"srcset, implicit 1x src without a variant", P,
     "<img src=../img/nov.jpg srcset=\"../img/a.jpg 2x\">", nullptr},
    {"already in a picture", P,
     "<picture><source srcset=../img/b.jpg media=\"(min-width: 800px)\"><img "
     "src=../img/a.jpg></picture>",
     nullptr},
    {"data: src (img-inline's)", P, "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
     nullptr},
    {"external src", P, "<img src=\"https://cdn.example.com/img/a.jpg\">", nullptr},
    {"missing file", P, "<img src=../img/missing.jpg>", nullptr},
    {"no variant", P, "<img src=../img/nov.jpg>", nullptr},
    {"svg", P, "<img src=../img/logo.svg>", nullptr},
    {"empty src", P, "<img src=\"\">", nullptr},
    {"odd quoting and spacing stay on the img", P,
     "<img alt='it\"s' SRC = '../img/a.jpg'\tclass=x >",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp\"><img alt='it\"s' SRC = "
     "'../img/a.jpg'\tclass=x ></picture>"},
    {"inside <a>", P, "<a href=x.html><img src=../img/a.jpg></a>",
     "<a href=x.html><picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp\"><img "
     "src=../img/a.jpg></picture></a>"},
    {"inside <p> (picture is phrasing content)", P, "<p>Look: <img src=../img/a.jpg> ok</p>",
     "<p>Look: <picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp\"><img "
     "src=../img/a.jpg></picture> ok</p>"},
    {"ismap and usemap stay on the img and keep working", P,
     "<a href=map.cgi><img src=../img/a.jpg ismap></a><img src=../img/b.jpg usemap=#m>",
     "<a href=map.cgi><picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp\"><img "
     "src=../img/a.jpg ismap></picture></a><picture><source type=\"image/webp\" "
     "srcset=\"../img/b.jpg.webp\"><img src=../img/b.jpg usemap=#m></picture>"},
    {"XHTML-ish self-closed img gets a self-closed source", P, "<img src=\"../img/a.jpg\" />",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp\"/><img "
     "src=\"../img/a.jpg\" /></picture>"},
    {"upper-case tag", P, "<IMG SRC=../img/a.jpg>",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp\"><IMG "
     "SRC=../img/a.jpg></picture>"},
    {"directly in a table (foster-parented): left alone", P,
     "<table><img src=../img/a.jpg><tr><td>x</td></tr></table>", nullptr},
    {"generated source (a resized variant)", P, "<img src=../img/a.400x300.jpg>",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.400x300.jpg.webp\"><img "
     "src=../img/a.400x300.jpg></picture>"},
    {"variant renamed on a name collision: found by index, not by name", P,
     "<img src=../img/d.jpg>",
     "<picture><source type=\"image/webp\" srcset=\"../img/d.jpg.1.webp\"><img "
     "src=../img/d.jpg></picture>"},
    {"picture mode leaves CSS alone (no fallback there)", P,
     "<div style=\"background:url(../img/a.jpg)\"></div><style>p{background:url(/img/b.jpg)}"
     "</style>",
     nullptr},
    {"two images, two pictures", P, "<img src=../img/a.jpg>\n<img src=../img/b.jpg>",
     "<picture><source type=\"image/webp\" srcset=\"../img/a.jpg.webp\"><img "
     "src=../img/a.jpg></picture>\n<picture><source type=\"image/webp\" "
     "srcset=\"../img/b.jpg.webp\"><img src=../img/b.jpg></picture>"},
    // --- replace mode ---
    {"replace: img src and each srcset candidate with a variant", R,
     "<img src=../img/a.jpg srcset=\"../img/a.jpg 1x, ../img/nov.jpg 2x\">",
     "<img src=../img/a.jpg.webp srcset=\"../img/a.jpg.webp 1x, ../img/nov.jpg 2x\">"},
    {"replace: style attribute", R, "<div style=\"background:url(../img/a.jpg)\"></div>",
     "<div style=\"background:url(../img/a.jpg.webp)\"></div>"},
    {"replace: <style>", R, "<style>.x{background-image:url(\"/img/b.jpg\")}</style>",
     "<style>.x{background-image:url(\"/img/b.jpg.webp\")}</style>"},
    {"replace: picture source with a type", R,
     "<picture><source type=image/jpeg srcset=../img/b.jpg><img src=../img/a.jpg></picture>",
     "<picture><source type=image/webp srcset=../img/b.jpg.webp><img "
     "src=../img/a.jpg.webp></picture>"},
    {"replace: poster, input image, preload", R,
     "<link rel=preload as=image href=../img/a.jpg><video poster=../img/b.jpg></video><input "
     "type=image src=c.png>",
     "<link rel=preload as=image href=../img/a.jpg.webp><video "
     "poster=../img/b.jpg.webp></video><input type=image src=c.png.webp>"},
    {"replace: links, og:image and icons keep the original", R,
     "<a href=../img/a.jpg>full size</a><meta property=og:image content=../img/a.jpg><link "
     "rel=icon href=c.png>",
     nullptr},
    {"replace: data:, external, missing, no variant", R,
     "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"><img "
     "src=https://cdn.example.com/a.jpg><img src=../img/missing.jpg><img src=../img/nov.jpg>",
     nullptr},
};

TEST_CASE("img-webp serves variants: rows", "[image][webp]") {
  WebpSite ws;
  for (const Row& row : kRows) {
    DYNAMIC_SECTION(row.name) {
      if (row.disabled_reason) {
        WARN("disabled row: " << row.disabled_reason);
        continue;
      }
      std::string want = row.want ? row.want : row.in;
      FilterCounters c;
      std::string got = ws.RunPage(row.in, row.mode, &c);
      CHECK(got == want);
      CHECK((c.rewrites > 0) == (row.want != nullptr));
      CHECK(ws.RunPage(got, row.mode) == got);  // idempotent
      std::string diff;
      CHECK(html::CompareDom(row.in, got, html::DomCompareOptionsFor({"img-webp"}), &diff));
      INFO("DOM difference: " << diff);
    }
  }
}

TEST_CASE("img-webp: a srcset candidate without a variant is noted", "[image][webp]") {
  WebpSite ws;
  ws.RunPage("<img src=../img/a.jpg srcset=\"../img/a.jpg 1x, ../img/nov.jpg 2x\">",
             WebpMode::kPicture);
  bool noted = false;
  for (const Diagnostic& d : ws.diagnostics.Sorted())
    noted = noted || (d.severity == Severity::kNote &&
                      d.message.find("../img/nov.jpg") != std::string::npos);
  CHECK(noted);
}

TEST_CASE("img-webp: the judge still catches what a picture must not change", "[image][webp]") {
  html::DomCompareOptions o = html::DomCompareOptionsFor({"img-webp"});
  const std::string in = "<p><img src=a.jpg alt=x></p>";
  CHECK(html::CompareDom(
      in, "<p><picture><source type=\"image/webp\" srcset=a.webp><img src=a.jpg alt=x></picture></p>",
      o, nullptr));
  // The img's own attributes are compared.
  CHECK_FALSE(html::CompareDom(
      in, "<p><picture><source type=\"image/webp\" srcset=a.webp><img src=a.jpg></picture></p>",
      o, nullptr));
  // Only a WebP source, nothing else in the picture.
  CHECK_FALSE(html::CompareDom(
      in, "<p><picture><source srcset=a.webp><img src=a.jpg alt=x></picture></p>", o, nullptr));
  CHECK_FALSE(html::CompareDom(
      in,
      "<p><picture><source type=\"image/webp\" srcset=a.webp media=print><img src=a.jpg "
      "alt=x></picture></p>",
      o, nullptr));
  CHECK_FALSE(html::CompareDom(in, "<p><picture><img src=a.jpg alt=x></picture></p>", o, nullptr));
}

TEST_CASE("img-webp replace mode: url()s of an external sheet", "[image][webp]") {
  WebpSite ws;
  Options o = ws.options;
  o.image.webp_mode = WebpMode::kReplace;
  std::unique_ptr<Filter> f = CreateFilter(*FindFilter("img-webp"), o);
  CHECK(f->HandlesResource(ContentType::kCss));
  CHECK((f->capabilities() & kMayGrow) != 0);
  std::string css =
      "@import url(\"print.css\");\n.a{background:url('../img/a.jpg') no-repeat}\n"
      ".b{background-image:image-set(\"../img/b.jpg\" 1x, \"../img/nov.jpg\" 2x)}\n"
      ".c{background:url(/docs/c.png)}\n";
  FilterContext ctx(o, &ws.site, ws.sheet, &ws.diagnostics, "img-webp");
  REQUIRE(f->RewriteResource(ctx, css).ok());
  CHECK(css ==
        "@import url(\"print.css\");\n.a{background:url('../img/a.jpg.webp') no-repeat}\n"
        ".b{background-image:image-set(\"../img/b.jpg.webp\" 1x, \"../img/nov.jpg\" 2x)}\n"
        ".c{background:url(/docs/c.png.webp)}\n");
  CHECK(ctx.counters().rewrites == 3);
  // Picture mode: sheets are not the filter's business.
  std::unique_ptr<Filter> p = CreateFilter(*FindFilter("img-webp"), ws.options);
  CHECK_FALSE(p->HandlesResource(ContentType::kCss));
  CHECK((p->capabilities() & kMayGrow) == 0);
}

// --- whole builds of a real site ---

std::string ReadAll(const fs::path& p) { return testing::ReadFileOrEmpty(p.string()); }

void CopySite(const fs::path& to) {
  fs::create_directories(to);
  for (const char* sub : {"index.html", "css", "js", "assets"})
    fs::copy(kAgency + sub, to / sub, fs::copy_options::recursive);
}

struct Built {
  fs::path out;
  std::vector<Diagnostic> problems;
};

Built BuildAgency(const std::string& name, Level level, std::vector<std::string> enable,
                  WebpMode mode) {
  Built b;
  fs::path tmp = testing::TempDir("webp-serve-" + name);
  fs::path src = tmp / "src";
  b.out = tmp / "out";
  CopySite(src);
  Options o;
  o.source_dir = src.string();
  o.output_dir = b.out.string();
  o.level = level;
  o.enable = std::move(enable);
  o.jobs = 2;
  o.image.webp_mode = mode;
  BuildResult result;
  Status s = Build(o, &result);
  REQUIRE(s.ok());
  REQUIRE(delivery::CheckLinks(b.out.string(), &b.problems).ok());
  return b;
}

// The element's name (this gumbo predates <picture>: GUMBO_TAG_UNKNOWN).
std::string NameOf(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return "";
  if (n->v.element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n->v.element.tag);
  GumboStringPiece piece = n->v.element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data, piece.length);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

void Pictures(const GumboNode* n, std::vector<const GumboNode*>* out) {
  if (n->type != GUMBO_NODE_ELEMENT) return;
  if (NameOf(n) == "picture") out->push_back(n);
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) Pictures(static_cast<const GumboNode*>(kids.data[i]), out);
}

// Output-relative path of a URL written in output file `from` (no query/fragment).
fs::path OutPath(const fs::path& out, const fs::path& from, std::string url) {
  url = url.substr(0, url.find_first_of("?#"));
  if (!url.empty() && url[0] == '/') return out / url.substr(1);
  return (from.parent_path() / url).lexically_normal();
}

// Checks every <picture> of the page; returns how many there are.
size_t CheckPictureBuild(const Built& b) {
  INFO("output " << b.out);
  CHECK(b.problems.empty());
  for (const Diagnostic& d : b.problems) WARN(d.path << ":" << d.line << ": " << d.message);
  fs::path page = b.out / "index.html";
  std::string html = ReadAll(page);
  GumboOutput* g = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::vector<const GumboNode*> pictures;
  Pictures(g->root, &pictures);
  for (const GumboNode* p : pictures) {
    const GumboVector& kids = p->v.element.children;
    REQUIRE(kids.length == 2);
    auto* source = static_cast<const GumboNode*>(kids.data[0]);
    auto* img = static_cast<const GumboNode*>(kids.data[1]);
    REQUIRE(NameOf(source) == "source");
    REQUIRE(NameOf(img) == "img");
    const GumboAttribute* type = gumbo_get_attribute(&source->v.element.attributes, "type");
    REQUIRE(type);
    CHECK(std::string(type->value) == "image/webp");
    const GumboAttribute* srcset = gumbo_get_attribute(&source->v.element.attributes, "srcset");
    REQUIRE(srcset);
    fs::path webp = OutPath(b.out, page, srcset->value);
    INFO(webp);
    REQUIRE(fs::exists(webp));
    if (testing::HaveTool("dwebp"))
      CHECK(testing::Run("dwebp -quiet '" + webp.string() + "' -o /dev/null") == 0);
    // The fallback is still there, and still a JPEG.
    const GumboAttribute* src = gumbo_get_attribute(&img->v.element.attributes, "src");
    REQUIRE(src);
    CHECK(fs::exists(OutPath(b.out, page, src->value)));
  }
  gumbo_destroy_output(&kGumboDefaultOptions, g);
  return pictures.size();
}

// How many <img> of the agency page have a photo with a variant in `out` ('<src>.webp', or
// '<src>.<hash>.webp' with cache-extend).
size_t ImagesWithVariants(const fs::path& out) {
  std::string html = ReadAll(kAgency + "index.html");
  std::regex img(R"re(<img [^>]*src="(assets/img/[^"]+\.(jpg|png))")re");
  size_t n = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), img);
       it != std::sregex_iterator(); ++it) {
    fs::path src = out / (*it)[1].str();
    std::string stem = src.filename().string() + ".";
    for (const auto& e : fs::directory_iterator(src.parent_path())) {
      std::string name = e.path().filename().string();
      if (name.starts_with(stem) && name.ends_with(".webp")) {
        ++n;
        break;
      }
    }
  }
  return n;
}

TEST_CASE("img-webp picture mode builds the agency site", "[image][webp][site]") {
  // img-webp alone: every <img> whose photo got a variant (plain names: '<src>.webp') is
  // wrapped, the others are not.
  Built only = BuildAgency("picture", Level::kPassthrough, {"img-webp"}, WebpMode::kPicture);
  size_t want = ImagesWithVariants(only.out);
  CHECK(want >= 10);  // of the 19 photos
  CHECK(CheckPictureBuild(only) == want);
  // CSS keeps the JPEG (no fallback in CSS).
  CHECK(ReadAll(only.out / "css/styles.css").find("header-bg.jpg\"") != std::string::npos);
  // The core level: cache-extend names the variants with a hash; the page points at those.
  Built core = BuildAgency("picture-core", Level::kCore, {}, WebpMode::kPicture);
  // Recompressed first, a JPEG may no longer have a smaller WebP: count again.
  CHECK(CheckPictureBuild(core) == ImagesWithVariants(core.out));
  CHECK(ImagesWithVariants(core.out) >= 10);
  std::string html = ReadAll(core.out / "index.html");
  CHECK(std::regex_search(html, std::regex(R"(srcset="assets/img/portfolio/1\.jpg\.[0-9a-f]{8,}\.webp")")));
}

// Every URL of every page and sheet of the output (attributes, <style>, style="", url()).
std::vector<std::pair<fs::path, std::string>> AllRefs(const fs::path& out) {
  std::vector<std::pair<fs::path, std::string>> refs;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    std::string text = ReadAll(e.path());
    if (ext == ".html") {
      auto doc = html::Document::Parse(text);
      for (const html::UrlRef& u : html::CollectUrls(*doc)) refs.push_back({e.path(), u.url});
      html::ForEachInline(*doc, [&](InlineKind k, std::string& t, int, int) {
        if (k == InlineKind::kStyleSheet || k == InlineKind::kStyleAttribute)
          for (const css::CssUrl& u : css::CollectCssUrls(t)) refs.push_back({e.path(), u.url});
      });
    } else if (ext == ".css") {
      for (const css::CssUrl& u : css::CollectCssUrls(text)) refs.push_back({e.path(), u.url});
    }
  }
  return refs;
}

// URLs of `kind` files (".html" or ".css") in `out` that name a JPEG/PNG/GIF with a variant
// beside it; counts the URLs naming a WebP in *webp_refs.
std::vector<std::string> OriginalsStillServed(const fs::path& out, const std::string& kind,
                                              size_t* webp_refs) {
  std::vector<std::string> bad;
  for (const auto& [from, url] : AllRefs(out)) {
    if (from.extension() != kind) continue;
    if (url.starts_with("data:") || url.find("://") != std::string::npos) continue;
    fs::path target = OutPath(out, from, url);
    if (target.extension() == ".webp") ++*webp_refs;
    std::string ext = target.extension().string();
    if ((ext == ".jpg" || ext == ".png" || ext == ".gif") && fs::exists(target.string() + ".webp"))
      bad.push_back(from.filename().string() + ": " + url);
  }
  return bad;
}

TEST_CASE("img-webp replace mode builds the agency site", "[image][webp][site]") {
  Built b = BuildAgency("replace", Level::kPassthrough, {"img-webp"}, WebpMode::kReplace);
  CHECK(b.problems.empty());
  size_t webp_refs = 0;
  // Pages (attributes, <style>, style=""): no original that has a variant is served.
  CHECK(OriginalsStillServed(b.out, ".html", &webp_refs) == std::vector<std::string>{});
  CHECK(webp_refs >= 10);  // the photos with a variant
}

// External sheets grow by design (a variant's URL is longer): the pipeline keeps the grown text
// because img-webp declares kMayGrow in replace mode.
TEST_CASE("img-webp replace mode: external sheets of the agency site", "[image][webp][site]") {
  Built b = BuildAgency("replace-css", Level::kPassthrough, {"img-webp"}, WebpMode::kReplace);
  size_t webp_refs = 0;
  CHECK(OriginalsStillServed(b.out, ".css", &webp_refs) == std::vector<std::string>{});
  // map-image.png from css/styles.css: a relative url() from a subdirectory (header-bg.jpg has
  // no WebP smaller at SSIM >= 0.98).
  CHECK(ReadAll(b.out / "css/styles.css").find("url(\"../assets/img/map-image.png.webp\")") !=
        std::string::npos);
}

}  // namespace
}  // namespace pagebake::image
