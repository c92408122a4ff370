// Structural checks shared by the CSS rewriters: a sheet whose blocks do not nest, or that has
// bad strings/urls or an unterminated comment, is one the rewriters must not restructure (a
// browser's error recovery would read our output differently). They pass it through instead
// and report the first problem here.
#ifndef PAGEBAKE_CSS_CSS_STRUCTURE_H_
#define PAGEBAKE_CSS_CSS_STRUCTURE_H_

#include <string_view>
#include <vector>

#include "filters/css/css_minifier.h"
#include "filters/css/css_tokenizer.h"

namespace pagebake::css {

// True when `toks` (of `src`) nest properly: every ( [ { and function closed by its own
// closer, nothing unclosed at the end, no bad-string/bad-url/unterminated token. Otherwise
// false, with the first problem appended to `issues` (when not null).
bool CheckStructure(std::string_view src, const std::vector<Token>& toks,
                    std::vector<CssIssue>* issues);

// An issue at byte `offset` of `src`, with its line:col.
CssIssue MakeIssue(std::string_view src, size_t offset, std::string message);

// The index of the first token at nesting depth 0 from `from` that is '{' or '}' (or ';' when
// `stop_at_semicolon`), or toks.size(). `curly_stops`: false for custom property values, where a
// '{' is part of the value (it is then matched like a paren).
size_t ScanToDepth0(const std::vector<Token>& toks, size_t from, bool stop_at_semicolon,
                    bool curly_stops = true);

// The index of the token closing the block opened at `open` (which must open one), or
// toks.size().
size_t MatchingClose(const std::vector<Token>& toks, size_t open);

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_STRUCTURE_H_
