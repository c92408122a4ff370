// A lossless ECMAScript 2024 tokenizer, as browsers run the language: every input byte lands in
// exactly one token, so the tokens concatenate back to the input, even after an error.
//
// JavaScript cannot be split into tokens without some parsing: `/` is a division or the start
// of a regular expression depending on what came before, `}` may close a block, an object
// literal or a `${` substitution of a template literal. The tokenizer keeps an explicit stack
// of open brackets (never recursion, so nesting depth costs heap, not stack) and the last
// significant token, which is enough for real code:
//  - `)` closing `if (...)`, `while (...)`, `for (...)`, `with`, `switch`, `catch` is followed
//    by a statement, so `/` there starts a regex; after any other `)` it divides;
//  - `{` opens a block, a function/class body, an arrow body, an object literal or a class
//    body, decided from the token before it; `}` of an object literal ends an expression
//    (`/` divides), the others end statements (`/` starts a regex);
//  - keywords that expect an expression (`return`, `typeof`, `case`, `yield`, `await`, ...)
//    allow a regex, except as property names (`a.return / 2`).
// The same bookkeeping tells the minifier where a `}` ends a statement, which it needs to
// drop line breaks safely.
//
// Errors (unterminated string, template, regex or comment) do not stop the tokenizer: the bad
// token runs to the end of its line (strings, regexes) or of the input (comments, templates),
// carries the kUnterminated flag, and the first error is kept with its byte offset.
#ifndef PAGEBAKE_JS_JS_TOKENIZER_H_
#define PAGEBAKE_JS_JS_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>  // part of every x86-64
#endif

namespace pagebake::js {

enum class JsTokenKind : uint8_t {
  kEnd,             // no more input; empty token at the end
  kWhitespace,      // spaces, tabs, line terminators (flag kHasNewline when it has one)
  kLineComment,     // `// ...` up to, not including, the line terminator
  kBlockComment,    // `/* ... */` (kHasNewline when it spans lines)
  kHtmlComment,     // classic scripts only: `<!-- ...` anywhere, `-->` at a line start
  kHashbang,        // `#!...` at offset 0
  kIdentifier,      // identifiers and keywords (see JsToken::keyword)
  kPrivateName,     // #name
  kNumber,          // 1, 1.5e3, 0x1F, 1_000, 10n, .5
  kString,          // '...' or "..."
  kTemplate,        // `...` with no substitution
  kTemplateHead,    // `...${
  kTemplateMiddle,  // }...${
  kTemplateTail,    // }...`
  kRegex,           // /.../flags
  kPunctuator,      // operators and brackets, longest match
  kInvalid,         // a byte that starts no token (e.g. a stray `@` or `\`): one byte
};

// Keywords the tokenizer and the minifier care about. Only set when the identifier is not a
// property name (after `.` or `?.`).
enum class JsKeyword : uint8_t {
  kNone,
  // A regex may follow these.
  kReturn, kTypeof, kInstanceof, kIn, kNew, kDelete, kVoid, kThrow, kCase, kDo, kElse,
  kYield, kAwait, kExtends,
  // Restricted productions / ASI-relevant.
  kBreak, kContinue, kAsync, kLet,
  // Control heads: `)` after their parenthesis is followed by a statement.
  kIf, kWhile, kFor, kWith, kSwitch, kCatch,
  // Blocks and declarations.
  kTry, kFinally, kFunction, kClass, kExport, kDefault, kVar, kConst,
};

// What a `{` opened, decided from the token before it; reported on the matching `}`.
enum class JsBrace : uint8_t {
  kNone,
  kBlock,      // statement block (if/else/for/try/... bodies, plain blocks, switch bodies)
  kDeclBody,   // body of a function declaration in statement position
  kDeclClass,  // body of a class declaration in statement position
  kFnBody,     // other function bodies (expression or unknown), object literal methods
  kMethodBody, // method, accessor or static block in a class body
  kArrowBody,  // `=> {`
  kClassBody,  // body of a class expression
  kObject,     // object literal or destructuring pattern
  kTemplate,   // `${` of a template literal
};

enum JsTokenFlags : uint8_t {
  kHasNewline = 1u << 0,     // whitespace/comment containing a line terminator
  kUnterminated = 1u << 1,   // string/template/regex/comment without its end
  kControlClose = 1u << 2,   // `)` closing if/while/for/with/switch/catch (...)
  kPropertyName = 1u << 3,   // identifier right after `.` or `?.`
  kTernaryColon = 1u << 4,   // `:` of a conditional expression
  kSkippedSpace = 1u << 5,   // SkipWhitespace() result: whitespace was skipped
  kHasEscape = 1u << 6,      // string literal holding a backslash
};

// 12 bytes, so that Next() returns it in registers.
struct JsToken {
  JsTokenKind kind = JsTokenKind::kEnd;
  uint8_t flags = 0;
  JsKeyword keyword = JsKeyword::kNone;
  JsBrace brace = JsBrace::kNone;  // for `}`: what it closed; for `{`: what it opened
  uint32_t begin = 0;              // byte offsets: inputs are smaller than 4 GiB
  uint32_t end = 0;
  size_t size() const { return end - begin; }
};

struct JsTokenizerOptions {
  // Module code has no HTML-like comments (`<!--` and `-->` are operators there).
  bool module = false;
};

class JsTokenizer {
 public:
  // `buf` must be NUL-terminated: buf.data()[buf.size()] == '\0' (std::string guarantees it),
  // and smaller than 4 GiB (offsets are 32-bit; callers enforce their size limit first).
  // NUL bytes inside the input are allowed; the hot loops check for the end only at a NUL.
  JsTokenizer(std::string_view buf, JsTokenizerOptions options = {});

  // The next token; kind kEnd (and begin == end == size) at the end of the input. The reference
  // stays valid until the next call (a significant token's for three more significant tokens).
  // Tokens are filled in place, never copied on the hot path: a copy of a token whose bytes were
  // just written stalls the CPU (the store cannot be forwarded to a wider load).
  const JsToken& Next();

  // For consumers that drop whitespace (the minifier): skips whitespace without making a token
  // of it. Returns 0 when there was none, else kSkippedSpace, plus kHasNewline when it held a
  // line terminator.
  uint8_t SkipWhitespace() {
    // A local position: stores through the char buffer could alias pos_ otherwise.
    size_t p = pos_;
#if defined(__SSE2__)
    // Whether whitespace comes next, and whether it holds a line break, follows no pattern the
    // branch predictor can learn (half a mispredict per token in the byte loop below). One
    // 16-byte block answers both without a branch when the run is spaces, tabs, CR and LF
    // ending inside the block, before an ASCII byte that is not \v or \f.
    if (p + 16 <= size_) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + p));
      const unsigned blank = unsigned(_mm_movemask_epi8(_mm_or_si128(
          _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')))));
      const unsigned breaks = unsigned(_mm_movemask_epi8(_mm_or_si128(
          _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')))));
      const unsigned k = unsigned(__builtin_ctz(~(blank | breaks)));  // 16 when all are
      const unsigned char stop = uint8_t(s_[p + k]);
      if (k < 16 && stop < 0x80 && stop != '\v' && stop != '\f') [[likely]] {
        const bool newline = (breaks & ((1u << k) - 1)) != 0;
        pos_ = p + k;
        line_start_ = line_start_ || newline;
        const uint8_t flags = uint8_t(kSkippedSpace | (newline ? kHasNewline : 0));
        return k ? flags : 0;
      }
    }
#endif
    uint8_t flags = 0;
    for (;;) {
      const char c = s_[p];
      if (c == ' ' || c == '\t') {
        p = SkipBlanks(p + 1);
      } else if (c == '\n' || c == '\r') {
        ++p;
        flags = kHasNewline;
      } else if (c == '\v' || c == '\f' || (uint8_t(c) >= 0x80 && p < size_)) {
        const size_t q = LexWhitespace(p, &flags);
        if (q == p) break;
        p = q;
      } else {
        break;
      }
    }
    if (p == pos_) return 0;
    pos_ = p;
    if (flags & kHasNewline) line_start_ = true;
    return flags | kSkippedSpace;
  }

  // The end of the run of spaces and tabs at p: 16 bytes at a time while they are all input
  // (indentation runs are long and of varying length, which a byte loop mispredicts).
  size_t SkipBlanks(size_t p) const {
#if defined(__SSE2__)
    while (p + 16 <= size_) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + p));
      const unsigned blank = unsigned(_mm_movemask_epi8(_mm_or_si128(
          _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')))));
      if (blank != 0xFFFF) return p + unsigned(__builtin_ctz(~blank));
      p += 16;
    }
#endif
    while (s_[p] == ' ' || s_[p] == '\t') ++p;
    return p;
  }

  // What the innermost open `{` is, when the innermost open bracket is a `{` (else kNone): after
  // a `,` or `{`, kObject says an object literal's property (or a pattern's) comes next.
  JsBrace open_brace() const {
    const Frame& f = stack_.back();
    return f.open == '{' ? f.brace : JsBrace::kNone;
  }
  bool has_error() const { return error_offset_ != kNoError; }
  // Byte offset and message of the first error.
  size_t error_offset() const { return error_offset_; }
  const std::string& error_message() const { return error_message_; }
  std::string_view text(const JsToken& t) const { return buf_.substr(t.begin, t.size()); }

  static constexpr size_t kNoError = ~size_t{0};

 private:
  struct Frame {
    uint8_t open;        // '(', '[', '{'
    JsBrace brace;       // for '{'
    bool control;        // '(' of a control head
    uint32_t ternaries;  // open `?` waiting for their `:`
    size_t start;        // for templates: offset of the opening backtick (for errors)
  };

  inline void LexSignificant(size_t start, JsToken* t);  // defined (and used) in js_tokenizer.cc
  size_t LexWhitespace(size_t p, uint8_t* flags);
  size_t LexLineComment(size_t p);
  size_t LexBlockComment(size_t p, uint8_t* flags);
  size_t LexString(size_t p, uint8_t* flags);
  size_t LexTemplateChars(size_t p, JsTokenKind* kind, uint8_t* flags);
  size_t LexRegex(size_t p, uint8_t* flags);
  size_t LexNumber(size_t p);
  size_t LexIdentifier(size_t p);
  size_t LexPunctuator(size_t p);
  JsKeyword ClassifyKeyword(size_t begin, size_t end) const;
  JsBrace BraceKindHere() const;
  bool StatementStart() const;
  void OnOpen(JsToken* t);
  void OnClose(JsToken* t);
  void OnPunctuator(JsToken* t);
  void Error(size_t offset, const char* message);
  // Size of a line terminator or Unicode space at p (0 if none); sets *newline for the former.
  size_t UnicodeSpaceAt(size_t p, bool* newline) const;
  bool AtEnd(size_t p) const { return p >= size_; }

  std::string_view buf_;
  const char* s_;
  size_t size_;
  size_t pos_ = 0;
  JsTokenizerOptions options_;
  std::vector<Frame> stack_;
  // The last significant tokens (not whitespace or comments), newest at ring_[ring_i_].
  const JsToken& prev() const { return ring_[ring_i_]; }
  const JsToken& prev2() const { return ring_[(ring_i_ + 3) & 3]; }
  JsToken& NextSlot() {
    JsToken& t = ring_[(ring_i_ + 1) & 3];
    t = JsToken{};
    return t;
  }
  JsToken ring_[4];
  unsigned ring_i_ = 0;
  JsToken other_;  // whitespace, comments and the end
  bool regex_ok_ = true;
  bool line_start_ = true;  // only whitespace/comments since the last line terminator
  // A function/class declaration's body is the next `{` at this stack depth.
  size_t decl_depth_ = ~size_t{0};
  bool decl_class_ = false;
  // A `function` expression's body is the next `{` at this stack depth.
  size_t fn_depth_ = ~size_t{0};
  size_t error_offset_ = kNoError;
  std::string error_message_;
};

// All tokens of `buf` (which must be NUL-terminated), ending with the kEnd token.
std::vector<JsToken> TokenizeJs(std::string_view buf, JsTokenizerOptions options = {});

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_TOKENIZER_H_
