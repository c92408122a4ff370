#include <catch2/catch.hpp>

#include "tests/html/html_test_util.h"

namespace pagebake::html {
namespace {

using testing::FilterRow;

const FilterRow kRows[] = {
    {"spaces", "<p>a    b</p>", "<p>a b</p>"},
    {"a newline becomes a space (all CSS read)", "<p>a  \n\t  b</p>", "<p>a b</p>"},
    {"a lone newline becomes a space", "<p>a\nb</p>", "<p>a b</p>"},
    {"a newline stays when a linked sheet cannot be read (it may set pre-line)",
     "<link rel=stylesheet href=https://cdn.example/a.css><p>a \n b\n</p>",
     "<link rel=stylesheet href=https://cdn.example/a.css><p>a\nb\n</p>"},
    {"a newline stays under an @import that cannot be read",
     "<style>@import 'a.css';</style><p>a \n b</p>", "<style>@import 'a.css';</style><p>a\nb</p>"},
    {"a custom element set to white-space: pre by its name keeps its text",
     "<style>my-code{white-space:pre}</style><p><My-Code>a   b\n  c</My-Code>  d</p>",
     "<style>my-code{white-space:pre}</style><p><My-Code>a   b\n  c</My-Code> d</p>"},
    {"white-space: pre-line from a sheet keeps the text",
     "<style>.x{white-space:pre-line}</style><p class=x>a \n b</p>", nullptr},
    {"svg text keeps a newline (xml:space default deletes it)",
     "<svg><text>a \n b</text></svg>", "<svg><text>a\nb</text></svg>"},
    {"mathml text keeps a newline", "<math><mi>a \n b</mi></math>", "<math><mi>a\nb</mi></math>"},
    {"tabs become a space", "<p>a\t\tb\tc</p>", "<p>a b c</p>"},
    {"crlf too", "<p>a\r\n\r\n b</p>", "<p>a b</p>"},
    {"whitespace between inline elements kept", "<b>a</b>   <i>b</i>", "<b>a</b> <i>b</i>"},
    {"leading and trailing kept as one", "<div>  a  </div>", "<div> a </div>"},
    {"pre untouched", "<pre>  a\n\n  b  </pre>", nullptr},
    {"textarea untouched", "<textarea>  a\n\n  b</textarea>", nullptr},
    {"code untouched", "<p><code>a   b</code>  c</p>", "<p><code>a   b</code> c</p>"},
    {"nested in pre untouched", "<pre><b>  x  </b></pre>", nullptr},
    {"after pre collapses", "<pre> a </pre>   b", "<pre> a </pre> b"},
    {"script untouched", "<script>var  a =\n\n 1;</script>", nullptr},
    {"script ends trimmed, inside untouched", "<script>\n  var  a =\n\n 1;\n  </script>",
     "<script>var  a =\n\n 1;</script>"},
    {"module script ends trimmed", "<script type=module>\n import x from './x.js'\n</script>",
     "<script type=module>import x from './x.js'</script>"},
    {"json script ends trimmed", "<script type=application/ld+json>\n {\"a\": 1}\n</script>",
     "<script type=application/ld+json>{\"a\": 1}</script>"},
    {"all-whitespace script emptied", "<script>\n  \n</script>", "<script></script>"},
    {"leading --> keeps its line start", "<script>\n--> not code\nx()\n</script>",
     "<script>\n--> not code\nx()</script>"},
    {"template script untouched", "<script type=text/template>\n  <b>x</b>\n</script>", nullptr},
    {"script with src untouched", "<script src=a.js>\n</script>", nullptr},
    {"style untouched", "<style>a  {  }</style>", nullptr},
    {"white-space style attribute", "<div style=\"white-space: pre-wrap\">a   b</div>", nullptr},
    {"white-space normal collapses", "<div style=\"white-space:normal\">a   b</div>", "<div style=\"white-space:normal\">a b</div>"},
    {"svg xml:space preserve", "<svg><text xml:space=\"preserve\">a   b</text></svg>", nullptr},
    {"head whitespace dropped",
     "<!DOCTYPE html>\n<html>\n<head>\n  <meta charset=utf-8>\n  <title>t</title>\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n",
     "<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title></head><body><p>x</p></body></html>"},
    {"table whitespace dropped", "<table>\n  <tr>\n    <td> a </td>\n  </tr>\n</table>",
     "<table><tr><td> a </td></tr></table>"},
    {"select whitespace dropped", "<select>\n <option>a</option>\n <option>b</option>\n</select>",
     "<select><option>a</option><option>b</option></select>"},
    // Whitespace between block-level boxes renders nothing, unless the page's CSS may make
    // them inline-level (inline-block menu items: the gaps are visible).
    {"list whitespace dropped (no CSS)", "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>",
     "<ul><li>a</li><li>b</li></ul>"},
    {"between blocks in <body>", "<body><p>a</p>\n\n<p>b</p>", "<body><p>a</p><p>b</p>"},
    {"between blocks of an implied body: kept", "<p>a</p>\n\n<p>b</p>", "<p>a</p> <p>b</p>"},
    {"inline-block items keep their gaps",
     "<style>li { display: inline-block }</style><ul>\n  <li>a</li>\n  <li>b</li>\n</ul>",
     "<style>li { display: inline-block }</style><ul><li>a</li> <li>b</li></ul>"},
    {"inline by class: only around those items",
     "<style>.tab{display:inline-block}</style><ul>\n<li class=tab>a</li>\n<li>b</li>\n</ul>",
     "<style>.tab{display:inline-block}</style><ul><li class=tab>a</li><li>b</li></ul>"},
    {"inline in a media query counts",
     "<style>@media (min-width:1px){nav li{display:inline}}</style><ul>\n<li>a</li>\n</ul>",
     "<style>@media (min-width:1px){nav li{display:inline}}</style><ul><li>a</li></ul>"},
    // `context > *` / `context *`: only elements under that context may be inline (rustdoc's
    // `.search-results .result-name .path>*{display:inline}` used to keep every gap of a page).
    {"universal under a parent class: only its children",
     "<style>.path>*{display:inline}</style><ul>\n<li>a</li>\n</ul><ul class=path>\n<li>b</li>\n"
     "<li>c</li>\n</ul>",
     "<style>.path>*{display:inline}</style><ul><li>a</li></ul><ul class=path><li>b</li> "
     "<li>c</li></ul>"},
    {"universal under an ancestor class: all its descendants",
     "<style>.menu *{display:inline-block}</style><div class=menu><ul>\n<li>a</li>\n</ul></div>"
     "<ul>\n<li>b</li>\n</ul>",
     "<style>.menu *{display:inline-block}</style><div class=menu><ul> <li>a</li> </ul></div>"
     "<ul><li>b</li></ul>"},
    {"universal after a sibling combinator keeps everything",
     "<style>.a+*{display:inline}</style><ul>\n<li>a</li>\n</ul>",
     "<style>.a+*{display:inline}</style><ul> <li>a</li> </ul>"},
    {"display from a variable may be inline",
     "<style>li{display:var(--d)}</style><ul>\n<li>a</li>\n</ul>",
     "<style>li{display:var(--d)}</style><ul><li>a</li></ul>"},
    {"display:flex items stay block-level", "<style>li{display:flex}</style><ul>\n<li>a</li>\n</ul>",
     "<style>li{display:flex}</style><ul><li>a</li></ul>"},
    {"a pseudo-element's display is not the element's",
     "<style>li::before{display:inline-block}</style><ul>\n<li>a</li>\n</ul>",
     "<style>li::before{display:inline-block}</style><ul><li>a</li></ul>"},
    {"an @import (unread) keeps everything",
     "<style>@import url(x.css);</style><ul>\n<li>a</li>\n</ul>",
     "<style>@import url(x.css);</style><ul>\n<li>a</li>\n</ul>"},
    {"a stylesheet the page cannot read keeps everything",
     "<link rel=stylesheet href=https://cdn.example/x.css><ul>\n<li>a</li>\n</ul>",
     "<link rel=stylesheet href=https://cdn.example/x.css><ul>\n<li>a</li>\n</ul>"},
    {"style attribute display:inline", "<div>\n<p style=\"display:inline\">a</p>\n<p>b</p>\n</div>",
     "<div><p style=\"display:inline\">a</p><p>b</p></div>"},
    {"at a block's start and end: the line's edges", "<div>\n<span>a</span>\n</div>",
     "<div><span>a</span></div>"},
    {"between inline neighbours kept", "<div><b>a</b>\n<i>b</i></div>", "<div><b>a</b> <i>b</i></div>"},
    {"inline parent keeps it", "<span>\n<div>a</div>\n</span>", "<span> <div>a</div> </span>"},
    {"unrendered elements between blocks", "<div><p>a</p>\n<script></script>\n<p>b</p></div>",
     "<div><p>a</p><script></script><p>b</p></div>"},
    {"unrendered elements between inline content",
     "<b>a</b>\n<script></script>\n<b>b</b>", "<b>a</b> <script></script> <b>b</b>"},
    {"a stray </br> is a line break: its line's edges", "<div><b>a</b>\n</br>\n<b>b</b></div>",
     "<div><b>a</b></br><b>b</b></div>"},
    {"comments between blocks", "<div>\n<!--c-->\n<p>a</p>\n</div>", "<div><!--c--><p>a</p></div>"},
    {"top-level after body content kept", "<p>x</p>\n<script></script>\n<link rel=x>",
     "<p>x</p> <script></script> <link rel=x>"},
    {"tag spacing", "<a   href=\"x\"\n   class=y  >t</a  >", "<a href=\"x\" class=y>t</a  >"},
    {"self-closing spacing", "<br   /><img src=x />", "<br/><img src=x />"},
    {"attribute right after a quoted value: never grown", "<p a=\"x\"b>t</p>", nullptr},
    {"attribute right after a quoted value: normalized when it still saves",
     "<p a=\"x\"b   >t</p>", "<p a=\"x\" b>t</p>"},
    {"bare name before an = named attribute (a/=x is written a=\"\" =x): never grown",
     "<p\ta/=\"x\">t</p>", nullptr},
    {"bare name before an = named attribute: normalized when it still saves",
     "<p\ta/=\"x\"     >t</p>", "<p a=\"\" =\"x\">t</p>"},
    {"nbsp is not whitespace", "<p>a&nbsp;&nbsp; b</p>", nullptr},
    {"raw nbsp is not whitespace", "<p>a\xC2\xA0\xC2\xA0  b</p>", "<p>a\xC2\xA0\xC2\xA0 b</p>"},
    {"title collapses nothing (raw text)", "<title>a   b</title>", nullptr},
    {"plaintext untouched", "<plaintext>a    b", nullptr},
    // CSS removes collapsible spaces at the start and the end of a line: after or before an
    // in-flow block, at a block's own edges, unless generated content sits there.
    {"mdBook listing: figure start, span, then a pre",
     "<figure class=listing>\n<span class=file-name>a.rs</span>\n<pre>x</pre>\n</figure>",
     "<figure class=listing><span class=file-name>a.rs</span><pre>x</pre></figure>"},
    {"after an in-flow block: the next line's start", "<div><p>a</p>\n<b>b</b> c</div>",
     "<div><p>a</p><b>b</b> c</div>"},
    {"::before content keeps the start",
     "<style>figure::before{content:'>'}</style><figure>\n<b>a</b></figure>", "<style>figure::before{content:'>'}</style><figure> <b>a</b></figure>"},
    {"legacy :after content keeps the end",
     "<style>.x:after{content:\"\"}</style><div class=x><b>a</b>\n</div>", "<style>.x:after{content:\"\"}</style><div class=x><b>a</b> </div>"},
    {"::before content:none is nothing",
     "<style>div::before{content:none}</style><div>\n<b>a</b></div>",
     "<style>div::before{content:none}</style><div><b>a</b></div>"},
    {"any element's ::before keeps every edge",
     "<style>*::before{content:'-'}</style><div>\n<b>a</b>\n</div>", "<style>*::before{content:'-'}</style><div> <b>a</b> </div>"},
    {"::first-line generates nothing",
     "<style>div::first-line{color:red}</style><div>\n<b>a</b></div>",
     "<style>div::first-line{color:red}</style><div><b>a</b></div>"},
    {"li edges kept (its marker may be inside)", "<ul><li>\n<b>a</b>\n</li></ul>", "<ul><li> <b>a</b> </li></ul>"},
    {"display:list-item by a sheet keeps the edges",
     "<style>.item{display:list-item}</style><div class=item>\n<b>a</b></div>", "<style>.item{display:list-item}</style><div class=item> <b>a</b></div>"},
    {"a floated block does not end the line", "<div><b>a</b>\n<div style=\"float:left\">f</div>b</div>",
     "<div><b>a</b> <div style=\"float:left\">f</div>b</div>"},
    {"floated by a sheet", "<style>.f{float:right}</style><div><b>a</b>\n<div class=f>f</div>b</div>",
     "<style>.f{float:right}</style><div><b>a</b> <div class=f>f</div>b</div>"},
    {"positioned by a sheet",
     "<style>.p{position:absolute}</style><div><b>a</b>\n<p class=p>f</p>b</div>", "<style>.p{position:absolute}</style><div><b>a</b> <p class=p>f</p>b</div>"},
    {"position:relative stays in the flow",
     "<style>.r{position:relative}</style><div><b>a</b>\n<p class=r>r</p></div>",
     "<style>.r{position:relative}</style><div><b>a</b><p class=r>r</p></div>"},
    {"a sheet it cannot read keeps line edges",
     "<link rel=stylesheet href=https://cdn.example/x.css><div>\n<b>a</b>\n</div>", nullptr},
    {"around a <br>: a line's end and the next one's start",
     "<p><b>a</b> <br>\n<b>b</b> c</p>", "<p><b>a</b><br><b>b</b> c</p>"},
    {"a <br> a sheet hides joins its lines",
     "<style>br{display:none}</style><p><b>a</b> <br> <b>b</b></p>", nullptr},
    {"a block a sheet hides does not end the line",
     "<style>.h{display:none}</style><div><b>a</b>\n<div class=h>x</div>\n<b>b</b></div>", "<style>.h{display:none}</style><div><b>a</b> <div class=h>x</div> <b>b</b></div>"},
    {"a hidden attribute hides", "<div><b>a</b>\n<div hidden>x</div>\n<b>b</b></div>", "<div><b>a</b> <div hidden>x</div> <b>b</b></div>"},
    {"button content has its own lines", "<button>\n<span>i</span>\n</button>",
     "<button><span>i</span></button>"},
    {"button made inline by a sheet", "<style>button{display:inline}</style><button>\n<b>i</b>\n</button>",
     "<style>button{display:inline}</style><button> <b>i</b> </button>"},
    {"a link's content does not", "<p><a href=x>\n<span>i</span>\n</a></p>", "<p><a href=x> <span>i</span> </a></p>"},
    {"white-space: pre-wrap from a sheet keeps the element's whitespace",
     "<style>.code{white-space:pre-wrap}</style><div class=code>\n  a   b\n</div>", nullptr},
    {"... and its descendants' (inherited)",
     "<style>.code{white-space:pre}</style><div class=code><p>\n<b>a</b>   b</p></div>", nullptr},
    {"white-space: nowrap collapses",
     "<style>.n{white-space:nowrap}</style><div class=n>\n<b>a</b>   b</div>",
     "<style>.n{white-space:nowrap}</style><div class=n><b>a</b> b</div>"},
    {"white-space-collapse: preserve keeps",
     "<style>p{white-space-collapse:preserve}</style><p>a   b</p>", nullptr},
    {"text with whitespace inside stays", "<div>\n a <b>b</b></div>", "<div> a <b>b</b></div>"},
    // Inline SVG draws characters only inside <text>: whitespace-only text elsewhere goes.
    {"svg shapes lose their whitespace",
     "<p>x <svg>\n  <g>\n    <path d=M0/>\n    <rect/>\n  </g>\n</svg> y</p>",
     "<p>x <svg><g><path d=M0/><rect/></g></svg> y</p>"},
    {"svg link around text: whitespace outside <text> goes",
     "<svg><a href=#x>\n<rect/>\n<text>a\n <tspan>b</tspan> c</text>\n</a></svg>",
     "<svg><a href=#x><rect/><text>a\n<tspan>b</tspan> c</text></a></svg>"},
    {"svg text keeps whitespace between its children",
     "<svg><text><tspan>a</tspan>  <tspan>b</tspan></text></svg>",
     "<svg><text><tspan>a</tspan> <tspan>b</tspan></text></svg>"},
    {"svg textPath keeps whitespace-only text",
     "<svg><text><textPath href=#p> </textPath></text></svg>", nullptr},
    {"svg title and desc keep theirs", "<svg><title> </title><desc> </desc></svg>", nullptr},
    {"svg style keeps its text", "<svg><style> </style></svg>", nullptr},
    {"foreignObject: HTML inside keeps inline whitespace",
     "<svg><foreignObject>\n<b>a</b> <i>b</i>\n</foreignObject></svg>",
     "<svg><foreignObject>\n<b>a</b> <i>b</i>\n</foreignObject></svg>"},
    {"svg non-whitespace text collapses but stays", "<svg><g> x  y </g></svg>",
     "<svg><g> x y </g></svg>"},
    {"whitespace around the svg element itself kept", "<b>a</b> <svg><g/></svg> <b>b</b>",
     nullptr},
    {"svg after a breakout: HTML rules again",
     "<svg><g>\n</g><p>a</p> <b>b</b></svg>", "<svg><g></g><p>a</p> <b>b</b></svg>"},
    {"svg xml:space preserve keeps whitespace-only text",
     "<svg xml:space=preserve><g>\n</g></svg>", nullptr},
    {"math whitespace untouched (not judged as SVG)", "<math>\n<mi>x</mi>\n</math>",
     nullptr},
};

TEST_CASE("html-collapse-whitespace", "[collapse-whitespace]") {
  testing::CheckRows("html-collapse-whitespace", kRows, std::size(kRows));
}

// Linked site sheets are read with the sheets they @import (relative to the importing sheet),
// so a rule behind an @import still keeps the gaps between inline-block boxes.
TEST_CASE("html-collapse-whitespace reads the sheets a linked sheet imports",
          "[collapse-whitespace]") {
  Site site("/nonexistent");
  const Resource* index = testing::AddResource(site, "index.html", ContentType::kHtml);
  auto add_css = [&](const char* path, const char* css) {
    testing::AddResource(site, path, ContentType::kCss, css);
  };
  add_css("css/main.css", "@import url(\"parts/menu.css\");body{margin:0}");
  add_css("css/parts/menu.css", ".tab{display:inline-block}");
  add_css("css/loop-a.css", "@import 'loop-b.css';");
  add_css("css/loop-b.css", "@import 'loop-a.css';");
  add_css("css/broken.css", "@import 'nowhere.css';");
  const std::string body = "<ul>\n<li>a</li>\n</ul>\n<div class=tab>x</div>\n<div class=tab>y</div>";
  auto run = [&](const std::string& href) {
    const std::string in = "<link rel=stylesheet href=" + href + ">" + body;
    return testing::RunFilters({"html-collapse-whitespace"}, in, Options(), &site, index);
  };
  // The imported rule makes .tab inline-level: the whitespace next to the tabs stays; the
  // list's goes.
  CHECK(run("css/main.css") ==
        "<link rel=stylesheet href=css/main.css><ul><li>a</li></ul>"
        " <div class=tab>x</div> <div class=tab>y</div>");
  // An import cycle or a missing import: anything may be inline, all whitespace stays, and a
  // newline stays a newline (the sheet not read might set white-space: pre-line).
  CHECK(run("css/loop-a.css") == "<link rel=stylesheet href=css/loop-a.css>" + body);
  CHECK(run("css/broken.css") == "<link rel=stylesheet href=css/broken.css>" + body);
}

}  // namespace
}  // namespace pagebake::html
