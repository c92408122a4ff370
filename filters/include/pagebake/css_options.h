// Options of the CSS filter family (filters/css). Owned by that family; config key "css".
#ifndef PAGEBAKE_CSS_OPTIONS_H_
#define PAGEBAKE_CSS_OPTIONS_H_

#include <cstdint>

namespace pagebake {

struct CssOptions {
  // Keep /*! ... */ comments (licences) found between rules and declarations. Default true;
  // false saves their bytes at the cost of dropping licence notices.
  bool keep_important_comments = true;
  // css-inline: inline external sheets at most this big after minification. Default 2048.
  uint64_t inline_max_bytes = 2048;
  // css-outline: move inline <style> at least this big to a file. Default 3000.
  uint64_t outline_min_bytes = 3000;
  // css-flatten-imports: give up when the flattened sheet would exceed this. Default 100 KiB.
  uint64_t flatten_max_bytes = 100 * 1024;
  // Write .map files (source maps v3) for external CSS. Default false. Not built yet: the
  // option is accepted and currently has no effect.
  bool source_maps = false;
};

}  // namespace pagebake

#endif  // PAGEBAKE_CSS_OPTIONS_H_
