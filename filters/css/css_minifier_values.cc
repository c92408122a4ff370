// Component values: numbers, units, colors, urls, strings, calc(), and the token lists of
// selectors and at-rule preludes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <cstring>

#include "filters/css/css_minifier_internal.h"
#include "filters/text/position.h"

namespace pagebake::css::internal {

PropInfo InfoFor(std::string_view lname) {
  PropInfo p;
  // Vendor prefixes do not change the zero and fraction rules; grammar rewrites are only for
  // unprefixed names.
  bool prefixed = false;
  if (!lname.empty() && lname[0] == '-') {
    size_t dash = lname.find('-', 1);
    if (dash != std::string_view::npos) lname.remove_prefix(dash + 1);
    prefixed = true;
  }
  if (lname.empty()) return p;
  switch (lname[0]) {
    case 'f':
      // flex: "1 0px" is grow 1 + basis 0px, "1 0" is grow 1 + shrink 0. flex-basis: IE
      // reads a unitless 0 wrongly.
      if (lname == "flex" || lname == "flex-basis") p.zero_units = false;
      if (lname == "flex-grow" || lname == "flex-shrink" || lname == "fill-opacity" ||
          lname == "flood-opacity")
        p.keep_fraction = false;
      if (!prefixed && lname == "font-family") p.grammar = Grammar::kFontFamily;
      if (!prefixed && lname == "font-weight") p.grammar = Grammar::kFontWeight;
      break;
    case 'b':
      if (lname == "box-flex") p.zero_units = false;
      if (!prefixed && lname == "box-shadow") p.grammar = Grammar::kBoxShadow;
      // border-radius is left alone: old -webkit- engines read its two values as one ellipse.
      if (!prefixed && (lname == "border-width" || lname == "border-style" ||
                        lname == "border-color"))
        p.grammar = Grammar::kBoxSides;
      break;
    case 'm':
    case 'p':
    case 'i':
      if (!prefixed && (lname == "margin" || lname == "padding" || lname == "inset"))
        p.grammar = Grammar::kBoxSides;
      break;
    case 'o':
      if (lname == "opacity") p.keep_fraction = false;
      break;
    case 'l':
      if (lname == "line-height") p.keep_fraction = false;
      break;
    case 's':
      if (lname == "stroke-opacity" || lname == "stop-opacity" || lname == "shape-image-threshold")
        p.keep_fraction = false;
      break;
    default:
      break;
  }
  return p;
}

namespace {

// Functions inside which a zero length keeps its unit: math (calc(0px + 1em) needs the unit)
// and substitution (the value lands somewhere we cannot see).
bool ZeroUnitUnsafeFunction(std::string_view lname) {
  // Grouped by length: most function tokens (rgba(, url(, translate() fail the length test or
  // compare against a handful of names.
  static constexpr std::string_view k4[] = {"min(", "max(", "mod(", "rem(", "abs(", "sin(", "cos(",
                                            "tan(", "pow(", "log(", "exp(", "var(", "env("};
  static constexpr std::string_view k5[] = {"calc(", "sign(", "asin(", "acos(",
                                            "atan(", "sqrt(", "attr("};
  static constexpr std::string_view k6[] = {"clamp(", "round(", "atan2(", "hypot("};
  auto any = [&](const auto& names) {
    for (std::string_view n : names)
      if (memcmp(n.data(), lname.data(), n.size()) == 0) return true;
    return false;
  };
  switch (lname.size()) {
    case 3: return lname == "if(";
    case 4: return any(k4);
    case 5: return any(k5);
    case 6: return any(k6);
    case 7: return lname == "progid(";
    case 10: return lname == "-moz-calc(";
    case 13: return lname == "-webkit-calc(";
    default: return false;
  }
}

bool IsLegacyPseudoElement(std::string_view name) {
  return text::EqualsIgnoreCase(name, "before") || text::EqualsIgnoreCase(name, "after") ||
         text::EqualsIgnoreCase(name, "first-line") ||
         text::EqualsIgnoreCase(name, "first-letter");
}

// A quoted string whose content is an identifier with nothing to escape: ASCII letters, digits,
// '-' and '_', starting with a letter or '_' (or '-' then a letter/'_').
bool IsPlainIdent(std::string_view quoted) {
  if (quoted.size() < 3 || quoted.back() != quoted[0]) return false;
  std::string_view v = quoted.substr(1, quoted.size() - 2);
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  size_t i = v[0] == '-' ? 1 : 0;
  if (i >= v.size() || !start(v[i])) return false;
  for (char c : v)
    if (!(start(c) || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = text::AsciiLower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

// "\30" -> "0": escapes of printable ASCII (other than the quote and backslash) written as
// the character itself. Other escapes stay as written.
std::string_view Minifier::StringText(const Token& t) {
  std::string_view s = Text(t);
  if (!(t.flags & kHasEscape)) return s;
  char quote = s[0];
  scratch_.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size() - 1 || HexDigit(s[i + 1]) < 0) {
      scratch_.push_back(s[i]);
      if (s[i] == '\\' && i + 1 < s.size()) scratch_.push_back(s[++i]);
      continue;
    }
    size_t j = i + 1;
    unsigned cp = 0;
    for (int d = 0; d < 6 && HexDigit(s[j]) >= 0; ++d, ++j) cp = cp * 16 + HexDigit(s[j]);
    size_t after = j;
    if (s[after] == '\r' && s[after + 1] == '\n') after += 2;
    else if (text::IsAsciiSpace(s[after])) ++after;
    if (cp >= 0x20 && cp < 0x7f && cp != static_cast<unsigned>(quote) && cp != '\\') {
      scratch_.push_back(static_cast<char>(cp));
    } else {
      scratch_.append(s.substr(i, after - i));
    }
    i = after - 1;
  }
  return scratch_.size() < s.size() ? std::string_view(scratch_) : s;
}

// calc(<value> * <integer>), calc(<integer> * <value>), calc(<value> / <integer>) with a
// result >= 0 that prints exactly: the product as a plain value (calc(1 * 2) -> 2). A negative
// result is not folded (calc() clamps where a literal would be invalid), nor a plain number
// that would stop being an integer.
bool Minifier::TryFoldCalc(size_t k, size_t e, const PropInfo& prop, size_t* next) {
  (void)prop;
  size_t a = SkipGap(k + 1, e);
  size_t op = a < e ? SkipGap(a + 1, e) : e;
  size_t b = op < e ? SkipGap(op + 1, e) : e;
  size_t close = b < e ? SkipGap(b + 1, e) : e;
  if (close >= e || toks_[close].kind != TokenKind::kCloseParen ||
      toks_[op].kind != TokenKind::kDelim)
    return false;
  char o = src_[toks_[op].begin];
  if (o != '*' && o != '/') return false;
  auto numeric = [](const Token& t) {
    return (t.kind == TokenKind::kNumber || t.kind == TokenKind::kPercentage ||
            t.kind == TokenKind::kDimension) &&
           !(t.flags & kHasEscape);
  };
  auto integer = [](const Token& t) {
    return t.kind == TokenKind::kNumber && (t.flags & kNumberInteger);
  };
  const Token& ta = toks_[a];
  const Token& tb = toks_[b];
  if (!numeric(ta) || !numeric(tb)) return false;
  const Token* val;
  const Token* fac;
  if (integer(tb)) {
    val = &ta;
    fac = &tb;
  } else if (o == '*' && integer(ta)) {
    val = &tb;
    fac = &ta;
  } else {
    return false;
  }
  if (val->kind == TokenKind::kNumber && !(integer(*val) && o == '*')) return false;
  std::string_view vt = Text(*val);
  size_t unit_at = val->kind == TokenKind::kNumber       ? vt.size()
                   : val->kind == TokenKind::kPercentage ? vt.size() - 1
                                                         : val->unit_begin - val->begin;
  std::string num(vt.substr(0, unit_at));
  std::string factor(Text(*fac));
  double v = strtod(num.c_str(), nullptr);
  double f = strtod(factor.c_str(), nullptr);
  if (o == '/' && f == 0) return false;
  double r = o == '*' ? v * f : v / f;
  if (!(r >= 0 && r < 1e9)) return false;
  char printed[48];
  snprintf(printed, sizeof printed, "%.6g", r);
  if (strchr(printed, 'e') || std::fabs(strtod(printed, nullptr) - r) > 1e-12 * std::max(1.0, r))
    return false;
  std::string folded(MinifyNumber(printed, false, &buf_));
  folded.append(LowerAscii(vt.substr(unit_at), &buf2_));
  Put(Ctx::kValue, val->kind, folded);
  *next = close + 1;
  return true;
}

// The arguments of the function at `k` when each is one token separated by commas:
// their token indexes, and the index of the ')'. False for anything else.
bool Minifier::SimpleArgs(size_t k, size_t e, size_t* args, int max_args, int* count,
                          size_t* close) {
  int n = 0;
  size_t p = k + 1;
  for (;;) {
    p = SkipGap(p, e);
    if (p >= e || n == max_args) return false;
    TokenKind kind = toks_[p].kind;
    if (kind != TokenKind::kNumber && kind != TokenKind::kDimension &&
        kind != TokenKind::kPercentage)
      return false;
    args[n++] = p;
    p = SkipGap(p + 1, e);
    if (p >= e) return false;
    if (toks_[p].kind == TokenKind::kCloseParen) {
      *count = n;
      *close = p;
      return true;
    }
    if (toks_[p].kind != TokenKind::kComma) return false;
    ++p;
  }
}

// translate3d(0,0,z) -> translateZ(z) and scale3d(1,1,z) -> scaleZ(z): the same transform by
// definition (CSS Transforms 2), shorter.
bool Minifier::TryShorter3d(size_t k, size_t e, std::string_view lname, size_t* next) {
  size_t args[3], close;
  int n;
  if (!SimpleArgs(k, e, args, 3, &n, &close) || n != 3) return false;
  auto zero = [&](size_t i) {
    const Token& t = toks_[i];
    std::string_view x = Text(t);
    if (t.kind == TokenKind::kNumber) return IsZeroNumber(x);
    if (t.kind != TokenKind::kDimension || (t.flags & kHasEscape)) return false;
    return IsZeroNumber(x.substr(0, t.unit_begin - t.begin)) &&
           IsLengthUnit(x.substr(t.unit_begin - t.begin));
  };
  auto one = [&](size_t i) {
    return toks_[i].kind == TokenKind::kNumber && MinifyNumber(Text(toks_[i]), false, &buf_) == "1";
  };
  const Token& z = toks_[args[2]];
  if (lname == "translate3d(") {
    if (!zero(args[0]) || !zero(args[1])) return false;
    if (!(zero(args[2]) || (z.kind == TokenKind::kDimension && !(z.flags & kHasEscape) &&
                            IsLengthUnit(Text(z).substr(z.unit_begin - z.begin)))))
      return false;
    Put(Ctx::kValue, TokenKind::kFunction, "translateZ(");
  } else {
    if (!one(args[0]) || !one(args[1]) || z.kind != TokenKind::kNumber) return false;
    Put(Ctx::kValue, TokenKind::kFunction, "scaleZ(");
  }
  static const PropInfo kAnyProp;
  Numeric(z, Ctx::kValue, kAnyProp, true);
  Put(Ctx::kValue, TokenKind::kCloseParen, ")");
  *next = close + 1;
  return true;
}

void Minifier::Tokens(size_t b, size_t e, Ctx ctx) {
  static const PropInfo kNoProp;
  for (size_t k = b; k < e; ++k) {
    const Token& t = toks_[k];
    switch (t.kind) {
      case TokenKind::kWhitespace:
      case TokenKind::kComment:
        Gap(t);
        break;
      case TokenKind::kNumber:
      case TokenKind::kPercentage:
      case TokenKind::kDimension:
        if (ctx == Ctx::kSelector) {
          Put(ctx, t.kind, Text(t));  // An+B stays as written
        } else if (ctx == Ctx::kKeyframe && t.kind == TokenKind::kPercentage &&
                   MinifyNumber(Text(t).substr(0, t.end - t.begin - 1), false, &buf_) == "100") {
          Put(ctx, TokenKind::kIdent, "to");  // the keyframe selector "to" is 100%
        } else {
          Numeric(t, ctx, kNoProp, false);
        }
        break;
      case TokenKind::kColon:
        // ::before -> :before: CSS 2 pseudo-elements keep their one-colon spelling.
        if (ctx == Ctx::kSelector && k + 2 < e && (k == b || toks_[k - 1].kind != TokenKind::kColon) &&
            toks_[k + 1].kind == TokenKind::kColon &&
            toks_[k + 2].kind == TokenKind::kIdent && IsLegacyPseudoElement(Text(toks_[k + 2]))) {
          ++k;
        }
        Put(ctx, t.kind, Text(t));
        break;
      case TokenKind::kIdent:
        // from -> 0%: the same keyframe, two bytes shorter.
        if (ctx == Ctx::kKeyframe && EqualsLower(Text(t), "from")) {
          Put(ctx, TokenKind::kPercentage, "0%");
        } else {
          Put(ctx, t.kind, Text(t));
        }
        break;
      case TokenKind::kString:
        // [type="button"] -> [type=button] when the value is a plain identifier.
        if (ctx == Ctx::kSelector && square_depth_ > 0 && IsPlainIdent(Text(t))) {
          std::string_view v = Text(t);
          scratch_.assign(v.substr(1, v.size() - 2));  // not a view of the source: rewritten
          Put(ctx, TokenKind::kIdent, scratch_);
        } else {
          Put(ctx, t.kind, Text(t));
        }
        break;
      case TokenKind::kOpenSquare:
        Put(ctx, t.kind, Text(t));
        ++square_depth_;
        break;
      case TokenKind::kCloseSquare:
        if (square_depth_ > 0) --square_depth_;
        Put(ctx, t.kind, Text(t));
        break;
      default:
        Put(ctx, t.kind, Text(t));
        break;
    }
  }
  square_depth_ = 0;
}

void Minifier::Numeric(const Token& t, Ctx ctx, const PropInfo& prop, bool zero_ok) {
  std::string_view text = Text(t);
  {
    // Fast path: most numbers are already minimal ("1px", ".5em", "10%").
    size_t unit_at = t.kind == TokenKind::kNumber       ? text.size()
                     : t.kind == TokenKind::kPercentage ? text.size() - 1
                                                        : t.unit_begin - t.begin;
    size_t d = (text[0] == '+' || text[0] == '-') ? 1 : 0;
    char last = text[unit_at - 1];
    bool has_dot = false;
    for (size_t i = d; i < unit_at; ++i) has_dot |= text[i] == '.';
    bool minimal = text[d] != '0' && (!has_dot || last != '0');
    if (minimal && t.kind == TokenKind::kDimension && !(t.flags & kHasEscape)) {
      for (size_t i = unit_at; i < text.size(); ++i)
        if (text[i] >= 'A' && text[i] <= 'Z') minimal = false;
    }
    if (minimal) {
      Put(ctx, t.kind, text);
      return;
    }
  }
  if (t.kind == TokenKind::kNumber) {
    Put(ctx, t.kind, MinifyNumber(text, prop.keep_fraction, &buf_));
    return;
  }
  size_t unit_at = t.kind == TokenKind::kPercentage ? text.size() - 1 : t.unit_begin - t.begin;
  std::string_view num = text.substr(0, unit_at);
  std::string_view unit = text.substr(unit_at);
  if (t.kind == TokenKind::kDimension && !(t.flags & kHasEscape)) {
    if (zero_ok && IsZeroNumber(num) && IsLengthUnit(unit)) {
      Put(ctx, t.kind == TokenKind::kDimension ? TokenKind::kNumber : t.kind, "0");
      return;
    }
    unit = LowerAscii(unit, &buf2_);
  } else if (t.kind == TokenKind::kDimension) {
    Put(ctx, t.kind, text);  // an escaped unit (10px\9 hacks): as written
    return;
  }
  std::string_view m = MinifyNumber(num, false, &buf_);
  if (m.data() == num.data() && unit.data() == text.data() + unit_at) {
    Put(ctx, t.kind, text);  // nothing shortened, nothing lowercased
    return;
  }
  char tmp[160];
  if (m.size() + unit.size() > sizeof(tmp)) {
    Put(ctx, t.kind, text);
    return;
  }
  memcpy(tmp, m.data(), m.size());
  memcpy(tmp + m.size(), unit.data(), unit.size());
  Put(ctx, t.kind, std::string_view(tmp, m.size() + unit.size()));
}

bool Minifier::TryUnquotedUrl(size_t k, size_t e, size_t* next) {
  size_t s = SkipGap(k + 1, e);
  if (s >= e || toks_[s].kind != TokenKind::kString) return false;
  size_t c = SkipGap(s + 1, e);
  if (c >= e || toks_[c].kind != TokenKind::kCloseParen) return false;
  std::string_view q = Text(toks_[s]);
  if (!CanUnquoteUrl(q)) return false;
  std::string url = "url(";
  url.append(q.substr(1, q.size() - 2));
  url.push_back(')');
  Put(Ctx::kValue, TokenKind::kUrl, url);
  *next = c + 1;
  return true;
}

bool Minifier::TryRgb(size_t k, size_t e, size_t* next) {
  // Only the legacy comma syntax with integer 0..255 channels and an optional alpha of 1.
  unsigned channels[3];
  size_t p = k + 1;
  for (int c = 0; c < 4; ++c) {
    p = SkipGap(p, e);
    if (p >= e) return false;
    const Token& t = toks_[p];
    std::string_view text = Text(t);
    if (c == 3) {
      bool opaque = (t.kind == TokenKind::kNumber && (text == "1" || text == "1.0")) ||
                    (t.kind == TokenKind::kPercentage && text == "100%");
      if (!opaque) return false;
    } else {
      if (t.kind != TokenKind::kNumber || !(t.flags & kNumberInteger) || text.size() > 3 ||
          text[0] == '+' || text[0] == '-')
        return false;
      unsigned v = 0;
      for (char ch : text) v = v * 10 + (ch - '0');
      if (v > 255) return false;
      channels[c] = v;
    }
    p = SkipGap(p + 1, e);
    if (p >= e) return false;
    if (toks_[p].kind == TokenKind::kCloseParen && c >= 2) {
      unsigned rgb = channels[0] << 16 | channels[1] << 8 | channels[2];
      std::string_view color = ShortestColor(rgb, &buf_);
      Put(Ctx::kValue, color[0] == '#' ? TokenKind::kHash : TokenKind::kIdent, color);
      *next = p + 1;
      return true;
    }
    if (toks_[p].kind != TokenKind::kComma) return false;
    ++p;
  }
  return false;
}

// A function token in a value: the rewrites that replace the whole call, else the name and an
// entry on the function stack. Returns the index of the last token consumed.
size_t Minifier::ValueFunction(size_t k, size_t e, const PropInfo& prop, int* unsafe_depth) {
  const Token& t = toks_[k];
  std::string_view name = Text(t);
  ValueBuf lower_buf;  // not buf_: the rewrites below use it
  std::string_view lname = (t.flags & kHasEscape) ? name : LowerAscii(name, &lower_buf);
  size_t next;
  if ((lname == "url(" && TryUnquotedUrl(k, e, &next)) ||
      ((lname == "translate3d(" || lname == "scale3d(") && TryShorter3d(k, e, lname, &next)) ||
      (lname == "calc(" && TryFoldCalc(k, e, prop, &next)) ||
      ((lname == "rgb(" || lname == "rgba(") && TryRgb(k, e, &next)))
    return next - 1;
  bool unsafe = ZeroUnitUnsafeFunction(lname);
  fn_stack_.push_back(unsafe);
  *unsafe_depth += unsafe;
  Put(Ctx::kValue, t.kind, name);
  return k;
}

void Minifier::Value(size_t b, size_t e, const PropInfo& prop) {
  fn_stack_.clear();
  size_t skip_at = 0;
  size_t next_skip = SIZE_MAX;
  if (prop.grammar != Grammar::kNone) {
    skip_.clear();
    if (prop.grammar == Grammar::kFontWeight) TryFontWeight(b, e, &b);
    else PlanGrammar(b, e, prop);
    if (!skip_.empty()) next_skip = skip_[0];
  }
  int unsafe_depth = 0;  // open functions inside which zero lengths keep their unit
  for (size_t k = b; k < e; ++k) {
    const Token& t = toks_[k];
    if (k == next_skip) {
      ++skip_at;
      next_skip = skip_at < skip_.size() ? skip_[skip_at] : SIZE_MAX;
      gap_ws_ = true;  // a component left out: what was on either side stays apart
      continue;
    }
    switch (t.kind) {
      case TokenKind::kWhitespace:
      case TokenKind::kComment:
        Gap(t);
        break;
      case TokenKind::kNumber:
      case TokenKind::kPercentage:
      case TokenKind::kDimension:
        Numeric(t, Ctx::kValue, prop, prop.zero_units && unsafe_depth == 0);
        break;
      case TokenKind::kHash:
        Put(Ctx::kValue, t.kind,
            (t.flags & kHasEscape) ? Text(t) : MinifyHexColor(Text(t), &buf_));
        break;
      case TokenKind::kFunction:
        k = ValueFunction(k, e, prop, &unsafe_depth);
        break;
      case TokenKind::kOpenParen:
      case TokenKind::kOpenSquare:
        fn_stack_.push_back(0);
        Put(Ctx::kValue, t.kind, Text(t));
        break;
      case TokenKind::kCloseParen:
      case TokenKind::kCloseSquare:
        if (!fn_stack_.empty()) {
          unsafe_depth -= fn_stack_.back();
          fn_stack_.pop_back();
        }
        Put(Ctx::kValue, t.kind, Text(t));
        break;
      case TokenKind::kUrl: {
        // url( a.png ) -> url(a.png): the spaces are not part of the URL.
        std::string_view u = Text(t);
        size_t b4 = 4, e1 = u.size() - 1;
        if ((t.flags & kHasEscape) ||  // "url(a\ )": that space is escaped
            (!text::IsAsciiSpace(u[b4]) && !text::IsAsciiSpace(u[e1 - 1]))) {
          Put(Ctx::kValue, t.kind, u);
          break;
        }
        while (b4 < e1 && text::IsAsciiSpace(u[b4])) ++b4;
        while (e1 > b4 && text::IsAsciiSpace(u[e1 - 1])) --e1;
        std::string url(u.substr(0, 4));
        url.append(u.substr(b4, e1 - b4));
        url.push_back(')');
        Put(Ctx::kValue, t.kind, url);
        break;
      }
      case TokenKind::kDelim: {
        if (src_[t.begin] == '!') {
          size_t imp = SkipGap(k + 1, e);
          if (imp < e && toks_[imp].kind == TokenKind::kIdent &&
              EqualsLower(Text(toks_[imp]), "important")) {
            Put(Ctx::kValue, TokenKind::kDelim, "!");
            Put(Ctx::kValue, TokenKind::kIdent, "important");
            k = imp;
            break;
          }
        }
        Put(Ctx::kValue, t.kind, Text(t));
        break;
      }
      case TokenKind::kString:
        if (prop.grammar == Grammar::kFontFamily && IsWholeListItem(k, b, e) &&
            TryUnquotedFamily(t))
          break;
        Put(Ctx::kValue, t.kind, StringText(t));
        break;
      default:
        Put(Ctx::kValue, t.kind, Text(t));
        break;
    }
  }
}

}  // namespace pagebake::css::internal
