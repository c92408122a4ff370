// InlineLevelRules: which elements a stylesheet may make inline-level. Always errs towards
// "may be inline"; each row is one reading the collapse filter relies on.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "filters/html/inline_level_rules.h"

namespace pagebake::html {
namespace {

struct Row {
  const char* name;
  const char* css;
  const char* tag;
  const char* cls;
  const char* id;
  bool may_be_inline;
};

const Row kRows[] = {
    {"no rules", "p{color:red}", "li", "", "", false},
    {"type selector", "li{display:inline-block}", "li", "", "", true},
    {"other type", "li{display:inline-block}", "p", "", "", false},
    {"descendant: subject is the last compound", "nav ul > li.x{display:inline}", "li", "x", "", true},
    {"class needed", "nav li.x{display:inline}", "li", "y", "", false},
    {"class-only subject, element has it", ".tab{display:inline-flex}", "div", "a tab", "", true},
    {"class-only subject, element lacks it", ".tab{display:inline-flex}", "div", "tabs", "", false},
    {"id", "#menu{display:inline}", "ul", "", "menu", true},
    {"selector list", "h1, .x li{display:inline}", "li", "", "", true},
    {"block values", "li{display:block}p{display:flex}div{display:grid}ul{display:none}"
                     "ol{display:table-cell}", "li", "", "", false},
    {"two-value block", "li{display:block flow-root}", "li", "", "", false},
    {"inline-level two-value", "li{display:inline flow-root}", "li", "", "", true},
    {"!important", "li{display:inline-block!important}", "li", "", "", true},
    {"contents", "div{display:contents}", "div", "", "", true},
    {"var() may be anything", "li{display:var(--d)}", "li", "", "", true},
    {"initial is inline", "li{display:initial}", "li", "", "", true},
    {"inside @media", "@media print{li{display:inline}}", "li", "", "", true},
    {"@font-face is not about elements", "@font-face{font-display:swap;display:inline}", "li", "", "", false},
    {"pseudo-element", "li::before{display:inline-block}li:after{display:inline}", "li", "", "", false},
    {"pseudo-class narrows nothing", "li:hover{display:inline}", "li", "", "", true},
    {"functional pseudo-class", "li:not(.a,.b){display:inline}", "li", "", "", true},
    {"attribute selector", "li[data-x=\"a]b\"]{display:inline}", "li", "", "", true},
    {"universal", "*{display:inline}", "p", "", "", true},
    {"bare pseudo-class", ":hover{display:inline}", "p", "", "", true},
    {"nesting with &", ".a{&>li{display:inline}}", "p", "", "", true},
    {"nested without &", ".a{li{display:inline}}", "li", "", "", true},
    {"nested without &, other tag", ".a{li{display:inline}}", "p", "", "", false},
    {"@import unread", "@import url(x.css);", "p", "", "", true},
    {"keyframes switching display", "@keyframes k{to{display:inline}}", "p", "", "", true},
    {"comment hides nothing", "/* li{display:block} */li{display:inline}", "li", "", "", true},
    {"string with braces", "li{content:\"}{\";display:inline}", "li", "", "", true},
    {"escape in a selector", ".a\\:b{display:inline}", "p", "", "", true},
    {"case-insensitive property and type", "LI{DISPLAY:INLINE}", "li", "", "", true},
};

TEST_CASE("InlineLevelRules", "[collapse-whitespace]") {
  for (const Row& row : kRows) {
    DYNAMIC_SECTION(row.name) {
      InlineLevelRules rules;
      rules.AddStylesheet(row.css);
      CHECK(rules.MayBeInline(row.tag, row.cls, row.id) == row.may_be_inline);
    }
  }
}

// The other Kinds: out of the flow (float, position) and generated content at the edges.
struct KindRow {
  const char* name;
  const char* css;
  const char* tag;
  const char* cls;
  uint8_t kinds;
};
constexpr uint8_t kIn = InlineLevelRules::kInline, kOut = InlineLevelRules::kOutOfFlow,
                  kDec = InlineLevelRules::kDecorated;

const KindRow kKindRows[] = {
    {"float", ".f{float:left}", "div", "f", kOut},
    {"float none", "div{float:none}", "div", "", 0},
    {"float !important", "div{float : RIGHT !important}", "div", "", kOut},
    {"position absolute", "div{position:absolute}", "div", "", kOut},
    {"position fixed", ".x{position:fixed}", "p", "x", kOut},
    {"position relative, sticky, static stay in flow",
     "div{position:relative}p{position:sticky}ul{position:static}", "div", "", 0},
    {"position from a variable", "div{position:var(--p)}", "div", "", kOut},
    {"::before content", "figure::before{content:'x'}", "figure", "", kDec},
    {"legacy :after content", ".a:after{content:\"\"}", "div", "a", kDec},
    {"::before content none or normal", "p::before{content:none}p::after{content:normal}", "p",
     "", 0},
    {"::before other declarations", "p::before{color:red;display:block;float:left}", "p", "", 0},
    {"::marker, ::first-line: not generated content", "li::marker{content:'-'}p::first-line{content:'x'}",
     "li", "", 0},
    {"display list-item: a marker", "div{display:list-item}", "div", "", kDec},
    {"display none hides", ".h{display:none!important}", "div", "h", InlineLevelRules::kHidden},
    {"display block does not", "div{display:block}", "div", "", 0},
    {"white-space pre-line", "pre-ish, .c{white-space:pre-line}", "p", "c", InlineLevelRules::kPre},
    {"white-space nowrap", ".c{white-space:nowrap}", "p", "c", 0},
    {"white-space-collapse", ".c{white-space-collapse:break-spaces}", "p", "c",
     InlineLevelRules::kPre},
    {"universal ::before: every element", "*::before{content:'x'}", "p", "", kDec},
    {"universal ::after under a class", ".menu > *::after{content:'|'}", "p", "", 0},
    {"several kinds", "div{display:inline-block;float:left}div::after{content:''}", "div", "",
     kIn | kOut | kDec},
    {"unreadable selector: only its kinds", ".a\\:b{float:left}", "p", "", kOut},
    {"keyframes switching float", "@keyframes k{to{float:left}}", "p", "", kOut},
};

TEST_CASE("InlineLevelRules: out of flow and generated content", "[collapse-whitespace]") {
  for (const KindRow& row : kKindRows) {
    DYNAMIC_SECTION(row.name) {
      InlineLevelRules rules;
      rules.AddStylesheet(row.css);
      CHECK(int(rules.Kinds(row.tag, row.cls, "")) == int(row.kinds));
    }
  }
  CHECK(int(InlineLevelRules::DeclarationKinds("float:left;display:inline")) == (kIn | kOut));
  CHECK(int(InlineLevelRules::DeclarationKinds("position:relative;display:list-item")) == kDec);
  InlineLevelRules under;
  under.AddStylesheet(".menu > *::after{content:'|'}");
  CHECK(int(under.KindsUnder("ul", "menu", "", true)) == kDec);
  CHECK(int(under.KindsUnder("ul", "menu", "", false)) == 0);
  InlineLevelRules unknown;
  unknown.SetUnknown();
  CHECK(int(unknown.Kinds("p", "", "")) == InlineLevelRules::kUnknown);
  CHECK_FALSE(unknown.Mentions(InlineLevelRules::kPre));
}

TEST_CASE("InlineLevelRules: style attributes, unknown sheets, merging", "[collapse-whitespace]") {
  CHECK(InlineLevelRules::DeclarationsMayBeInline("color:red; display : inline-block"));
  CHECK_FALSE(InlineLevelRules::DeclarationsMayBeInline("display:block;color:red"));
  CHECK_FALSE(InlineLevelRules::DeclarationsMayBeInline("font-display:inline"));
  InlineLevelRules a, b;
  b.AddStylesheet("li{display:inline}");
  CHECK_FALSE(a.MayBeInline("li", "", ""));
  a.Merge(b);
  CHECK(a.MayBeInline("li", "", ""));
  InlineLevelRules c;
  c.SetUnknown();
  CHECK(c.MayBeInline("p", "", ""));
}

// A subject naming no type, class or id (`*`, `:hover`) under a parent (`>`) or ancestor
// (whitespace) compound: the element itself is not inline by its own tag, class or id; the
// question goes to each ancestor (parent true for the parent). After `+`/`~`, or with no
// compound before it, anything may be inline.
TEST_CASE("InlineLevelRules: universal subjects under a context", "[collapse-whitespace]") {
  struct Ancestor {
    const char* tag;
    const char* cls;
    bool parent;
  };
  struct ContextRow {
    const char* css;
    bool anything;     // every element may be inline
    Ancestor ancestor;
    bool may_be_inline;  // because of that ancestor
  };
  const ContextRow rows[] = {
      {".path>*{display:inline}", false, {"span", "path", true}, true},
      {".path > *{display:inline}", false, {"span", "path", false}, false},  // grandparent
      {".path > *{display:inline}", false, {"span", "other", true}, false},
      {".results .path>*{display:inline}", false, {"div", "path", true}, true},
      {".menu *{display:inline-block}", false, {"ul", "menu", false}, true},
      {".menu *{display:inline-block}", false, {"ul", "menu", true}, true},
      {"nav :hover{display:inline}", false, {"nav", "", false}, true},
      {"nav>*{display:block}", false, {"nav", "", true}, false},  // block-level: not recorded
      {".a+*{display:inline}", true, {"p", "", true}, true},
      {".a ~ *{display:inline}", true, {"p", "", true}, true},
      {"[data-x]>*{display:inline}", true, {"p", "", true}, true},
      {":hover>*{display:inline}", true, {"p", "", true}, true},
      {"*{display:inline}", true, {"p", "", true}, true},
      {".a>*::before{display:inline}", false, {"p", "a", true}, false},  // a pseudo-element
  };
  for (const ContextRow& row : rows) {
    INFO(row.css << " ancestor " << row.ancestor.tag << "." << row.ancestor.cls
                 << (row.ancestor.parent ? " (parent)" : ""));
    InlineLevelRules rules;
    rules.AddStylesheet(row.css);
    CHECK(rules.MayBeInline("p", "", "") == row.anything);
    if (row.anything) continue;
    CHECK(rules.MayMakeInlineUnder(row.ancestor.tag, row.ancestor.cls, "", row.ancestor.parent) ==
          row.may_be_inline);
    InlineLevelRules merged;
    merged.Merge(rules);
    CHECK(merged.MayMakeInlineUnder(row.ancestor.tag, row.ancestor.cls, "",
                                    row.ancestor.parent) == row.may_be_inline);
  }
}

// @import: the reader is asked for each URL as written (quotes and url() removed); a URL it
// cannot give rules for, or one that is not a plain string, makes anything inline.
TEST_CASE("InlineLevelRules: @import read through the caller", "[collapse-whitespace]") {
  InlineLevelRules imported;
  imported.AddStylesheet(".menu li{display:inline-block}");
  InlineLevelRules plain;  // block-level only
  plain.AddStylesheet("p{margin:0}");
  std::vector<std::string> asked;
  const InlineLevelRules::ImportReader reader = [&](std::string_view url) -> const InlineLevelRules* {
    asked.emplace_back(url);
    if (url == "menu.css") return &imported;
    if (url == "plain.css") return &plain;
    return nullptr;
  };
  struct ImportRow {
    const char* css;
    const char* url;  // what the reader is asked; nullptr: not asked
    bool li_may_be_inline;
  };
  const ImportRow rows[] = {
      {"@import url(menu.css);", "menu.css", true},
      {"@import url( \"menu.css\" ) screen;", "menu.css", true},
      {"@import 'menu.css' layer(base);", "menu.css", true},
      {"@IMPORT \"plain.css\";p{color:red}", "plain.css", false},
      {"@import \"missing.css\";", "missing.css", true},
      {"@import \"a\\2e css\";", nullptr, true},  // an escape: not read
      {"@import url(a\\.css);", nullptr, true},
      {"@import \"unterminated;", nullptr, true},
  };
  for (const ImportRow& row : rows) {
    INFO(row.css);
    asked.clear();
    InlineLevelRules rules;
    rules.AddStylesheet(row.css, reader);
    CHECK(rules.MayBeInline("li", "", "") == row.li_may_be_inline);
    if (row.url) {
      REQUIRE(asked.size() == 1);
      CHECK(asked[0] == row.url);
    } else {
      CHECK(asked.empty());
    }
  }
  // Without a reader an @import keeps everything (the safe reading).
  InlineLevelRules no_reader;
  no_reader.AddStylesheet("@import url(plain.css);");
  CHECK(no_reader.MayBeInline("p", "", ""));
}

// Classify answers the three questions at once and remembers answers by (tag, class) where the
// id cannot matter: its answers must be those of Kinds and KindsUnder, asked in any order,
// repeatedly, and again after the rules change.
TEST_CASE("InlineLevelRules: Classify agrees with Kinds and KindsUnder", "[collapse-whitespace]") {
  struct Element {
    const char* tag;
    const char* cls;
    const char* id;
  };
  const Element elements[] = {
      {"li", "", ""},         {"li", "tab", ""},      {"li", "tab", "first"},
      {"div", "menu", ""},    {"div", "menu x", "m"}, {"span", "code-header", ""},
      {"a", "", "top"},       {"a", "", ""},          {"div", "where", "w1"},
      {"div", "where", "w2"}, {"p", "path", ""},      {"ul", "path", "nav"},
  };
  auto agree = [&](const InlineLevelRules& rules) {
    for (int pass = 0; pass < 2; ++pass) {  // the second pass answers from memory
      for (const Element& e : elements) {
        INFO(e.tag << " class=" << e.cls << " id=" << e.id << " pass " << pass);
        const InlineLevelRules::ElementKinds k = rules.Classify(e.tag, e.cls, e.id);
        CHECK(k.self == rules.Kinds(e.tag, e.cls, e.id));
        CHECK(k.children == rules.KindsUnder(e.tag, e.cls, e.id, true));
        CHECK(k.descendants == rules.KindsUnder(e.tag, e.cls, e.id, false));
      }
    }
  };
  InlineLevelRules rules;
  rules.AddStylesheet(".tab{display:inline-block}.menu *{float:left}.path>*{display:inline}"
                      ".code-header{white-space:pre-wrap}");
  agree(rules);
  CHECK(!(rules.Classify("li", "tab", "first").self & InlineLevelRules::kHidden));
  // A rule naming an id: the same class with another id may differ.
  rules.AddStylesheet("#first{display:none}#nav>*{position:absolute}div#w1{display:inline}");
  agree(rules);
  CHECK(rules.Classify("li", "tab", "first").self & InlineLevelRules::kHidden);
  CHECK(!(rules.Classify("li", "tab", "").self & InlineLevelRules::kHidden));
  CHECK(rules.Classify("div", "where", "w1").self & InlineLevelRules::kInline);
  CHECK(!(rules.Classify("div", "where", "w2").self & InlineLevelRules::kInline));
  // Merged and unknown rules drop what was remembered.
  InlineLevelRules more;
  more.AddStylesheet("a{display:inline-block}");
  rules.Merge(more);
  agree(rules);
  rules.SetUnknown();
  agree(rules);
  CHECK(rules.Classify("p", "", "").self & InlineLevelRules::kOutOfFlow);
}

}  // namespace
}  // namespace pagebake::html
