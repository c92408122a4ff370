// css-combine and css-outline on small sites held in memory: rows compare the page and the
// generated files, with each content hash checked against the file's bytes and then written
// as "H" so the rows stay readable.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/hash.h"
#include "filters/core/site.h"
#include "filters/css/css_filters.h"
#include "filters/html/document.h"

namespace pagebake::css {
namespace {

struct Fixture {
  Options options;
  Site site{"/nonexistent"};
  DiagnosticSink diagnostics;

  void Add(std::string path, std::string bytes, std::string output_path = {}) {
    Resource r;
    r.path = std::move(path);
    r.output_path = output_path.empty() ? r.path : std::move(output_path);
    r.type = ContentTypeFromPath(r.path);
    r.bytes = std::move(bytes);
    site.Add(std::move(r));
  }
  std::string Run(std::string_view id, const std::string& path, const std::string& html,
                  uint64_t* rewrites = nullptr) {
    if (!site.Find(path)) Add(path, html);
    const FilterInfo* info = FindFilter(id);
    REQUIRE(info);
    auto f = CreateFilter(*info, options);
    REQUIRE(f);
    auto doc = html::Document::Parse(html);
    FilterContext ctx(options, &site, site.Find(path), &diagnostics, id);
    REQUIRE(f->RewriteHtml(ctx, *doc).ok());
    if (rewrites) *rewrites = ctx.counters().rewrites;
    return Unhash(doc->Serialize());
  }
  // Generated files by path (hash written as H), after checking each hash names its bytes.
  std::map<std::string, std::string> Generated() {
    std::map<std::string, std::string> out;
    for (const Resource* r : site.All()) {
      if (!r->generated) continue;
      std::smatch m;
      REQUIRE(std::regex_search(r->path, m, std::regex(R"(\.([0-9a-f]{10})\.css$)")));
      CHECK(m[1].str() == Sha256Hex(r->bytes).substr(0, 10));
      CHECK(r->type == ContentType::kCss);
      out[Unhash(r->path)] = r->bytes;
    }
    return out;
  }
  static std::string Unhash(const std::string& s) {
    return std::regex_replace(s, std::regex(R"(\.[0-9a-f]{10}\.css)"), ".H.css");
  }
};

struct Row {
  const char* name;
  std::string html;
  std::string want;                             // empty: unchanged
  std::map<std::string, std::string> files;     // generated files expected
};

void CheckRows(const std::vector<Row>& rows, std::string_view id,
               void (*setup)(Fixture&), const std::string& page = "index.html") {
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Fixture f;
      setup(f);
      uint64_t rewrites = 0;
      const std::string got = f.Run(id, page, row.html, &rewrites);
      CHECK(got == (row.want.empty() ? row.html : row.want));
      CHECK(f.Generated() == row.files);
      CHECK((rewrites > 0) == !row.want.empty());
    }
  }
}

void CombineSite(Fixture& f) {
  f.Add("img/x.png", "png");
  f.Add("sub/x.png", "png");
  f.Add("css/a.css", "a{b:url(../img/x.png)}");
  f.Add("sub/b.css", "b{c:url(x.png)}");
  f.Add("css/c.css", "c{d:e}");
  f.Add("css/imp.css", "@import url(a.css);i{j:k}");
  f.Add("css/charset.css", "@charset \"utf-8\";s{t:u}");
  f.Add("css/open.css", "o{p:q");
  f.Add("css/tail.css", "t{}u");
  f.Add("css/empty.css", "");
  f.Add("css/comment.css", "v{w:x}/* unterminated");
}

TEST_CASE("css-combine", "[css][html]") {
  const std::string ab = "a{b:url(../img/x.png)}b{c:url(../sub/x.png)}";
  const std::vector<Row> rows = {
      {"two adjacent, urls re-based to the first sheet's directory",
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet href=sub/b.css>",
       "<link rel=stylesheet href=css/combined.H.css>", {{"css/combined.H.css", ab}}},
      {"whitespace and plain comments between",
       "<head>\n <link rel=stylesheet href=css/a.css>\n <!-- x -->\n"
       " <link rel=stylesheet href=sub/b.css>\n <link rel=stylesheet href=css/c.css>\n</head>",
       "<head>\n <link rel=stylesheet href=css/combined.H.css>\n <!-- x -->\n</head>",
       {{"css/combined.H.css", ab + "c{d:e}"}}},
      {"same media, quoted, case and spacing aside",
       "<link rel=stylesheet href=css/a.css media=\"Print\"><link rel=stylesheet "
       "href=sub/b.css media=\" print \">",
       "<link rel=stylesheet href=css/combined.H.css media=\"Print\">",
       {{"css/combined.H.css", ab}}},
      {"media all equals no media",
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet href=sub/b.css media=all>",
       "<link rel=stylesheet href=css/combined.H.css>", {{"css/combined.H.css", ab}}},
      {"type text/css allowed",
       "<link rel=stylesheet type=text/css href=css/a.css><link rel=stylesheet href=sub/b.css>",
       "<link rel=stylesheet type=text/css href=css/combined.H.css>",
       {{"css/combined.H.css", ab}}},
      {"the same sheet twice keeps both copies (cascade order)",
       "<link rel=stylesheet href=css/c.css><link rel=stylesheet href=css/c.css>",
       "<link rel=stylesheet href=css/combined.H.css>", {{"css/combined.H.css", "c{d:e}c{d:e}"}}},
      {"different media: barrier",
       "<link rel=stylesheet href=css/a.css media=print><link rel=stylesheet href=sub/b.css>",
       "", {}},
      {"media change starts a new group",
       "<link rel=stylesheet href=css/c.css media=print><link rel=stylesheet href=css/a.css>"
       "<link rel=stylesheet href=sub/b.css>",
       "<link rel=stylesheet href=css/c.css media=print>"
       "<link rel=stylesheet href=css/combined.H.css>",
       {{"css/combined.H.css", ab}}},
      {"@import in a later sheet: barrier, but it may start a group",
       "<link rel=stylesheet href=css/c.css><link rel=stylesheet href=css/imp.css>"
       "<link rel=stylesheet href=css/c.css>",
       "<link rel=stylesheet href=css/c.css><link rel=stylesheet href=css/combined.H.css>",
       {{"css/combined.H.css", "@import url(a.css);i{j:k}c{d:e}"}}},
      {"@charset only first",
       "<link rel=stylesheet href=css/c.css><link rel=stylesheet href=css/charset.css>", "", {}},
      {"@charset first is fine",
       "<link rel=stylesheet href=css/charset.css><link rel=stylesheet href=css/c.css>",
       "<link rel=stylesheet href=css/combined.H.css>",
       {{"css/combined.H.css", "@charset \"utf-8\";s{t:u}c{d:e}"}}},
      {"conditional comment: barrier",
       "<link rel=stylesheet href=css/a.css><!--[if IE]><p><![endif]-->"
       "<link rel=stylesheet href=sub/b.css>",
       "", {}},
      {"script between: barrier",
       "<link rel=stylesheet href=css/a.css><script>x()</script>"
       "<link rel=stylesheet href=sub/b.css>",
       "", {}},
      {"text between: barrier",
       "<body><link rel=stylesheet href=css/a.css>x<link rel=stylesheet href=sub/b.css>", "", {}},
      {"id attribute: not a member",
       "<link rel=stylesheet href=css/a.css><link id=t rel=stylesheet href=sub/b.css>", "", {}},
      {"title: not a member (style sets)",
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet title=t href=sub/b.css>", "",
       {}},
      {"integrity: not a member",
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet href=sub/b.css integrity=x>",
       "", {}},
      {"alternate: not a member",
       "<link rel=stylesheet href=css/a.css><link rel=\"alternate stylesheet\" href=sub/b.css>",
       "", {}},
      {"other type: not a member",
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet type=text/less href=sub/b.css>",
       "", {}},
      {"external: not a member",
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet href=https://cdn.example/b.css>",
       "", {}},
      {"missing: not a member",
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet href=css/missing.css>", "", {}},
      {"unclosed block would swallow the next sheet",
       "<link rel=stylesheet href=css/open.css><link rel=stylesheet href=css/c.css>", "", {}},
      {"unfinished last rule would join the next selector",
       "<link rel=stylesheet href=css/tail.css><link rel=stylesheet href=css/c.css>", "", {}},
      {"unterminated comment would hide the next sheet",
       "<link rel=stylesheet href=css/comment.css><link rel=stylesheet href=css/c.css>", "", {}},
      {"empty sheet joins",
       "<link rel=stylesheet href=css/empty.css><link rel=stylesheet href=css/c.css>",
       "<link rel=stylesheet href=css/combined.H.css>", {{"css/combined.H.css", "c{d:e}"}}},
      {"a single sheet stays", "<link rel=stylesheet href=css/a.css>", "", {}},
      {"base href: page left alone",
       "<base href=/x/><link rel=stylesheet href=css/a.css><link rel=stylesheet href=sub/b.css>",
       "", {}},
      {"inside template: left alone",
       "<template><link rel=stylesheet href=css/a.css><link rel=stylesheet href=sub/b.css>"
       "</template>",
       "", {}},
      {"two groups with the same content share one file",
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet href=sub/b.css><script></script>"
       "<link rel=stylesheet href=css/a.css><link rel=stylesheet href=sub/b.css>",
       "<link rel=stylesheet href=css/combined.H.css><script></script>"
       "<link rel=stylesheet href=css/combined.H.css>",
       {{"css/combined.H.css", ab}}},
  };
  CheckRows(rows, "css-combine", CombineSite);
}

TEST_CASE("css-combine: pages in other directories share the file", "[css][html]") {
  Fixture f;
  CombineSite(f);
  const std::string links =
      "<link rel=stylesheet href=/css/a.css><link rel=stylesheet href=/sub/b.css>";
  CHECK(f.Run("css-combine", "index.html", links) ==
        "<link rel=stylesheet href=css/combined.H.css>");
  CHECK(f.Run("css-combine", "docs/deep/page.html", links) ==
        "<link rel=stylesheet href=../../css/combined.H.css>");
  CHECK(f.Generated().size() == 1);
}

void OutlineSite(Fixture& f) {
  f.options.css.outline_min_bytes = 10;
  f.Add("img/r.png", "png", "img/r.0123abcd.png");  // renamed by cache extension
}

TEST_CASE("css-outline", "[css][html]") {
  const std::string big = "a{b:url(x.png)}";
  const std::vector<Row> rows = {
      {"large block moved beside the page", "<head><style>" + big + "</style></head>",
       "<head><link rel=\"stylesheet\" href=\"style.H.css\"></head>", {{"style.H.css", big}}},
      {"urls point at renamed targets", "<style>a{b:url(img/r.png?v#f)}</style>",
       "<link rel=\"stylesheet\" href=\"style.H.css\">",
       {{"style.H.css", "a{b:url(img/r.0123abcd.png?v#f)}"}}},
      {"media kept", "<style media=print>" + big + "</style>",
       "<link rel=\"stylesheet\" href=\"style.H.css\" media=\"print\">", {{"style.H.css", big}}},
      {"type text/css allowed", "<style type=\"text/css\">" + big + "</style>",
       "<link rel=\"stylesheet\" href=\"style.H.css\">", {{"style.H.css", big}}},
      {"same block twice: one file",
       "<style>" + big + "</style><p><style>" + big + "</style>",
       "<link rel=\"stylesheet\" href=\"style.H.css\"><p><link rel=\"stylesheet\" "
       "href=\"style.H.css\">",
       {{"style.H.css", big}}},
      {"small block stays", "<style>a{b:c}</style>", "", {}},
      {"nonce stays (CSP)", "<style nonce=n>" + big + "</style>", "", {}},
      {"title stays (style sets)", "<style title=t>" + big + "</style>", "", {}},
      {"id stays (scripts may use it)", "<style id=s>" + big + "</style>", "", {}},
      {"scoped stays", "<style scoped>" + big + "</style>", "", {}},
      {"other type stays", "<style type=text/less>" + big + "</style>", "", {}},
      {"@charset stays", "<style>@charset \"utf-8\";" + big + "</style>", "", {}},
      {"template stays", "<template><style>" + big + "</style></template>", "", {}},
      {"svg style stays", "<svg><style>" + big + "</style></svg>", "", {}},
      {"base href: page left alone", "<base href=/x/><style>" + big + "</style>", "", {}},
      {"empty style stays", "<style></style>", "", {}},
  };
  CheckRows(rows, "css-outline", OutlineSite);
}

TEST_CASE("css-outline: the file sits in the page's directory", "[css][html]") {
  Fixture f;
  f.options.css.outline_min_bytes = 10;
  CHECK(f.Run("css-outline", "docs/page.html", "<style>a{b:url(x.png)}</style>") ==
        "<link rel=\"stylesheet\" href=\"style.H.css\">");
  CHECK(f.Generated() == std::map<std::string, std::string>{{"docs/style.H.css", "a{b:url(x.png)}"}});
}

}  // namespace
}  // namespace pagebake::css
