#include "filters/core/filter_table.h"

#include "filters/core/test_filters.h"

namespace pagebake {
namespace {

constexpr unsigned kCore = kInCore | kInAll;
constexpr unsigned kCoreBw = kInCore | kInBandwidth | kInAll;
constexpr unsigned kAll = kInAll;

// clang-format off
constexpr FilterInfo kTable[] = {
  // --- images: leaves, rewritten first. Order matters: resized variants are made before the
  // recompressors see them; img-inline decides before img-webp wraps <img> in <picture>. ---
  {"img-resize", Family::kImage, "image", kCore, Risk::kMedium,
   "Downscale images every page renders smaller; never upscale"},
  {"img-responsive", Family::kImage, "image", kAll, Risk::kMedium,
   "srcset with 1x/1.5x/2x/3x density variants"},
  {"img-recompress-png", Family::kImage, "image", kCoreBw, Risk::kLow,
   "Lossless PNG recompression: best filter/zlib strategy, pixel-exact palette/depth reduction"},
  {"img-recompress-jpeg", Family::kImage, "image", kCoreBw, Risk::kLow,
   "Lossless JPEG: optimized Huffman, progressive above 10 KiB; lossy only with jpeg-quality"},
  {"img-recompress-webp", Family::kImage, "image", kCoreBw, Risk::kLow,
   "Re-encode WebP losslessly when smaller"},
  {"img-convert-gif-to-png", Family::kImage, "image", kCore, Risk::kLow,
   "Still GIFs become PNGs (references rewritten)"},
  {"img-convert-png-to-jpeg", Family::kImage, "image", kAll, Risk::kMedium,
   "Photographic PNGs without alpha become JPEGs (lossy, opt-in quality)"},
  {"img-jpeg-subsampling", Family::kImage, "image", kAll, Risk::kMedium,
   "4:2:0 chroma subsampling on lossy JPEG re-encodes"},
  {"img-strip-metadata", Family::kImage, "image", kCoreBw, Risk::kLow,
   "Drop EXIF/XMP/comments that do not affect rendering (orientation applied)"},
  {"img-strip-color-profile", Family::kImage, "image", kAll, Risk::kMedium,
   "Drop sRGB color profiles (only when the image is sRGB)"},
  {"img-inline", Family::kImage, "any", kCore, Risk::kLow,
   "Images <= 3072 B become data: URIs in HTML src and CSS url()"},
  {"img-webp", Family::kImage, "image", kCore, Risk::kMedium,
   "Write a smaller .webp beside each image and serve it via <picture> (or replace)"},
  // --- JS, then CSS (its url()s need the final image names) ---
  {"js-minify", Family::kJs, "js", kCoreBw, Risk::kLow,
   "Remove comments and whitespace from external and inline scripts (no renaming)"},
  {"css-rewrite-urls", Family::kCss, "css", kCore, Risk::kLow,
   "Rewrite url()/@import targets (re-base, cache-extend, inline), even in broken sheets"},
  {"css-flatten-imports", Family::kCss, "css", kCore, Risk::kMedium,
   "Inline @import-ed sheets (media and layer respected, cycles detected)"},
  {"css-minify", Family::kCss, "css", kCoreBw, Risk::kLow,
   "Minify external sheets, <style> and style=\"\"; never drops what it does not understand"},
  // --- HTML structure passes ---
  {"html-add-head", Family::kHtml, "html", kCore, Risk::kLow,
   "Insert <head> where a page has none"},
  {"html-combine-heads", Family::kHtml, "html", kAll, Risk::kMedium,
   "Merge several <head> elements into the first"},
  {"html-convert-meta-tags", Family::kHtml, "html", kCore, Risk::kLow,
   "Record <meta http-equiv> values for the headers file"},
  {"html-rewrite-domains", Family::kHtml, "html", kAll, Risk::kMedium,
   "Rewrite URLs by an origin -> origin map from the config"},
  {"css-inline-import-to-link", Family::kCss, "html", kCore, Risk::kLow,
   "A <style> holding only @imports becomes <link>s"},
  {"css-combine", Family::kCss, "html", kInCore, Risk::kMedium,
   "Adjacent <link rel=stylesheet> with the same media become one file"},
  {"js-combine", Family::kJs, "html", kInCore, Risk::kMedium,
   "Adjacent external classic scripts become one file (plain concatenation, no eval)"},
  {"html-move-css-to-head", Family::kHtml, "html", kAll, Risk::kMedium,
   "Move <link rel=stylesheet> and <style> from <body> into <head>"},
  {"html-move-css-above-scripts", Family::kHtml, "html", kAll, Risk::kMedium,
   "Move stylesheets above the first script in <head>"},
  {"css-outline", Family::kCss, "html", kAll, Risk::kLow,
   "Large inline <style> (>= 3000 B) becomes an external file"},
  {"js-outline", Family::kJs, "html", kAll, Risk::kLow,
   "Large inline scripts (>= 3000 B) become external files"},
  {"css-inline", Family::kCss, "html", kCore, Risk::kLow,
   "Small external sheets (<= 2048 B minified) inlined into <style>"},
  {"js-inline", Family::kJs, "html", kCore, Risk::kLow,
   "Small external scripts (<= 2048 B minified) inlined"},
  {"html-insert-image-dimensions", Family::kHtml, "html", kAll, Risk::kMedium,
   "width/height on <img> from the real image header, when not sized already"},
  {"html-lazyload-images", Family::kHtml, "html", kAll, Risk::kLow,
   "loading=lazy + decoding=async on images and iframes after the first N"},
  {"html-defer-javascript", Family::kHtml, "html", kAll, Risk::kHigh,
   "defer on external classic scripts where execution order is provably kept"},
  {"html-insert-dns-prefetch", Family::kHtml, "html", kAll, Risk::kLow,
   "dns-prefetch + preconnect for third-party origins the page uses"},
  {"html-hint-preload", Family::kHtml, "html", kAll, Risk::kLow,
   "<link rel=preload> for render-blocking CSS and fonts"},
  {"html-trim-urls", Family::kHtml, "html", kAll, Risk::kMedium,
   "Same-origin absolute URLs become relative (needs base_url)"},
  {"html-remove-comments", Family::kHtml, "html", kAll, Risk::kLow,
   "Remove comments, keeping IE conditional comments, <!--! and keep-patterns"},
  {"html-collapse-whitespace", Family::kHtml, "html", kAll, Risk::kLow,
   "Collapse whitespace runs, never in pre/textarea/script/style/code or white-space:pre"},
  {"html-elide-attributes", Family::kHtml, "html", kAll, Risk::kLow,
   "Drop default-valued attributes; checked=\"checked\" -> checked (not in XHTML)"},
  {"html-remove-quotes", Family::kHtml, "html", kAll, Risk::kLow,
   "Unquote attribute values where the spec allows"},
  {"html-pedantic", Family::kHtml, "html", kOff, Risk::kLow,
   "Add type attributes and other markup that strict validators want"},
  // --- delivery: after the content filters ---
  {"cache-extend", Family::kDelivery, "any", kCore, Risk::kLow,
   "Content-hash names for referenced resources; every reference rewritten"},
  {"sri", Family::kDelivery, "html", kAll, Risk::kLow,
   "integrity=sha384 on local scripts and stylesheets"},
  {"precompress-br", Family::kDelivery, "any", kCoreBw, Risk::kLow,
   ".br siblings (quality 11) for compressible files that shrink enough"},
  {"precompress-gzip", Family::kDelivery, "any", kCoreBw, Risk::kLow,
   ".gz siblings (zopfli-class) for compressible files that shrink enough"},
  {"headers", Family::kDelivery, "any", kCore, Risk::kLow,
   "_headers and nginx snippet: cache policy, content types, recorded meta headers"},
};
// clang-format on

}  // namespace

std::span<const FilterInfo> FilterTable() { return kTable; }

const FilterInfo* FindFilter(std::string_view id) {
  for (const FilterInfo& f : kTable)
    if (f.id == id) return &f;
  return FindTestFilter(id);  // rows a test registered at runtime (none in the CLI)
}

bool InLevel(const FilterInfo& f, Level level) {
  if (f.levels & kOff) return false;
  switch (level) {
    case Level::kPassthrough: return false;
    case Level::kCore: return f.levels & kInCore;
    case Level::kBandwidth: return f.levels & kInBandwidth;
    case Level::kAll: return f.levels & kInAll;
  }
  return false;
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kPassthrough: return "passthrough";
    case Level::kCore: return "core";
    case Level::kBandwidth: return "bandwidth";
    case Level::kAll: return "all";
  }
  return "?";
}

bool ParseLevel(std::string_view name, Level* level) {
  for (Level l : {Level::kPassthrough, Level::kCore, Level::kBandwidth, Level::kAll}) {
    if (LevelName(l) == name) {
      *level = l;
      return true;
    }
  }
  return false;
}

std::string_view RiskName(Risk r) {
  switch (r) {
    case Risk::kLow: return "low";
    case Risk::kMedium: return "medium";
    case Risk::kHigh: return "high";
  }
  return "?";
}

std::string_view FamilyName(Family f) {
  switch (f) {
    case Family::kHtml: return "html";
    case Family::kCss: return "css";
    case Family::kJs: return "js";
    case Family::kImage: return "image";
    case Family::kDelivery: return "delivery";
    case Family::kTest: return "test";
  }
  return "?";
}

}  // namespace pagebake
