// Options of the delivery family (filters/delivery). Owned by that family; config key "delivery".
#ifndef PAGEBAKE_DELIVERY_OPTIONS_H_
#define PAGEBAKE_DELIVERY_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace pagebake {

// How .gz siblings are made. Both write standard gzip that every client reads; they differ in
// build time. Measured on real CSS/JS/HTML (see filters/delivery/precompress.h): zopfli is
// ~0.5-1% smaller and ~100x slower than libdeflate level 12.
enum class GzipEncoder { kLibdeflate, kZopfli };

struct DeliveryOptions {
  // cache-extend: output name template; [name], [hash], [ext]. Default "[name].[hash].[ext]".
  std::string name_template = "[name].[hash].[ext]";
  // cache-extend: hash length in hex characters, 4..64. Default 10 (40 bits: a collision
  // between two versions of one file is ~1e-12; shorter names save bytes in every reference).
  int hash_length = 10;
  // Files that keep their names although referenced (entry points besides HTML pages).
  std::vector<std::string> entry_points = {"robots.txt", "sw.js", "service-worker.js",
                                           "manifest.webmanifest", "manifest.json",
                                           "favicon.ico", "humans.txt", "sitemap.xml"};
  // cache-extend: content types (ContentTypeName: "css", "js", "png", "font", ...) that get
  // hashed names. Empty (default): every cacheable static type (CSS, JS, images, fonts,
  // media, PDF, wasm). Narrow it when some other system caches, say, media by its own rules.
  std::vector<std::string> hash_types;
  // cache-extend: also keep each renamed file under its original name (a hard link: no extra
  // disk, no extra transfer; pages reference the hashed name). Default true: scripts build
  // URLs at run time (mdBook's ferris.js builds "img/ferris/<kind>.svg"; `pagebake verify`
  // found those icons missing on the Rust book), and other sites link to assets by name.
  // The original name is served with the entry points' Cache-Control, never immutable.
  bool keep_original_names = true;
  // cache-extend: also hash resources nothing references. Default false: an unreferenced file
  // may be linked from outside the site (a blog post, an email), and renaming it breaks that.
  bool hash_unreferenced = false;

  // precompress-*: only files at least this big. Default 1024 (smaller files fit in one
  // packet either way; the sibling is another file to store and stat).
  uint64_t precompress_min_bytes = 1024;
  // precompress-*: keep a sibling only when it saves at least this fraction. Default 0.10.
  double precompress_min_saving = 0.10;
  // Cache of compression results keyed by sha256(content) + encoder settings, so an unchanged
  // file is never compressed twice across runs. Empty: no cache. The CLI's default is
  // build/.pagebake-cache. Entries are written atomically and checked (decompressed and
  // compared) before use, so a damaged cache costs time, never correctness.
  std::string cache_dir;
  // precompress-br: brotli quality 0..11 and window bits 10..24. Defaults 11 and 24 (the
  // smallest output; ~0.7 MB/s — that is why results are cached).
  int brotli_quality = 11;
  int brotli_window = 24;
  // precompress-gzip: the encoder. Default kLibdeflate (level 12): within ~1% of zopfli at
  // ~1% of its time. kZopfli for the last bytes when build time does not matter.
  GzipEncoder gzip_encoder = GzipEncoder::kLibdeflate;
  // precompress-gzip with kZopfli: iterations. Default 15 (zopfli's own default).
  int zopfli_iterations = 15;

  // sri: absolute URL prefixes that serve this site's own output ("https://cdn.example.com/"
  // after html-rewrite-domains moved assets there). A URL under one of them is resolved as
  // root-relative to the output, gets integrity, and crossorigin="anonymous" (a cross-origin
  // fetch with integrity must use CORS). Default empty: SRI only on same-origin URLs, never on
  // resources of other origins (their bytes are not ours to hash).
  std::vector<std::string> sri_own_origins;

  // Also write Vite's `.vite/manifest.json` shape (config "manifest_format": "vite", CLI
  // --manifest-format vite) for backend helpers that read it. pagebake-manifest.json is always
  // written. Default false.
  bool vite_manifest = false;

  // headers: Cache-Control for hashed names. Default one year, immutable (the name changes
  // when the content does).
  std::string cache_control_hashed = "public, max-age=31536000, immutable";
  // headers: Cache-Control for entry points (pages, robots.txt, ...). Default "no-cache":
  // revalidate every time, so a deploy is seen at once.
  std::string cache_control_entry = "no-cache";
};

}  // namespace pagebake

#endif  // PAGEBAKE_DELIVERY_OPTIONS_H_
