// Options of the JS filter family (filters/js). Owned by that family; config key "js".
#ifndef PAGEBAKE_JS_OPTIONS_H_
#define PAGEBAKE_JS_OPTIONS_H_

#include <cstdint>

namespace pagebake {

struct JsOptions {
  // Keep /*! */, @license and @preserve comments. Default true.
  bool keep_license_comments = true;
  // js-inline: inline external scripts at most this big after minification. Default 2048.
  uint64_t inline_max_bytes = 2048;
  // js-outline: move inline scripts at least this big to a file. Default 3000.
  uint64_t outline_min_bytes = 3000;
  // js-combine: at most this many bytes per combined file. Default 90 KiB.
  uint64_t combine_max_bytes = 90 * 1024;
  // Write .map files (source maps v3) for external JS.
  bool source_maps = false;
};

}  // namespace pagebake

#endif  // PAGEBAKE_JS_OPTIONS_H_
