#include "filters/js/js_minifier.h"

#include <cstring>

#include "filters/js/js_tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::js {
namespace {

using K = JsTokenKind;

constexpr size_t kSlack = 16;

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
// the next one.
class Minifier {
 public:
  Minifier(std::string_view src, const JsMinifyOptions& o, std::string* out,
           text::SourceMapBuilder* map)
      : src_(src), o_(o), out_(out), w_(out->data()), map_(map) {}

  bool Run(JsTokenizer* tok);
  // The output written so far.
  size_t size() const { return size_t(w_ - out_->data()); }

 private:
  bool KeepComment(const JsToken& t) const;
  void EmitKept(const JsToken& t);
  void Emit(const JsToken& t);
  uint32_t Code(const JsToken& t) const {
    if (t.kind != K::kPunctuator || t.size() > 3) return 0;
    const auto* p = reinterpret_cast<const uint8_t*>(src_.data()) + t.begin;
    return (uint32_t(t.size()) << 16) | (uint32_t(p[0]) << 8) | (t.size() > 1 ? p[1] : 0u);
  }
  char Last() const { return w_ == out_->data() ? '\0' : w_[-1]; }
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
  bool NeedsNewline(const JsToken& a, const JsToken& b) const;
  bool ExpressionEndNeedsNewline(const JsToken& b) const;
  bool NeedsSpace(const JsToken& a, const JsToken& b) const;
  bool SemicolonDroppable() const;

  std::string_view src_;
  const JsMinifyOptions& o_;
  std::string* out_;  // sized by the caller to hold the worst case; w_ writes into it
  char* w_;
  text::SourceMapBuilder* map_;  // may be null
  JsToken a_;                 // last significant token emitted (kEnd at the start)
  bool newline_ = false;      // a line terminator was removed since a_
  bool space_ = false;        // whitespace or a comment was removed since a_
  bool after_comment_ = false;  // a kept comment was written since a_
  bool line_end_ = false;       // a kept line comment still needs its line terminator
  size_t semis_ = std::string::npos;  // where trailing droppable `;`s start in the output
};

bool Minifier::KeepComment(const JsToken& t) const {
  std::string_view c = src_.substr(t.begin, t.size());
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

void Minifier::EmitKept(const JsToken& t) {
  // A kept comment may add two bytes the input did not have (a space before it, a line
  // terminator after it): make room, since the buffer was sized for the input.
  const size_t used = size();
  if (out_->size() - used < t.size() + 4 + kSlack) {
    out_->resize(out_->size() + t.size() + 64 + kSlack);
    w_ = out_->data() + used;
  }
  FlushLineEnd();
  if (size() > 0) {
    char last = Last();
    if (newline_ && last != '\n') Put('\n');
    else if (last == '/' || last == '<') Put(' ');
  }
  Put(src_.data() + t.begin, t.size());
  // A line comment needs its line terminator, written with whatever comes next (none at the
  // end of the input).
  if (t.kind != K::kBlockComment) line_end_ = true;
  newline_ = false;
  space_ = false;
  after_comment_ = true;
  semis_ = std::string::npos;
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

bool Minifier::NeedsSpace(const JsToken& a, const JsToken& b) const {
  if ((IsWordLike(a.kind) || a.kind == K::kRegex) && IsWordLike(b.kind)) return true;
  const char la = src_[a.end - 1];
  const char fb = src_[b.begin];
  if (a.kind == K::kNumber && fb == '.') {
    bool digits_only = true;
    for (size_t i = a.begin; i < a.end; ++i)
      if (!((src_[i] >= '0' && src_[i] <= '9') || src_[i] == '_')) digits_only = false;
    if (digits_only) return true;  // 1 .toString()
  }
  switch (la) {
    case '+': return fb == '+';
    case '-': return fb == '-' || fb == '>';  // a - -b, a-- > b (`-->` comment)
    case '/': return fb == '/' || fb == '*';
    case '<': return fb == '!' || fb == '/';  // `<!--`, `</script`
    case '.': return fb == '.';
    default: return false;
  }
}

// A `;` about to be written could be dropped before a `}`: not when it is the whole body of
// an if/for/while/else/do, or the statement after a label or case.
bool Minifier::SemicolonDroppable() const {
  if (a_.kind == K::kPunctuator) {
    const uint32_t s = Code(a_);
    if (s == PC(")")) return !(a_.flags & kControlClose);
    if (s == PC(":")) return false;
    return true;
  }
  if (a_.kind == K::kIdentifier && !(a_.flags & kPropertyName) &&
      (a_.keyword == JsKeyword::kElse || a_.keyword == JsKeyword::kDo))
    return false;
  return a_.kind != K::kEnd && !after_comment_;
}

void Minifier::Emit(const JsToken& b) {
  const bool punct1 = b.kind == K::kPunctuator && b.size() == 1;
  const char c = punct1 ? src_[b.begin] : 0;
  if (c == '}' && semis_ != std::string::npos) {
    w_ = out_->data() + semis_;
    if (map_) map_->TruncateGenerated(semis_);
  }
  if (line_end_) {
    FlushLineEnd();
  } else if (space_ && a_.kind != K::kEnd) {
    char sep = 0;
    if (newline_ && NeedsNewline(a_, b)) sep = '\n';
    else if (!after_comment_ && NeedsSpace(a_, b)) sep = ' ';
    if (sep) Put(sep);
  }
  if (c == ';') {
    if (!SemicolonDroppable()) semis_ = std::string::npos;
    else if (semis_ == std::string::npos) semis_ = size();
  } else {
    semis_ = std::string::npos;
  }
  if (map_) map_->Add(size(), b.begin);
  Put(src_.data() + b.begin, b.size());
  a_ = b;
  newline_ = space_ = after_comment_ = false;
}

bool Minifier::Run(JsTokenizer* tok) {
  for (;;) {
    if (uint8_t ws = tok->SkipWhitespace()) {
      space_ = true;
      if (ws & kHasNewline) newline_ = true;
    }
    JsToken t = tok->Next();
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
        if (t.flags & kHasNewline) newline_ = true;
        if (KeepComment(t)) {
          EmitKept(t);
        } else {
          space_ = true;
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

bool StartsWithCi(const char* p, const char* end, std::string_view word) {
  if (size_t(end - p) < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (text::AsciiLower(p[i]) != word[i]) return false;
  return true;
}

// `<script` / `</script` count only when followed by a character that ends a tag name.
bool TagAt(const char* p, const char* end, std::string_view word) {
  if (!StartsWithCi(p, end, word)) return false;
  const char* q = p + word.size();
  if (q >= end) return false;
  char c = *q;
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '/' || c == '>';
}

}  // namespace

bool SafeInScriptElement(std::string_view text) {
  enum { kData, kEscaped, kDoubleEscaped } state = kData;
  const char* p = text.data();
  const char* end = p + text.size();
  for (; p < end; ++p) {
    const char c = *p;
    if (c != '<' && c != '-') continue;
    if (state == kData) {
      if (StartsWithCi(p, end, "<!--")) {
        state = kEscaped;
        p += 3;
      } else if (TagAt(p, end, "</script")) {
        return false;
      }
    } else if (StartsWithCi(p, end, "-->")) {
      state = kData;
      p += 2;
    } else if (state == kEscaped) {
      if (TagAt(p, end, "</script")) return false;
      if (TagAt(p, end, "<script")) state = kDoubleEscaped;
    } else if (TagAt(p, end, "</script")) {
      state = kEscaped;
    }
  }
  // In the double escaped state the page's own </script> would not end the element.
  return state != kDoubleEscaped;
}

Status MinifyJs(std::string_view in, const JsMinifyOptions& options, std::string* out,
                std::vector<JsIssue>* issues) {
  return MinifyJsWithMap(in, options, out, nullptr, issues);
}

Status MinifyJsWithMap(std::string_view in, const JsMinifyOptions& options, std::string* out,
                       text::SourceMapBuilder* map, std::vector<JsIssue>* issues) {
  // The tokenizer reads a NUL-terminated buffer; the slack lets Put() copy fixed-size blocks.
  std::string src;
  src.reserve(in.size() + kSlack);
  src.append(in);
  src.append(kSlack, '\0');
  const std::string_view text(src.data(), in.size());
  JsTokenizer tok(text, JsTokenizerOptions{options.module});
  // Separators are only written where whitespace or a comment was removed, plus at most a line
  // terminator after a kept line comment at the very end.
  std::string result(in.size() + 2 + kSlack, '\0');
  Minifier m(text, options, &result, map);
  if (!m.Run(&tok)) return Fail(in, tok.error_offset(), tok.error_message(), out, issues);
  if (options.inline_script) {
    if (!SafeInScriptElement(in))
      return Fail(in, 0, "script text leaves the HTML parser in its double-escaped state "
                  "(<!-- <script>); kept as is", out, issues);
    if (!SafeInScriptElement(result))
      return Fail(in, 0, "minified script would change where the HTML parser ends the "
                  "element; kept as is", out, issues);
  }
  *out = std::move(result);
  return Status::OK();
}

}  // namespace pagebake::js
