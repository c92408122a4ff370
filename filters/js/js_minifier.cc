#include "filters/js/js_minifier.h"

#include <cstring>
#include <initializer_list>
#include <limits>

#include "filters/js/js_literals.h"
#include "filters/js/js_tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::js {
namespace {

using K = JsTokenKind;

constexpr size_t kSlack = 16;
const JsToken kNoToken;  // kind kEnd
constexpr size_t kMaxNumberSize = 64;  // longer number literals are written as they are

// A punctuator's identity as one integer: its length and first two characters (the ones the
// minifier asks about never collide).
constexpr uint32_t PC(std::string_view p) {
  return (uint32_t(p.size()) << 16) | (uint32_t(uint8_t(p[0])) << 8) |
         (p.size() > 1 ? uint8_t(p[1]) : 0u);
}

// One character punctuators after which no new statement can start, so a line break before
// them never triggers ASI.
bool ClosesOrSeparates(uint32_t code) {
  return code == PC(";") || code == PC(")") || code == PC("]") || code == PC("}") ||
         code == PC(",") || code == PC(":");
}

bool IsWordLike(JsTokenKind k) {
  return k == K::kIdentifier || k == K::kNumber || k == K::kPrivateName || k == K::kInvalid;
}

// The minifier's state: the output, the last significant token and what lay between it and
// the next one, plus what a later token may make redundant (a `;` before `}`, a trailing `,`,
// the `()` of `new X()`), which Emit() takes back from the output when that token comes.
class Minifier {
 public:
  Minifier(std::string_view src, const JsMinifyOptions& o, std::string* out,
           text::SourceMapBuilder* map)
      : src_(src), o_(o), out_(out), base_(out->data()), cap_(out->size()), w_(base_), map_(map), es2015_(o.module) {}

  bool Run(JsTokenizer* tok);
  // The output written so far.
  size_t size() const { return size_t(w_ - base_); }

 private:
  // Progress through `new Callee.path()`, whose empty argument list can go.
  enum class NewCall : uint8_t { kNone, kAfterNew, kCallee, kAfterDot, kOpen, kEmptyArgs };
  // Progress through `{name: name` in an object literal, which can be `{name`.
  enum class Shorthand : uint8_t { kNone, kKey, kColon, kValue };

  bool KeepComment(const JsToken& t) const;
  // Room for `n` more bytes plus the separators before them and the slack Put() copies into.
  void Reserve(size_t n) {
    if (size() + n + (4 + kSlack) > cap_) [[unlikely]] Grow(n);
  }
  [[gnu::noinline]] void Grow(size_t n);
  void EmitKept(const JsToken& t);
  void Emit(const JsToken& t);
  // Out of line: rarely needed, and inlined they crowd Emit()'s registers.
  [[gnu::noinline]] void TakeBack(uint32_t code);
  [[gnu::noinline]] void Track(const JsToken& b, uint32_t code, size_t at);
  void TrackShorthand(const JsToken& b, uint32_t code, size_t at);
  void TrackNewCall(const JsToken& b, uint32_t code, size_t at);
  // Whether b may arm or advance a take-back (else Track() would change nothing).
  bool MayTrack(const JsToken& b, uint32_t code) const {
    if (armed_ || code == PC(",") || b.keyword == JsKeyword::kNew) return true;
    if (!es2015_) return code > PC("{") || a_->keyword == JsKeyword::kClass;
    return (a_code_ == PC("{") || a_code_ == PC(",")) && b.kind == K::kIdentifier;
  }
  void WriteToken(const JsToken& b, const char* number, size_t number_size);
  uint32_t Code(const JsToken& t) const {
    if (t.kind != K::kPunctuator || t.size() > 3) return 0;
    const auto* p = reinterpret_cast<const uint8_t*>(src_.data()) + t.begin;
    return (uint32_t(t.size()) << 16) | (uint32_t(p[0]) << 8) | (t.size() > 1 ? p[1] : 0u);
  }
  std::string_view Text(const JsToken& t) const { return {src_.data() + t.begin, t.size()}; }
  char Last() const { return w_ == base_ ? '\0' : w_[-1]; }
  void Put(char c) { *w_++ = c; }
  void FlushLineEnd() {
    if (line_end_) Put('\n');
    line_end_ = false;
  }
  // Both buffers have kSlack bytes past their end, so short tokens are one fixed-size copy.
  void Put(const char* p, size_t n) {
    if (n <= kSlack) {
      std::memcpy(w_, p, kSlack);
    } else {
      std::memcpy(w_, p, n);
    }
    w_ += n;
  }
  // Takes back the output from `at` on; `a` (written at a_at) is again the last token.
  void Truncate(size_t at, const JsToken& a, size_t a_at) {
    w_ = base_ + at;
    if (map_) map_->TruncateGenerated(at);
    restored_ = a;
    a_ = &restored_;
    a_code_ = Code(a);
    a_at_ = a_at;
  }
  bool NeedsNewline(const JsToken& a, const JsToken& b) const;
  bool ExpressionEndNeedsNewline(const JsToken& b) const;
  bool NeedsSpace(const JsToken& a, const JsToken& b, char fb) const;
  bool DigitsOnlyNumberLast() const;
  bool SemicolonDroppable() const;

  std::string_view src_;
  const JsMinifyOptions& o_;
  std::string* out_;  // sized by the caller to hold the worst case; w_ writes into it
  char* base_;        // out_->data()
  size_t cap_;        // out_->size(), kept here: Reserve() runs for every token
  char* w_;
  text::SourceMapBuilder* map_;  // may be null
  // The last significant token emitted (kNoToken at the start): the tokenizer's own token,
  // or restored_ after a take-back. A pointer, as copying a just-written token stalls the CPU.
  const JsToken* a_ = &kNoToken;
  JsToken restored_;
  uint32_t a_code_ = 0;       // Code(a_)
  size_t a_at_ = 0;           // where a_ starts in the output
  bool a_line_start_ = true;  // the last `--` was written at the start of an output line
  bool newline_ = false;      // a line terminator was removed since a_
  bool space_ = false;        // whitespace or a comment was removed since a_
  bool after_comment_ = false;  // a kept comment was written since a_
  bool line_end_ = false;       // a kept line comment still needs its line terminator
  size_t semis_ = std::string::npos;  // where trailing droppable `;`s start in the output
  // A `,` just written that a closing bracket would make redundant, and the token before it.
  size_t comma_ = std::string::npos;
  JsToken before_comma_;
  size_t before_comma_at_ = 0;
  // `new X()`: where `(` was written, and the callee's last token.
  NewCall new_call_ = NewCall::kNone;
  size_t paren_at_ = 0;
  JsToken callee_;
  size_t callee_at_ = 0;
  // Shorthand properties are ES2015: only written once the input shows it needs a newer engine
  // anyway (module code, a class, `?.`, `??`, `**`), so ES5 code stays ES5.
  bool es2015_ = false;
  JsTokenizer* tok_ = nullptr;
  Shorthand shorthand_ = Shorthand::kNone;
  // comma_, new_call_ or shorthand_ is set: one flag for the hot path to test.
  bool armed_ = false;
  JsToken key_;            // the property name
  size_t key_at_ = 0;      // where it was written
  size_t key_end_ = 0;     // where the `:` after it starts
};

bool Minifier::KeepComment(const JsToken& t) const {
  std::string_view c = Text(t);
  if (t.kind == K::kHashbang) return true;
  if (t.kind == K::kLineComment) {
    if (c.starts_with("//# sourceMappingURL=") || c.starts_with("//@ sourceMappingURL="))
      return !o_.drop_source_map_url;
    if (c.starts_with("//# sourceURL=") || c.starts_with("//@ sourceURL=")) return true;
  }
  if (!o_.keep_license_comments || t.kind == K::kHtmlComment) return false;
  if (c.starts_with("/*!") || c.starts_with("//!")) return true;
  return c.find("@license") != c.npos || c.find("@preserve") != c.npos ||
         c.find("@cc_on") != c.npos;
}

void Minifier::Grow(size_t n) {
  const size_t used = size();
  out_->resize(out_->size() + n + 64 + kSlack);
  cap_ = out_->size();
  base_ = out_->data();
  w_ = base_ + used;
}

void Minifier::EmitKept(const JsToken& t) {
  // A kept comment may add two bytes the input did not have (a space before it, a line
  // terminator after it): make room, since the buffer was sized for the input.
  Reserve(t.size());
  FlushLineEnd();
  if (size() > 0) {
    char last = Last();
    // A space only where whitespace went: `a / //c` must not become `a///c`, but `<//c`
    // was already adjacent in the input (the js fuzzer found the added space growing it).
    if (newline_ && last != '\n') Put('\n');
    else if (space_ && (last == '/' || last == '<')) Put(' ');
  }
  Put(src_.data() + t.begin, t.size());
  // A line comment needs its line terminator, written with whatever comes next (none at the
  // end of the input).
  if (t.kind != K::kBlockComment) line_end_ = true;
  newline_ = false;
  space_ = false;
  after_comment_ = true;
  semis_ = comma_ = std::string::npos;
  new_call_ = NewCall::kNone;
  shorthand_ = Shorthand::kNone;
  armed_ = false;
}

// Whether a removed line break between a and b must be kept for ASI.
bool Minifier::NeedsNewline(const JsToken& a, const JsToken& b) const {
  switch (a.kind) {
    case K::kIdentifier:
      if (a.flags & kPropertyName) break;
      switch (a.keyword) {
        case JsKeyword::kReturn: case JsKeyword::kThrow: case JsKeyword::kBreak:
        case JsKeyword::kContinue: case JsKeyword::kYield: case JsKeyword::kAwait:
        case JsKeyword::kAsync: case JsKeyword::kLet:
          return !ClosesOrSeparates(Code(b));
        case JsKeyword::kTypeof: case JsKeyword::kInstanceof: case JsKeyword::kIn:
        case JsKeyword::kNew: case JsKeyword::kDelete: case JsKeyword::kVoid:
        case JsKeyword::kCase: case JsKeyword::kDo: case JsKeyword::kElse:
        case JsKeyword::kExtends: case JsKeyword::kTry: case JsKeyword::kFinally:
          return false;  // an expression or a statement must follow: no ASI here
        default:
          break;
      }
      break;
    case K::kTemplateHead:
    case K::kTemplateMiddle:
      return false;
    case K::kPunctuator: {
      const uint32_t s = Code(a);
      if (s == PC("++") || s == PC("--")) return !ClosesOrSeparates(Code(b));
      if (s == PC(")")) {
        if (a.flags & kControlClose) return false;
        break;
      }
      if (s == PC("]")) break;
      if (s == PC("}")) {
        switch (a.brace) {
          case JsBrace::kBlock: case JsBrace::kDeclBody: case JsBrace::kDeclClass:
          case JsBrace::kMethodBody:
            return false;
          case JsBrace::kArrowBody:
            return !ClosesOrSeparates(Code(b));
          default:
            break;
        }
        break;
      }
      return false;  // operators, openers, separators: the statement goes on
    }
    default:
      break;
  }
  return ExpressionEndNeedsNewline(b);
}

// `a` ended an expression. A line break before b matters unless b can only continue it.
bool Minifier::ExpressionEndNeedsNewline(const JsToken& b) const {
  switch (b.kind) {
    case K::kPunctuator: {
      const uint32_t s = Code(b);
      if (s == PC("++") || s == PC("--") || s == PC("{") || s == PC("!") || s == PC("~") ||
          s == PC("..."))
        return true;
      return false;  // binary operators, `(`, `[`, `.`, `?.`, `=`, closers
    }
    case K::kTemplate:
    case K::kTemplateHead:
      return false;  // a tagged template continues the expression
    default:
      return true;  // identifiers, literals, regexes: a new statement
  }
}

// Whether a and b, written as they are now (b starting with fb), would fuse without a space.
bool Minifier::NeedsSpace(const JsToken& a, const JsToken& b, char fb) const {
  if ((IsWordLike(a.kind) || a.kind == K::kRegex) && IsWordLike(b.kind)) return true;
  if (a.kind == K::kNumber && fb == '.' && DigitsOnlyNumberLast()) return true;  // 1 .toString()
  const char la = Last();
  // Two punctuators that would lex as one (`? ?`, `= =`, `* *`; only in broken code) stay
  // apart, or a second pass would read other tokens (the js fuzzer's finding: a `??` made
  // there flipped the ES2015 gate of shorthand properties).
  if (a.kind == K::kPunctuator && b.kind == K::kPunctuator) {
    switch (la) {
      case '?': if (fb == '?' || fb == '.') return true; break;
      case '*': case '&': case '|': case '<': case '>': case '=':
        if (fb == la || fb == '=' || (la == '=' && fb == '>')) return true;
        break;
      case '!': case '%': case '^': case '+': case '-': case '/':
        if (fb == '=') return true;
        break;
      default: break;
    }
  }
  switch (la) {
    case '+': return fb == '+';
    case '-':
      if (fb == '-') return true;  // a - -b
      // `-->` starts an HTML-like comment only at the start of a line (classic scripts).
      return fb == '>' && !o_.module && (a_line_start_ || Code(a) != PC("--"));
    case '/': return fb == '/' || fb == '*';
    case '<': return fb == '!' || fb == '/';  // `<!--`, `</script`
    // `a. 5` (a syntax error) must not become `a.5`, a number (the js fuzzer's finding).
    // A number after a dot is read as one from its own `.`: `..5` is `.` then `.5`, `....5` is
    // `...` then `.5`.
    case '.': return (fb == '.' && b.kind != K::kNumber) || (fb >= '0' && fb <= '9');
    default: return false;
  }
}

// The number a_, as written, is all digits: a `.` after it would be its decimal point.
bool Minifier::DigitsOnlyNumberLast() const {
  for (const char* p = base_ + a_at_; p < w_; ++p)
    if (!((*p >= '0' && *p <= '9') || *p == '_')) return false;
  return true;
}

// A `;` about to be written could be dropped before a `}`: not when it is the whole body of
// an if/for/while/else/do, or the statement after a label or case.
bool Minifier::SemicolonDroppable() const {
  if (a_->kind == K::kPunctuator) {
    const uint32_t s = a_code_;
    if (s == PC(")")) return !(a_->flags & kControlClose);
    if (s == PC(":")) return false;
    // `a,;}` (a syntax error) keeps its `;`: dropping it would leave `a,}`, whose comma the
    // next pass takes back as trailing (idempotence; the js fuzzer's finding).
    if (s == PC(",")) return false;
    return true;
  }
  if (a_->kind == K::kIdentifier && !(a_->flags & kPropertyName) &&
      (a_->keyword == JsKeyword::kElse || a_->keyword == JsKeyword::kDo))
    return false;
  return a_->kind != K::kEnd && !after_comment_;
}

// The `;`, `,` or `()` the token with punctuator code `code` makes redundant.
void Minifier::TakeBack(uint32_t code) {
  switch (code) {
    case PC("}"):
      if (semis_ != std::string::npos) Truncate(semis_, *a_, a_at_);
      [[fallthrough]];
    case PC(")"): case PC("]"):
      if (comma_ != std::string::npos) Truncate(comma_, before_comma_, before_comma_at_);
      break;
    default:
      break;
  }
  if (shorthand_ == Shorthand::kValue && (code == PC(",") || code == PC("}")))
    Truncate(key_end_, key_, key_at_);
  if (new_call_ != NewCall::kEmptyArgs) return;
  // `new X()` is `new X` wherever the next token cannot continue the callee or call its
  // result: `.`, `?.`, `[`, `(` and templates would, and are not in this list.
  switch (code) {
    case PC(";"): case PC(","): case PC(")"): case PC("]"): case PC("}"): case PC(":"):
    case PC("?"): case PC("||"): case PC("&&"): case PC("??"): case PC("=="): case PC("!="):
    case PC("==="): case PC("!=="): case PC("+"): case PC("-"): case PC("*"): case PC("%"):
    case PC("<"): case PC(">"): case PC("<="): case PC(">="): case PC("|"): case PC("&"):
    case PC("^"):
      Truncate(paren_at_, callee_, callee_at_);
      break;
    default:
      break;
  }
}

// Notes what b, written at `at`, lets a later token take back.
void Minifier::Track(const JsToken& b, uint32_t code, size_t at) {
  TrackNewCall(b, code, at);
  comma_ = std::string::npos;
  if (code == PC(",")) {
    // Not an elision: `[a,,]` and `[,]` count their commas. Not after `;` (a syntax error):
    // dropping the comma of `'';,}` would leave a `;` before `}` that the next pass drops
    // (idempotence; the js fuzzer's finding).
    const uint32_t p = a_code_;
    if (a_->kind != K::kEnd && p != PC(",") && p != PC("[") && p != PC("(") && p != PC("{") &&
        p != PC(";")) {
      comma_ = at;
      before_comma_ = *a_;
      before_comma_at_ = a_at_;
    }
  }
  TrackShorthand(b, code, at);
  armed_ = comma_ != std::string::npos || new_call_ != NewCall::kNone ||
           shorthand_ != Shorthand::kNone;
}

void Minifier::TrackNewCall(const JsToken& b, uint32_t code, size_t at) {
  const NewCall state = new_call_;
  if (state == NewCall::kNone && b.keyword != JsKeyword::kNew) return;
  new_call_ = NewCall::kNone;
  if (b.kind == K::kIdentifier) {
    if (b.keyword == JsKeyword::kNew && !(b.flags & kPropertyName)) {
      new_call_ = NewCall::kAfterNew;
    } else if (b.keyword == JsKeyword::kNone &&
               (state == NewCall::kAfterNew || state == NewCall::kAfterDot)) {
      new_call_ = NewCall::kCallee;
      callee_ = b;
      callee_at_ = at;
    }
  } else if (state == NewCall::kCallee && code == PC(".")) {
    new_call_ = NewCall::kAfterDot;
  } else if (state == NewCall::kCallee && code == PC("(")) {
    new_call_ = NewCall::kOpen;
    paren_at_ = at;
  } else if (state == NewCall::kOpen && code == PC(")")) {
    new_call_ = NewCall::kEmptyArgs;
  }
}

// Words that cannot stand alone as a shorthand property, or mean something else there:
// `{__proto__: p}` sets the prototype, `{__proto__}` does not; `yield`/`await` are operators
// inside generators and async functions.
bool ShorthandName(std::string_view name) {
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '_' || c == '$'))
      return false;  // escapes and non-ASCII: left as written
  auto none_of = [&](std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
      if (name == w) return false;
    return true;
  };
  switch (name[0]) {  // by first letter: most names meet no word at all
    case 'a': return none_of({"arguments", "async", "await"});
    case 'b': return none_of({"break"});
    case 'c': return none_of({"case", "catch", "class", "const", "continue"});
    case 'd': return none_of({"debugger", "default", "delete", "do"});
    case 'e': return none_of({"else", "enum", "eval", "export", "extends"});
    case 'f': return none_of({"false", "finally", "for", "function"});
    case 'g': return none_of({"get"});
    case 'i': return none_of({"if", "implements", "import", "in", "instanceof", "interface"});
    case 'l': return none_of({"let"});
    case 'n': return none_of({"new", "null"});
    case 'o': return none_of({"of"});
    case 'p': return none_of({"package", "private", "protected", "public"});
    case 'r': return none_of({"return"});
    case 's': return none_of({"set", "static", "super", "switch"});
    case 't': return none_of({"this", "throw", "true", "try", "typeof"});
    case 'v': return none_of({"var", "void"});
    case 'w': return none_of({"while", "with"});
    case 'y': return none_of({"yield"});
    case '_': return none_of({"__proto__"});
    default: return true;
  }
}

// Notes whether the input needs ES2015 already, and progress through `{name: name`.
void Minifier::TrackShorthand(const JsToken& b, uint32_t code, size_t at) {
  const Shorthand state = shorthand_;
  shorthand_ = Shorthand::kNone;
  if (!es2015_) {
    if (code > PC("{") || a_->keyword == JsKeyword::kClass)  // 2- and 3-character punctuators
      es2015_ = code == PC("?.") || code == PC("??") || code == PC("?" "?=") ||
                code == PC("**") || code == PC("**=") ||
                (a_->kind == K::kIdentifier && a_->keyword == JsKeyword::kClass &&
                 !(a_->flags & kPropertyName) && (b.kind == K::kIdentifier || code == PC("{")));
    return;
  }
  switch (state) {
    case Shorthand::kNone:  // a property name starts after `{` or `,` (tested first: rarer)
      if ((a_code_ == PC("{") || a_code_ == PC(",")) && b.kind == K::kIdentifier &&
          tok_->open_brace() == JsBrace::kObject && ShorthandName(Text(b))) {
        shorthand_ = Shorthand::kKey;
        key_ = b;
        key_at_ = at;
        key_end_ = size();
      }
      break;
    case Shorthand::kKey:
      if (code == PC(":") && !(b.flags & kTernaryColon)) shorthand_ = Shorthand::kColon;
      break;
    case Shorthand::kColon:
      if (b.kind == K::kIdentifier && Text(b) == Text(key_)) shorthand_ = Shorthand::kValue;
      break;
    case Shorthand::kValue:
      break;
  }
}

void Minifier::WriteToken(const JsToken& b, const char* number, size_t number_size) {
  if (number_size) {
    std::memcpy(w_, number, number_size);
    w_ += number_size;
    return;
  }
  if (b.kind == K::kString && (b.flags & kHasEscape) && !(b.flags & kUnterminated)) {
    if (size_t n = internal::MinifyString(Text(b), w_)) {
      w_ += n;
      return;
    }
  }
  Put(src_.data() + b.begin, b.size());
}

void Minifier::Emit(const JsToken& b) {
  // The output never outgrows the input (separators only where whitespace went, numbers and
  // strings only shorter); this one predictable test keeps a mistake in that from writing
  // past the buffer.
  Reserve(b.size());
  const uint32_t code = Code(b);
  if (code && (semis_ != std::string::npos || armed_)) TakeBack(code);
  char fb = src_[b.begin];
  char number[kMaxNumberSize];
  size_t number_size = 0;
  if (b.kind == K::kNumber && b.size() > 1 && b.size() <= kMaxNumberSize) {
    number_size = internal::MinifyNumber(Text(b), number);
    if (number_size) fb = number[0];
  }
  if (line_end_) {
    FlushLineEnd();
  } else if (space_ && a_->kind != K::kEnd) {
    char sep = 0;
    if (newline_ && NeedsNewline(*a_, b)) sep = '\n';
    else if (!after_comment_ && NeedsSpace(*a_, b, fb)) sep = ' ';
    if (sep) Put(sep);
  } else if ((number_size || size() - a_at_ != a_->size()) && !after_comment_ &&
             a_->kind != K::kEnd) {
    // Adjacent in the source, they can only fuse once one was rewritten. A number that would
    // start with another byte and then fuse is written as it is (`..0`, a `.` then the number
    // `.0`, stays: as `.0` the next pass reads one number; with a space it could grow). A token
    // written shorter gets a space: `1.0.toFixed()` is now `1 .toFixed()`, `1.in o` (the
    // number `1.`, then `in`) `1 in o`.
    if (number_size && fb != src_[b.begin] && NeedsSpace(*a_, b, fb)) {
      number_size = 0;
      fb = src_[b.begin];
    }
    if (size() - a_at_ != a_->size() && NeedsSpace(*a_, b, fb)) Put(' ');
  }
  const size_t at = size();
  if (code == PC(";")) {
    if (!SemicolonDroppable()) semis_ = std::string::npos;
    else if (semis_ == std::string::npos) semis_ = at;
  } else {
    semis_ = std::string::npos;
  }
  // Only a `--` asks (NeedsSpace, before `>`): whether it starts an output line.
  if (code == PC("--")) a_line_start_ = at == 0 || w_[-1] == '\n' || after_comment_;
  if (map_) map_->Add(at, b.begin);
  WriteToken(b, number, number_size);
  if (MayTrack(b, code)) Track(b, code, at);
  a_ = &b;
  a_code_ = code;
  a_at_ = at;
  newline_ = space_ = after_comment_ = false;
}

bool Minifier::Run(JsTokenizer* tok) {
  tok_ = tok;
  for (;;) {
    // Flags or'ed in without a branch: whether whitespace came is not predictable.
    const uint8_t ws = tok->SkipWhitespace();
    space_ = space_ | (ws != 0);
    newline_ = newline_ | ((ws & kHasNewline) != 0);
    const JsToken& t = tok->Next();
    switch (t.kind) {
      case K::kEnd:
        out_->resize(size());
        return !tok->has_error();
      case K::kWhitespace:
        space_ = true;
        if (t.flags & kHasNewline) newline_ = true;
        break;
      case K::kLineComment:
      case K::kBlockComment:
      case K::kHtmlComment:
      case K::kHashbang:
        if (KeepComment(t)) {
          // Written as it is, its own line break (if any) still ends the line for ASI: only
          // one removed before it asks EmitKept for another (the js fuzzer found the extra
          // line break growing the output).
          EmitKept(t);
        } else {
          space_ = true;
          if (t.flags & kHasNewline) newline_ = true;
        }
        break;
      default:
        Emit(t);
        break;
    }
  }
}

Status Fail(std::string_view in, size_t offset, std::string message, std::string* out,
            std::vector<JsIssue>* issues) {
  text::LineCol lc = text::LineColAt(in, offset);
  std::string where = std::to_string(lc.line) + ":" + std::to_string(lc.col) + ": " + message;
  if (issues) issues->push_back(JsIssue{offset, lc.line, lc.col, message});
  out->assign(in.data(), in.size());
  return Status::ContentError(std::move(where));
}

}  // namespace

Status MinifyJs(std::string_view in, const JsMinifyOptions& options, std::string* out,
                std::vector<JsIssue>* issues) {
  return MinifyJsWithMap(in, options, out, nullptr, issues);
}

Status MinifyJsWithMap(std::string_view in, const JsMinifyOptions& options, std::string* out,
                       text::SourceMapBuilder* map, std::vector<JsIssue>* issues) {
  if (in.size() >= std::numeric_limits<uint32_t>::max() - 2 * kSlack)
    return Status::LimitExceeded("js: input of 4 GiB or more");
  // The tokenizer reads a NUL-terminated buffer; the slack lets Put() copy fixed-size blocks.
  // The copy is kept per thread between calls, and the output is written straight into *out
  // (its capacity reused), so a big script's buffers are not faulted in afresh for every file.
  // `in` may be *out itself: it is only read before *out is written.
  thread_local std::string src;
  src.assign(in);
  src.append(kSlack, '\0');
  const std::string_view text(src.data(), in.size());
  JsTokenizer tok(text, JsTokenizerOptions{options.module});
  // Separators are only written where whitespace or a comment was removed, plus at most a line
  // terminator after a kept line comment at the very end.
  out->resize(in.size() + 2 + kSlack);
  Minifier m(text, options, out, map);
  Status status = Status::OK();
  if (!m.Run(&tok)) {
    status = Fail(text, tok.error_offset(), tok.error_message(), out, issues);
  } else if (options.inline_script) {
    if (!SafeInScriptElement(text))
      status = Fail(text, 0, "script text leaves the HTML parser in its double-escaped state "
                    "(<!-- <script>); kept as is", out, issues);
    else if (!SafeInScriptElement(*out))
      status = Fail(text, 0, "minified script would change where the HTML parser ends the "
                    "element; kept as is", out, issues);
  }
  constexpr size_t kKeepBytes = 32u << 20;
  if (src.capacity() > kKeepBytes) std::string().swap(src);
  return status;
}

}  // namespace pagebake::js
