// URL resolution against the site root. A reference written in a document is resolved the way
// a browser would resolve it against that document's URL — document-relative, root-relative
// (/x), ../, ?query and #fragment, percent-encoding — and then mapped to a root-relative file
// path. A reference can never resolve outside the root: `..` above the root, %2e%2e, encoded
// slashes, backslashes, NUL, absolute file paths and file: URLs are refused, not clamped.
#ifndef PAGEBAKE_CORE_URL_H_
#define PAGEBAKE_CORE_URL_H_

#include <string>
#include <string_view>

namespace pagebake {

enum class UrlKind {
  kLocal,         // a file inside the root: `path` is set
  kExternal,      // another origin (scheme://, //host, mailto:, javascript:, ...): left alone
  kData,          // data: URI
  kFragmentOnly,  // "#top" or "": refers to the document itself
  kOutsideRoot,   // would leave the root (or names a file outside it): refused, never read
  kInvalid,       // cannot be a file reference (NUL, encoded slash, bad escape)
};

struct ResolvedUrl {
  UrlKind kind = UrlKind::kInvalid;
  std::string path;    // root-relative, '/'-separated, decoded, no leading '/'; kLocal only
  std::string suffix;  // "?query#fragment" exactly as written; kLocal only
  bool directory = false;  // the URL ended in '/' (path then names its index.html)
};

// `base_path` is the root-relative path of the referring document ("docs/a/page.html").
// `site_origin` ("https://example.com", may be empty) lets absolute same-origin URLs resolve
// locally.
ResolvedUrl ResolveUrl(std::string_view base_path, std::string_view url,
                       std::string_view site_origin = {});

// The shortest relative reference from the document at `from_path` to the file `to_path`
// (both root-relative): "../img/a.png". Percent-encodes what must be encoded.
std::string RelativeUrl(std::string_view from_path, std::string_view to_path);

// Normalizes a root-relative path: resolves "." and "..", collapses "//". Returns false when
// ".." would climb above the root.
bool NormalizePath(std::string_view in, std::string* out);

// Percent-decodes; false on a malformed escape, an encoded '/', '\\' or NUL.
bool PercentDecodePath(std::string_view in, std::string* out);
std::string PercentEncodePath(std::string_view path);

// A URL rewritten to name `target_path` (root-relative, '/'-separated) in the form the author
// wrote `written` in: root-relative stays root-relative and absolute keeps its origin (pretty
// URLs and pages loaded from elsewhere break on a relative rewrite), both with `suffix`
// (?query#fragment) appended; any other form becomes `relative`, which the caller computed
// (suffix included). Leading HTML whitespace in `written` is ignored.
std::string UrlInWrittenForm(std::string_view written, std::string_view target_path,
                             std::string_view suffix, std::string relative);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_URL_H_
