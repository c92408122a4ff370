// The document layer: lossless round trip, tree shape (context), edits and serialization.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "filters/html/document.h"

namespace pagebake::html {
namespace {

struct RoundTripRow {
  const char* name;
  const char* html;
};

// Every row must come back byte for byte, whatever it is.
const RoundTripRow kRoundTrip[] = {
    {"empty", ""},
    {"plain text", "hello world"},
    {"simple page", "<!DOCTYPE html><html><head><title>x</title></head><body><p>a</p></body></html>"},
    {"unquoted and mixed quotes", "<a href=x title='y' data-z=\"w\" checked>t</a>"},
    {"attribute without space after quote", "<a b=\"1\"c='2'd=3>"},
    {"uppercase tags", "<DIV CLASS=A><P>x</DIV>"},
    {"lone less-than", "a < b <= c <3 <"},
    {"cut-off start tag", "<div class=\"a"},
    {"cut-off end tag", "<p>x</p"},
    {"cut-off comment", "<p><!-- never closed"},
    {"empty end tag", "a</>b"},
    {"bogus end tag", "a</ x>b</1>"},
    {"processing instruction", "<?xml version=\"1.0\"?><r/>"},
    {"abrupt comments", "<!--><!---><!---->"},
    {"comment bang close", "<!-- a --!>b"},
    {"cdata outside foreign", "<![CDATA[ x ]]>y"},
    {"cdata in svg", "<svg><![CDATA[ <a> ]]></svg>"},
    {"script with tags", "<script>if (a < b) document.write('<p>x</p>')</script>"},
    {"script escaped", "<script><!-- <script> </script> --></script>x"},
    {"script unterminated", "<script>var a = 1;"},
    {"style with markup-like text", "<style>a > b { content: '</p>' }</style>"},
    {"textarea rcdata", "<textarea><b>&amp;</textarea>"},
    {"title rcdata", "<title>a <b> c</title>"},
    {"plaintext", "<plaintext><p>anything</p></plaintext>"},
    {"nul bytes", "(replaced by the test: NUL bytes)"},
    {"invalid utf-8", "\xff\xfe<p>\xc3</p>"},
    {"crlf", "<p>\r\n a\r b</p>\r\n"},
    {"stray end tags", "</div></body></html>x</p>"},
    {"self closing in html", "<div/>x<br/><br />"},
    {"doctype variants", "<!doctype html><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">"},
    {"misnested", "<b><i>x</b>y</i><p><div>z</p></div>"},
    {"table", "<table><tr><td>a<td>b<tr><td>c</table>"},
    {"lists", "<ul><li>a<li>b<ul><li>c</ul></ul>"},
    {"template", "<template><tr><td>x</td></tr></template>"},
    {"math", "<math><mi>x</mi><annotation-xml encoding=text/html><p>y</p></annotation-xml></math>"},
};

TEST_CASE("round trip is byte exact", "[document]") {
  for (const RoundTripRow& row : kRoundTrip) {
    DYNAMIC_SECTION(row.name) {
      std::string in = row.html;
      if (std::string(row.name) == "nul bytes") in.assign("a\0b<p\0>c", 8);
      auto doc = Document::Parse(in);
      CHECK(doc->Serialize() == in);
      CHECK_FALSE(doc->modified());
      // Force the slow path: mark modified without changing anything.
      doc->MarkModified();
      CHECK(doc->Serialize() == in);
    }
  }
}

// The parent chain of the first text node containing `needle`, as "tag>tag>...".
std::string PathTo(const Document& doc, std::string_view needle) {
  for (NodeId id = doc.NextInOrder(doc.root()); id != kNoNode; id = doc.NextInOrder(id)) {
    if (doc.type(id) != NodeType::kText) continue;
    if (doc.RawText(id).find(needle) == std::string_view::npos) continue;
    std::vector<std::string> names;
    for (NodeId p = doc.parent(id); p != doc.root(); p = doc.parent(p))
      names.emplace_back(doc.node(p).name);
    std::string out;
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
      if (!out.empty()) out += '>';
      out += *it;
    }
    return out;
  }
  return "(not found)";
}

struct ContextRow {
  const char* name;
  const char* html;
  const char* needle;
  const char* want_path;
};

const ContextRow kContext[] = {
    {"p closes p", "<p>a<p>NEEDLE", "NEEDLE", "p"},
    {"div closes p", "<p>a<div>NEEDLE</div>", "NEEDLE", "div"},
    {"li closes li", "<ul><li>a<li>NEEDLE</ul>", "NEEDLE", "ul>li"},
    {"pre inside p", "<p><pre>NEEDLE</pre>", "NEEDLE", "pre"},
    {"misnested b keeps pre open", "<b><pre>x</b>NEEDLE</pre>", "NEEDLE", "b>pre"},
    {"end tag of span inside pre", "<pre><span>x</span>NEEDLE</pre>", "NEEDLE", "pre"},
    {"text after pre", "<pre>x</pre>NEEDLE", "NEEDLE", ""},
    {"div end closes inline", "<div><span>x</div>NEEDLE", "NEEDLE", ""},
    {"script content is raw", "<script><p>NEEDLE</p></script>", "NEEDLE", "script"},
    {"svg style is not raw", "<svg><style><g>NEEDLE</g></style></svg>", "NEEDLE", "svg>style>g"},
    {"foreignObject is html", "<svg><foreignObject><style>NEEDLE</style></foreignObject></svg>",
     "NEEDLE", "svg>foreignObject>style"},
    {"div breaks out of svg", "<svg><g><div>NEEDLE</div></g></svg>", "NEEDLE", "div"},
    {"td closes td", "<table><tr><td>a<td>NEEDLE</table>", "NEEDLE", "table>tr>td"},
    {"tr closes tr", "<table><tr><td>a<tr><td>NEEDLE</table>", "NEEDLE", "table>tr>td"},
    {"heading closes heading", "<h1>a<h2>NEEDLE", "NEEDLE", "h2"},
    {"any heading end tag", "<h1><b>a</h2>NEEDLE", "NEEDLE", ""},
    {"option closes option", "<select><option>a<option>NEEDLE</select>", "NEEDLE", "select>option"},
    {"head closed by body content", "<head><title>t</title><div>NEEDLE", "NEEDLE", "div"},
    {"textarea keeps markup as text", "<textarea></div>NEEDLE</textarea>", "NEEDLE", "textarea"},
    {"template content", "<template><p>NEEDLE</p></template>", "NEEDLE", "template>p"},
    {"dashes end the double escape", "<script><!--<script>--></script>NEEDLE</script>", "NEEDLE",
     ""},
    {"double escaped script end",
     "<script><!--<script></script>NEEDLE</script>--></script>", "NEEDLE", "script"},
};

TEST_CASE("tree knows the context of text", "[document]") {
  for (const ContextRow& row : kContext) {
    DYNAMIC_SECTION(row.name) {
      auto doc = Document::Parse(row.html);
      CHECK(PathTo(*doc, row.needle) == row.want_path);
    }
  }
}

TEST_CASE("100000-deep document does not recurse", "[document]") {
  std::string in;
  for (int i = 0; i < 100000; ++i) in += "<div>";
  in += "x";
  for (int i = 0; i < 100000; ++i) in += "</div>";
  auto doc = Document::Parse(in);
  CHECK(doc->Serialize() == in);
  doc->MarkModified();
  CHECK(doc->Serialize() == in);
  // Walk to the deepest text and back up.
  int depth = 0;
  for (NodeId id = doc->NextInOrder(doc->root()); id != kNoNode; id = doc->NextInOrder(id))
    if (doc->type(id) == NodeType::kText)
      for (NodeId p = doc->parent(id); p != doc->root(); p = doc->parent(p)) ++depth;
  CHECK(depth == 100000);
  // Unclosed nesting too.
  std::string open;
  for (int i = 0; i < 100000; ++i) open += "<span><b>";
  auto doc2 = Document::Parse(open);
  CHECK(doc2->Serialize() == open);
}

TEST_CASE("attribute edits regenerate only the start tag", "[document]") {
  SECTION("set keeps the quote style") {
    auto doc = Document::Parse("<p><a  href='x'  id=b>t</a></p>");
    NodeId a = doc->NextInOrder(doc->first_child(doc->root()));
    REQUIRE(doc->node(a).name == "a");
    doc->SetAttr(a, "href", "y\"'&z");
    CHECK(doc->Serialize() == "<p><a  href='y\"&#39;&amp;z'  id=b>t</a></p>");
  }
  SECTION("unquoted stays unquoted when it can") {
    auto doc = Document::Parse("<img src=a.png alt=x>");
    NodeId img = doc->first_child(doc->root());
    doc->SetAttr(img, "src", "b.png");
    CHECK(doc->Serialize() == "<img src=b.png alt=x>");
    doc->SetAttr(img, "src", "b c.png");
    CHECK(doc->Serialize() == "<img src=\"b c.png\" alt=x>");
  }
  SECTION("remove and add") {
    auto doc = Document::Parse("<input type=\"text\" name=q><p>");
    NodeId in = doc->first_child(doc->root());
    doc->RemoveAttr(in, doc->FindAttr(in, "type"));
    doc->SetAttr(in, "loading", "lazy");
    CHECK(doc->Serialize() == "<input name=q loading=\"lazy\"><p>");
  }
  SECTION("unquoting before a self-closing slash keeps a space") {
    auto doc = Document::Parse("<img src=\"a\"/>");
    NodeId img = doc->first_child(doc->root());
    doc->SetAttrRaw(img, 0, "a", 0);
    CHECK(doc->Serialize() == "<img src=a />");
  }
  SECTION("unquoting before an abutting attribute keeps a space") {
    auto doc = Document::Parse("<a b=\"1\"c=\"2\">");
    NodeId a = doc->first_child(doc->root());
    doc->SetAttrRaw(a, 0, "1", 0);
    CHECK(doc->Serialize() == "<a b=1 c=\"2\">");
  }
  SECTION("decoded values") {
    auto doc = Document::Parse("<a href=\"?a=1&amp;b=2&#x41;&lt;&notit;\">");
    NodeId a = doc->first_child(doc->root());
    CHECK(doc->AttrValue(a, "href") == "?a=1&b=2A<&notit;");
    auto doc2 = Document::Parse("<a title=\"&copy &eacute;&Eacute &notin; &amp=x\">");
    CHECK(doc2->AttrValue(doc2->first_child(doc2->root()), "title") ==
          "\xC2\xA9 \xC3\xA9\xC3\x89 \xE2\x88\x89 &amp=x");
  }
  SECTION("duplicate attributes are flagged") {
    auto doc = Document::Parse("<input type=text TYPE=image>");
    CHECK((doc->node(doc->first_child(doc->root())).flags & kDuplicateAttrs) != 0);
  }
}

TEST_CASE("structure edits", "[document]") {
  auto doc = Document::Parse("<head><title>t</title></head><body><p>a</p><p>b</p></body>");
  NodeId head = doc->FindFirst(Tag::kHead);
  NodeId body = doc->FindFirst(Tag::kBody);
  REQUIRE(head != kNoNode);
  REQUIRE(body != kNoNode);
  NodeId first_p = doc->first_child(body);
  doc->Remove(first_p);
  NodeId link = doc->CreateElement("link", false);
  doc->SetAttr(link, "rel", "stylesheet");
  doc->SetAttr(link, "href", "a.css");
  doc->InsertBefore(head, link, kNoNode);
  NodeId div = doc->CreateElement("div", true);
  doc->InsertBefore(div, doc->CreateText("x"), kNoNode);
  doc->InsertBefore(body, div, doc->first_child(body));
  CHECK(doc->Serialize() ==
        "<head><title>t</title><link rel=\"stylesheet\" href=\"a.css\"></head><body><div>x</div>"
        "<p>b</p></body>");
  doc->SetRawText(doc->first_child(doc->FindFirst(Tag::kTitle)), "new");
  CHECK(doc->Serialize().find("<title>new</title>") != std::string::npos);
}

}  // namespace
}  // namespace pagebake::html

namespace pagebake::html {
namespace {

// Deterministic random documents built from markup fragments: every one round-trips and the
// reference walkers do not crash on it.
TEST_CASE("random markup round-trips", "[document]") {
  static const char* kPieces[] = {
      "<", ">", "</", "/>", "<!--", "-->", "--!>", "<!", "<?", "<![CDATA[", "]]>", "\"", "'",
      "=", " ", "\n", "\r", "&", "&amp;", "&#x", ";", "a", "div", "p", "script", "style",
      "textarea", "title", "svg", "math", "pre", "table", "td", "tr", "li", "template",
      "foreignObject", "plaintext", "href", "src", "srcset", "style=", "x.png", ",", "1x", "\0",
      "\xff", "-", "head", "body", "html", "meta", "http-equiv=refresh", "content=", "url="};
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string in;
    int pieces = 1 + static_cast<int>(next() % 60);
    for (int i = 0; i < pieces; ++i) {
      const char* p = kPieces[next() % std::size(kPieces)];
      if (*p == '\0') in.push_back('\0');
      else in += p;
    }
    auto doc = Document::Parse(in);
    REQUIRE(doc->Serialize() == in);
    doc->MarkModified();
    REQUIRE(doc->Serialize() == in);
    (void)CollectUrls(*doc);
    ForEachInline(*doc, [](InlineKind, std::string& text, int, int) { text += " "; });
    RewriteUrls(*doc, [](std::string_view u, RefKind) { return std::string(u) + "?v"; });
    auto again = Document::Parse(doc->Serialize());
    REQUIRE(again->Serialize() == doc->Serialize());
  }
}

}  // namespace
}  // namespace pagebake::html
