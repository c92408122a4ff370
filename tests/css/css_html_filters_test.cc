// The HTML-level CSS filters: css-inline and css-inline-import-to-link, on parsed pages.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "filters/core/diagnostics.h"
#include "filters/core/filter_table.h"
#include "filters/core/site.h"
#include "filters/css/css_filters.h"
#include "filters/html/document.h"

namespace pagebake::css {
namespace {

struct Page {
  Options options;
  Site site{"/nonexistent"};
  DiagnosticSink diagnostics;

  void Add(std::string path, std::string bytes, std::string output_path = {}) {
    Resource r;
    r.path = std::move(path);
    r.output_path = std::move(output_path);
    r.type = ContentTypeFromPath(r.path);
    r.bytes = std::move(bytes);
    site.Add(std::move(r));
  }
  // Runs `id` over page `path` and returns the serialized page.
  std::string Run(std::string_view id, const std::string& path, const std::string& html,
                  uint64_t* rewrites = nullptr) {
    Add(path, html);
    const FilterInfo* info = FindFilter(id);
    REQUIRE(info);
    auto f = CreateFilter(*info, options);
    REQUIRE(f);
    REQUIRE((f->capabilities() & kRewritesHtml));
    auto doc = html::Document::Parse(html);
    FilterContext ctx(options, &site, site.Find(path), &diagnostics, id);
    REQUIRE(f->RewriteHtml(ctx, *doc).ok());
    if (rewrites) *rewrites = ctx.counters().rewrites;
    return doc->Serialize();
  }
};

TEST_CASE("css-inline", "[css][html]") {
  struct Row {
    const char* name;
    const char* html;
    const char* want;
  } rows[] = {
      {"inlined with media and re-based url",
       "<head><link rel=stylesheet href=\"css/a.css\" media=print></head>",
       "<head><style media=\"print\">a{b:url(img/x.png)}</style></head>"},
      {"rel list", "<link rel=\"Stylesheet preload\" href=css/b.css>", "<style>b{c:d}</style>"},
      {"alternate kept", "<link rel=\"alternate stylesheet\" href=css/b.css>",
       "<link rel=\"alternate stylesheet\" href=css/b.css>"},
      {"title kept", "<link rel=stylesheet title=x href=css/b.css>",
       "<link rel=stylesheet title=x href=css/b.css>"},
      {"id kept (scripts toggle it)", "<link rel=stylesheet id=theme href=css/b.css>",
       "<link rel=stylesheet id=theme href=css/b.css>"},
      {"onload kept", "<link rel=stylesheet href=css/b.css onload=f()>",
       "<link rel=stylesheet href=css/b.css onload=f()>"},
      {"other type kept", "<link rel=stylesheet type=text/less href=css/b.css>",
       "<link rel=stylesheet type=text/less href=css/b.css>"},
      {"too big kept", "<link rel=stylesheet href=css/big.css>",
       "<link rel=stylesheet href=css/big.css>"},
      {"closing tag inside kept", "<link rel=stylesheet href=css/end.css>",
       "<link rel=stylesheet href=css/end.css>"},
      {"external kept", "<link rel=stylesheet href=https://cdn.example/a.css>",
       "<link rel=stylesheet href=https://cdn.example/a.css>"},
      {"missing kept", "<link rel=stylesheet href=css/missing.css>",
       "<link rel=stylesheet href=css/missing.css>"},
      {"base href: page left alone", "<base href=/x/><link rel=stylesheet href=css/b.css>",
       "<base href=/x/><link rel=stylesheet href=css/b.css>"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Page p;
      p.options.css.inline_max_bytes = 40;
      p.Add("img/x.png", "png");
      p.Add("css/a.css", "a{b:url(../img/x.png)}");
      p.Add("css/b.css", "b{c:d}");
      p.Add("css/big.css", std::string(41, 'x'));
      p.Add("css/end.css", "a{content:\"</style>\"}");
      CHECK(p.Run("css-inline", "index.html", row.html) == row.want);
    }
  }
}

TEST_CASE("css-inline-import-to-link", "[css][html]") {
  struct Row {
    const char* name;
    const char* html;
    const char* want;
  } rows[] = {
      {"imports become links",
       "<style>@import url(a.css);\n@import \"b.css\" print, screen;</style>",
       "<link rel=\"stylesheet\" href=\"a.css\"><link rel=\"stylesheet\" href=\"b.css\" "
       "media=\"print, screen\">"},
      {"type text/css allowed", "<style type=text/css>@import 'a.css';</style>",
       "<link rel=\"stylesheet\" href=\"a.css\">"},
      {"other rules kept", "<style>@import 'a.css';a{b:c}</style>",
       "<style>@import 'a.css';a{b:c}</style>"},
      {"media attribute kept", "<style media=print>@import 'a.css';</style>",
       "<style media=print>@import 'a.css';</style>"},
      {"layer kept", "<style>@import 'a.css' layer(x);</style>",
       "<style>@import 'a.css' layer(x);</style>"},
      {"empty style kept", "<style></style>", "<style></style>"},
      {"svg style kept", "<svg><style>@import 'a.css';</style></svg>",
       "<svg><style>@import 'a.css';</style></svg>"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      Page p;
      CHECK(p.Run("css-inline-import-to-link", "index.html", row.html) == row.want);
    }
  }
}

}  // namespace
}  // namespace pagebake::css
