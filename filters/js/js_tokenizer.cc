#include "filters/js/js_tokenizer.h"

#include <cstring>

#include "filters/js/js_char_class.h"

namespace pagebake::js {
namespace {

using namespace internal;  // the CharClass bits and Is()

bool IsBlockish(JsBrace b) {
  return b == JsBrace::kBlock || b == JsBrace::kDeclBody || b == JsBrace::kFnBody ||
         b == JsBrace::kArrowBody || b == JsBrace::kMethodBody;
}

bool IsClassBody(JsBrace b) { return b == JsBrace::kClassBody || b == JsBrace::kDeclClass; }

}  // namespace

JsTokenizer::JsTokenizer(std::string_view buf, JsTokenizerOptions options)
    : buf_(buf), s_(buf.data()), size_(buf.size()), options_(options) {
  // The outermost frame is the script body: a statement list.
  stack_.push_back(Frame{'{', JsBrace::kBlock, false, 0, 0});
}

void JsTokenizer::Error(size_t offset, const char* message) {
  if (error_offset_ != kNoError) return;
  error_offset_ = offset;
  error_message_ = message;
}

// Whether a `function`/`class` keyword right now starts a declaration (statement position).
// Errs towards "no": a missed declaration only costs the minifier a byte.
bool JsTokenizer::StatementStart() const {
  const Frame& top = stack_.back();
  const bool stmt_list = top.open == '{' && IsBlockish(top.brace);
  const JsToken* p = &prev();
  // `async function`: what came before `async` decides.
  if (p->kind == JsTokenKind::kIdentifier && p->keyword == JsKeyword::kAsync) p = &prev2();
  switch (p->kind) {
    case JsTokenKind::kEnd:
      return true;
    case JsTokenKind::kIdentifier:
      return p->keyword == JsKeyword::kElse || p->keyword == JsKeyword::kDo ||
             p->keyword == JsKeyword::kExport || p->keyword == JsKeyword::kDefault;
    case JsTokenKind::kPunctuator: {
      char c = s_[p->begin];
      if (p->size() != 1) return false;
      if (c == ';' || c == '}') return stmt_list;
      if (c == '{') return stmt_list;  // the brace just opened is the top frame
      if (c == ')') return (p->flags & kControlClose) != 0;
      return false;
    }
    default:
      return false;
  }
}

JsBrace JsTokenizer::BraceKindHere() const {
  const JsToken& p = prev();
  const Frame& top = stack_.back();
  switch (p.kind) {
    case JsTokenKind::kEnd:
      return JsBrace::kBlock;
    case JsTokenKind::kIdentifier:
      switch (p.keyword) {
        case JsKeyword::kElse: case JsKeyword::kDo: case JsKeyword::kTry:
        case JsKeyword::kFinally:
          return JsBrace::kBlock;
        case JsKeyword::kNone:
          // `static {` is a class static block (a statement list); otherwise `class A {`,
          // `extends B {` (or code we do not understand: the class body is the cautious pick).
          if (p.size() == 6 && std::memcmp(s_ + p.begin, "static", 6) == 0)
            return IsClassBody(top.brace) ? JsBrace::kMethodBody : JsBrace::kFnBody;
          return JsBrace::kClassBody;
        case JsKeyword::kClass:
          return JsBrace::kClassBody;
        default:
          return JsBrace::kObject;
      }
    case JsTokenKind::kPunctuator: {
      if (p.size() == 2 && s_[p.begin] == '=' && s_[p.begin + 1] == '>')
        return JsBrace::kArrowBody;
      if (p.size() != 1) return JsBrace::kObject;
      switch (s_[p.begin]) {
        case ')':
          if (p.flags & kControlClose) return JsBrace::kBlock;
          // In a class body `function` only occurs in field initializers (fn_depth_ catches
          // those), so `) {` there is a method.
          return IsClassBody(top.brace) ? JsBrace::kMethodBody : JsBrace::kFnBody;
        case ';':
        case '}':
          return (top.open == '{' && IsBlockish(top.brace)) ? JsBrace::kBlock : JsBrace::kObject;
        case '{':
          return IsBlockish(top.brace) ? JsBrace::kBlock : JsBrace::kObject;
        case ':':
          if (p.flags & kTernaryColon) return JsBrace::kObject;
          return (top.open == '{' && IsBlockish(top.brace)) ? JsBrace::kBlock : JsBrace::kObject;
        default:
          return JsBrace::kObject;
      }
    }
    default:
      return JsBrace::kObject;
  }
}

void JsTokenizer::OnOpen(JsToken* t) {
  const char c = s_[t->begin];
  Frame f{uint8_t(c), JsBrace::kNone, false, 0, t->begin};
  if (c == '(') {
    if (prev().kind == JsTokenKind::kIdentifier) {
      switch (prev().keyword) {
        case JsKeyword::kIf: case JsKeyword::kWhile: case JsKeyword::kFor:
        case JsKeyword::kWith: case JsKeyword::kSwitch: case JsKeyword::kCatch:
          f.control = true;
          break;
        case JsKeyword::kAwait:  // for await (
          f.control =
              prev2().kind == JsTokenKind::kIdentifier && prev2().keyword == JsKeyword::kFor;
          break;
        default:
          break;
      }
    }
  } else if (c == '{') {
    if (decl_depth_ == stack_.size()) {
      f.brace = decl_class_ ? JsBrace::kDeclClass : JsBrace::kDeclBody;
      decl_depth_ = ~size_t{0};
    } else if (fn_depth_ == stack_.size()) {
      f.brace = JsBrace::kFnBody;
      fn_depth_ = ~size_t{0};
    } else {
      f.brace = BraceKindHere();
    }
    t->brace = f.brace;
  }
  stack_.push_back(f);
}

void JsTokenizer::OnClose(JsToken* t) {
  const char c = s_[t->begin];
  const char open = c == ')' ? '(' : c == ']' ? '[' : '{';
  if (stack_.size() > 1 && stack_.back().open == open) {
    const Frame& f = stack_.back();
    if (c == ')' && f.control) t->flags |= kControlClose;
    if (c == '}') t->brace = f.brace;
    stack_.pop_back();
    if (decl_depth_ != ~size_t{0} && decl_depth_ > stack_.size()) decl_depth_ = ~size_t{0};
    if (fn_depth_ != ~size_t{0} && fn_depth_ > stack_.size()) fn_depth_ = ~size_t{0};
  } else if (c == '}') {
    t->brace = JsBrace::kBlock;  // unbalanced: treat as the end of a statement
  }
}

// Brackets, the conditional operator's `?`/`:`, and whether a regex may follow.
void JsTokenizer::OnPunctuator(JsToken* tp) {
  JsToken& t = *tp;
  const char c = s_[t.begin];
  regex_ok_ = true;
  if (t.size() == 1) {
    switch (c) {
      case '(': case '[': case '{':
        OnOpen(&t);
        break;
      case ')':
        OnClose(&t);
        regex_ok_ = (t.flags & kControlClose) != 0;
        break;
      case ']':
        OnClose(&t);
        regex_ok_ = false;
        break;
      case '}':
        OnClose(&t);
        regex_ok_ = t.brace != JsBrace::kObject;
        break;
      case '?':
        ++stack_.back().ternaries;
        break;
      case ':':
        if (stack_.back().ternaries > 0) {
          --stack_.back().ternaries;
          t.flags |= kTernaryColon;
        }
        break;
      default:
        break;
    }
  } else if (t.size() == 2 && (c == '+' || c == '-') && s_[t.begin + 1] == c) {
    regex_ok_ = false;  // postfix is the common case: a++ / 2
  }
}

// Fills *tp (a fresh ring slot: prev() is still the token before it). Inlined into Next(), its
// only caller on the hot path.
[[gnu::always_inline]] inline void JsTokenizer::LexSignificant(size_t p, JsToken* tp) {
  JsToken& t = *tp;
  t.begin = p;
  const unsigned char c = s_[p];
  if (Is(c, kIdStart) || (c == '\\' && s_[p + 1] == 'u') || c >= 0x80) {
    t.kind = JsTokenKind::kIdentifier;
    t.end = LexIdentifier(p);
    const bool property =
        prev().kind == JsTokenKind::kPunctuator &&
        ((prev().size() == 1 && s_[prev().begin] == '.') ||
         (prev().size() == 2 && s_[prev().begin] == '?' && s_[prev().begin + 1] == '.'));
    if (property) {
      t.flags |= kPropertyName;
      regex_ok_ = false;
      return;
    }
    t.keyword = ClassifyKeyword(t.begin, t.end);
    regex_ok_ = t.keyword >= JsKeyword::kReturn && t.keyword <= JsKeyword::kExtends;
    if (t.keyword == JsKeyword::kFunction || t.keyword == JsKeyword::kClass) {
      if (StatementStart()) {
        decl_depth_ = stack_.size();
        decl_class_ = t.keyword == JsKeyword::kClass;
      } else if (t.keyword == JsKeyword::kFunction) {
        fn_depth_ = stack_.size();
      }
    }
    return;
  }
  if (Is(c, kDigit) || (c == '.' && Is(uint8_t(s_[p + 1]), kDigit))) {
    t.kind = JsTokenKind::kNumber;
    t.end = LexNumber(p);
    regex_ok_ = false;
    return;
  }
  switch (c) {
    case '"':
    case '\'':
      t.kind = JsTokenKind::kString;
      t.end = LexString(p, &t.flags);
      regex_ok_ = false;
      return;
    case '`':
      t.kind = JsTokenKind::kTemplate;
      t.end = LexTemplateChars(p + 1, &t.kind, &t.flags);
      if (t.flags & kUnterminated) Error(p, "unterminated template literal");
      if (t.kind == JsTokenKind::kTemplateHead) {
        stack_.push_back(Frame{'{', JsBrace::kTemplate, false, 0, p});
        regex_ok_ = true;
      } else {
        regex_ok_ = false;
      }
      return;
    case '#':
      if (Is(uint8_t(s_[p + 1]), kIdStart) || uint8_t(s_[p + 1]) >= 0x80 || s_[p + 1] == '\\') {
        t.kind = JsTokenKind::kPrivateName;
        t.end = LexIdentifier(p + 1);
        regex_ok_ = false;
        return;
      }
      break;
    case '}':
      if (stack_.size() > 1 && stack_.back().brace == JsBrace::kTemplate) {
        t.kind = JsTokenKind::kTemplateMiddle;
        t.end = LexTemplateChars(p + 1, &t.kind, &t.flags);
        if (t.flags & kUnterminated) Error(stack_.back().start, "unterminated template literal");
        if (t.kind == JsTokenKind::kTemplateTail) {
          stack_.pop_back();
          regex_ok_ = false;
        } else {
          regex_ok_ = true;
        }
        return;
      }
      break;
    default:
      break;
  }
  if (c == '\\' || c == '#' || c == '@' || (c < 0x20 && c != 0) || c == 0x7F ||
      (c == 0 && !AtEnd(p))) {
    t.kind = JsTokenKind::kInvalid;
    t.end = p + 1;
    regex_ok_ = true;
    return;
  }
  t.kind = JsTokenKind::kPunctuator;
  // Brackets, `,`, `;`, `:` and `~` never start a longer punctuator: most punctuators are
  // these, and the test spares them LexPunctuator's jump table (mispredicted about half the
  // time in callgrind's branch simulation).
  t.end = p + (kSinglePunctuator.v[c] ? 1 : LexPunctuator(p));
  OnPunctuator(&t);
}

const JsToken& JsTokenizer::Next() {
  const size_t p = pos_;
  const unsigned char c = s_[p];
  if (!Is(c, kSpecialStart)) {  // the common case: identifiers, punctuators, literals
    line_start_ = false;
    JsToken& t = NextSlot();
    LexSignificant(p, &t);
    pos_ = t.end;
    ring_i_ = (ring_i_ + 1) & 3;
    return t;
  }
  JsToken& t = other_;
  t = JsToken{};
  t.begin = p;
  if (AtEnd(p)) {
    t.kind = JsTokenKind::kEnd;
    t.end = p;
    return t;
  }
  if (Is(c, kSpace) || c >= 0x80) {
    size_t e = LexWhitespace(p, &t.flags);
    if (e != p) {
      t.kind = JsTokenKind::kWhitespace;
      t.end = e;
      if (t.flags & kHasNewline) line_start_ = true;
      pos_ = e;
      return t;
    }
  }
  if (c == '/' && (s_[p + 1] == '/' || s_[p + 1] == '*')) {
    if (s_[p + 1] == '/') {
      t.kind = JsTokenKind::kLineComment;
      t.end = LexLineComment(p + 2);
    } else {
      t.kind = JsTokenKind::kBlockComment;
      t.end = LexBlockComment(p, &t.flags);
      if (t.flags & kHasNewline) line_start_ = true;
    }
    pos_ = t.end;
    return t;
  }
  if (p == 0 && c == '#' && s_[1] == '!') {
    t.kind = JsTokenKind::kHashbang;
    t.end = LexLineComment(2);
    pos_ = t.end;
    return t;
  }
  if (!options_.module) {
    if ((c == '<' && s_[p + 1] == '!' && s_[p + 2] == '-' && s_[p + 3] == '-') ||
        (c == '-' && line_start_ && s_[p + 1] == '-' && s_[p + 2] == '>')) {
      t.kind = JsTokenKind::kHtmlComment;
      t.end = LexLineComment(p + (c == '<' ? 4 : 3));
      pos_ = t.end;
      return t;
    }
  }
  line_start_ = false;
  JsToken& sig = NextSlot();
  if (c == '/' && regex_ok_) {
    sig.begin = p;
    sig.kind = JsTokenKind::kRegex;
    sig.end = LexRegex(p, &sig.flags);
    regex_ok_ = false;
  } else {
    LexSignificant(p, &sig);
  }
  pos_ = sig.end;
  ring_i_ = (ring_i_ + 1) & 3;
  return sig;
}

std::vector<JsToken> TokenizeJs(std::string_view buf, JsTokenizerOptions options) {
  JsTokenizer tok(buf, options);
  std::vector<JsToken> out;
  for (;;) {
    out.push_back(tok.Next());
    if (out.back().kind == JsTokenKind::kEnd) break;
  }
  return out;
}

}  // namespace pagebake::js
