#include "filters/css/css_tokenizer.h"

namespace pagebake::css {
namespace {

// Character classes, one table lookup per byte in the hot loops.
enum : uint8_t {
  kNameStart = 1,  // a-z A-Z _ and every non-ASCII byte (UTF-8 lead and continuation bytes)
  kName = 2,       // kNameStart plus 0-9 and '-'
  kSpace = 4,      // space, tab, LF, CR, FF
  kDigit = 8,
  kHex = 16,
  kUrlStop = 32,   // ends the plain run of an unquoted url: ) space " ' ( \ and non-printables
};

struct CharTable {
  uint8_t c[256] = {};
  constexpr CharTable() {
    for (int i = 0; i < 256; ++i) {
      uint8_t v = 0;
      bool alpha = (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z');
      bool digit = i >= '0' && i <= '9';
      if (alpha || i == '_' || i >= 0x80) v |= kNameStart | kName;
      if (digit || i == '-') v |= kName;
      if (digit) v |= kDigit;
      if (digit || (i >= 'a' && i <= 'f') || (i >= 'A' && i <= 'F')) v |= kHex;
      if (i == ' ' || i == '\t' || i == '\n' || i == '\r' || i == '\f') v |= kSpace;
      if (i == ')' || i == '"' || i == '\'' || i == '(' || i == '\\' || i < 0x20 || i == 0x7f ||
          i == ' ')
        v |= kUrlStop;
      c[i] = v;
    }
  }
};
constexpr CharTable kTable;

inline uint8_t Cls(char ch) { return kTable.c[static_cast<unsigned char>(ch)]; }
inline bool IsNewline(char ch) { return ch == '\n' || ch == '\r' || ch == '\f'; }

}  // namespace

const char* TokenKindName(TokenKind k) {
  static const char* const kNames[] = {
      "ident",   "function", "at-keyword", "hash",     "string",   "bad-string", "url",
      "bad-url", "delim",    "number",     "percentage", "dimension", "whitespace", "CDO",
      "CDC",     "colon",    "semicolon",  "comma",    "[",        "]",          "(",
      ")",       "{",        "}",          "comment",  "EOF"};
  return kNames[static_cast<int>(k)];
}

Tokenizer::Tokenizer(std::string_view buf)
    : base_(buf.data()), end_(buf.data() + buf.size()), p_(buf.data()) {}

namespace {

// State shared by the helpers below; a plain struct so the compiler keeps it in registers.
struct Lex {
  const char* p;
  const char* end;
  uint8_t flags = 0;

  bool AtEnd(const char* q) const { return *q == '\0' && q >= end; }
  // §4.3.8: '\' not followed by a newline or EOF.
  bool ValidEscape(const char* q) const {
    return q[0] == '\\' && !IsNewline(q[1]) && !AtEnd(q + 1);
  }
  bool NameChar(const char* q) const {
    return (Cls(*q) & kName) || (*q == '\0' && q < end);
  }
  bool NameStartChar(const char* q) const {
    return (Cls(*q) & kNameStart) || (*q == '\0' && q < end);
  }
  // §4.3.9
  bool StartsIdent(const char* q) const {
    if (*q == '-') return NameStartChar(q + 1) || q[1] == '-' || ValidEscape(q + 1);
    if (NameStartChar(q)) return true;
    return ValidEscape(q);
  }
  // §4.3.10
  static bool StartsNumber(const char* q) {
    if (*q == '+' || *q == '-') {
      if (Cls(q[1]) & kDigit) return true;
      return q[1] == '.' && (Cls(q[2]) & kDigit);
    }
    if (*q == '.') return Cls(q[1]) & kDigit;
    return Cls(*q) & kDigit;
  }
  // p at '\' of a valid escape.
  void ConsumeEscape() {
    flags |= kHasEscape;
    ++p;
    if (Cls(*p) & kHex) {
      int n = 0;
      while (n < 6 && (Cls(*p) & kHex)) ++p, ++n;
      if (p[0] == '\r' && p[1] == '\n') p += 2;
      else if (Cls(*p) & kSpace) ++p;
    } else if (!AtEnd(p)) {
      ++p;
    }
  }
  void ConsumeName() {
    for (;;) {
      while (Cls(*p) & kName) ++p;
      if (*p == '\\' && ValidEscape(p)) {
        ConsumeEscape();
      } else if (*p == '\0' && p < end) {
        ++p;
      } else {
        return;
      }
    }
  }
  void ConsumeWhitespace() {
    while (Cls(*p) & kSpace) ++p;
  }
  // §4.3.12; returns true for an integer.
  bool ConsumeNumber() {
    bool integer = true;
    if (*p == '+' || *p == '-') ++p;
    while (Cls(*p) & kDigit) ++p;
    if (p[0] == '.' && (Cls(p[1]) & kDigit)) {
      integer = false;
      p += 2;
      while (Cls(*p) & kDigit) ++p;
    }
    if (p[0] == 'e' || p[0] == 'E') {
      const char* q = p + 1;
      if (*q == '+' || *q == '-') ++q;
      if (Cls(*q) & kDigit) {
        integer = false;
        p = q;
        while (Cls(*p) & kDigit) ++p;
      }
    }
    return integer;
  }
  // p just past the opening quote.
  TokenKind ConsumeString(char quote) {
    for (;;) {
      char ch = *p;
      if (ch == quote) {
        ++p;
        return TokenKind::kString;
      }
      if (ch == '\0' && AtEnd(p)) {
        flags |= kTokenError;
        return TokenKind::kString;
      }
      if (IsNewline(ch)) {
        flags |= kTokenError;
        return TokenKind::kBadString;
      }
      if (ch == '\\') {
        if (AtEnd(p + 1)) {
          ++p;
        } else if (p[1] == '\r' && p[2] == '\n') {
          p += 3;
        } else if (IsNewline(p[1])) {
          p += 2;
        } else {
          ConsumeEscape();
        }
        continue;
      }
      ++p;
    }
  }
  // §4.3.14, the remnants of a bad url: through ')' or EOF.
  void ConsumeBadUrlRemnants() {
    for (;;) {
      if (*p == ')') {
        ++p;
        return;
      }
      if (AtEnd(p)) return;
      if (ValidEscape(p)) {
        ConsumeEscape();
      } else {
        ++p;
      }
    }
  }
  // §4.3.6; p after "url(" and its leading whitespace.
  TokenKind ConsumeUrl() {
    for (;;) {
      while (!(Cls(*p) & kUrlStop)) ++p;
      char ch = *p;
      if (ch == ')') {
        ++p;
        return TokenKind::kUrl;
      }
      if (ch == '\0' && AtEnd(p)) {
        flags |= kTokenError;
        return TokenKind::kUrl;
      }
      if (Cls(ch) & kSpace) {
        ConsumeWhitespace();
        if (*p == ')') {
          ++p;
          return TokenKind::kUrl;
        }
        if (AtEnd(p)) {
          flags |= kTokenError;
          return TokenKind::kUrl;
        }
        break;
      }
      if (ch == '\\' && ValidEscape(p)) {
        ConsumeEscape();
        continue;
      }
      if (ch == '\0') {  // a NUL inside the input is allowed (it becomes U+FFFD)
        ++p;
        continue;
      }
      break;  // quote, '(', non-printable or invalid escape
    }
    flags |= kTokenError;
    ConsumeBadUrlRemnants();
    return TokenKind::kBadUrl;
  }
  // §4.3.4; p at the first byte of a name.
  TokenKind ConsumeIdentLike() {
    const char* start = p;
    ConsumeName();
    if (*p != '(') return TokenKind::kIdent;
    if (p - start == 3 && (start[0] | 0x20) == 'u' && (start[1] | 0x20) == 'r' &&
        (start[2] | 0x20) == 'l') {
      const char* q = p + 1;
      while (Cls(*q) & kSpace) ++q;
      if (*q == '"' || *q == '\'') {
        ++p;  // the function token is "url(", the whitespace becomes its own token
        return TokenKind::kFunction;
      }
      p = q;
      return ConsumeUrl();
    }
    ++p;
    return TokenKind::kFunction;
  }
  // p at the first byte of a number. Sets unit_begin.
  TokenKind ConsumeNumeric(const char** unit_begin) {
    if (ConsumeNumber()) flags |= kNumberInteger;
    *unit_begin = p;
    if (StartsIdent(p)) {
      ConsumeName();
      return TokenKind::kDimension;
    }
    if (*p == '%') {
      ++p;
      return TokenKind::kPercentage;
    }
    return TokenKind::kNumber;
  }
};

}  // namespace

namespace {

[[gnu::always_inline]] inline Token NextToken(const char* base_, const char* end_,
                                              const char*& p_) {
  Lex lx{p_, end_};
  const char* start = p_;
  const char* unit = nullptr;
  TokenKind kind;
  char ch = *lx.p;
  switch (ch) {
    case ' ': case '\t': case '\n': case '\r': case '\f':
      lx.ConsumeWhitespace();
      kind = TokenKind::kWhitespace;
      break;
    case '"': case '\'':
      ++lx.p;
      kind = lx.ConsumeString(ch);
      break;
    case '#':
      if (lx.NameChar(lx.p + 1) || lx.ValidEscape(lx.p + 1)) {
        if (lx.StartsIdent(lx.p + 1)) lx.flags |= kHashId;
        ++lx.p;
        lx.ConsumeName();
        kind = TokenKind::kHash;
      } else {
        ++lx.p;
        kind = TokenKind::kDelim;
      }
      break;
    case '(': ++lx.p; kind = TokenKind::kOpenParen; break;
    case ')': ++lx.p; kind = TokenKind::kCloseParen; break;
    case '[': ++lx.p; kind = TokenKind::kOpenSquare; break;
    case ']': ++lx.p; kind = TokenKind::kCloseSquare; break;
    case '{': ++lx.p; kind = TokenKind::kOpenCurly; break;
    case '}': ++lx.p; kind = TokenKind::kCloseCurly; break;
    case ',': ++lx.p; kind = TokenKind::kComma; break;
    case ':': ++lx.p; kind = TokenKind::kColon; break;
    case ';': ++lx.p; kind = TokenKind::kSemicolon; break;
    case '+': case '.':
      if (Lex::StartsNumber(lx.p)) {
        kind = lx.ConsumeNumeric(&unit);
      } else {
        ++lx.p;
        kind = TokenKind::kDelim;
      }
      break;
    case '-':
      if (Lex::StartsNumber(lx.p)) {
        kind = lx.ConsumeNumeric(&unit);
      } else if (lx.p[1] == '-' && lx.p[2] == '>') {
        lx.p += 3;
        kind = TokenKind::kCdc;
      } else if (lx.StartsIdent(lx.p)) {
        kind = lx.ConsumeIdentLike();
      } else {
        ++lx.p;
        kind = TokenKind::kDelim;
      }
      break;
    case '<':
      if (lx.p[1] == '!' && lx.p[2] == '-' && lx.p[3] == '-') {
        lx.p += 4;
        kind = TokenKind::kCdo;
      } else {
        ++lx.p;
        kind = TokenKind::kDelim;
      }
      break;
    case '@':
      if (lx.StartsIdent(lx.p + 1)) {
        ++lx.p;
        lx.ConsumeName();
        kind = TokenKind::kAtKeyword;
      } else {
        ++lx.p;
        kind = TokenKind::kDelim;
      }
      break;
    case '\\':
      if (lx.ValidEscape(lx.p)) {
        kind = lx.ConsumeIdentLike();
      } else {
        ++lx.p;
        lx.flags |= kTokenError;
        kind = TokenKind::kDelim;
      }
      break;
    case '/':
      if (lx.p[1] == '*') {
        const char* q = lx.p + 2;
        for (;;) {
          while (*q != '*' && *q != '\0') ++q;
          if (*q == '*') {
            if (q[1] == '/') {
              q += 2;
              break;
            }
            ++q;
          } else if (q >= end_) {
            lx.flags |= kTokenError;
            break;
          } else {
            ++q;
          }
        }
        lx.p = q;
        kind = TokenKind::kComment;
      } else {
        ++lx.p;
        kind = TokenKind::kDelim;
      }
      break;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      kind = lx.ConsumeNumeric(&unit);
      break;
    case '\0':
      if (lx.p >= end_) {
        kind = TokenKind::kEof;
        break;
      }
      kind = lx.ConsumeIdentLike();  // NUL is U+FFFD, a name-start code point
      break;
    default:
      if (Cls(ch) & kNameStart) {
        kind = lx.ConsumeIdentLike();
      } else {
        ++lx.p;
        kind = TokenKind::kDelim;
      }
      break;
  }
  p_ = lx.p;
  Token t;
  t.kind = kind;
  t.flags = lx.flags;
  t.begin = static_cast<uint32_t>(start - base_);
  t.end = static_cast<uint32_t>(lx.p - base_);
  t.unit_begin = unit && kind == TokenKind::kDimension ? static_cast<uint32_t>(unit - base_)
                                                      : t.end;
  return t;
}

}  // namespace

Token Tokenizer::Next() { return NextToken(base_, end_, p_); }

namespace {

// What TokenizeBalanced checks about each kind: most kinds need nothing, so one table lookup
// keeps the common token off the switch below.
enum : uint8_t { kPlain = 0, kOpens = 1, kCloses = 2, kAlwaysBad = 3, kBadOnError = 4 };
struct BalanceTable {
  uint8_t c[32] = {};
  constexpr BalanceTable() {
    c[int(TokenKind::kFunction)] = c[int(TokenKind::kOpenParen)] = kOpens;
    c[int(TokenKind::kOpenSquare)] = c[int(TokenKind::kOpenCurly)] = kOpens;
    c[int(TokenKind::kCloseParen)] = c[int(TokenKind::kCloseSquare)] = kCloses;
    c[int(TokenKind::kCloseCurly)] = kCloses;
    c[int(TokenKind::kBadString)] = c[int(TokenKind::kBadUrl)] = kAlwaysBad;
    c[int(TokenKind::kString)] = c[int(TokenKind::kUrl)] = kBadOnError;
    c[int(TokenKind::kComment)] = kBadOnError;
  }
};
constexpr BalanceTable kBalance;

}  // namespace

void Tokenize(std::string_view buf, std::vector<Token>* out) {
  out->clear();
  out->reserve(buf.size() / 3 + 16);
  const char* p = buf.data();
  const char* end = buf.data() + buf.size();
  for (;;) {
    Token t = NextToken(buf.data(), end, p);
    if (t.kind == TokenKind::kEof) return;
    out->push_back(t);
  }
}

bool TokenizeBalanced(std::string_view buf, std::vector<Token>* out) {
  out->clear();
  out->reserve(buf.size() / 3 + 16);
  std::string expect;  // the closers of the open blocks, innermost last
  const char* p = buf.data();
  const char* end = buf.data() + buf.size();
  bool ok = true;
  for (;;) {
    Token t = NextToken(buf.data(), end, p);
    if (t.kind == TokenKind::kEof) break;
    switch (kBalance.c[static_cast<int>(t.kind)]) {
      case kPlain:
        break;
      case kOpens: {
        char c = buf[t.begin];
        expect.push_back(c == '[' ? ']' : c == '{' ? '}' : ')');
        break;
      }
      case kCloses:
        if (expect.empty() || expect.back() != buf[t.begin]) ok = false;
        else expect.pop_back();
        break;
      case kAlwaysBad:
        ok = false;
        break;
      case kBadOnError:
        if (t.flags & kTokenError) ok = false;
        break;
    }
    out->push_back(t);
  }
  return ok && expect.empty();
}

}  // namespace pagebake::css
