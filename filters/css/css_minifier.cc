#include "filters/css/css_minifier.h"

#include <cstring>
#include <limits>

#include "filters/css/css_structure.h"
#include "filters/css/css_minifier_internal.h"
#include "filters/text/position.h"

namespace pagebake::css {
namespace internal {
namespace {

// "/*!*/", "/*! */": marked to keep, but nothing to keep.
bool IsEmptyComment(std::string_view c) {
  for (size_t i = 3; i + 2 < c.size(); ++i)
    if (!(c[i] == ' ' || c[i] == '\n' || c[i] == '\t' || c[i] == '\r' || c[i] == '\f')) return false;
  return true;
}

bool IsSeparator(TokenKind k) {
  return k == TokenKind::kComma || k == TokenKind::kSemicolon || k == TokenKind::kOpenCurly ||
         k == TokenKind::kCloseCurly;
}

}  // namespace

bool Minifier::SpaceMatters(Ctx ctx, TokenKind kind, std::string_view text) const {
  if (IsSeparator(last_kind_) || IsSeparator(kind)) return false;
  if (last_kind_ == TokenKind::kOpenParen || last_kind_ == TokenKind::kFunction ||
      last_kind_ == TokenKind::kOpenSquare || kind == TokenKind::kCloseParen ||
      kind == TokenKind::kCloseSquare)
    return false;
  char a = last_kind_ == TokenKind::kDelim ? last_char_ : 0;
  char b = kind == TokenKind::kDelim ? text[0] : 0;
  switch (ctx) {
    case Ctx::kSelector:
      // Inside [attr = "v" i] only the space before the flag separates anything.
      if (square_depth_ > 0)
        return (last_kind_ == TokenKind::kString || last_kind_ == TokenKind::kIdent) &&
               kind == TokenKind::kIdent;
      return !(a == '>' || a == '+' || a == '~' || b == '>' || b == '+' || b == '~');
    case Ctx::kValue:
      return !(a == '/' || b == '/' || a == '!' || b == '!');
    case Ctx::kPrelude:
      if (last_kind_ == TokenKind::kAtKeyword) return true;
      if (last_kind_ == TokenKind::kColon || kind == TokenKind::kColon) return false;
      return !(a == '<' || a == '>' || a == '=' || b == '<' || b == '>' || b == '=');
    case Ctx::kKeyframe:
      return true;
  }
  return true;
}

// Kept out of PutChecked(), which then needs few saved registers.
[[gnu::noinline]] void Minifier::Separate(Ctx ctx, TokenKind kind, std::string_view text) {
  bool merge = WouldMerge(last_kind_, last_char_, kind, text);
  if (gap_ws_) {
    if (merge || SpaceMatters(ctx, kind, text)) out_->push_back(' ');
  } else if (gap_comment_) {
    // A comment separates tokens without being whitespace; in a selector "a/**/.b" is not
    // "a .b", so only values may turn it into a space.
    if (merge) out_->append(ctx == Ctx::kValue ? " " : "/**/");
  } else if (merge) {
    out_->push_back(' ');
  }
}

void Minifier::PutChecked(Ctx ctx, TokenKind kind, std::string_view text) {
  // Two tokens that were adjacent in the source cannot merge; only a gap or a rewritten
  // spelling needs the check.
  bool rewritten = text.data() < src_.data() || text.data() >= src_.data() + src_.size();
  if (!at_boundary_ && !out_->empty() && (gap_ws_ || gap_comment_ || rewritten || last_rewritten_))
    Separate(ctx, kind, text);
  if (!rewritten) Mark(size_t(text.data() - src_.data()));
  out_->append(text);
  last_rewritten_ = rewritten;
  last_kind_ = kind;
  last_char_ = text.empty() ? 0 : text.back();
  at_boundary_ = false;
  gap_ws_ = gap_comment_ = false;
  // A lone "\" is a delim only because a line break follows it: it keeps that line break
  // (anything else after it, "}" included, would be escaped), which also separates it from
  // the next token. At the end of the input nothing follows.
  if (kind == TokenKind::kDelim && text.size() == 1 && text[0] == '\\' && !rewritten &&
      size_t(text.data() - src_.data()) + 1 < src_.size()) {
    out_->push_back('\n');
    at_boundary_ = true;
  }
}

void Minifier::Run(CssMinifyMode mode) {
  stack_.push_back({mode == CssMinifyMode::kDeclarationList ? BlockKind::kDecls : BlockKind::kRules,
                    false, false, 0, 0});
  const size_t n = toks_.size();
  for (;;) {
    while (i_ < n && IsGap(i_)) {
      const Token& t = toks_[i_];
      if (t.kind == TokenKind::kComment && options_.keep_important_comments &&
          t.end - t.begin >= 3 && src_[t.begin + 2] == '!' && !IsEmptyComment(Text(t))) {
        FlushSemi();
        Mark(t.begin);
        out_->append(Text(t));
      }
      ++i_;
    }
    if (i_ >= n) break;
    Boundary();
    const Token& t = toks_[i_];
    if (t.kind == TokenKind::kCloseCurly) {
      CloseBlock();
      ++i_;
      continue;
    }
    if (t.kind == TokenKind::kAtKeyword) {
      AtRule();
      continue;
    }
    if ((t.kind == TokenKind::kCdo || t.kind == TokenKind::kCdc) && stack_.size() == 1 &&
        mode == CssMinifyMode::kStylesheet) {
      ++i_;  // CSS Syntax: ignored at the top level of a stylesheet
      continue;
    }
    BlockKind kind = stack_.back().kind;
    if (kind == BlockKind::kDecls) {
      if (t.kind == TokenKind::kSemicolon) {
        ++i_;
        continue;
      }
      DeclarationOrNestedRule();
      continue;
    }
    // A qualified rule: its prelude runs to the '{' (a ';' does not end it).
    size_t brace = ScanToDepth0(toks_, i_, /*stop_at_semicolon=*/false);
    if (kind == BlockKind::kKeyframes) {
      QualifiedRule(brace, Ctx::kKeyframe, false);
    } else {
      QualifiedRule(brace, Ctx::kSelector, true);
    }
  }
  // A trailing "@import x;" keeps its ';' so that sheets can be concatenated (but one that
  // had none does not get one: never larger than the input).
  if (mode == CssMinifyMode::kStylesheet && semi_in_source_) FlushSemi();
}

void Minifier::OpenBlock(BlockKind kind, bool drop_if_empty, size_t mark, bool semi_before) {
  const bool parent_had_nested = stack_.back().has_nested;
  if (stack_.back().kind == BlockKind::kDecls) stack_.back().has_nested = true;
  out_->push_back('{');
  stack_.push_back({kind, drop_if_empty, semi_before, mark, out_->size()});
  stack_.back().parent_had_nested = parent_had_nested;
  Boundary();
}

void Minifier::CloseBlock() {
  Block b = stack_.back();
  stack_.pop_back();
  bool ended_with_declaration = pending_semi_;
  pending_semi_ = false;
  Boundary();
  if (b.drop_if_empty && out_->size() == b.content_mark) {
    out_->resize(b.out_mark);
    if (map_) {
      map_->TruncateGenerated(b.out_mark);
      last_mark_ = b.out_mark;
    }
    pending_semi_ = b.semi_before;
    // Nothing of it was written: the parent may still merge with its neighbour, as it will
    // when this output is minified again.
    stack_.back().has_nested = b.parent_had_nested;
    return;
  }
  // Only a rule of declarations may be continued: declarations after nested rules are ordered
  // differently by older CSS nesting implementations.
  if (b.style_rule && !b.has_nested) {
    closed_ = {stack_.size(), b.out_mark, b.content_mark, b.sel_begin, b.sel_end, out_->size(),
               ended_with_declaration};
  } else {
    closed_.depth = 0;
  }
  out_->push_back('}');
}

void Minifier::QualifiedRule(size_t brace, Ctx ctx, bool droppable) {
  size_t b = i_;
  if (brace >= toks_.size() || toks_[brace].kind != TokenKind::kOpenCurly) {
    // No block before the enclosing block ends: browsers drop it; we keep it as written.
    if (stack_.back().kind == BlockKind::kDecls) stack_.back().has_nested = true;
    FlushSemi();
    Mark(toks_[b].begin);
    out_->append(Raw(b, brace));
    i_ = brace;
    return;
  }
  size_t mark = out_->size();
  bool semi_before = pending_semi_;
  FlushSemi();
  size_t sel_begin = out_->size();
  Tokens(b, brace, ctx);
  i_ = brace + 1;
  if (ctx == Ctx::kSelector && closed_.depth == stack_.size() && sel_begin == closed_.close + 1 &&
      out_->size() - sel_begin == closed_.sel_end - closed_.sel_begin &&
      TryMergeWithPrevious(sel_begin))
    return;
  OpenBlock(BlockKind::kDecls, droppable, mark, semi_before);
  Block& rule = stack_.back();
  rule.style_rule = ctx == Ctx::kSelector;
  rule.sel_begin = sel_begin;
  rule.sel_end = rule.content_mark - 1;
}

// "a{b:c}a{d:e}" -> "a{b:c;d:e}": two rules side by side in one block with the same selector
// text apply the same declarations, with the same specificity and at the same place in the
// cascade, as one rule holding both lists in order (a selector one browser rejects, it rejects
// in both). Called with the new rule's selector written at [sel_begin, end of output).
bool Minifier::TryMergeWithPrevious(size_t sel_begin) {
  const ClosedRule& c = closed_;
  if (c.depth != stack_.size() || sel_begin != c.close + 1) return false;
  size_t len = out_->size() - sel_begin;
  if (len != c.sel_end - c.sel_begin ||
      memcmp(out_->data() + sel_begin, out_->data() + c.sel_begin, len) != 0)
    return false;
  out_->resize(c.close);
  if (map_) {
    map_->TruncateGenerated(c.close);
    last_mark_ = c.close;
  }
  stack_.push_back({BlockKind::kDecls, true, false, c.out_mark, c.content_mark, c.sel_begin,
                    c.sel_end, true, false});
  pending_semi_ = c.semi;
  semi_in_source_ = false;
  closed_.depth = 0;
  Boundary();
  return true;
}

namespace {

enum class AtKind { kGroup, kDroppableGroup, kDeclBlock, kKeyframes, kStatement, kVerbatim };

AtKind ClassifyAtRule(std::string_view lname) {
  if (lname == "media" || lname == "supports" || lname == "container")
    return AtKind::kDroppableGroup;
  if (lname == "layer" || lname == "scope" || lname == "starting-style") return AtKind::kGroup;
  if (lname == "font-face" || lname == "page" || lname == "counter-style" ||
      lname == "property" || lname == "font-palette-values" || lname == "viewport" ||
      lname == "-ms-viewport" || lname == "position-try")
    return AtKind::kDeclBlock;
  if (lname == "keyframes" || lname == "-webkit-keyframes" || lname == "-moz-keyframes" ||
      lname == "-o-keyframes")
    return AtKind::kKeyframes;
  if (lname == "import" || lname == "namespace") return AtKind::kStatement;
  return AtKind::kVerbatim;  // @charset (must stay byte-exact) and everything unknown
}

}  // namespace

void Minifier::AtRule() {
  const Token& t = toks_[i_];
  const size_t n = toks_.size();
  size_t end = ScanToDepth0(toks_, i_ + 1, /*stop_at_semicolon=*/true);
  bool has_block = end < n && toks_[end].kind == TokenKind::kOpenCurly;
  bool has_semi = end < n && toks_[end].kind == TokenKind::kSemicolon;
  std::string_view name = Text(t);
  AtKind kind = AtKind::kVerbatim;
  std::string_view lname;
  if (!(t.flags & kHasEscape)) {
    lname = LowerAscii(name, &buf2_);
    kind = ClassifyAtRule(lname.substr(1));
  }
  if (kind == AtKind::kGroup && !has_block && lname == "@layer") kind = AtKind::kStatement;
  bool form_ok = kind == AtKind::kStatement ? !has_block : has_block;
  // Written as a statement or verbatim here; with a block, OpenBlock marks it.
  if (stack_.back().kind == BlockKind::kDecls && (kind == AtKind::kVerbatim || !form_ok ||
                                                  kind == AtKind::kStatement))
    stack_.back().has_nested = true;
  if (kind == AtKind::kVerbatim || !form_ok) {
    FlushSemi();
    size_t stop = has_block ? MatchingClose(toks_, end) + 1 : (has_semi ? end + 1 : end);
    if (stop > n) stop = n;
    Mark(t.begin);
    out_->append(Raw(i_, stop));
    i_ = stop;
    return;
  }
  size_t mark = out_->size();
  bool semi_before = pending_semi_;
  FlushSemi();
  std::string lower_name(lname);  // buf2_ is reused by the prelude
  Mark(t.begin);
  // The source text when nothing was lowercased: then it needs no merge check.
  Put(Ctx::kPrelude, TokenKind::kAtKeyword, lname.data() == name.data() ? name : lower_name);
  Tokens(i_ + 1, end, Ctx::kPrelude);
  if (kind == AtKind::kStatement) {
    pending_semi_ = true;
    semi_in_source_ = has_semi;
    i_ = has_semi ? end + 1 : end;
    return;
  }
  BlockKind parent = stack_.back().kind;
  BlockKind child = kind == AtKind::kKeyframes ? BlockKind::kKeyframes
                    : kind == AtKind::kDeclBlock ? BlockKind::kDecls
                    // Group rules nested in a style rule hold declarations (CSS nesting).
                    : parent == BlockKind::kDecls ? BlockKind::kDecls
                                                  : BlockKind::kRules;
  OpenBlock(child, kind == AtKind::kDroppableGroup, mark, semi_before);
  i_ = end + 1;
}

void Minifier::DeclarationOrNestedRule() {
  const Token& t = toks_[i_];
  bool custom = t.kind == TokenKind::kIdent && t.end - t.begin >= 2 && src_[t.begin] == '-' &&
                src_[t.begin + 1] == '-';
  // In a custom property a '{' belongs to the value; elsewhere it starts a nested rule.
  size_t end = ScanToDepth0(toks_, i_, /*stop_at_semicolon=*/true, /*curly_stops=*/!custom);
  if (end < toks_.size() && toks_[end].kind == TokenKind::kOpenCurly) {
    QualifiedRule(end, Ctx::kSelector, true);
    return;
  }
  FlushSemi();
  Declaration(i_, end);
  pending_semi_ = true;
  semi_in_source_ = false;
  i_ = end;
}

void Minifier::Declaration(size_t b, size_t e) {
  const size_t e0 = e;
  Mark(toks_[b].begin);
  while (e > b && IsGap(e - 1)) --e;
  size_t colon = SkipGap(b + 1, e);
  if (toks_[b].kind != TokenKind::kIdent || colon >= e || toks_[colon].kind != TokenKind::kColon) {
    // "*zoom: 1", garbage, a stray token: not ours to judge.
    out_->append(Raw(b, e));
    return;
  }
  std::string_view name = Text(toks_[b]);
  size_t v = colon + 1;
  while (v < e && toks_[v].kind == TokenKind::kWhitespace) ++v;
  if (name.size() >= 2 && name[0] == '-' && name[1] == '-') {
    // Custom property: case-sensitive name, value kept as written (only the whitespace around
    // it trimmed; an all-whitespace value keeps one space, as older browsers require).
    out_->append(name);
    out_->push_back(':');
    if (v >= e) {
      if (colon + 1 < e0) out_->push_back(' ');  // "--x: ;" stays, "--x:;" too
    }
    else out_->append(Raw(v, e));
    return;
  }
  std::string_view lower = (toks_[b].flags & kHasEscape) ? name : LowerAscii(name, &name_buf_);
  bool verbatim = lower.size() == 13 && lower == "unicode-range";  // U+0025-00FF stays
  for (size_t k = v; k < e && !verbatim; ++k) {
    const Token& tk = toks_[k];
    switch (tk.kind) {
      case TokenKind::kOpenCurly:
      case TokenKind::kAtKeyword:
        verbatim = true;
        break;
      // IE filters and expressions: their own syntax ("#ffffff" inside is not a CSS color).
      case TokenKind::kIdent:
        verbatim = tk.end - tk.begin == 6 && EqualsLower(Text(tk), "progid");
        break;
      case TokenKind::kFunction:
        verbatim = tk.end - tk.begin == 11 && EqualsLower(Text(tk), "expression(");
        break;
      default:
        break;
    }
  }
  out_->append(lower);
  out_->push_back(':');
  if (verbatim) {
    out_->append(Raw(v, e));
    return;
  }
  Boundary();
  Value(v, e, InfoFor(lower));
}

}  // namespace internal

Status MinifyCss(std::string_view in, const CssMinifyOptions& options, std::string* out,
                 CssMinifyMode mode, std::vector<CssIssue>* issues) {
  return MinifyCssWithMap(in, options, out, nullptr, mode, issues);
}

Status MinifyCssWithMap(std::string_view in, const CssMinifyOptions& options, std::string* out,
                        text::SourceMapBuilder* map, CssMinifyMode mode,
                        std::vector<CssIssue>* issues) {
  if (in.size() >= std::numeric_limits<uint32_t>::max())
    return Status::LimitExceeded("css: input of 4 GiB or more");
  // The tokenizer needs a NUL after the last byte, which only a std::string promises. The
  // copy and the token array are kept per thread between calls: a big sheet's buffers are
  // then not faulted in afresh for every file (bounded, so one huge file does not pin memory).
  thread_local std::string copy;
  thread_local std::vector<Token> toks;
  copy.assign(in);
  std::string_view src = copy;
  if (!TokenizeBalanced(src, &toks) && !CheckStructure(src, toks, issues)) {
    out->assign(in);
    return Status::OK();
  }
  {
    internal::OutBuf result(out, in.size());
    internal::Minifier m(src, toks, options, &result, map);
    m.Run(mode);
  }
  constexpr size_t kKeepBytes = 32u << 20;
  if (copy.capacity() > kKeepBytes) std::string().swap(copy);
  if (toks.capacity() * sizeof(Token) > kKeepBytes) std::vector<Token>().swap(toks);
  return Status::OK();
}

}  // namespace pagebake::css
