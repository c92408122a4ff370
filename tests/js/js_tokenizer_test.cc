// JsTokenizer: token kinds per row (one letter per token), losslessness, error offsets.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "filters/js/js_tokenizer.h"
#include "tests/js/js_test_util.h"

namespace pagebake::js {
namespace {

char Letter(JsTokenKind k) {
  switch (k) {
    case JsTokenKind::kEnd: return '$';
    case JsTokenKind::kWhitespace: return '_';
    case JsTokenKind::kLineComment: return 'c';
    case JsTokenKind::kBlockComment: return 'b';
    case JsTokenKind::kHtmlComment: return 'h';
    case JsTokenKind::kHashbang: return '#';
    case JsTokenKind::kIdentifier: return 'i';
    case JsTokenKind::kPrivateName: return 'p';
    case JsTokenKind::kNumber: return 'n';
    case JsTokenKind::kString: return 's';
    case JsTokenKind::kTemplate: return 'T';
    case JsTokenKind::kTemplateHead: return '[';
    case JsTokenKind::kTemplateMiddle: return '|';
    case JsTokenKind::kTemplateTail: return ']';
    case JsTokenKind::kRegex: return 'r';
    case JsTokenKind::kPunctuator: return '.';
    case JsTokenKind::kInvalid: return '?';
  }
  return '!';
}

// Kinds of all tokens but the final kEnd, and their texts joined by '|' for punctuators.
std::string Kinds(const std::string& in, bool module = false) {
  std::string r;
  for (const JsToken& t : TokenizeJs(in, {module}))
    if (t.kind != JsTokenKind::kEnd) r.push_back(Letter(t.kind));
  return r;
}

struct Row {
  const char* name;
  std::string in;
  std::string kinds;
  bool module = false;
};

TEST_CASE("JsTokenizer kinds", "[js][tokenizer]") {
  const std::vector<Row> rows = {
      {"identifiers_and_spaces", "var a", "i_i"},
      {"punctuators_longest_match", "a>>>=b", "i.i"},
      {"arrow", "a=>b", "i.i"},
      {"spread", "...a", ".i"},
      {"optional_chain", "a?.b", "i.i"},
      {"conditional_decimal", "a?.5:b", "i.n.i"},
      {"nullish_assign", "a?" "?=b", "i.i"},
      {"numbers", "1 1.5 .5 1e3 1E-3 0x1F 0o17 0b1 1_000 10n 1.", "n_n_n_n_n_n_n_n_n_n_n"},
      {"number_then_member", "1..a", "n.i"},
      {"strings", "'a' \"b\" 'c\\'d'", "s_s_s"},
      {"string_line_continuation", "'a\\\nb'", "s"},
      {"template", "`a`", "T"},
      {"template_substitution", "`a${b}c`", "[i]"},
      {"template_two_substitutions", "`${a}${b}`", "[i|i]"},
      {"template_nested", "`${`${a}`}`", "[[i]]"},
      {"template_object_in_substitution", "`${{a:1}}`", "[.i.n.]"},
      {"regex_at_start", "/a/g", "r"},
      {"regex_after_paren_of_if", "if(a)/b/", "i.i.r"},
      {"division_after_paren", "(a)/b/c", ".i..i.i"},
      {"regex_after_return", "return /a/", "i_r"},
      {"division_after_property_return", "a.return/b/c", "i.i.i.i"},
      {"regex_after_block", "{}/a/", "..r"},
      {"division_after_object", "x={}/a/i", "i....i.i"},
      {"regex_after_arrow_body", "x=()=>{}\n/a/", "i......_r"},
      {"regex_class_with_slash", "/[/]/", "r"},
      {"division_after_ternary_object", "a?{}:{}/b", "i.......i"},
      {"division_after_postfix", "a++/b", "i..i"},
      {"line_comment", "a//b\nc", "ic_i"},
      {"block_comment", "a/*b*/c", "ibi"},
      {"hashbang", "#!node\na", "#_i"},
      {"hash_not_at_start", " #!x", "_?.i"},
      {"private_name", "this.#a", "i.p"},
      {"html_open_comment", "a<!--b\nc", "ih_i"},
      {"html_close_comment_line_start", "a\n-->b\nc", "i_h_i"},
      {"html_close_after_comment_on_line", "a\n/* x */-->b", "i_bh"},
      {"html_close_not_mid_line", "a-->b", "i..i"},
      {"html_comments_not_in_module", "a<!--b\n-->c", "i...i_..i", true},
      {"unicode_identifier", "caf\xC3\xA9 \xCF\x80", "i_i"},
      {"escaped_identifier", "\\u0061b \\u{62}", "i_i"},
      {"u2028_whitespace", "a\xE2\x80\xA8" "b", "i_i"},
      {"stray_at", "@a", "?i"},
      {"nul_byte_inside", std::string("a\0b", 3), "i?i"},
      {"control_paren_for_await", "for await(x of y)/a/", "i_i.i_i_i.r"},
      {"regex_after_keyword_typeof", "typeof/a/", "ir"},
  };
  for (const Row& row : rows) {
    DYNAMIC_SECTION(row.name) {
      CHECK(Kinds(row.in, row.module) == row.kinds);
      CHECK(testing::Reassemble(row.in, {row.module}) == row.in);
    }
  }
}

TEST_CASE("JsTokenizer brace kinds", "[js][tokenizer]") {
  struct BraceRow {
    const char* name;
    std::string in;
    JsBrace want;  // of the first `{`
  };
  const std::vector<BraceRow> rows = {
      {"block_at_start", "{}", JsBrace::kBlock},
      {"if_block", "if(a){}", JsBrace::kBlock},
      {"object_after_assign", "a={}", JsBrace::kObject},
      {"object_after_return", "return{}", JsBrace::kObject},
      {"function_declaration", "function f(){}", JsBrace::kDeclBody},
      {"function_expression", "x=function(){}", JsBrace::kFnBody},
      {"arrow_body", "x=()=>{}", JsBrace::kArrowBody},
      {"class_declaration", "class A{}", JsBrace::kDeclClass},
      {"class_expression", "x=class{}", JsBrace::kClassBody},
      {"label_block", "l:{}", JsBrace::kBlock},
      {"ternary_object", "a?b:{}", JsBrace::kObject},
      {"else_block", "if(a);else{}", JsBrace::kBlock},
      {"async_function_declaration", "async function f(){}", JsBrace::kDeclBody},
      {"export_default_function", "export default function(){}", JsBrace::kDeclBody},
  };
  for (const BraceRow& row : rows) {
    DYNAMIC_SECTION(row.name) {
      JsBrace got = JsBrace::kNone;
      for (const JsToken& t : TokenizeJs(row.in)) {
        if (t.kind == JsTokenKind::kPunctuator && row.in[t.begin] == '{') {
          got = t.brace;
          break;
        }
      }
      CHECK(int(got) == int(row.want));
    }
  }
}

TEST_CASE("JsTokenizer errors keep every byte", "[js][tokenizer]") {
  struct ErrRow {
    const char* name;
    std::string in;
    size_t offset;
  };
  const std::vector<ErrRow> rows = {
      {"unterminated_string", "a='b\nc", 2},
      {"unterminated_block_comment", "a/*b", 1},
      {"unterminated_template", "x`abc", 1},
      {"unterminated_regex", "x=/ab\n/", 2},
      {"unterminated_template_after_substitution", "`a${b} c", 0},
  };
  for (const ErrRow& row : rows) {
    DYNAMIC_SECTION(row.name) {
      JsTokenizer tok(row.in);
      std::string joined;
      for (JsToken t = tok.Next(); t.kind != JsTokenKind::kEnd; t = tok.Next())
        joined += tok.text(t);
      CHECK(joined == row.in);
      CHECK(tok.has_error());
      CHECK(tok.error_offset() == row.offset);
    }
  }
}

TEST_CASE("JsTokenizer keywords: each one, and the names next to them", "[js][tokenizer]") {
  // ClassifyKeyword hashes (first char, second char, length) into a table: every keyword must
  // land in its own slot, and a name sharing those three with a keyword must not match it.
  const std::pair<const char*, JsKeyword> kKeywords[] = {
      {"in", JsKeyword::kIn}, {"do", JsKeyword::kDo}, {"if", JsKeyword::kIf},
      {"new", JsKeyword::kNew}, {"for", JsKeyword::kFor}, {"let", JsKeyword::kLet},
      {"try", JsKeyword::kTry}, {"var", JsKeyword::kVar}, {"void", JsKeyword::kVoid},
      {"case", JsKeyword::kCase}, {"else", JsKeyword::kElse}, {"with", JsKeyword::kWith},
      {"throw", JsKeyword::kThrow}, {"yield", JsKeyword::kYield}, {"await", JsKeyword::kAwait},
      {"break", JsKeyword::kBreak}, {"async", JsKeyword::kAsync}, {"while", JsKeyword::kWhile},
      {"catch", JsKeyword::kCatch}, {"class", JsKeyword::kClass}, {"const", JsKeyword::kConst},
      {"return", JsKeyword::kReturn}, {"typeof", JsKeyword::kTypeof},
      {"delete", JsKeyword::kDelete}, {"switch", JsKeyword::kSwitch},
      {"export", JsKeyword::kExport}, {"extends", JsKeyword::kExtends},
      {"finally", JsKeyword::kFinally}, {"default", JsKeyword::kDefault},
      {"continue", JsKeyword::kContinue}, {"function", JsKeyword::kFunction},
      {"instanceof", JsKeyword::kInstanceof}};
  auto keyword_of = [](const std::string& word) {
    std::vector<JsToken> toks = TokenizeJs(word);
    REQUIRE(toks.size() == 2);
    CHECK(toks[0].kind == JsTokenKind::kIdentifier);
    CHECK(toks[0].size() == word.size());
    return toks[0].keyword;
  };
  for (const auto& [word, keyword] : kKeywords) {
    INFO(word);
    CHECK(keyword_of(word) == keyword);
    std::string near = word;
    near.back() = near.back() == 'z' ? 'y' : 'z';  // same first two chars and length
    if (near.size() > 2) CHECK(keyword_of(near) == JsKeyword::kNone);
    CHECK(keyword_of(std::string(word) + "s") == JsKeyword::kNone);
    CHECK(keyword_of(std::string(word).substr(0, std::string(word).size() - 1)) !=
          keyword);
  }
  CHECK(keyword_of("x") == JsKeyword::kNone);
  CHECK(keyword_of("instanceofs") == JsKeyword::kNone);
  CHECK(keyword_of("If") == JsKeyword::kNone);
}

TEST_CASE("JsTokenizer: identifiers and blank runs longer than one 16-byte block", "[js][tokenizer]") {
  // The identifier and whitespace scanners take 16 bytes at a time: names and runs of every
  // length around the block size, ending in each kind of byte.
  for (size_t n = 1; n <= 40; ++n) {
    const std::string name = std::string(n, 'a') + "$_Z9";
    for (const std::string& after : {std::string(" "), std::string("("), std::string("\\u0061"),
                                     std::string("\xC3\xA9"), std::string("")}) {
      const std::string in = name + after + std::string(n, ' ') + "\n" + std::string(n, '\t') + "x";
      INFO(n << " " << after);
      std::vector<JsToken> toks = TokenizeJs(in);
      REQUIRE(!toks.empty());
      CHECK(toks[0].kind == JsTokenKind::kIdentifier);
      const bool continues = after.size() > 1;  // an escape or a non-ASCII letter
      CHECK(toks[0].size() == name.size() + (continues ? after.size() : 0));
      CHECK(testing::Reassemble(in) == in);
    }
  }
}

TEST_CASE("JsTokenizer is lossless on arbitrary bytes", "[js][tokenizer]") {
  // A deterministic byte soup biased towards the characters that change lexer state.
  const std::string alphabet = "/*`'\"${}()[]\\\n\r<!->?.:;a1 #\xE2\x80\xA8\xC3";
  uint32_t x = 12345;
  for (int n = 0; n < 2000; ++n) {
    std::string in;
    int len = 1 + n % 64;
    for (int i = 0; i < len; ++i) {
      x = x * 1103515245u + 12345u;
      in.push_back(alphabet[(x >> 16) % alphabet.size()]);
    }
    INFO(in);
    REQUIRE(testing::Reassemble(in) == in);
    REQUIRE(testing::Reassemble(in, {true}) == in);
  }
}

}  // namespace
}  // namespace pagebake::js
