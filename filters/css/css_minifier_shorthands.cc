// Rewrites that need a property's grammar, decided by looking at the whole value before it is
// written: leaving out components that repeat a default (box sides, a zero box-shadow spread),
// unquoting font family names, font-weight keywords as numbers. Each applies only to the
// unprefixed property and only to values made of plain tokens: a var() (which may stand for
// any number of components), an escape (IE hacks) or anything unexpected leaves the value as
// the generic path writes it.
#include "filters/css/css_minifier_internal.h"

namespace pagebake::css::internal {
namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-'; }

// Words an unquoted family name may not use: CSS-wide keywords anywhere, generic families
// first (a first "monospace" is read as the generic family, the rest then invalid).
bool IsCssWideWord(std::string_view w) {
  for (std::string_view k : {"inherit", "initial", "unset", "revert", "revert-layer", "default"})
    if (EqualsLower(w, k)) return true;
  return false;
}

bool IsGenericFamilyWord(std::string_view w) {
  for (std::string_view k :
       {"serif", "sans-serif", "cursive", "fantasy", "monospace", "system-ui", "emoji", "math",
        "fangsong", "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "none", "auto",
        "blinkmacsystemfont"})
    if (EqualsLower(w, k)) return true;
  return false;
}

bool IsPlainNumeric(const Token& t) {
  return (t.kind == TokenKind::kNumber || t.kind == TokenKind::kDimension ||
          t.kind == TokenKind::kPercentage) &&
         !(t.flags & kHasEscape);
}

}  // namespace

void Minifier::PlanGrammar(size_t b, size_t e, const PropInfo& prop) {
  switch (prop.grammar) {
    case Grammar::kBoxSides:
      PlanBoxSides(b, e);
      break;
    case Grammar::kBoxShadow:
      PlanBoxShadow(b, e);
      break;
    default:
      break;
  }
}

// margin:1px 2px 1px 2px -> margin:1px 2px. Each side that is left out copies its opposite
// (CSS 1), so a last component equal to its opposite adds nothing.
void Minifier::PlanBoxSides(size_t b, size_t e) {
  size_t comp[4];
  int n = 0;
  for (size_t k = SkipGap(b, e); k < e; k = SkipGap(k + 1, e)) {
    const Token& t = toks_[k];
    if (t.kind == TokenKind::kDelim && src_[t.begin] == '!') {
      size_t imp = SkipGap(k + 1, e);
      if (imp >= e || toks_[imp].kind != TokenKind::kIdent ||
          !EqualsLower(Text(toks_[imp]), "important") || SkipGap(imp + 1, e) != e)
        return;
      break;
    }
    // "inherit inherit" is invalid, "inherit" is not: CSS-wide keywords stay as written.
    bool plain = IsPlainNumeric(t) || (t.kind == TokenKind::kIdent && !(t.flags & kHasEscape) &&
                                       !IsCssWideWord(Text(t)));
    if (!plain || n == 4) return;
    comp[n++] = k;
  }
  auto zero_length = [&](const Token& t) {
    std::string_view x = Text(t);
    if (t.kind == TokenKind::kNumber) return IsZeroNumber(x);
    return t.kind == TokenKind::kDimension && IsZeroNumber(x.substr(0, t.unit_begin - t.begin)) &&
           IsLengthUnit(x.substr(t.unit_begin - t.begin));
  };
  auto same = [&](int i, int j) {
    const Token& a = toks_[comp[i]];
    const Token& c = toks_[comp[j]];
    return Text(a) == Text(c) || (zero_length(a) && zero_length(c));
  };
  int keep = n;
  if (keep == 4 && same(3, 1)) keep = 3;
  if (keep == 3 && same(2, 0)) keep = 2;
  if (keep == 2 && same(1, 0)) keep = 1;
  for (int i = keep; i < n; ++i) skip_.push_back(static_cast<uint32_t>(comp[i]));
}

// box-shadow:0 1px 2px 0 red -> 0 1px 2px red: the fourth length is the spread, 0 by default.
void Minifier::PlanBoxShadow(size_t b, size_t e) {
  for (size_t k = b; k < e; ++k) {
    const Token& t = toks_[k];
    if ((t.flags & kHasEscape) || (t.kind == TokenKind::kDelim && src_[t.begin] == '\\')) return;
    if (t.kind == TokenKind::kFunction) {
      std::string_view n = Text(t);
      if (EqualsLower(n, "var(") || EqualsLower(n, "env(") || EqualsLower(n, "attr(")) return;
    }
  }
  size_t lengths[4];
  int n = 0;        // consecutive lengths in the current shadow
  bool ok = true;   // the current shadow has at most one run of lengths, nothing unknown
  bool run_over = false;
  int depth = 0;
  auto finish = [&] {
    if (ok && n == 4) {
      const Token& s = toks_[lengths[3]];
      std::string_view x = Text(s);
      bool zero = s.kind == TokenKind::kNumber
                      ? IsZeroNumber(x)
                      : s.kind == TokenKind::kDimension &&
                            IsZeroNumber(x.substr(0, s.unit_begin - s.begin));
      if (zero) skip_.push_back(static_cast<uint32_t>(lengths[3]));
    }
    n = 0;
    ok = true;
    run_over = false;
  };
  for (size_t k = b; k < e; ++k) {
    const Token& t = toks_[k];
    if (IsGap(k)) continue;
    if (t.kind == TokenKind::kFunction || t.kind == TokenKind::kOpenParen) {
      ++depth;
      if (n > 0) run_over = true;
      continue;
    }
    if (t.kind == TokenKind::kCloseParen) {
      --depth;
      continue;
    }
    if (depth > 0) continue;
    if (t.kind == TokenKind::kComma) {
      finish();
      continue;
    }
    bool length = (t.kind == TokenKind::kNumber && IsZeroNumber(Text(t))) ||
                  (t.kind == TokenKind::kDimension &&
                   IsLengthUnit(Text(t).substr(t.unit_begin - t.begin)));
    if (length) {
      if (run_over || n == 4) ok = false;
      else lengths[n++] = k;
    } else if (t.kind == TokenKind::kIdent || t.kind == TokenKind::kHash) {
      if (n > 0) run_over = true;  // a color or inset after the lengths
    } else if (t.kind == TokenKind::kDelim && src_[t.begin] == '!') {
      break;  // !important: nothing of the shadow follows
    } else {
      ok = false;
    }
  }
  finish();
}

// font-weight:bold -> 700, normal -> 400 (CSS 1 defines them so). The value must be the one
// keyword, optionally !important.
bool Minifier::TryFontWeight(size_t b, size_t e, size_t* next) {
  size_t k = SkipGap(b, e);
  if (k >= e || toks_[k].kind != TokenKind::kIdent) return false;
  size_t after = SkipGap(k + 1, e);
  if (after < e && !(toks_[after].kind == TokenKind::kDelim && src_[toks_[after].begin] == '!'))
    return false;
  std::string_view w = Text(toks_[k]);
  const char* number = EqualsLower(w, "bold") ? "700" : EqualsLower(w, "normal") ? "400" : nullptr;
  if (!number) return false;
  Put(Ctx::kValue, TokenKind::kNumber, number);
  *next = k + 1;
  return true;
}

// True when token `k` is a whole item of a comma-separated list in [b, e): only a comma, the
// value's start or end, or "!important" next to it.
bool Minifier::IsWholeListItem(size_t k, size_t b, size_t e) const {
  size_t p = k;
  while (p > b && IsGap(p - 1)) --p;
  if (p > b && toks_[p - 1].kind != TokenKind::kComma) return false;
  size_t q = SkipGap(k + 1, e);
  return q >= e || toks_[q].kind == TokenKind::kComma ||
         (toks_[q].kind == TokenKind::kDelim && src_[toks_[q].begin] == '!');
}

// font-family:"Segoe UI" -> Segoe UI: a name made of identifiers joined by single spaces reads
// the same unquoted (CSS 2), unless a word is a keyword.
bool Minifier::TryUnquotedFamily(const Token& t) {
  if (t.flags & kHasEscape) return false;
  std::string_view s = Text(t);
  if (s.size() < 3 || s.back() != s[0]) return false;
  std::string_view v = s.substr(1, s.size() - 2);
  size_t w = 0;
  for (size_t i = 0; i <= v.size(); ++i) {
    if (i < v.size() && v[i] != ' ') {
      if (i == w ? !IsNameStart(v[i]) : !IsNameChar(v[i])) return false;
      continue;
    }
    std::string_view word = v.substr(w, i - w);
    if (word.empty() || IsCssWideWord(word) || (w == 0 && IsGenericFamilyWord(word))) return false;
    w = i + 1;
  }
  Put(Ctx::kValue, TokenKind::kIdent, v);
  return true;
}

}  // namespace pagebake::css::internal
