// The resolver: document-relative, root-relative, ../, query/fragment, percent-encoding, and
// every way a reference might try to leave the root.
#include <catch2/catch.hpp>

#include "filters/core/url.h"

namespace pagebake {
namespace {

struct Row {
  const char* name;
  const char* base;
  const char* url;
  UrlKind kind;
  const char* path;    // for kLocal
  const char* suffix;  // for kLocal
};

const Row kRows[] = {
    {"sibling", "index.html", "a.css", UrlKind::kLocal, "a.css", ""},
    {"subdir", "index.html", "css/a.css", UrlKind::kLocal, "css/a.css", ""},
    {"from subdir", "docs/page.html", "img/x.png", UrlKind::kLocal, "docs/img/x.png", ""},
    {"parent", "docs/page.html", "../style.css", UrlKind::kLocal, "style.css", ""},
    {"dot segment", "docs/page.html", "./a/./b.png", UrlKind::kLocal, "docs/a/b.png", ""},
    {"root relative", "docs/a/page.html", "/css/site.css", UrlKind::kLocal, "css/site.css", ""},
    {"query kept", "index.html", "app.js?v=3", UrlKind::kLocal, "app.js", "?v=3"},
    {"fragment kept", "index.html", "a.svg#icon", UrlKind::kLocal, "a.svg", "#icon"},
    {"query and fragment", "index.html", "a.html?x=1#top", UrlKind::kLocal, "a.html", "?x=1#top"},
    {"percent space", "index.html", "my%20file.png", UrlKind::kLocal, "my file.png", ""},
    {"percent utf8", "index.html", "caf%C3%A9.png", UrlKind::kLocal, "caf\xC3\xA9.png", ""},
    {"raw utf8", "index.html", "caf\xC3\xA9.png", UrlKind::kLocal, "caf\xC3\xA9.png", ""},
    {"surrounding spaces", "index.html", "  a.css \n", UrlKind::kLocal, "a.css", ""},
    {"tab inside", "index.html", "a\t.css", UrlKind::kLocal, "a.css", ""},
    {"backslash is slash", "index.html", "img\\a.png", UrlKind::kLocal, "img/a.png", ""},
    {"directory", "index.html", "docs/", UrlKind::kLocal, "docs", ""},
    {"double slash inside", "index.html", "a//b.png", UrlKind::kLocal, "a/b.png", ""},
    {"dotdot inside stays in", "a/b/c.html", "../../x.png", UrlKind::kLocal, "x.png", ""},
    {"absolute file path is root-relative", "index.html", "/etc/passwd", UrlKind::kLocal, "etc/passwd", ""},
    {"same origin absolute", "index.html", "https://example.com/a.css", UrlKind::kLocal, "a.css", ""},
    {"same origin case", "index.html", "HTTPS://EXAMPLE.COM/a.css", UrlKind::kLocal, "a.css", ""},
    {"query only", "docs/p.html", "?page=2", UrlKind::kLocal, "docs/p.html", "?page=2"},
    // Leaving the root.
    {"traversal", "index.html", "../../etc/passwd", UrlKind::kOutsideRoot, "", ""},
    {"traversal from subdir", "docs/p.html", "../../../x", UrlKind::kOutsideRoot, "", ""},
    {"encoded dotdot", "index.html", "%2e%2e/%2e%2e/etc/passwd", UrlKind::kOutsideRoot, "", ""},
    {"mixed encoded dotdot", "index.html", ".%2E/secret", UrlKind::kOutsideRoot, "", ""},
    {"root relative traversal", "index.html", "/../x", UrlKind::kOutsideRoot, "", ""},
    {"backslash traversal", "index.html", "..\\..\\x", UrlKind::kOutsideRoot, "", ""},
    {"file url", "index.html", "file:///etc/passwd", UrlKind::kOutsideRoot, "", ""},
    {"FILE url upper", "index.html", "FILE:///etc/passwd", UrlKind::kOutsideRoot, "", ""},
    {"windows drive", "index.html", "C:/Windows/win.ini", UrlKind::kOutsideRoot, "", ""},
    {"encoded slash", "index.html", "a%2fb.png", UrlKind::kInvalid, "", ""},
    {"encoded backslash", "index.html", "..%5c..%5cx", UrlKind::kInvalid, "", ""},
    {"encoded nul", "index.html", "a%00.png", UrlKind::kInvalid, "", ""},
    {"bad escape", "index.html", "a%zz.png", UrlKind::kInvalid, "", ""},
    {"truncated escape", "index.html", "a%2", UrlKind::kInvalid, "", ""},
    // Not files of ours.
    {"http", "index.html", "http://cdn.example.org/x.js", UrlKind::kExternal, "", ""},
    {"protocol relative", "index.html", "//cdn.example.org/x.js", UrlKind::kExternal, "", ""},
    {"backslash protocol relative", "index.html", "\\\\evil.example/x", UrlKind::kExternal, "", ""},
    {"mailto", "index.html", "mailto:a@b.c", UrlKind::kExternal, "", ""},
    {"javascript", "index.html", "javascript:void(0)", UrlKind::kExternal, "", ""},
    {"other origin", "index.html", "https://example.com.evil.org/a.css", UrlKind::kExternal, "", ""},
    {"data", "index.html", "data:image/png;base64,AAAA", UrlKind::kData, "", ""},
    {"fragment only", "index.html", "#top", UrlKind::kFragmentOnly, "", ""},
    {"empty", "index.html", "", UrlKind::kFragmentOnly, "", ""},
};

TEST_CASE("ResolveUrl table") {
  for (const Row& row : kRows) {
    DYNAMIC_SECTION(row.name) {
      ResolvedUrl r = ResolveUrl(row.base, row.url, "https://example.com");
      CHECK(int(r.kind) == int(row.kind));
      if (row.kind == UrlKind::kLocal) {
        CHECK(r.path == row.path);
        CHECK(r.suffix == row.suffix);
      }
      // Whatever the input, a local result never climbs out.
      CHECK(r.path.find("..") == std::string::npos);
      CHECK((r.path.empty() || r.path[0] != '/'));
    }
  }
}

TEST_CASE("ResolveUrl with NUL byte is invalid") {
  std::string url("a\0b.png", 7);
  CHECK(ResolveUrl("index.html", url).kind == UrlKind::kInvalid);
}

TEST_CASE("RelativeUrl") {
  struct R { const char* from; const char* to; const char* want; };
  const R rows[] = {
      {"index.html", "a.css", "a.css"},
      {"index.html", "css/a.css", "css/a.css"},
      {"docs/p.html", "css/a.css", "../css/a.css"},
      {"docs/a/p.html", "docs/b/x.png", "../b/x.png"},
      {"docs/p.html", "docs/x.png", "x.png"},
      {"a/b/c/p.html", "x.png", "../../../x.png"},
      {"index.html", "my file.png", "my%20file.png"},
      {"index.html", "a#b.png", "a%23b.png"},
      {"index.html", "a?b.png", "a%3Fb.png"},
      {"index.html", "c:x.png", "./c:x.png"},
  };
  for (const R& r : rows) {
    DYNAMIC_SECTION(r.from << " -> " << r.to) {
      std::string rel = RelativeUrl(r.from, r.to);
      CHECK(rel == r.want);
      // And it resolves back to the target.
      ResolvedUrl back = ResolveUrl(r.from, rel);
      CHECK(back.kind == UrlKind::kLocal);
      CHECK(back.path == r.to);
    }
  }
}

}  // namespace
}  // namespace pagebake
