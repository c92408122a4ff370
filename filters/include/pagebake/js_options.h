// Options of the JS filter family (filters/js). Owned by that family; config key "js".
#ifndef PAGEBAKE_JS_OPTIONS_H_
#define PAGEBAKE_JS_OPTIONS_H_

#include <cstdint>

namespace pagebake {

struct JsOptions {
  // js-minify: keep /*! */, //!, @license, @preserve and @cc_on comments. Default true:
  // licenses often require it; they cost a few hundred bytes per library.
  bool keep_license_comments = true;
  // js-inline: inline external scripts at most this big (bytes, after js-minify). Default 2048
  // (pagespeed's): bigger scripts are worth caching separately; smaller ones cost a request.
  uint64_t inline_max_bytes = 2048;
  // js-outline: move inline scripts at least this big (bytes) to a file. Default 3000: below
  // that the extra request costs more than what caching across pages saves.
  uint64_t outline_min_bytes = 3000;
  // js-combine: at most this many bytes per combined file. Default 90 KiB (pagespeed's):
  // larger bundles delay the first byte of every member and defeat partial caching.
  uint64_t combine_max_bytes = 90 * 1024;
  // js-minify: write a v3 source map beside each external script (`app.js.map`, original text
  // embedded) and point to it with `//# sourceMappingURL=`, replacing any such comment the
  // input had. Default false: maps double what is written and publish the unminified code.
  bool source_maps = false;
};

}  // namespace pagebake

#endif  // PAGEBAKE_JS_OPTIONS_H_
