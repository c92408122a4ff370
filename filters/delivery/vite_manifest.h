// `--manifest-format vite`: the build graph in the shape of Vite's `.vite/manifest.json`, for
// backend integrations and tools that already read that (Laravel/Rails/Django Vite helpers):
// an object keyed by source path (generated files: "_" + output file name, as Vite keys its
// shared chunks), each entry {file, src, name?, isEntry?, css?, imports?, assets?} where `file`
// is the output path, `css`/`assets` are output paths of the stylesheets / other files an entry
// loads, and `imports` are keys of the scripts it loads. Pages and DeliveryOptions entry points
// are entries (isEntry).
#ifndef PAGEBAKE_DELIVERY_VITE_MANIFEST_H_
#define PAGEBAKE_DELIVERY_VITE_MANIFEST_H_

#include <string>

#include "filters/core/site.h"

namespace pagebake::delivery {

// Where the lead writes it, relative to the output root (as Vite 5 does).
inline constexpr const char* kViteManifestPath = ".vite/manifest.json";

// The JSON text (2-space indented, keys in path order, trailing newline).
std::string ViteManifest(const Site& site);

}  // namespace pagebake::delivery

#endif  // PAGEBAKE_DELIVERY_VITE_MANIFEST_H_
