// The tokenizer's scanners: each reads one lexeme from a NUL-terminated buffer and returns
// where it ends. They know nothing about context (regex or division, brace kinds): that is
// js_tokenizer.cc's job.
#include <cstring>

#include "filters/js/js_char_class.h"
#include "filters/js/js_tokenizer.h"

namespace pagebake::js {

using internal::Is;
using namespace internal;  // the CharClass bits

size_t JsTokenizer::UnicodeSpaceAt(size_t p, bool* newline) const {
  const auto* u = reinterpret_cast<const unsigned char*>(s_) + p;
  switch (u[0]) {
    case 0xC2:
      return u[1] == 0xA0 ? 2 : 0;  // NBSP
    case 0xE1:
      return (u[1] == 0x9A && u[2] == 0x80) ? 3 : 0;  // U+1680
    case 0xE2:
      if (u[1] == 0x80) {
        if (u[2] == 0xA8 || u[2] == 0xA9) {  // U+2028, U+2029: line terminators
          *newline = true;
          return 3;
        }
        if ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xAF) return 3;
        return 0;
      }
      return (u[1] == 0x81 && u[2] == 0x9F) ? 3 : 0;  // U+205F
    case 0xE3:
      return (u[1] == 0x80 && u[2] == 0x80) ? 3 : 0;  // U+3000
    case 0xEF:
      return (u[1] == 0xBB && u[2] == 0xBF) ? 3 : 0;  // BOM
    default:
      return 0;
  }
}

size_t JsTokenizer::LexWhitespace(size_t p, uint8_t* flags) {
  for (;;) {
    unsigned char c = s_[p];
    if (Is(c, kSpace)) {
      if (c == '\n' || c == '\r') *flags |= kHasNewline;
      ++p;
      continue;
    }
    if (c >= 0x80) {
      bool nl = false;
      size_t n = UnicodeSpaceAt(p, &nl);
      if (n == 0) return p;
      if (nl) *flags |= kHasNewline;
      p += n;
      continue;
    }
    return p;
  }
}

size_t JsTokenizer::LexLineComment(size_t p) {
  for (;;) {
    unsigned char c = s_[p];
    if (c == '\n' || c == '\r') return p;
    if (c == 0 && AtEnd(p)) return p;
    if (c == 0xE2 && uint8_t(s_[p + 1]) == 0x80 &&
        (uint8_t(s_[p + 2]) == 0xA8 || uint8_t(s_[p + 2]) == 0xA9))
      return p;
    ++p;
  }
}

size_t JsTokenizer::LexBlockComment(size_t p, uint8_t* flags) {
  size_t start = p;
  p += 2;
  for (;;) {
    const void* star = std::memchr(s_ + p, '*', size_ > p ? size_ - p : 0);
    size_t q = star ? size_t(static_cast<const char*>(star) - s_) : size_;
    if (!(*flags & kHasNewline)) {
      for (size_t i = p; i < q; ++i) {
        unsigned char c = s_[i];
        if (c == '\n' || c == '\r' ||
            (c == 0xE2 && uint8_t(s_[i + 1]) == 0x80 &&
             (uint8_t(s_[i + 2]) == 0xA8 || uint8_t(s_[i + 2]) == 0xA9))) {
          *flags |= kHasNewline;
          break;
        }
      }
    }
    if (!star) {
      *flags |= kUnterminated;
      Error(start, "unterminated comment");
      return size_;
    }
    if (s_[q + 1] == '/') return q + 2;
    p = q + 1;
  }
}

size_t JsTokenizer::LexString(size_t p, uint8_t* flags) {
  const char quote = s_[p];
  const size_t start = p++;
  for (;;) {
    while (!Is(uint8_t(s_[p]), kStrStop)) ++p;
    char c = s_[p];
    if (c == quote) return p + 1;
    if (c == '\\') {
      *flags |= kHasEscape;
      char e = s_[p + 1];
      if (e == 0 && AtEnd(p + 1)) break;
      if (e == '\r' && s_[p + 2] == '\n') p += 3;  // line continuation
      else p += 2;
      continue;
    }
    if (c == '\'' || c == '"') {  // the other quote
      ++p;
      continue;
    }
    if (c == 0 && !AtEnd(p)) {
      ++p;
      continue;
    }
    break;  // CR, LF or end of input
  }
  *flags |= kUnterminated;
  Error(start, "unterminated string");
  return p;
}

size_t JsTokenizer::LexTemplateChars(size_t p, JsTokenKind* kind, uint8_t* flags) {
  // p is just after the opening ` or the } that ends a substitution.
  const bool head = *kind == JsTokenKind::kTemplate;
  for (;;) {
    while (!Is(uint8_t(s_[p]), kTplStop)) ++p;
    char c = s_[p];
    if (c == '`') {
      *kind = head ? JsTokenKind::kTemplate : JsTokenKind::kTemplateTail;
      return p + 1;
    }
    if (c == '$') {
      if (s_[p + 1] == '{') {
        *kind = head ? JsTokenKind::kTemplateHead : JsTokenKind::kTemplateMiddle;
        return p + 2;
      }
      ++p;
      continue;
    }
    if (c == '\\') {
      if (s_[p + 1] == 0 && AtEnd(p + 1)) {
        ++p;
        break;
      }
      p += 2;
      continue;
    }
    if (!AtEnd(p)) {  // NUL inside
      ++p;
      continue;
    }
    break;
  }
  *kind = head ? JsTokenKind::kTemplate : JsTokenKind::kTemplateTail;
  *flags |= kUnterminated;
  return p;
}

size_t JsTokenizer::LexRegex(size_t p, uint8_t* flags) {
  const size_t start = p++;
  bool in_class = false;
  for (;;) {
    unsigned char c = s_[p];
    if (c == '\\') {
      unsigned char e = s_[p + 1];
      if (e == '\n' || e == '\r' || (e == 0 && AtEnd(p + 1))) {
        ++p;
        break;
      }
      p += 2;
      continue;
    }
    if (c == '/' && !in_class) {
      ++p;
      while (Is(uint8_t(s_[p]), kIdPart)) ++p;  // flags
      return p;
    }
    if (c == '[') in_class = true;
    else if (c == ']') in_class = false;
    else if (c == '\n' || c == '\r') break;
    else if (c == 0 && AtEnd(p)) break;
    else if (c == 0xE2 && uint8_t(s_[p + 1]) == 0x80 &&
             (uint8_t(s_[p + 2]) == 0xA8 || uint8_t(s_[p + 2]) == 0xA9))
      break;
    ++p;
  }
  *flags |= kUnterminated;
  Error(start, "unterminated regular expression");
  return p;
}

size_t JsTokenizer::LexNumber(size_t p) {
  auto digits = [&] {
    while (Is(uint8_t(s_[p]), kDigit) || s_[p] == '_') ++p;
  };
  if (s_[p] == '0' && ((s_[p + 1] | 0x20) == 'x' || (s_[p + 1] | 0x20) == 'o' ||
                       (s_[p + 1] | 0x20) == 'b')) {
    p += 2;
    while (Is(uint8_t(s_[p]), kIdPart)) ++p;  // digits, separators, and the BigInt n
    return p;
  }
  bool dot = s_[p] == '.';
  if (dot) ++p;
  digits();
  if (!dot && s_[p] == '.') {
    ++p;
    digits();
  }
  if ((s_[p] | 0x20) == 'e') {
    char n = s_[p + 1];
    if (Is(uint8_t(n), kDigit)) {
      p += 1;
      digits();
    } else if ((n == '+' || n == '-') && Is(uint8_t(s_[p + 2]), kDigit)) {
      p += 2;
      digits();
    }
  }
  if (s_[p] == 'n') ++p;
  return p;
}

size_t JsTokenizer::LexIdentifier(size_t p) {
  for (;;) {
    unsigned char c = s_[p];
    if (Is(c, kIdPart)) {
      ++p;
      continue;
    }
    if (c == '\\' && s_[p + 1] == 'u') {
      p += 2;
      if (s_[p] == '{') {
        ++p;
        while (Is(uint8_t(s_[p]), kIdPart)) ++p;
        if (s_[p] == '}') ++p;
      } else {
        for (int i = 0; i < 4 && Is(uint8_t(s_[p]), kIdPart); ++i) ++p;
      }
      continue;
    }
    if (c >= 0x80) {
      bool nl = false;
      if (UnicodeSpaceAt(p, &nl) != 0) return p;
      ++p;
      continue;
    }
    // U+200C/U+200D (ZWNJ/ZWJ) are >= 0x80 and handled above.
    return p;
  }
}

size_t JsTokenizer::LexPunctuator(size_t p) {
  // The input is NUL-terminated: read a byte past the end only when the one before is not NUL.
  const char c = s_[p], c1 = s_[p + 1], c2 = c1 ? s_[p + 2] : '\0';
  switch (c) {
    case '.':
      return (c1 == '.' && c2 == '.') ? 3 : 1;
    case '?':
      if (c1 == '?') return c2 == '=' ? 3 : 2;
      if (c1 == '.' && !Is(uint8_t(c2), kDigit)) return 2;
      return 1;
    case '<':
      if (c1 == '<') return c2 == '=' ? 3 : 2;
      return c1 == '=' ? 2 : 1;
    case '>':
      if (c1 == '>') {
        if (c2 == '>') return s_[p + 3] == '=' ? 4 : 3;
        return c2 == '=' ? 3 : 2;
      }
      return c1 == '=' ? 2 : 1;
    case '=':
      if (c1 == '=') return c2 == '=' ? 3 : 2;
      return c1 == '>' ? 2 : 1;
    case '!':
      if (c1 == '=') return c2 == '=' ? 3 : 2;
      return 1;
    case '+':
    case '-':
      return (c1 == c || c1 == '=') ? 2 : 1;
    case '*':
      if (c1 == '*') return c2 == '=' ? 3 : 2;
      return c1 == '=' ? 2 : 1;
    case '&':
    case '|':
      if (c1 == c) return c2 == '=' ? 3 : 2;
      return c1 == '=' ? 2 : 1;
    case '/':
    case '%':
    case '^':
      return c1 == '=' ? 2 : 1;
    default:
      return 1;
  }
}

JsKeyword JsTokenizer::ClassifyKeyword(size_t begin, size_t end) const {
  const char* w = s_ + begin;
  const size_t n = end - begin;
  auto is = [&](const char* k) { return std::memcmp(w, k, n) == 0; };
  switch (n) {
    case 2:
      if (is("in")) return JsKeyword::kIn;
      if (is("do")) return JsKeyword::kDo;
      if (is("if")) return JsKeyword::kIf;
      break;
    case 3:
      if (is("new")) return JsKeyword::kNew;
      if (is("for")) return JsKeyword::kFor;
      if (is("let")) return JsKeyword::kLet;
      if (is("try")) return JsKeyword::kTry;
      if (is("var")) return JsKeyword::kVar;
      break;
    case 4:
      if (is("void")) return JsKeyword::kVoid;
      if (is("case")) return JsKeyword::kCase;
      if (is("else")) return JsKeyword::kElse;
      if (is("with")) return JsKeyword::kWith;
      break;
    case 5:
      if (is("throw")) return JsKeyword::kThrow;
      if (is("yield")) return JsKeyword::kYield;
      if (is("await")) return JsKeyword::kAwait;
      if (is("break")) return JsKeyword::kBreak;
      if (is("async")) return JsKeyword::kAsync;
      if (is("while")) return JsKeyword::kWhile;
      if (is("catch")) return JsKeyword::kCatch;
      if (is("class")) return JsKeyword::kClass;
      if (is("const")) return JsKeyword::kConst;
      break;
    case 6:
      if (is("return")) return JsKeyword::kReturn;
      if (is("typeof")) return JsKeyword::kTypeof;
      if (is("delete")) return JsKeyword::kDelete;
      if (is("switch")) return JsKeyword::kSwitch;
      if (is("export")) return JsKeyword::kExport;
      break;
    case 7:
      if (is("extends")) return JsKeyword::kExtends;
      if (is("finally")) return JsKeyword::kFinally;
      if (is("default")) return JsKeyword::kDefault;
      break;
    case 8:
      if (is("continue")) return JsKeyword::kContinue;
      if (is("function")) return JsKeyword::kFunction;
      break;
    case 10:
      if (is("instanceof")) return JsKeyword::kInstanceof;
      break;
    default:
      break;
  }
  return JsKeyword::kNone;
}

}  // namespace pagebake::js
