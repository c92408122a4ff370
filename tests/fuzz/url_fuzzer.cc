// The URL resolver: whatever the reference and the referring path, a local result is a
// root-relative path that cannot climb out of the root. Input: base path, NUL, URL.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "filters/core/url.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// No "..", no leading '/', no empty or "." segment, no NUL or backslash: a path that names a
// file under the root however it is joined to it.
bool SafeRootRelative(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  if (path.find('\0') != std::string_view::npos) return false;
  if (path.find('\\') != std::string_view::npos) return false;
  size_t start = 0;
  for (;;) {
    size_t slash = path.find('/', start);
    std::string_view seg = path.substr(start, slash == std::string_view::npos
                                                  ? std::string_view::npos
                                                  : slash - start);
    if (seg == ".." || seg == ".") return false;
    // A trailing '/' is not produced: directories are flagged, not spelled.
    if (seg.empty()) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  size_t nul = all.find('\0');
  std::string_view base = nul == std::string_view::npos ? "index.html" : all.substr(0, nul);
  std::string_view url = nul == std::string_view::npos ? all : all.substr(nul + 1);
  // The base is a path the scanner produced (already inside the root); normalize it the same
  // way first so the fuzzer does not report bases the pipeline never passes.
  std::string base_norm;
  if (!pagebake::NormalizePath(base, &base_norm) || !SafeRootRelative(base_norm)) return 0;

  pagebake::ResolvedUrl r = pagebake::ResolveUrl(base_norm, url, "https://example.com");
  if (r.kind == pagebake::UrlKind::kLocal) {
    // A directory reference resolves to the directory itself when it is the root: "" is the
    // root's own index, the only allowed non-segment path.
    if (!(r.directory && r.path.empty())) FUZZ_CHECK(SafeRootRelative(r.path));
    // The reference from the base back to the resolved file resolves to the same file.
    if (!r.path.empty() && r.path != base_norm) {
      std::string rel = pagebake::RelativeUrl(base_norm, r.path);
      pagebake::ResolvedUrl again = pagebake::ResolveUrl(base_norm, rel);
      FUZZ_CHECK(again.kind == pagebake::UrlKind::kLocal);
      FUZZ_CHECK(again.path == r.path);
    }
  }
  // NormalizePath alone (used on scanned paths) never climbs and never yields a rooted path.
  std::string norm;
  if (pagebake::NormalizePath(url, &norm)) {
    FUZZ_CHECK(norm.empty() || norm.front() != '/');
    FUZZ_CHECK(norm != ".." && norm.rfind("../", 0) != 0 &&
               norm.find("/../") == std::string::npos &&
               !(norm.size() >= 3 && norm.compare(norm.size() - 3, 3, "/..") == 0));
  }
  return 0;
}
