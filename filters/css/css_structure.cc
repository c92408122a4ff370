#include "filters/css/css_structure.h"

#include <string>

#include "filters/text/position.h"

namespace pagebake::css {

CssIssue MakeIssue(std::string_view src, size_t offset, std::string message) {
  CssIssue issue;
  issue.offset = offset;
  text::LineCol lc = text::LineColAt(src, offset);
  issue.line = lc.line;
  issue.col = lc.col;
  issue.message = std::move(message);
  return issue;
}

bool CheckStructure(std::string_view src, const std::vector<Token>& toks,
                    std::vector<CssIssue>* issues) {
  struct Open {
    char closer;
    uint32_t offset;
  };
  std::vector<Open> stack;
  auto fail = [&](size_t offset, std::string message) {
    if (issues) issues->push_back(MakeIssue(src, offset, std::move(message)));
    return false;
  };
  for (const Token& t : toks) {
    switch (t.kind) {
      case TokenKind::kBadString:
        return fail(t.begin, "unterminated string (newline inside it)");
      case TokenKind::kBadUrl:
        return fail(t.begin, "bad url(): quote, parenthesis or bad escape inside it");
      case TokenKind::kString:
        if (t.flags & kTokenError) return fail(t.begin, "unterminated string at end of input");
        break;
      case TokenKind::kUrl:
        if (t.flags & kTokenError) return fail(t.begin, "unterminated url() at end of input");
        break;
      case TokenKind::kComment:
        if (t.flags & kTokenError) return fail(t.begin, "unterminated comment");
        break;
      case TokenKind::kFunction:
      case TokenKind::kOpenParen:
        stack.push_back({')', t.begin});
        break;
      case TokenKind::kOpenSquare:
        stack.push_back({']', t.begin});
        break;
      case TokenKind::kOpenCurly:
        stack.push_back({'}', t.begin});
        break;
      case TokenKind::kCloseParen:
      case TokenKind::kCloseSquare:
      case TokenKind::kCloseCurly: {
        char c = src[t.begin];
        if (stack.empty() || stack.back().closer != c)
          return fail(t.begin, std::string("unmatched '") + c + "'");
        stack.pop_back();
        break;
      }
      default:
        break;
    }
  }
  if (!stack.empty()) {
    text::LineCol lc = text::LineColAt(src, stack.back().offset);
    return fail(src.size(), std::string("missing '") + stack.back().closer + "' for the block opened at " +
                                std::to_string(lc.line) + ":" + std::to_string(lc.col));
  }
  return true;
}

namespace {

// The kinds ScanToDepth0 acts on; every other token is skipped by one table lookup.
struct ScanTable {
  bool stop[32] = {};
  constexpr ScanTable() {
    for (TokenKind k : {TokenKind::kOpenCurly, TokenKind::kFunction, TokenKind::kOpenParen,
                        TokenKind::kOpenSquare, TokenKind::kCloseCurly, TokenKind::kCloseParen,
                        TokenKind::kCloseSquare, TokenKind::kSemicolon})
      stop[static_cast<int>(k)] = true;
  }
};
constexpr ScanTable kScan;

}  // namespace

size_t ScanToDepth0(const std::vector<Token>& toks, size_t from, bool stop_at_semicolon,
                    bool curly_stops) {
  int depth = 0;
  const Token* t = toks.data();
  size_t n = toks.size();
  for (size_t k = from; k < n; ++k) {
    if (!kScan.stop[static_cast<int>(t[k].kind)]) continue;
    switch (t[k].kind) {
      case TokenKind::kOpenCurly:
        if (depth == 0 && curly_stops) return k;
        ++depth;
        break;
      case TokenKind::kFunction:
      case TokenKind::kOpenParen:
      case TokenKind::kOpenSquare:
        ++depth;
        break;
      case TokenKind::kCloseCurly:
        if (depth == 0) return k;
        --depth;
        break;
      case TokenKind::kCloseParen:
      case TokenKind::kCloseSquare:
        if (depth > 0) --depth;
        break;
      case TokenKind::kSemicolon:
        if (depth == 0 && stop_at_semicolon) return k;
        break;
      default:
        break;
    }
  }
  return n;
}

size_t MatchingClose(const std::vector<Token>& toks, size_t open) {
  int depth = 0;
  size_t n = toks.size();
  for (size_t k = open; k < n; ++k) {
    switch (toks[k].kind) {
      case TokenKind::kOpenCurly:
      case TokenKind::kFunction:
      case TokenKind::kOpenParen:
      case TokenKind::kOpenSquare:
        ++depth;
        break;
      case TokenKind::kCloseCurly:
      case TokenKind::kCloseParen:
      case TokenKind::kCloseSquare:
        if (--depth == 0) return k;
        break;
      default:
        break;
    }
  }
  return n;
}

}  // namespace pagebake::css
