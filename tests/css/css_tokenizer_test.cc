#include "filters/css/css_tokenizer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace pagebake::css {
namespace {

// "kind:text|kind:text" with ! after the kind when the token has the error flag.
std::string Render(const std::string& in) {
  std::vector<Token> toks;
  Tokenize(in, &toks);
  std::string r;
  for (const Token& t : toks) {
    if (!r.empty()) r += "|";
    r += TokenKindName(t.kind);
    if (t.flags & kTokenError) r += "!";
    r.push_back(':');
    r.append(in, t.begin, t.end - t.begin);
    if (t.kind == TokenKind::kDimension) {
      r.push_back('/');
      r.append(in, t.unit_begin, t.end - t.unit_begin);
    }
  }
  return r;
}

struct Row {
  const char* name;
  std::string in;
  const char* want;
};

const Row kRows[] = {
    {"ident", "abc", "ident:abc"},
    {"ident with hex escape and its space", "\\31 a", "ident:\\31 a"},
    {"ident with char escape", "a\\:b", "ident:a\\:b"},
    {"custom property name", "--x", "ident:--x"},
    {"double dash alone is an ident", "--", "ident:--"},
    {"dash ident", "-a", "ident:-a"},
    {"lone dash is a delim", "- ", "delim:-|whitespace: "},
    {"non-ascii ident", "\xC3\xA9t\xC3\xA9", "ident:\xC3\xA9t\xC3\xA9"},
    {"NUL inside is a name char (own case below)", std::string("a\0b", 3), nullptr},
    {"function", "rgb(1)", "function:rgb(|number:1|):)"},
    {"url unquoted", "url( a.png )", "url:url( a.png )"},
    {"url uppercase", "URL(x)", "url:URL(x)"},
    {"url quoted is a function", "url(\"a\")", "function:url(|string:\"a\"|):)"},
    {"url space then quote", "url(  'a')", "function:url(|whitespace:  |string:'a'|):)"},
    {"url with escaped paren", "url(a\\)b)", "url:url(a\\)b)"},
    {"bad url with quote", "url(a\"b)", "bad-url!:url(a\"b)"},
    {"bad url with paren recovers at first )", "url(a(b)c)", "bad-url!:url(a(b)|ident:c|):)"},
    {"bad url with inner space", "url( a b )", "bad-url!:url( a b )"},
    {"unterminated url", "url(a", "url!:url(a"},
    {"string double", "\"a'b\"", "string:\"a'b\""},
    {"string escaped quote", "'a\\'b'", "string:'a\\'b'"},
    {"string escaped newline continues", "'a\\\nb'", "string:'a\\\nb'"},
    {"bad string cut by newline", "\"a\nb", "bad-string!:\"a|whitespace:\n|ident:b"},
    {"unterminated string", "'abc", "string!:'abc"},
    {"string with backslash at EOF", "'a\\", "string!:'a\\"},
    {"hash id", "#abc", "hash:#abc"},
    {"hash unrestricted", "#1a", "hash:#1a"},
    {"hash with escape", "#\\31 a", "hash:#\\31 a"},
    {"lone hash is delim", "# ", "delim:#|whitespace: "},
    {"at-keyword", "@media", "at-keyword:@media"},
    {"vendor at-keyword", "@-webkit-keyframes", "at-keyword:@-webkit-keyframes"},
    {"lone at is delim", "@ x", "delim:@|whitespace: |ident:x"},
    {"integer", "12", "number:12"},
    {"signed", "+1 -1", "number:+1|whitespace: |number:-1"},
    {"fraction", ".5", "number:.5"},
    {"signed fraction", "-.5em", "dimension:-.5em/em"},
    {"exponent", "1e3 1E-3 1e+3", "number:1e3|whitespace: |number:1E-3|whitespace: |number:1e+3"},
    {"e without digits is a unit", "1e", "dimension:1e/e"},
    {"e plus without digits", "1e+", "dimension:1e/e|delim:+"},
    {"two numbers", "1.5.5", "number:1.5|number:.5"},
    {"number then negative number", "1-2", "number:1|number:-2"},
    {"dimension", "10px", "dimension:10px/px"},
    {"dimension with dashed unit", "1--x", "dimension:1--x/--x"},
    {"dimension with escape hack", "10px\\9", "dimension:10px\\9/px\\9"},
    {"escape as whole unit", "10\\9", "dimension:10\\9/\\9"},
    {"percentage", "50%", "percentage:50%"},
    {"plus delim", "+ a", "delim:+|whitespace: |ident:a"},
    {"dot delim", ".a", "delim:.|ident:a"},
    {"CDO CDC", "<!-- -->", "CDO:<!--|whitespace: |CDC:-->"},
    {"almost CDO", "<!-", "delim:<|delim:!|delim:-"},
    {"ident then CDC-like", "a-->", "ident:a--|delim:>"},
    {"comment", "/* a */", "comment:/* a */"},
    {"empty comment", "/**/", "comment:/**/"},
    {"comment with stars", "/*** a **/", "comment:/*** a **/"},
    {"unterminated comment", "/* a", "comment!:/* a"},
    {"slash delim", "a/b", "ident:a|delim:/|ident:b"},
    {"punctuation", ":;,[](){}",
     "colon::|semicolon:;|comma:,|[:[|]:]|(:(|):)|{:{|}:}"},
    {"whitespace kinds", " \t\n\r\f", "whitespace: \t\n\r\f"},
    {"backslash at EOF", "\\", "delim!:\\"},
    {"backslash newline", "\\\n", "delim!:\\|whitespace:\n"},
    {"important", "!important", "delim:!|ident:important"},
    {"unicode range", "U+0025-00FF", "ident:U|number:+0025|dimension:-00FF/FF"},
    {"comment between idents", "a/**/b", "ident:a|comment:/**/|ident:b"},
    {"escaped at-keyword", "@\\40x", "at-keyword:@\\40x"},
    {"ident followed by paren after space", "and (", "ident:and|whitespace: |(:("},
};

TEST_CASE("css tokenizer: token table", "[css][tokenizer]") {
  for (const Row& row : kRows) {
    if (row.want == nullptr) continue;  // checked in its own case below
    DYNAMIC_SECTION(row.name) {
      CHECK(Render(row.in) == row.want);
    }
  }
}

TEST_CASE("css tokenizer: NUL inside the input is a name character", "[css][tokenizer]") {
  std::string in("a\0b c", 5);
  std::vector<Token> toks;
  Tokenize(in, &toks);
  REQUIRE(toks.size() == 3);
  CHECK(toks[0].kind == TokenKind::kIdent);
  CHECK(toks[0].end == 3);
}

TEST_CASE("css tokenizer: lossless on every row and on hostile input", "[css][tokenizer]") {
  std::vector<std::string> inputs;
  for (const Row& row : kRows) inputs.push_back(row.in);
  inputs.push_back(std::string("\0\0\\\0", 4));
  inputs.push_back("url(");
  inputs.push_back("url(\\");
  inputs.push_back("'\\");
  inputs.push_back("#\\");
  inputs.push_back("@\\");
  inputs.push_back("-\\");
  inputs.push_back("1\\");
  inputs.push_back("\xff\xfe\x80");
  inputs.push_back(std::string(10000, '('));
  inputs.push_back("a{b:c}}}}{{{\"\n'\n/*");
  for (size_t i = 0; i < inputs.size(); ++i) {
    DYNAMIC_SECTION("input " << i) {
      std::vector<Token> toks;
      Tokenize(inputs[i], &toks);
      std::string joined;
      uint32_t at = 0;
      for (const Token& t : toks) {
        CHECK(t.begin == at);
        CHECK(t.end > t.begin);
        at = t.end;
        joined.append(inputs[i], t.begin, t.end - t.begin);
      }
      CHECK(joined == inputs[i]);
    }
  }
}

}  // namespace
}  // namespace pagebake::css
