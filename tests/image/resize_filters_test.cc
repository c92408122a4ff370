// img-resize and img-responsive through the real pipeline, on real images from the corpus
// (tests/image/fetch_data.sh): golden rows of page markup (one directory of its own per row, so
// the site-wide "used anywhere else" rule of one row cannot reach another), and builds whose
// variants are checked by independent tools: djpeg/pngcheck decode them, ImageMagick makes the
// reference downscale and ffmpeg measures the SSIM (>= 0.98).
// Needs: libjpeg-turbo-progs (djpeg), pngcheck, imagemagick, ffmpeg, webp (img2webp).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "filters/image/image_filters.h"
#include "filters/image/image_header.h"
#include "filters/image/image_resize.h"
#include "filters/image/webp_filter.h"
#include "pagebake/pagebake.h"
#include "tests/image/image_test_util.h"

namespace fs = std::filesystem;

namespace pagebake::image {
namespace {

using testing::ReadFileOrEmpty;
using testing::Run;
using testing::WriteFile;

const std::string kData = PAGEBAKE_TEST_DATA;
const std::string kPixbuf = kData + "/deb/gdk-pixbuf-tests/usr/libexec/installed-tests/gdk-pixbuf/";
// 640x428 stored, EXIF orientation 6 (RightTop): 428x640 upright. sRGB, ~q97.
const std::string kRotatedJpeg = kPixbuf + "bug725582-testrotate.jpg";
// 433x699 screenshot.
const std::string kPng =
    kData + "/deb/gnome-user-docs/usr/share/help/hr/gnome-help/figures/shell-exit-expanded.png";
const std::string kGif = kPixbuf + "aero.gif";
const std::string kAgency = kData + "/npm/startbootstrap-agency@7.0.12/dist";

// The images every row directory gets: a.jpg, b.png, c.gif, d.webp (animated), t.jpg (cut in
// half: the header reads, the pixels do not), x.jpg (not an image). A stylesheet is written
// only for the row that links it: any url() in any sheet of the site keeps an image as it is.
void MakeRowDir(const std::string& dir, const std::string& anim_webp) {
  fs::create_directories(dir);
  std::string jpeg = ReadFileOrEmpty(kRotatedJpeg);
  WriteFile(dir + "/a.jpg", jpeg);
  fs::copy_file(kPng, dir + "/b.png");
  fs::copy_file(kGif, dir + "/c.gif");
  WriteFile(dir + "/d.webp", anim_webp);
  WriteFile(dir + "/t.jpg", jpeg.substr(0, jpeg.size() / 2));
  WriteFile(dir + "/x.jpg", "this is not a JPEG at all, whatever its name says");
}

// An animated WebP made by libwebp's own tool from two real frames.
std::string AnimatedWebp(const std::string& tmp) {
  std::string out = tmp + "/anim.webp";
  Run("convert '" + kPng + "' -resize 60x60! '" + tmp + "/f1.png' && convert '" + kPng +
      "' -resize 60x60! -negate '" + tmp + "/f2.png' && img2webp -lossless '" + tmp +
      "/f1.png' '" + tmp + "/f2.png' -o '" + out + "'");
  return ReadFileOrEmpty(out);
}

struct Row {
  const char* name;
  const char* in;    // page body; {d} is the row's directory
  const char* want;  // nullptr: unchanged
};

const char* kPage = "<!doctype html><html><head><title>t</title></head><body>\n";

std::string Expand(std::string s, const std::string& dir) {
  for (size_t p; (p = s.find("{d}")) != std::string::npos;) s.replace(p, 3, dir);
  return s;
}

// Builds one site holding every row (directory r<i>/) with `ids` enabled; returns the output
// root. Rows are compared against want (or their input).
std::string RunRows(const std::string& name, const std::vector<Row>& rows,
                    const std::vector<std::string>& ids) {
  std::string root = testing::TempDir(name);
  std::string anim = AnimatedWebp(root);
  REQUIRE(!anim.empty());
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string dir = std::string("r").append(std::to_string(i));
    MakeRowDir(root + "/src/" + dir, anim);
    WriteFile(root + "/src/" + dir + "/index.html", kPage + Expand(rows[i].in, dir));
    if (std::string(rows[i].in).find("s.css") != std::string::npos)
      WriteFile(root + "/src/" + dir + "/s.css", "body { background: url(a.jpg) }\n");
  }
  Options o;
  o.source_dir = root + "/src";
  o.output_dir = root + "/out";
  o.level = Level::kPassthrough;
  o.enable = ids;
  o.jobs = 2;
  BuildResult result;
  REQUIRE(Build(o, &result).ok());
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    std::string dir = std::string("r").append(std::to_string(i));
    // One build holds every row (a build per row would take minutes): rows are named by INFO
    // rather than by sections, which would rerun the build for each.
    INFO("row " << dir << ": " << row.name);
    std::string got = ReadFileOrEmpty(root + "/out/" + dir + "/index.html");
    CHECK(got == kPage + Expand(row.want ? row.want : row.in, dir));
    // The originals are always written, unchanged.
    CHECK(ReadFileOrEmpty(root + "/out/" + dir + "/a.jpg") == ReadFileOrEmpty(kRotatedJpeg));
  }
  return root + "/out";
}

TEST_CASE("img-resize: golden rows", "[image][resize][pipeline]") {
  const std::vector<Row> rows = {
      {"width: 2x the declared width, aspect kept", "<img src=a.jpg width=100>",
       "<img src=a.200x300.jpg width=100>"},
      {"width and height: the tighter side wins", "<img src=\"a.jpg\" width=\"100\" height=\"150\">",
       "<img src=\"a.201x300.jpg\" width=\"100\" height=\"150\">"},
      {"height only", "<img src=a.jpg height=150 alt=x>", "<img src=a.201x300.jpg height=150 alt=x>"},
      {"png", "<img src=b.png width=100>", "<img src=b.200x323.png width=100>"},
      {"same image at two sizes: the largest wins",
       "<img src=a.jpg width=50><img src=a.jpg width=100>",
       "<img src=a.200x300.jpg width=50><img src=a.200x300.jpg width=100>"},
      {"same image on srcset x and src", "<img src=a.jpg srcset=\"a.jpg 2x\" width=100>",
       "<img src=a.200x300.jpg srcset=\"a.200x300.jpg 2x\" width=100>"},
      {"srcset w descriptor: the width the page says the file has",
       "<img srcset=\"a.jpg 150w\" sizes=50vw alt=x>",
       "<img srcset=\"a.150x225.jpg 150w\" sizes=50vw alt=x>"},
      {"root-relative URL stays root-relative", "<img src=/{d}/a.jpg width=100>",
       "<img src=/{d}/a.200x300.jpg width=100>"},
      {"query kept", "<img src=\"a.jpg?v=1\" width=100>", "<img src=\"a.200x300.jpg?v=1\" width=100>"},
      {"width=50%", "<img src=a.jpg width=50%>", nullptr},
      {"width=auto", "<img src=a.jpg width=auto height=100>", nullptr},
      {"style sizes it", "<img src=a.jpg width=100 style=\"width:50px\">", nullptr},
      {"no width or height", "<img src=a.jpg>", nullptr},
      {"inside picture", "<picture><source srcset=b.png><img src=a.jpg width=100></picture>", nullptr},
      {"also an <a href>", "<a href=a.jpg><img src=a.jpg width=100></a>", nullptr},
      {"also a CSS url() in a style attribute",
       "<div style=\"background:url(a.jpg)\"></div><img src=a.jpg width=100>", nullptr},
      {"also a url() in a stylesheet",
       "<link rel=stylesheet href=s.css><img src=a.jpg width=100>", nullptr},
      {"also og:image", "<meta property=og:image content=a.jpg><img src=a.jpg width=100>", nullptr},
      {"also an unsized img on the same page", "<img src=a.jpg width=100><img src=a.jpg>", nullptr},
      {"never upscale", "<img src=a.jpg width=400>", nullptr},
      {"less than 10% of the pixels saved", "<img src=a.jpg width=210>", nullptr},
      {"data: src", "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" width=1>", nullptr},
      {"external src", "<img src=https://example.com/a.jpg width=10>", nullptr},
      {"not an image", "<img src=x.jpg width=10>", nullptr},
      {"truncated JPEG: the resize fails, the page keeps the original", "<img src=t.jpg width=10>",
       nullptr},
      {"GIF", "<img src=c.gif width=10>", nullptr},
      {"animated WebP", "<img src=d.webp width=10>", nullptr},
      {"page with <base href>", "<base href=/><img src=a.jpg width=100>", nullptr},
      {"srcset h descriptor is not understood", "<img srcset=\"a.jpg 100h\" width=100>", nullptr},
  };
  std::string out = RunRows("resize-rows", rows, {"img-resize"});
  // The planned variant exists with its size; no variant where none was used; the failed one is
  // not referenced.
  Result<ImageHeader> h = ReadImageHeader(ReadFileOrEmpty(out + "/r0/a.200x300.jpg"));
  REQUIRE(h.ok());
  CHECK(h->width == 200);
  CHECK(h->height == 300);
  CHECK(h->orientation == 1);
  CHECK_FALSE(fs::exists(out + "/r19/a.800x1197.jpg"));
}

TEST_CASE("img-responsive: golden rows", "[image][responsive][pipeline]") {
  const std::vector<Row> rows = {
      {"width=100: 1x 1.5x 2x 3x and the image at its own density",
       "<img src=a.jpg width=100 alt=x>",
       "<img src=a.jpg width=100 alt=x srcset=\"a.100x150.jpg 1x, a.150x225.jpg 1.5x, "
       "a.200x300.jpg 2x, a.300x449.jpg 3x, a.jpg 4.28x\">"},
      {"width=200: 3x would upscale", "<img src=a.jpg width=200>",
       "<img src=a.jpg width=200 srcset=\"a.200x300.jpg 1x, a.300x449.jpg 1.5x, a.400x599.jpg 2x, "
       "a.jpg 2.14x\">"},
      {"png", "<img src=b.png width=100>",
       "<img src=b.png width=100 srcset=\"b.100x162.png 1x, b.150x243.png 1.5x, b.200x323.png 2x, "
       "b.300x485.png 3x, b.png 4.33x\">"},
      {"sizes kept as written", "<img src=a.jpg width=200 sizes=\"(max-width: 600px) 100vw\">",
       "<img src=a.jpg width=200 sizes=\"(max-width: 600px) 100vw\" srcset=\"a.200x300.jpg 1x, "
       "a.300x449.jpg 1.5x, a.400x599.jpg 2x, a.jpg 2.14x\">"},
      {"root-relative", "<img src=/{d}/a.jpg width=200>",
       "<img src=/{d}/a.jpg width=200 srcset=\"/{d}/a.200x300.jpg 1x, /{d}/a.300x449.jpg 1.5x, "
       "/{d}/a.400x599.jpg 2x, /{d}/a.jpg 2.14x\">"},
      {"the same image at two widths", "<img src=a.jpg width=200><img src=a.jpg width=400>",
       "<img src=a.jpg width=200 srcset=\"a.200x300.jpg 1x, a.300x449.jpg 1.5x, a.400x599.jpg 2x, "
       "a.jpg 2.14x\"><img src=a.jpg width=400 srcset=\"a.400x599.jpg 1x, a.jpg 1.07x\">"},
      {"already used elsewhere: still offered (the original stays)",
       "<a href=a.jpg><img src=a.jpg width=400></a>",
       "<a href=a.jpg><img src=a.jpg width=400 srcset=\"a.400x599.jpg 1x, a.jpg 1.07x\"></a>"},
      {"no variant saves 10%", "<img src=a.jpg width=420>", nullptr},
      {"declared as wide as the image", "<img src=a.jpg width=428>", nullptr},
      {"existing srcset", "<img src=a.jpg srcset=\"a.jpg 1x\" width=100>", nullptr},
      {"inside picture", "<picture><img src=a.jpg width=100></picture>", nullptr},
      {"width=50%", "<img src=a.jpg width=50%>", nullptr},
      {"width=auto", "<img src=a.jpg width=auto>", nullptr},
      {"height only", "<img src=a.jpg height=100>", nullptr},
      {"style sizes it", "<img src=a.jpg width=100 style=\"max-width:100%;width:20em\">", nullptr},
      {"data: src", "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" width=1>", nullptr},
      {"external src", "<img src=//example.com/a.jpg width=10>", nullptr},
      {"not an image", "<img src=x.jpg width=10>", nullptr},
      {"truncated JPEG: no variant is made, no srcset", "<img src=t.jpg width=10>", nullptr},
      {"GIF", "<img src=c.gif width=10>", nullptr},
      {"animated WebP", "<img src=d.webp width=10>", nullptr},
      {"page with <base href>", "<base href=/><img src=a.jpg width=100>", nullptr},
  };
  std::string out = RunRows("responsive-rows", rows, {"img-responsive"});
  // Every candidate exists, decodes, and has the width its name says.
  for (const char* v : {"a.100x150.jpg", "a.150x225.jpg", "a.200x300.jpg", "a.300x449.jpg"}) {
    CAPTURE(v);
    std::string got;
    REQUIRE(Run("identify -format '%wx%h' '" + out + "/r0/" + v + "'", &got) == 0);
    CHECK(fs::path(v).stem().extension().string() == "." + got);
  }
}

// ffmpeg's SSIM over Y'CbCr 4:4:4 (how it measures JPEGs; RGB SSIM is harsher on blue).
double FfmpegSsim(const std::string& a, const std::string& b) {
  std::string out;
  Run("ffmpeg -hide_banner -nostdin -i '" + a + "' -i '" + b +
          "' -lavfi '[0]format=yuv444p[a];[1]format=yuv444p[b];[a][b]ssim' -f null -",
      &out);
  size_t p = out.find("All:");
  return p == std::string::npos ? -1 : std::atof(out.c_str() + p + 4);
}

// An independent reference: ImageMagick's own downscale of the (auto-oriented) source.
double SsimAgainstImageMagick(const std::string& source, const std::string& variant,
                              uint32_t w, uint32_t h, const std::string& tmp) {
  std::string ref = tmp + "/ref.png", got = tmp + "/got.png";
  REQUIRE(Run("convert '" + source + "' -auto-orient -resize " + std::to_string(w) + "x" +
              std::to_string(h) + "! '" + ref + "'") == 0);
  REQUIRE(Run("convert '" + variant + "' '" + got + "'") == 0);
  return FfmpegSsim(ref, got);
}

std::map<std::string, std::string> ReadTree(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file())
      files[fs::relative(e.path(), root).string()] = ReadFileOrEmpty(e.path().string());
  return files;
}

// The agency page with the team photos and portfolio thumbnails declared at the sizes its CSS
// renders them (rounded-circle 14rem = 224 px; cards ~ 350 px).
std::string MakeAgencySite(const std::string& root) {
  std::string src = root + "/src";
  fs::create_directories(src);
  fs::copy(kAgency, src, fs::copy_options::recursive);
  std::string page = ReadFileOrEmpty(src + "/index.html");
  page = std::regex_replace(page, std::regex("(<img class=\"mx-auto rounded-circle\" src=\"[^\"]*\")"),
                            "$1 width=\"224\" height=\"224\"");
  page = std::regex_replace(page, std::regex("(<img class=\"img-fluid\" src=\"assets/img/portfolio/[^\"]*\")"),
                            "$1 width=\"175\"");
  WriteFile(src + "/index.html", page);
  // A page of its own using the rotated photo and the screenshot.
  fs::copy_file(kRotatedJpeg, src + "/photo.jpg");
  fs::copy_file(kPng, src + "/shot.png");
  WriteFile(src + "/gallery.html",
            "<!doctype html><title>g</title><img src=photo.jpg width=107 alt=p>"
            "<img src=shot.png width=108 alt=s><a href=index.html>home</a>\n");
  return src;
}

// Options for a build of MakeAgencySite(root) into root/out with only `enable`, two workers.
Options AgencySiteOptions(const std::string& root, std::vector<std::string> enable) {
  Options o;
  o.source_dir = MakeAgencySite(root);
  o.output_dir = root + "/out";
  o.level = Level::kPassthrough;
  o.enable = std::move(enable);
  o.jobs = 2;
  return o;
}

TEST_CASE("img-resize: a real site, checked by independent tools", "[image][resize][pipeline]") {
  const std::string root = testing::TempDir("resize-site");
  Options o = AgencySiteOptions(root, {"img-resize"});
  BuildResult result;
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(Build(o, &result).ok());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto out = ReadTree(o.output_dir);
  auto in = ReadTree(o.source_dir);
  // Originals unchanged, every one of them.
  for (const auto& [path, bytes] : in) {
    CAPTURE(path);
    REQUIRE(out.count(path));
    if (path.ends_with(".jpg") || path.ends_with(".png")) CHECK(out[path] == bytes);
  }
  // The rotated photo: 107 px declared, 2x -> 214 px wide, upright (428x640 -> 214x320).
  const std::string gallery = out["gallery.html"];
  CHECK(gallery.find("src=photo.214x320.jpg") != std::string::npos);
  CHECK(gallery.find("src=shot.216x349.png") != std::string::npos);
  std::string djpeg;
  CHECK(Run("djpeg -pnm '" + o.output_dir + "/photo.214x320.jpg' | head -c 20", &djpeg) == 0);
  CHECK(djpeg.find("214 320") != std::string::npos);
  CHECK(Run("pngcheck -q '" + o.output_dir + "/shot.216x349.png'") == 0);
  // The rotated photo is a noisy test image: at q85 (its variant's quality) even ImageMagick's
  // own downscale re-encoded by ImageMagick scores 0.956 against itself. The bound here checks
  // the orientation (a sideways variant scores ~0.3); the team photos check the quality.
  double ssim_rotated = SsimAgainstImageMagick(kRotatedJpeg, o.output_dir + "/photo.214x320.jpg",
                                               214, 320, root);
  double ssim_png = SsimAgainstImageMagick(kPng, o.output_dir + "/shot.216x349.png", 216, 349, root);
  std::printf("img-resize ssim vs ImageMagick: rotated jpeg %.4f png %.4f\n", ssim_rotated,
              ssim_png);
  CHECK(ssim_rotated >= 0.95);
  CHECK(ssim_png >= 0.98);
  for (const char* team : {"1", "2", "3"}) {
    std::string v = o.output_dir + "/assets/img/team/" + team + ".448x448.jpg";
    CHECK(Run("djpeg -pnm '" + v + "' > /dev/null") == 0);
    double ssim = SsimAgainstImageMagick(o.source_dir + "/assets/img/team/" + team + ".jpg", v,
                                         448, 448, root);
    std::printf("img-resize ssim vs ImageMagick: team/%s.jpg %.4f\n", team, ssim);
    CHECK(ssim >= 0.98);
  }
  // What the agency page loads: images before and after.
  uint64_t before = 0, after = 0;
  std::regex img_src("<img[^>]*src=\"(assets/img/[^\"]*\\.(jpg|png))\"");
  for (auto it = std::sregex_iterator(in["index.html"].begin(), in["index.html"].end(), img_src);
       it != std::sregex_iterator(); ++it)
    before += in[(*it)[1].str()].size();
  for (auto it = std::sregex_iterator(out["index.html"].begin(), out["index.html"].end(), img_src);
       it != std::sregex_iterator(); ++it) {
    REQUIRE(out.count((*it)[1].str()));
    after += out[(*it)[1].str()].size();
  }
  std::printf("agency page images: %llu -> %llu bytes; build %.2f s\n",
              static_cast<unsigned long long>(before), static_cast<unsigned long long>(after), secs);
  CHECK(after < before);
  // Team photos (500 px, shown at 224): 448 px variants. Portfolio thumbnails: also shown
  // unsized in their modals, so left alone.
  CHECK(out["index.html"].find("src=\"assets/img/team/1.448x448.jpg\"") != std::string::npos);
  CHECK(out["index.html"].find("portfolio/1.350x263") == std::string::npos);
  CHECK_FALSE(out.count("assets/img/portfolio/1.350x263.jpg"));
  // Idempotent: a rebuild gives the same files, whatever -j.
  o.jobs = 1;
  REQUIRE(Build(o, &result).ok());
  CHECK(ReadTree(o.output_dir) == out);
}

// img-webp makes the WebP of a resized variant from the pixels img-resize encoded it from, even
// with the lossless recompressors rewriting the variant in between (TakeIfSmallerSamePixels);
// a WebP of the decoded variant would differ (it carries the JPEG's loss).
TEST_CASE("img-resize hands its pixels to img-webp", "[image][resize][webp][pipeline]") {
  const std::string root = testing::TempDir("resize-webp-handoff");
  Options o = AgencySiteOptions(root, {"img-resize", "img-recompress-jpeg", "img-recompress-png",
                                       "img-strip-metadata", "img-webp"});
  BuildResult result;
  REQUIRE(Build(o, &result).ok());
  auto out = ReadTree(o.output_dir);
  struct {
    const char* source;
    const char* variant;
    uint32_t w, h;
  } rows[] = {{"assets/img/team/1.jpg", "assets/img/team/1.448x448.jpg", 448, 448},
              {"shot.png", "shot.216x349.png", 216, 349}};
  for (const auto& r : rows) {
    DYNAMIC_SECTION(r.variant) {
      const std::string webp = std::string(r.variant) + ".webp";
      REQUIRE(out.count(r.variant));
      REQUIRE(out.count(webp));
      CHECK(Run("dwebp -quiet '" + o.output_dir + "/" + webp + "' -o /dev/null") == 0);
      std::string source = ReadFileOrEmpty(o.source_dir + "/" + r.source);
      Pixels px = ResizePixels(source, r.w, r.h, o.image).value();
      CHECK(out[webp] == MakeWebpVariant(out[r.variant], o.image, nullptr, {}, &px).value());
      if (std::string(r.variant).ends_with(".jpg"))
        CHECK(out[webp] != MakeWebpVariant(out[r.variant], o.image).value());
    }
  }
}

TEST_CASE("img-resize + img-responsive + cache-extend: hashed variant names",
          "[image][resize][pipeline]") {
  const std::string root = testing::TempDir("resize-hashed");
  Options o;
  o.source_dir = MakeAgencySite(root);
  o.output_dir = root + "/out";
  o.level = Level::kPassthrough;
  o.enable = {"img-resize", "img-responsive", "cache-extend"};
  o.jobs = 2;
  BuildResult result;
  REQUIRE(Build(o, &result).ok());
  auto out = ReadTree(o.output_dir);
  const std::string gallery = out["gallery.html"];
  std::smatch m;
  REQUIRE(std::regex_search(gallery, m, std::regex("src=(photo\\.214x320\\.[0-9a-f]+\\.jpg)")));
  INFO(gallery);
  REQUIRE(out.count(m[1].str()));
  Result<ImageHeader> h = ReadImageHeader(out[m[1].str()]);
  REQUIRE(h.ok());
  CHECK(h->width == 214);
  // The srcset candidates are hashed names that exist, each as wide as its density says.
  std::smatch s;
  REQUIRE(std::regex_search(gallery, s, std::regex("srcset=\"([^\"]*)\"")));
  std::string list = s[1].str();
  std::regex cand("([^ ,]+) ([0-9.]+)x");
  int n = 0;
  for (auto it = std::sregex_iterator(list.begin(), list.end(), cand); it != std::sregex_iterator();
       ++it, ++n) {
    std::string url = (*it)[1].str();
    CAPTURE(url);
    REQUIRE(out.count(url));
    Result<ImageHeader> c = ReadImageHeader(out[url]);
    REQUIRE(c.ok());
    double d = std::atof((*it)[2].str().c_str());
    CHECK(std::abs(c->width - 107 * d) <= 1.0 + 0.01 * c->width);
  }
  CHECK(n >= 4);
}

TEST_CASE("image.resize-density and image.responsive-densities", "[image][resize]") {
  ImageOptions o;
  REQUIRE(ParseOptions(nlohmann::json::parse(
                           R"({"resize-density": 1, "responsive-densities": [1, 2]})"),
                       &o)
              .ok());
  CHECK(o.resize_density == 1);
  CHECK(o.responsive_densities == std::vector<double>{1, 2});
  for (const char* bad : {R"({"resize-density": 0.5})", R"({"resize-density": "2"})",
                          R"({"responsive-densities": []})", R"({"responsive-densities": [1, 0]})",
                          R"({"responsive-densities": 2})"}) {
    CAPTURE(bad);
    Status s = ParseOptions(nlohmann::json::parse(bad), &o);
    CHECK(s.code() == StatusCode::kInvalidArgument);
    CHECK(s.message().rfind("image.", 0) == 0);
  }
}

TEST_CASE("VariantPath names variants beside their source", "[image][resize]") {
  CHECK(VariantPath("img/photo.jpg", 400, 300) == "img/photo.400x300.jpg");
  CHECK(VariantPath("a", 1, 2) == "a.1x2");
  CHECK(VariantPath("d.x/a", 1, 2) == "d.x/a.1x2");
  CHECK(VariantPath(".hidden", 1, 2) == ".hidden.1x2");
}

}  // namespace
}  // namespace pagebake::image
