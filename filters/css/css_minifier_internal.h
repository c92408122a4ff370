// The CSS minifier's internals, shared by css_minifier.cc (rules, blocks, at-rules,
// declarations, whitespace) and css_minifier_values.cc (component values). Not installed.
#ifndef PAGEBAKE_CSS_CSS_MINIFIER_INTERNAL_H_
#define PAGEBAKE_CSS_CSS_MINIFIER_INTERNAL_H_

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "filters/css/css_minifier.h"
#include "filters/css/css_tokenizer.h"
#include "filters/css/css_values.h"
#include "filters/text/source_map.h"

namespace pagebake::css::internal {


// Where a token is written; whitespace means different things in each.
enum class Ctx : uint8_t {
  kSelector,  // a style rule's prelude: whitespace is the descendant combinator
  kPrelude,   // an at-rule's prelude (media queries, @import, @supports ...)
  kKeyframe,  // a keyframe selector list (from, 50%, to)
  kValue,     // a declaration value
};

enum class BlockKind : uint8_t { kRules, kDecls, kKeyframes };

struct Block {
  BlockKind kind;
  bool drop_if_empty;   // an empty style rule or @media block is removed
  bool semi_before;     // a ';' was pending before the rule started (restored when dropped)
  size_t out_mark;      // output size before the rule
  size_t content_mark;  // output size just after its '{'
  size_t sel_begin = 0;  // a style rule's selector as written in the output (for merging)
  size_t sel_end = 0;
  bool style_rule = false;  // a qualified rule holding declarations (not a keyframe)
  bool has_nested = false;  // a nested rule or at-rule was written into it
  bool parent_had_nested = false;  // the parent's has_nested before this block opened
};

// The last style rule closed, while its '}' is the last byte written: a next rule with the same
// selector in the same block continues it ("a{b:c}a{d:e}" -> "a{b:c;d:e}").
struct ClosedRule {
  size_t depth = 0;  // stack_ size once it was closed; 0: none
  size_t out_mark, content_mark, sel_begin, sel_end;
  size_t close;      // offset of its '}'
  bool semi;         // it ended with a declaration (a ';' goes before the next one)
};

// Rewrites that need to know the property's grammar (css_minifier_shorthands.cc). Only for
// unprefixed names: old prefixed implementations read some of these values differently.
enum class Grammar : uint8_t {
  kNone,
  kBoxSides,     // margin, padding, border-width ...: "1px 2px 1px 2px" -> "1px 2px"
  kBoxShadow,    // box-shadow: a zero spread (the fourth length) is the default
  kFontFamily,   // font-family: "Segoe UI" -> Segoe UI
  kFontWeight,   // font-weight: bold -> 700, normal -> 400
};

// What a property name says about how its value may be rewritten.
struct PropInfo {
  bool zero_units = true;     // may write a zero length without its unit
  bool keep_fraction = true;  // plain numbers keep "is not an integer" (z-index:1.0 stays)
  Grammar grammar = Grammar::kNone;
};

// What a property name says about its value.
PropInfo InfoFor(std::string_view lname);

// The output: a std::string grown in large steps and written through a raw pointer and a size
// counter, so a token's few bytes are copied without a call into the library (and without going
// through the string's own pointer, which every char store might alias).
class OutBuf {
 public:
  // Writes into `*dest` (its capacity is reused); the destructor trims it to what was written.
  OutBuf(std::string* dest, size_t expect) : s_(*dest) {
    s_.resize(expect + 64);
    p_ = s_.data();
    cap_ = s_.size();
  }
  ~OutBuf() { s_.resize(n_); }
  OutBuf(const OutBuf&) = delete;
  OutBuf& operator=(const OutBuf&) = delete;
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  const char* data() const { return p_; }
  char back() const { return p_[n_ - 1]; }
  void resize(size_t n) { n_ = n; }  // only ever shrinks (drops an empty rule)
  void push_back(char c) {
    if (n_ + 1 > cap_) Grow(1);
    p_[n_++] = c;
  }
  void append(std::string_view t) {
    const size_t n = t.size();
    if (n_ + n > cap_) Grow(n);
    char* d = p_ + n_;
    const char* s = t.data();
    // Tokens are short: two overlapping fixed-size copies instead of a loop or a call.
    if (n >= 8) {
      if (n <= 16) {
        Copy<8>(d, s);
        Copy<8>(d + n - 8, s + n - 8);
      } else {
        memcpy(d, s, n);
      }
    } else if (n >= 4) {
      Copy<4>(d, s);
      Copy<4>(d + n - 4, s + n - 4);
    } else if (n > 0) {
      d[0] = s[0];
      d[n / 2] = s[n / 2];
      d[n - 1] = s[n - 1];
    }
    n_ += n;
  }

 private:
  template <size_t N>
  static void Copy(char* d, const char* s) {
    char tmp[N];
    memcpy(tmp, s, N);
    memcpy(d, tmp, N);
  }
  void Grow(size_t extra) {
    s_.resize(std::max(s_.size() * 2, n_ + extra));
    p_ = s_.data();
    cap_ = s_.size();
  }
  std::string& s_;
  char* p_;
  size_t cap_;
  size_t n_ = 0;
};

class Minifier {
 public:
  Minifier(std::string_view src, const std::vector<Token>& toks, const CssMinifyOptions& options,
           OutBuf* out, text::SourceMapBuilder* map = nullptr)
      : src_(src), toks_(toks), options_(options), out_(out), map_(map) {}

  void Run(CssMinifyMode mode);

 private:
  // Token offsets are within src_ by construction: no bounds check.
  std::string_view Text(const Token& t) const {
    return std::string_view(src_.data() + t.begin, t.end - t.begin);
  }
  std::string_view Raw(size_t b, size_t e) const {
    return b >= e ? std::string_view()
                  : std::string_view(src_.data() + toks_[b].begin, toks_[e - 1].end - toks_[b].begin);
  }
  bool IsGap(size_t k) const {
    return toks_[k].kind == TokenKind::kWhitespace || toks_[k].kind == TokenKind::kComment;
  }
  size_t SkipGap(size_t k, size_t e) const {
    while (k < e && IsGap(k)) ++k;
    return k;
  }

  // Output.
  // Source maps: what is written next comes from source offset `src_offset`.
  void Mark(size_t src_offset) {
    if (map_ && (out_->size() != last_mark_ || map_->size() == 0)) {
      map_->Add(out_->size(), src_offset);
      last_mark_ = out_->size();
    }
  }
  void Boundary() {
    at_boundary_ = true;
    gap_ws_ = gap_comment_ = false;
  }
  bool SpaceMatters(Ctx ctx, TokenKind kind, std::string_view text) const;
  // Writes a token, with a separator before it when needed. Most tokens are source text that
  // follows the previous one directly (or a boundary): then nothing needs checking, and that
  // path is inline.
  void Put(Ctx ctx, TokenKind kind, std::string_view text) {
    const bool in_src = text.data() >= src_.data() && text.data() < src_.data() + src_.size();
    if (in_src && !map_ && !gap_ws_ && !gap_comment_ && !last_rewritten_ &&
        kind != TokenKind::kDelim) {
      out_->append(text);
      last_kind_ = kind;
      last_char_ = text.empty() ? 0 : text.back();
      at_boundary_ = false;
      return;
    }
    PutChecked(ctx, kind, text);
  }
  void PutChecked(Ctx ctx, TokenKind kind, std::string_view text);
  void Separate(Ctx ctx, TokenKind kind, std::string_view text);
  void FlushSemi() {
    if (pending_semi_) out_->push_back(';');
    pending_semi_ = false;
  }
  void Gap(const Token& t) {
    if (t.kind == TokenKind::kWhitespace) gap_ws_ = true;
    else gap_comment_ = true;
  }

  // Items.
  void OpenBlock(BlockKind kind, bool drop_if_empty, size_t mark, bool semi_before);
  void CloseBlock();
  void AtRule();
  void QualifiedRule(size_t brace, Ctx ctx, bool droppable);
  void DeclarationOrNestedRule();
  void Declaration(size_t b, size_t e);

  // Component lists.
  void Tokens(size_t b, size_t e, Ctx ctx);
  void Value(size_t b, size_t e, const PropInfo& prop);
  void Numeric(const Token& t, Ctx ctx, const PropInfo& prop, bool zero_ok);
  bool TryMergeWithPrevious(size_t sel_begin);
  // css_minifier_shorthands.cc: grammar-aware rewrites, decided before the value is written.
  void PlanGrammar(size_t b, size_t e, const PropInfo& prop);
  void PlanBoxSides(size_t b, size_t e);
  void PlanBoxShadow(size_t b, size_t e);
  bool TryFontWeight(size_t b, size_t e, size_t* next);
  bool IsWholeListItem(size_t k, size_t b, size_t e) const;
  bool TryUnquotedFamily(const Token& t);
  bool TryUnquotedUrl(size_t k, size_t e, size_t* next);
  bool TryRgb(size_t k, size_t e, size_t* next);
  size_t ValueFunction(size_t k, size_t e, const PropInfo& prop, int* unsafe_depth);
  bool SimpleArgs(size_t k, size_t e, size_t* args, int max_args, int* count, size_t* close);
  bool TryShorter3d(size_t k, size_t e, std::string_view lname, size_t* next);
  bool TryFoldCalc(size_t k, size_t e, const PropInfo& prop, size_t* next);
  std::string_view StringText(const Token& t);

  std::string_view src_;
  const std::vector<Token>& toks_;
  const CssMinifyOptions& options_;
  OutBuf* out_;
  text::SourceMapBuilder* map_;  // may be null
  size_t last_mark_ = 0;
  size_t i_ = 0;
  std::vector<Block> stack_;
  std::vector<uint8_t> fn_stack_;  // per open function/paren: 1 when zero units are unsafe
  std::vector<uint32_t> skip_;     // value tokens PlanGrammar() decided to leave out, ascending
  ClosedRule closed_;
  bool pending_semi_ = false;
  bool at_boundary_ = true;
  bool gap_ws_ = false;
  bool gap_comment_ = false;
  bool last_rewritten_ = false;  // the last token written is not its source text
  int square_depth_ = 0;       // open [ in the selector being written
  bool semi_in_source_ = false;  // the pending ';' was written in the input
  TokenKind last_kind_ = TokenKind::kWhitespace;
  char last_char_ = 0;
  ValueBuf buf_, buf2_, name_buf_;
  std::string scratch_;
};

}  // namespace pagebake::css::internal

#endif  // PAGEBAKE_CSS_CSS_MINIFIER_INTERNAL_H_
