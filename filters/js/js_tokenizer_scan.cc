// The tokenizer's scanners: each reads one lexeme from a NUL-terminated buffer and returns
// where it ends. They know nothing about context (regex or division, brace kinds): that is
// js_tokenizer.cc's job.
#include <cstdint>
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
#if defined(__SSE2__)
  // [A-Za-z0-9$_] 16 bytes at a time: identifier lengths vary too much for the byte loop's
  // exit to be predicted (one mispredict per identifier in callgrind's branch simulation).
  // The loop below then sees the byte that ended the ASCII run: an escape, non-ASCII or the end.
  while (p + 16 <= size_) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_ + p));
    // Signed compares: bytes >= 0x80 are negative, so never in a range.
    const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i sign = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('$')),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
    const unsigned part =
        unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), sign)));
    if (part != 0xFFFF) {
      p += unsigned(__builtin_ctz(~part));
      break;
    }
    p += 16;
  }
#endif
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

namespace {

// The keywords the tokenizer and minifier ask about, found with one multiplicative hash of
// (first char, second char, length) into 64 slots and one compare. The switch on length it
// replaces was an indirect jump that mispredicted on about 60% of identifiers (callgrind's
// branch simulation), as identifier lengths follow no pattern.
struct KeywordSlot {
  char text[11] = {};
  uint8_t size = 0;  // 0: an empty slot
  JsKeyword keyword = JsKeyword::kNone;
};

constexpr uint32_t kKeywordHashMul = 0xa2f9dc23u;  // no two keywords share a slot (checked below)

constexpr uint32_t KeywordSlotOf(uint8_t c0, uint8_t c1, uint32_t size) {
  return ((uint32_t(c0) | uint32_t(c1) << 8 | size << 16) * kKeywordHashMul) >> 26;
}

struct KeywordEntry {
  const char* text;
  JsKeyword keyword;
};

constexpr KeywordEntry kKeywordList[] = {
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
    {"instanceof", JsKeyword::kInstanceof},
};

struct KeywordTable {
  KeywordSlot slots[64];
};

constexpr KeywordTable BuildKeywordTable() {
  KeywordTable table;
  for (const KeywordEntry& e : kKeywordList) {
    uint32_t n = 0;
    while (e.text[n]) ++n;
    KeywordSlot& slot = table.slots[KeywordSlotOf(uint8_t(e.text[0]), uint8_t(e.text[1]), n)];
    // Two keywords in one slot: not a constant expression, so the build fails here. Pick
    // another odd multiplier if the list changes.
    if (slot.size != 0 || n > 10) throw "keyword hash collision";
    for (uint32_t i = 0; i < n; ++i) slot.text[i] = e.text[i];
    slot.size = uint8_t(n);
    slot.keyword = e.keyword;
  }
  return table;
}

constexpr KeywordTable kKeywords = BuildKeywordTable();

}  // namespace

JsKeyword JsTokenizer::ClassifyKeyword(size_t begin, size_t end) const {
  const size_t n = end - begin;
  if (n < 2 || n > 10) return JsKeyword::kNone;
  const auto* w = reinterpret_cast<const uint8_t*>(s_) + begin;
  const KeywordSlot& slot = kKeywords.slots[KeywordSlotOf(w[0], w[1], uint32_t(n))];
  if (slot.size != n) return JsKeyword::kNone;
  for (size_t i = 0; i < n; ++i)
    if (w[i] != uint8_t(slot.text[i])) return JsKeyword::kNone;
  return slot.keyword;
}

}  // namespace pagebake::js
