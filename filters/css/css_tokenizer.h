// A lossless CSS Syntax Level 3 tokenizer. Every input byte belongs to exactly one token, in
// order, so the tokens concatenate back to the input byte for byte — even for malformed input
// (bad strings, bad urls, unterminated comments are tokens too, flagged as errors). Comments
// are tokens (the spec drops them) because minifiers must decide about /*! ... */ and about
// comments that separate tokens. Positions are byte offsets; line:col is computed only when a
// problem is reported (text::LineColAt).
//
// The hot loop reads a NUL-terminated buffer (std::string guarantees it), so it needs no bounds
// check except where a NUL byte is seen: NUL inside the input is a name character (the spec
// turns it into U+FFFD), NUL at size() is the end.
#ifndef PAGEBAKE_CSS_CSS_TOKENIZER_H_
#define PAGEBAKE_CSS_CSS_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pagebake::css {

enum class TokenKind : uint8_t {
  kIdent,
  kFunction,   // "name(" — the text includes the '('
  kAtKeyword,  // "@name"
  kHash,       // "#name"; flag kHashId when the name would start an identifier
  kString,     // "..." or '...', quotes included; may lack the closing quote at EOF (kError)
  kBadString,  // a string cut by a newline (the newline is not part of it)
  kUrl,        // url( unquoted ) — the whole text including "url(" and ")"
  kBadUrl,     // url( with a quote, paren or bad escape inside ), through the recovery point
  kDelim,      // one code point (one byte; non-ASCII bytes are name characters, never delims)
  kNumber,
  kPercentage,
  kDimension,  // unit_begin marks where the unit starts
  kWhitespace,
  kCdo,        // <!--
  kCdc,        // -->
  kColon,
  kSemicolon,
  kComma,
  kOpenSquare,
  kCloseSquare,
  kOpenParen,
  kCloseParen,
  kOpenCurly,
  kCloseCurly,
  kComment,    // /* ... */, or unterminated at EOF (kError)
  kEof,
};

enum TokenFlags : uint8_t {
  kTokenError = 1u << 0,      // a parse error inside the token (unterminated, bad escape)
  kHashId = 1u << 1,          // hash token of type "id"
  kNumberInteger = 1u << 2,   // numeric token whose number has no '.' and no exponent
  kHasEscape = 1u << 3,       // ident-like/hash/at/dimension text contains a backslash
};

struct Token {
  TokenKind kind;
  uint8_t flags;
  uint32_t begin;       // byte offset of the first byte
  uint32_t end;         // one past the last byte
  uint32_t unit_begin;  // kDimension: offset where the unit starts; else == end
};

const char* TokenKindName(TokenKind k);

class Tokenizer {
 public:
  // `buf.data()[buf.size()]` must be '\0' (a std::string's data, or a copy). Inputs must be
  // smaller than 4 GiB (offsets are 32-bit; callers enforce their size limit first).
  explicit Tokenizer(std::string_view buf);

  // The next token; kEof (empty, at size()) at the end and forever after.
  Token Next();

 private:
  const char* const base_;
  const char* const end_;
  const char* p_;
};

// Tokenizes all of `buf` (same NUL requirement), kEof not included.
void Tokenize(std::string_view buf, std::vector<Token>* out);

// Tokenize, plus the nesting check of CheckStructure (css_structure.h) in the same pass: false
// when a block is unclosed or closed by the wrong token, or a token is broken (bad string/url,
// unterminated). All tokens are in `out` either way; CheckStructure then says what is wrong.
bool TokenizeBalanced(std::string_view buf, std::vector<Token>* out);

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_TOKENIZER_H_
