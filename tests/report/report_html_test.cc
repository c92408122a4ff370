// The HTML report, read back with gumbo (the spec-conformant parser) rather than by string
// search, so a broken escape or an unclosed element shows up as a wrong tree.
#include <gumbo.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "pagebake/report_html.h"

namespace pagebake {
namespace {

constexpr char kHostile[] = "<img src=x onerror=alert(1)>&\"'";

// SVG elements such as <circle> are GUMBO_TAG_UNKNOWN: their name is in the original text.
std::string TagName(const GumboNode* n) {
  if (n->v.element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n->v.element.tag);
  // Read "<name ...>" ourselves: gumbo_tag_from_original_text asserts on parser-inserted nodes.
  const GumboStringPiece& piece = n->v.element.original_tag;
  std::string name;
  if (piece.length == 0 || piece.data[0] != '<') return name;
  for (size_t i = 1; i < piece.length; ++i) {
    const char c = piece.data[i];
    if (c == '>' || c == '/' || std::isspace(static_cast<unsigned char>(c))) break;
    name += c;
  }
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

struct Doc {
  // Gumbo's nodes point into the text (original_tag): the Doc keeps its own copy (a temporary
  // argument was freed while the nodes still pointed into it; found by ASan).
  explicit Doc(std::string html)
      : text(std::move(html)),
        out(gumbo_parse_with_options(&kGumboDefaultOptions, text.data(), text.size())) {}
  ~Doc() { gumbo_destroy_output(&kGumboDefaultOptions, out); }
  Doc(const Doc&) = delete;
  Doc& operator=(const Doc&) = delete;

  // Every element in document order, by an explicit stack (no recursion on nesting depth).
  std::vector<const GumboNode*> Elements() const {
    std::vector<const GumboNode*> all, stack{out->root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      all.push_back(n);
      const GumboVector& c = n->v.element.children;
      for (unsigned i = c.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(c.data[i]));
    }
    return all;
  }
  std::vector<const GumboNode*> ByTag(const char* tag) const {
    std::vector<const GumboNode*> r;
    for (const GumboNode* n : Elements()) {
      if (TagName(n) == tag) r.push_back(n);
    }
    return r;
  }
  const GumboNode* ById(const char* id) const {
    for (const GumboNode* n : Elements()) {
      const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, "id");
      if (a && std::strcmp(a->value, id) == 0) return n;
    }
    return nullptr;
  }
  std::string text;
  GumboOutput* out;
};

std::string Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : "";
}

std::string Text(const GumboNode* n) {
  std::string s;
  std::vector<const GumboNode*> stack{n};
  while (!stack.empty()) {
    const GumboNode* x = stack.back();
    stack.pop_back();
    if (x->type == GUMBO_NODE_TEXT) s += x->v.text.text;
    if (x->type != GUMBO_NODE_ELEMENT) continue;
    const GumboVector& c = x->v.element.children;
    for (unsigned i = c.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(c.data[i]));
  }
  return s;
}

std::vector<const GumboNode*> Children(const GumboNode* n, GumboTag tag) {
  std::vector<const GumboNode*> r;
  const GumboVector& c = n->v.element.children;
  for (unsigned i = 0; i < c.length; ++i) {
    auto* k = static_cast<const GumboNode*>(c.data[i]);
    if (k->type == GUMBO_NODE_ELEMENT && k->v.element.tag == tag) r.push_back(k);
  }
  return r;
}

// The rows of a table's tbody.
std::vector<const GumboNode*> BodyRows(const GumboNode* table) {
  for (const GumboNode* b : Children(table, GUMBO_TAG_TBODY)) return Children(b, GUMBO_TAG_TR);
  return {};
}

ReportRow Row(std::string name, std::string kind, int64_t wall_ms, uint64_t in, uint64_t out) {
  ReportRow r;
  r.name = std::move(name);
  r.kind = std::move(kind);
  r.invocations = r.files = 2;
  r.cost.wall_ns = wall_ms * 1000000;
  r.cost.cpu_user_ns = wall_ms * 500000;
  r.cost.syscalls = wall_ms * 10;
  r.bytes_in = in;
  r.bytes_out = out;
  return r;
}

OutputFile Out(std::string path, std::string type, uint64_t bytes,
               std::vector<std::string> loads = {}) {
  OutputFile f;
  f.path = std::move(path);
  f.source = f.path;
  f.content_type = std::move(type);
  f.bytes = bytes;
  f.loads = std::move(loads);
  return f;
}

Report Sample() {
  Report r;
  r.tool_version = "0.1.0";
  r.level = "core";
  r.filters = {"css-minify", "js-minify", kHostile};
  r.jobs = 2;
  r.io = "read";
  r.process.wall_ns = 900000000;
  r.rows.push_back(Row("css-minify", "filter", 40, 10000, 6000));
  r.rows.push_back(Row("js-minify", "filter", 100, 20000, 12000));
  r.rows.push_back(Row("html-grow", "filter", 5, 1000, 1500));  // made its output larger
  r.rows.push_back(Row(kHostile, "stage", 0, 0, 0));
  r.rows.push_back(Row("scan", "stage", 20, 0, 0));
  r.outputs.push_back(Out("index.html", "text/html; charset=utf-8", 1000,
                          {"app.css", "app.js", "logo.png", "missing.css"}));
  r.outputs.push_back(Out("about.html", "text/html", 500, {"app.css"}));
  r.outputs.push_back(Out("app.css", "text/css", 6000));
  r.outputs.push_back(Out("app.js", "text/javascript", 12000));
  r.outputs.push_back(Out("logo.png", "image/png", 3000));
  Diagnostic d;
  d.path = "a</li><script>x()</script>.css";
  d.line = 3;
  d.col = 4;
  d.message = kHostile;
  r.diagnostics.push_back(d);
  return r;
}

TEST_CASE("report html: self-contained, escaped, one script", "[report]") {
  const std::string html = ReportToHtml(Sample());
  Doc doc(html);
  // Only our own sorting script: no hostile string became markup.
  REQUIRE(doc.ByTag("script").size() == 1);
  CHECK(Attr(doc.ByTag("script")[0], "src").empty());
  CHECK(doc.ByTag("img").empty());
  CHECK(doc.ByTag("link").empty());
  for (const GumboNode* n : doc.Elements()) {
    // Nothing to fetch: no element points at another resource.
    CHECK(Attr(n, "src").empty());
    CHECK(Attr(n, "href").empty());
    CHECK(Attr(n, "onerror").empty());
  }
  // The hostile strings survive as text.
  const GumboNode* table = doc.ById("cost-table");
  REQUIRE(table);
  bool found = false;
  for (const GumboNode* tr : BodyRows(table))
    found = found || Text(Children(tr, GUMBO_TAG_TD)[0]) == kHostile;
  CHECK(found);
  const GumboNode* diags = doc.ById("diagnostics");
  REQUIRE(diags);
  CHECK(Text(diags).find("a</li><script>x()</script>.css:3:4") != std::string::npos);
  CHECK(html == ReportToHtml(Sample()));  // deterministic
}

TEST_CASE("report html: cost table has one row per report row, sort keys numeric", "[report]") {
  const Report r = Sample();
  Doc doc(ReportToHtml(r));
  const GumboNode* table = doc.ById("cost-table");
  REQUIRE(table);
  const auto rows = BodyRows(table);
  REQUIRE(rows.size() == r.rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    DYNAMIC_SECTION("row " << r.rows[i].name) {
      const auto cells = Children(rows[i], GUMBO_TAG_TD);
      REQUIRE(cells.size() == 16);
      CHECK(Text(cells[0]) == r.rows[i].name);
      CHECK(Attr(cells[4], "data-v") == std::to_string(r.rows[i].cost.wall_ns));
      CHECK(Attr(cells[6], "data-v") == std::to_string(*r.rows[i].cost.syscalls));
    }
  }
  // Headers carry the keys the script (and the #sort= hash) use; numeric ones say so.
  const auto heads = doc.ByTag("th");
  bool wall_numeric = false;
  for (const GumboNode* th : heads)
    if (Attr(th, "data-key") == "wall") wall_numeric = Attr(th, "class") == "num";
  CHECK(wall_numeric);
}

TEST_CASE("report html: unmeasured syscalls shown as '-' and charted from io", "[report]") {
  Report r = Sample();
  r.rows[1].cost.syscalls.reset();
  r.rows[1].cost.syscr = 7;
  const std::string html = ReportToHtml(r);
  Doc doc(html);
  const auto cells = Children(BodyRows(doc.ById("cost-table"))[1], GUMBO_TAG_TD);
  CHECK(Text(cells[6]) == "-");
  CHECK(Attr(cells[6], "data-v") == "-1");
  CHECK(html.find("Read/write-class syscalls") != std::string::npos);
}

TEST_CASE("report html: bars scale to the largest value", "[report]") {
  Doc doc(ReportToHtml(Sample()));
  // The first chart is wall time, rows by wall descending: js-minify (100 ms) gets the full
  // 410 px, css-minify (40 ms) 40% of it, the 0 ms row nothing.
  std::vector<std::string> widths;
  for (const GumboNode* svg : doc.ByTag("svg")) {
    for (const GumboNode* n : doc.Elements())
      if (n->parent == svg && Attr(n, "class") == "bar") widths.push_back(Attr(n, "width"));
    break;
  }
  REQUIRE(widths.size() == 5);
  CHECK(widths[0] == "410.0");
  CHECK(widths[1] == "164.0");
  CHECK(widths[4] == "0.0");
}

TEST_CASE("report html: cost vs benefit marks a filter that grew its output", "[report]") {
  Doc doc(ReportToHtml(Sample()));
  const GumboNode* benefit = doc.ById("benefit");
  REQUIRE(benefit);
  int red = 0, green = 0;
  for (const GumboNode* c : doc.ByTag("circle")) {
    const std::string fill = Attr(c, "fill");
    const std::string title = Text(c);
    if (title.rfind("html-grow", 0) == 0) CHECK(fill == "#c0392b");
    red += fill == "#c0392b";
    green += fill == "#2e7d32";
  }
  CHECK(red == 1);
  CHECK(green == 2);  // stages are not points
}

TEST_CASE("report html: page weight by type", "[report]") {
  Doc doc(ReportToHtml(Sample()));
  const GumboNode* table = doc.ById("page-table");
  REQUIRE(table);
  const auto rows = BodyRows(table);
  REQUIRE(rows.size() == 2);  // the two pages; css/js/png are not pages
  // Heaviest first: index.html = 1000 html + 6000 css + 12000 js + 3000 image.
  const auto cells = Children(rows[0], GUMBO_TAG_TD);
  REQUIRE(cells.size() == 10);
  CHECK(Text(cells[0]) == "index.html");
  CHECK(Attr(cells[1], "data-v") == "4");  // the page + 3 resources in the output
  CHECK(Attr(cells[2], "data-v") == "1000");
  CHECK(Attr(cells[3], "data-v") == "6000");
  CHECK(Attr(cells[4], "data-v") == "12000");
  CHECK(Attr(cells[5], "data-v") == "3000");
  CHECK(Attr(cells[8], "data-v") == "22000");
  CHECK(Attr(cells[9], "data-v") == "1");  // missing.css
  CHECK(Text(Children(rows[1], GUMBO_TAG_TD)[0]) == "about.html");
}

TEST_CASE("report html: syscall breakdown only with syscalls_by_name", "[report]") {
  Report r = Sample();
  CHECK(ReportToHtml(r).find("id=\"syscalls\"") == std::string::npos);
  r.exact = true;
  r.rows[0].syscalls_by_name = {{"read", 30}, {"openat", 10}};
  r.rows[1].syscalls_by_name = {{"read", 5}, {"mmap", 2}};
  Doc doc(ReportToHtml(r));
  const GumboNode* table = doc.ById("syscall-table");
  REQUIRE(table);
  const auto rows = BodyRows(table);
  REQUIRE(rows.size() == 2);
  // Columns by total count: read (35), openat (10), mmap (2); then total.
  std::vector<std::string> head;
  for (const GumboNode* th : doc.ByTag("th"))
    if (th->parent->parent->parent == table) head.push_back(Text(th));
  CHECK(head == std::vector<std::string>{"filter / stage", "read", "openat", "mmap", "total"});
  // Rows by wall time: js-minify (100 ms) first.
  const auto js = Children(rows[0], GUMBO_TAG_TD);
  CHECK(Text(js[0]) == "js-minify");
  CHECK(Text(js[1]) == "5");
  CHECK(Text(js[2]) == "0");
  CHECK(Text(js[4]) == "7");
}

TEST_CASE("report html: an empty report still renders", "[report]") {
  Report r;
  const std::string html = ReportToHtml(r);
  Doc doc(html);
  CHECK(doc.ById("cost-table"));
  CHECK(BodyRows(doc.ById("cost-table")).empty());
  CHECK(html.find("No filter ran.") != std::string::npos);
  CHECK(html.find("No pages in the output.") != std::string::npos);
}

}  // namespace
}  // namespace pagebake
