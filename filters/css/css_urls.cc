#include "filters/css/css_urls.h"

#include <cstdio>

#include "filters/css/css_tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::css {
namespace {

void AppendUtf8(unsigned cp, std::string* out) {
  if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) cp = 0xfffd;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | cp >> 6));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | cp >> 12));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | cp >> 18));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

// The content of a url token's text: between "url(" and ")", whitespace trimmed.
std::string_view UrlTokenContent(std::string_view t) {
  size_t b = t.find('(') + 1;
  size_t e = t.size();
  if (e > b && t[e - 1] == ')') --e;
  while (b < e && text::IsAsciiSpace(t[b])) ++b;
  while (e > b && text::IsAsciiSpace(t[e - 1])) --e;
  return t.substr(b, e - b);
}

bool NeedsQuotes(std::string_view url) {
  if (url.empty()) return true;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '(' || c == ')' || c == '\\')
      return true;
  return false;
}

enum class Where { kUrlToken, kUrlString, kImportString, kImageSetString };

struct Found {
  size_t tok;  // index of the token holding the URL
  Where where;
  bool in_font_face;
  bool is_import = false;
};

// The URL-holding tokens of `toks`, in order. Token-level, so it works on broken sheets.
std::vector<Found> FindUrls(std::string_view src, const std::vector<Token>& toks) {
  std::vector<Found> found;
  std::vector<uint8_t> fn;  // open functions/blocks: 1 = image-set(
  int curly = 0;
  int font_face_curly = -1;  // the '{' depth inside which we are in @font-face
  bool pending_font_face = false;
  auto text = [&](size_t k) { return src.substr(toks[k].begin, toks[k].end - toks[k].begin); };
  auto skip_gap = [&](size_t k) {
    while (k < toks.size() && (toks[k].kind == TokenKind::kWhitespace ||
                               toks[k].kind == TokenKind::kComment))
      ++k;
    return k;
  };
  for (size_t k = 0; k < toks.size(); ++k) {
    const Token& t = toks[k];
    bool ff = font_face_curly >= 0;
    switch (t.kind) {
      case TokenKind::kUrl:
        found.push_back({k, Where::kUrlToken, ff});
        break;
      case TokenKind::kFunction: {
        std::string_view name = text(k);
        if (text::EqualsIgnoreCase(name, "url(")) {
          size_t s = skip_gap(k + 1);
          if (s < toks.size() && toks[s].kind == TokenKind::kString)
            found.push_back({s, Where::kUrlString, ff});
        }
        fn.push_back(text::EqualsIgnoreCase(name, "image-set(") ||
                     text::EqualsIgnoreCase(name, "-webkit-image-set("));
        break;
      }
      case TokenKind::kOpenParen:
      case TokenKind::kOpenSquare:
        fn.push_back(0);
        break;
      case TokenKind::kCloseParen:
      case TokenKind::kCloseSquare:
        if (!fn.empty()) fn.pop_back();
        break;
      case TokenKind::kString:
        if (!fn.empty() && fn.back() == 1) found.push_back({k, Where::kImageSetString, ff});
        break;
      case TokenKind::kAtKeyword: {
        std::string_view name = text(k);
        if (text::EqualsIgnoreCase(name, "@import")) {
          size_t s = skip_gap(k + 1);
          if (s < toks.size() && toks[s].kind == TokenKind::kString)
            found.push_back({s, Where::kImportString, false, true});
          else if (s < toks.size() && toks[s].kind == TokenKind::kUrl)
            found.push_back({s, Where::kUrlToken, false, true}), k = s;
          else if (s < toks.size() && toks[s].kind == TokenKind::kFunction &&
                   text::EqualsIgnoreCase(text(s), "url(")) {
            size_t q = skip_gap(s + 1);
            if (q < toks.size() && toks[q].kind == TokenKind::kString) {
              found.push_back({q, Where::kImportString, false, true});
              fn.push_back(0);
              k = q;
            }
          }
        } else if (text::EqualsIgnoreCase(name, "@font-face")) {
          pending_font_face = true;
        }
        break;
      }
      case TokenKind::kOpenCurly:
        ++curly;
        if (pending_font_face && font_face_curly < 0) font_face_curly = curly;
        pending_font_face = false;
        fn.clear();
        break;
      case TokenKind::kCloseCurly:
        if (curly == font_face_curly) font_face_curly = -1;
        if (curly > 0) --curly;
        fn.clear();
        break;
      case TokenKind::kSemicolon:
        pending_font_face = false;
        break;
      default:
        break;
    }
  }
  return found;
}

std::string DecodedUrl(std::string_view src, const Token& t, Where where) {
  std::string_view raw = src.substr(t.begin, t.end - t.begin);
  if (where == Where::kUrlToken) return CssUnescape(UrlTokenContent(raw));
  return CssUnescape(raw);
}

}  // namespace

std::string CssUnescape(std::string_view raw) {
  size_t b = 0, e = raw.size();
  if (e > 0 && (raw[0] == '"' || raw[0] == '\'')) {
    b = 1;
    if (e > 1 && raw[e - 1] == raw[0]) --e;
  }
  std::string out;
  out.reserve(e - b);
  for (size_t i = b; i < e; ++i) {
    char c = raw[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (i + 1 >= e) break;  // a lone backslash at the end is dropped
    char n = raw[i + 1];
    if (n == '\n' || n == '\f') {
      ++i;
      continue;
    }
    if (n == '\r') {
      i += (i + 2 < e && raw[i + 2] == '\n') ? 2 : 1;
      continue;
    }
    if (text::HexDigitValue(n) >= 0) {
      unsigned cp = 0;
      size_t j = i + 1;
      for (int d = 0, v; d < 6 && j < e && (v = text::HexDigitValue(raw[j])) >= 0; ++d, ++j)
        cp = cp * 16 + v;
      if (j < e && raw[j] == '\r' && j + 1 < e && raw[j + 1] == '\n') j += 2;
      else if (j < e && text::IsAsciiSpace(raw[j])) ++j;
      AppendUtf8(cp, &out);
      i = j - 1;
      continue;
    }
    out.push_back(n);
    ++i;
  }
  return out;
}

std::string CssQuote(std::string_view url, char quote) {
  std::string out(1, quote);
  for (unsigned char c : url) {
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7f) {
      char b[8];
      snprintf(b, sizeof b, "\\%x ", c);
      out += b;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back(quote);
  return out;
}

std::string CssUrlToken(std::string_view url) {
  if (!NeedsQuotes(url)) return "url(" + std::string(url) + ")";
  return "url(" + CssQuote(url, '"') + ")";
}

namespace {

CssUrl MakeUrl(std::string_view src, const std::vector<Token>& toks, const Found& f) {
  const Token& t = toks[f.tok];
  CssUrl u;
  u.url = DecodedUrl(src, t, f.where);
  u.offset = t.begin;
  text::LineCol lc = text::LineColAt(src, t.begin);
  u.line = lc.line;
  u.col = lc.col;
  u.is_import = f.is_import;
  u.in_font_face = f.in_font_face;
  return u;
}

}  // namespace

std::vector<CssUrl> CollectCssUrls(std::string_view css) {
  std::string copy(css);  // the tokenizer wants a NUL after the last byte
  std::vector<Token> toks;
  Tokenize(copy, &toks);
  std::vector<CssUrl> urls;
  for (const Found& f : FindUrls(copy, toks)) urls.push_back(MakeUrl(copy, toks, f));
  return urls;
}

Status RewriteCssUrlsEx(std::string_view css,
                        const std::function<std::optional<std::string>(const CssUrl&)>& fn,
                        std::string* out, std::vector<text::TextEdit>* edits) {
  std::string copy(css);
  std::vector<Token> toks;
  Tokenize(copy, &toks);
  std::vector<Found> found = FindUrls(copy, toks);
  std::string result;
  result.reserve(css.size());
  size_t pos = 0;
  for (size_t i = 0; i < found.size(); ++i) {
    const Token& t = toks[found[i].tok];
    std::optional<std::string> repl = fn(MakeUrl(copy, toks, found[i]));
    if (!repl) continue;
    result.append(copy, pos, t.begin - pos);
    const size_t at = result.size();
    if (found[i].where == Where::kUrlToken) {
      result += CssUrlToken(*repl);
    } else {
      result += CssQuote(*repl, copy[t.begin]);
    }
    if (edits) edits->push_back({t.begin, t.end - t.begin, result.size() - at});
    pos = t.end;
  }
  result.append(copy, pos, std::string::npos);
  *out = std::move(result);
  return Status::OK();
}

Status RewriteCssUrls(
    std::string_view css,
    const std::function<std::optional<std::string>(std::string_view url, bool is_import)>& fn,
    std::string* out) {
  return RewriteCssUrlsEx(
      css, [&](const CssUrl& u) { return fn(u.url, u.is_import); }, out);
}

}  // namespace pagebake::css
