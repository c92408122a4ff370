// ForEachInline, CollectUrls, RewriteUrls, BaseHref.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "filters/html/document.h"

namespace pagebake::html {
namespace {

std::string KindName(InlineKind k) {
  switch (k) {
    case InlineKind::kStyleSheet: return "css";
    case InlineKind::kStyleAttribute: return "style-attr";
    case InlineKind::kClassicScript: return "js";
    case InlineKind::kModuleScript: return "module";
    case InlineKind::kJsonScript: return "json";
  }
  return "?";
}

struct InlineRow {
  const char* name;
  const char* html;
  const char* want;  // "kind:text|kind:text"
};

const InlineRow kInline[] = {
    {"style element", "<style>a{b:c}</style>", "css:a{b:c}"},
    {"style type css", "<style type=\"text/css\">x</style>", "css:x"},
    {"style type less skipped", "<style type=\"text/less\">x</style>", ""},
    {"style attribute decoded", "<p style=\"content:&quot;a&quot;\">", "style-attr:content:\"a\""},
    {"classic script", "<script>f()</script>", "js:f()"},
    {"js mime types", "<script type=text/javascript>a</script><script type=\"application/x-javascript\">b</script>",
     "js:a|js:b"},
    {"mime with parameters is not js", "<script type=\"text/javascript; charset=utf-8\">a</script>", ""},
    {"module", "<script type=module>m</script>", "module:m"},
    {"json kinds",
     "<script type=application/json>{}</script><script type=application/ld+json>[]</script>"
     "<script type=importmap>{\"imports\":{}}</script>",
     "json:{}|json:[]|json:{\"imports\":{}}"},
    {"unknown type skipped", "<script type=text/template><p></script>", ""},
    {"language vbscript skipped", "<script language=vbscript>x</script>", ""},
    {"language javascript", "<script language=javascript>x</script>", "js:x"},
    {"external script text skipped", "<script src=a.js>ignored</script>", ""},
    {"empty script has no fragment", "<script></script>", ""},
    {"svg style is not raw text", "<svg><style>a{}</style></svg>", ""},
    {"svg style attribute", "<svg><rect style=\"fill:red\"/></svg>", "style-attr:fill:red"},
    {"template content", "<template><style>t{}</style></template>", "css:t{}"},
};

TEST_CASE("ForEachInline finds the fragments", "[refs]") {
  for (const InlineRow& row : kInline) {
    DYNAMIC_SECTION(row.name) {
      auto doc = Document::Parse(row.html);
      std::string got;
      ForEachInline(*doc, [&](InlineKind k, std::string& text, int, int) {
        if (!got.empty()) got += '|';
        got += KindName(k) + ":" + text;
      });
      CHECK(got == row.want);
      CHECK(doc->Serialize() == row.html);
    }
  }
}

TEST_CASE("ForEachInline positions and write-back", "[refs]") {
  std::string html = "<p>\n  <style>a { b: c }</style>\n<i style='x: \"y\"'>\n<script>var  a</script>";
  auto doc = Document::Parse(html);
  std::vector<std::string> pos;
  ForEachInline(*doc, [&](InlineKind k, std::string& text, int line, int col) {
    pos.push_back(KindName(k) + "@" + std::to_string(line) + ":" + std::to_string(col));
    if (k == InlineKind::kStyleSheet) text = "a{b:c}";
    if (k == InlineKind::kStyleAttribute) text = "x:\"y'\"";
    if (k == InlineKind::kClassicScript) text = "var a";
  });
  CHECK(pos == std::vector<std::string>{"css@2:10", "style-attr@3:11", "js@4:9"});
  CHECK(doc->Serialize() ==
        "<p>\n  <style>a{b:c}</style>\n<i style='x:\"y&#39;\"'>\n<script>var a</script>");
}

TEST_CASE("ForEachInline refuses text that would end the element early", "[refs]") {
  struct Row {
    const char* name;
    const char* replacement;
    bool accepted;
  } rows[] = {
      {"plain", "x()", true},
      {"closing tag", "a='</script>'", false},
      {"closing tag uppercase", "a='</SCRIPT '", false},
      {"escape then script", "a='<!--<script>'", false},
      {"escaped but closed", "a='<!-- -->'", true},
      {"not a closing tag", "a='</scripts'", true},
  };
  for (const auto& row : rows) {
    DYNAMIC_SECTION(row.name) {
      auto doc = Document::Parse("<script>old()</script>");
      ForEachInline(*doc, [&](InlineKind, std::string& text, int, int) { text = row.replacement; });
      std::string want = std::string("<script>") + (row.accepted ? row.replacement : "old()") +
                         "</script>";
      CHECK(doc->Serialize() == want);
    }
  }
  auto doc = Document::Parse("<style>a{}</style>");
  ForEachInline(*doc, [&](InlineKind, std::string& text, int, int) { text = "a{content:'</style>'}"; });
  CHECK(doc->Serialize() == "<style>a{}</style>");
}

std::string RefKindName(RefKind k) {
  switch (k) {
    case RefKind::kLink: return "link";
    case RefKind::kStylesheet: return "css";
    case RefKind::kScript: return "js";
    case RefKind::kImage: return "img";
    case RefKind::kFont: return "font";
    case RefKind::kFrame: return "frame";
    case RefKind::kOther: return "other";
  }
  return "?";
}

struct UrlRow {
  const char* name;
  const char* html;
  const char* want;  // "kind:url|..."
};

const UrlRow kUrls[] = {
    {"anchor and area", "<a href=a.html>x</a><map><area href='b.html'></map>", "link:a.html|link:b.html"},
    {"stylesheet link", "<link rel=\"alternate stylesheet\" href=s.css>", "css:s.css"},
    {"icons", "<link rel=icon href=i.png><link rel=\"shortcut icon\" href=f.ico><link rel=apple-touch-icon href=t.png>",
     "img:i.png|img:f.ico|img:t.png"},
    {"preload kinds",
     "<link rel=preload as=font href=f.woff2><link rel=preload as=style href=p.css>"
     "<link rel=modulepreload href=m.js><link rel=manifest href=site.webmanifest>",
     "font:f.woff2|css:p.css|js:m.js|link:site.webmanifest"},
    {"script and frames", "<script src=app.js></script><iframe src=f.html></iframe><frame src=g.html>",
     "js:app.js|frame:f.html|frame:g.html"},
    {"img src and srcset", "<img src=a.png srcset=\"a-1x.png 1x, a-2x.png 2x\">",
     "img:a.png|img:a-1x.png|img:a-2x.png"},
    {"srcset with data url and widths",
     "<img srcset=\"data:image/png;base64,AA== 100w,b.png 200w,c.png\">",
     "img:data:image/png;base64,AA==|img:b.png|img:c.png"},
    {"srcset trailing commas", "<img srcset=\"a.png,, b.png\">", "img:a.png|img:b.png"},
    {"picture sources", "<picture><source srcset=w.webp type=image/webp><img src=p.jpg></picture>",
     "img:w.webp|img:p.jpg"},
    {"media", "<video src=v.mp4 poster=p.jpg><track src=t.vtt></video><audio src=a.mp3></audio>",
     "link:v.mp4|img:p.jpg|link:t.vtt|link:a.mp3"},
    {"input image only", "<input type=image src=go.png><input type=text src=no.png>", "img:go.png"},
    {"object embed", "<object data=o.svg></object><embed src=e.swf>", "link:o.svg|link:e.swf"},
    {"meta refresh", "<meta http-equiv=refresh content=\"5; URL='next.html'\">", "link:next.html"},
    {"meta refresh bare", "<meta http-equiv=Refresh content=\"0;n.html\">", "link:n.html"},
    {"meta refresh without url", "<meta http-equiv=refresh content=\"30\">", ""},
    {"og image", "<meta property=og:image content=https://x.test/o.png><meta name=twitter:image content=t.png>",
     "img:https://x.test/o.png|img:t.png"},
    {"form and cite", "<form action=post.php><button formaction=b.php></button></form><q cite=c.html></q>",
     "link:post.php|link:b.php|link:c.html"},
    {"base", "<base href=/docs/><a href=x>", "link:/docs/|link:x"},
    {"references decoded", "<a href=\"a?x=1&amp;y=2\">", "link:a?x=1&y=2"},
    {"whitespace trimmed", "<a href=\"  a.html \n\">", "link:a.html"},
    {"empty skipped", "<a href=\"\"><img src=\" \">", ""},
    {"duplicate attribute uses the first", "<img src=a.png SRC=b.png>", "img:a.png"},
    {"svg image", "<svg><image href=s.png /><a href=nope.html></a></svg>", "img:s.png"},
    {"inside template", "<template><img src=t.png></template>", "img:t.png"},
    {"not in script text", "<script>var s = '<img src=no.png>'</script>", ""},
    {"not in comments", "<!-- <img src=no.png> -->", ""},
};

TEST_CASE("CollectUrls finds every URL attribute", "[refs]") {
  for (const UrlRow& row : kUrls) {
    DYNAMIC_SECTION(row.name) {
      auto doc = Document::Parse(row.html);
      std::string got;
      for (const UrlRef& r : CollectUrls(*doc)) {
        if (!got.empty()) got += '|';
        got += RefKindName(r.kind) + ":" + r.url;
      }
      CHECK(got == row.want);
    }
  }
}

TEST_CASE("CollectUrls positions and base", "[refs]") {
  auto doc = Document::Parse("<html>\n<head><base href=\"/r/\">\n  <link href=\"a.css\" rel=stylesheet>");
  auto refs = CollectUrls(*doc);
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].is_base);
  CHECK(refs[0].line == 2);
  CHECK(refs[0].col == 19);
  CHECK_FALSE(refs[1].is_base);
  CHECK(refs[1].line == 3);
  CHECK(refs[1].col == 15);
  CHECK(BaseHref(*doc) == "/r/");
  CHECK_FALSE(BaseHref(*Document::Parse("<a href=x>")).has_value());
}

TEST_CASE("RewriteUrls", "[refs]") {
  struct Row {
    const char* name;
    const char* html;
    const char* want;
  } rows[] = {
      {"plain", "<a href=a.html>x</a>", "<a href=A.HTML>x</a>"},
      {"quoted keeps quote", "<img src='a.png'>", "<img src='A.PNG'>"},
      {"srcset keeps descriptors", "<img srcset=\"a.png 1x,  b.png 2x\">", "<img srcset=\"A.PNG 1x,  B.PNG 2x\">"},
      {"meta refresh keeps prefix", "<meta http-equiv=refresh content=\"5; url=n.html\">",
       "<meta http-equiv=refresh content=\"5; url=N.HTML\">"},
      {"references re-encoded", "<a href=\"q?a=1&amp;b=2\">", "<a href=\"Q?A=1&amp;B=2\">"},
      {"kept when fn declines", "<a href=keep.html><img src=a.png>", "<a href=keep.html><img src=A.PNG>"},
      {"whitespace around kept", "<a href=\" a.html \">", "<a href=\" A.HTML \">"},
  };
  for (const auto& row : rows) {
    DYNAMIC_SECTION(row.name) {
      auto doc = Document::Parse(row.html);
      RewriteUrls(*doc, [](std::string_view url, RefKind) -> std::optional<std::string> {
        if (url == "keep.html") return std::nullopt;
        std::string u(url);
        for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return u;
      });
      CHECK(doc->Serialize() == row.want);
    }
  }
}

}  // namespace
}  // namespace pagebake::html
