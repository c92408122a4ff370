// Options of the delivery family (filters/delivery). Owned by that family; config key "delivery".
#ifndef PAGEBAKE_DELIVERY_OPTIONS_H_
#define PAGEBAKE_DELIVERY_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace pagebake {

struct DeliveryOptions {
  // cache-extend: output name template; [name], [hash], [ext]. Default "[name].[hash].[ext]".
  std::string name_template = "[name].[hash].[ext]";
  // cache-extend: hash length in hex characters. Default 10.
  int hash_length = 10;
  // Files that keep their names although referenced (entry points besides HTML pages).
  std::vector<std::string> entry_points = {"robots.txt", "sw.js", "service-worker.js",
                                           "manifest.webmanifest", "manifest.json",
                                           "favicon.ico", "humans.txt", "sitemap.xml"};
  // precompress-*: only files at least this big. Default 1024.
  uint64_t precompress_min_bytes = 1024;
  // precompress-*: keep a sibling only when it saves at least this fraction. Default 0.10.
  double precompress_min_saving = 0.10;
  // Cache of compression results keyed by content hash. Empty: no cache.
  std::string cache_dir;
};

}  // namespace pagebake

#endif  // PAGEBAKE_DELIVERY_OPTIONS_H_
