// The CSS minifier: one pass over the lossless token stream that applies only rewrites that are
// certainly equivalent, and copies everything it does not understand verbatim.
//
// What it does: drops comments (keeps /*! ... */ between rules and declarations), whitespace
// where it separates nothing (never a descendant combinator, never "and (" in a media query,
// never around + and - in calc()), last semicolons and empty declarations, empty style rules
// and empty @media/@supports/@container blocks; shortens numbers (0.50 -> .5), drops the unit
// of a zero length outside math functions and flex shorthands, shortens colors (#ffffff ->
// #fff, #ff0000 -> red, rgb(255,0,0) -> red), unquotes url("a.png") where legal, lowercases
// property names, units, hex colors, !important and known at-rule names; continues a rule with
// the next one when they sit side by side with the same selector text (a{b:c}a{d:e} ->
// a{b:c;d:e}); drops /*! */ comments with nothing in them; for unprefixed properties only,
// leaves out repeated box sides (margin:1px 2px 1px 2px -> 1px 2px) and a zero box-shadow
// spread, unquotes plain font family names, writes font-weight bold/normal as 700/400.
// What it keeps verbatim: custom property values, unknown at-rules, declarations that do not
// start with "name:" (*zoom hacks), IE filter/expression values, selectors' content.
// Broken input (unbalanced brackets, bad strings/urls, unterminated comments) is passed through
// unchanged and reported with its offset.
#ifndef PAGEBAKE_CSS_CSS_MINIFIER_H_
#define PAGEBAKE_CSS_CSS_MINIFIER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "filters/text/source_map.h"
#include "pagebake/status.h"

namespace pagebake::css {

struct CssMinifyOptions {
  // Keep /*! ... */ comments (licences) found between rules or declarations. Default true.
  // Comments inside a selector or a value are always dropped.
  bool keep_important_comments = true;
};

enum class CssMinifyMode {
  kStylesheet,       // a whole sheet: .css file or <style> text
  kDeclarationList,  // a style="" attribute value: declarations, no braces around them
};

// A problem in the input: where (byte offset, and 1-based line:col) and what.
struct CssIssue {
  size_t offset = 0;
  int line = 0;
  int col = 0;
  std::string message;
};

// Minifies `in` into `*out` (replaced). Returns OK also when the input has problems: then
// `*out` is the input unchanged and `issues` (when not null) says why. A non-OK status only for
// inputs of 4 GiB or more.
Status MinifyCss(std::string_view in, const CssMinifyOptions& options, std::string* out,
                 CssMinifyMode mode = CssMinifyMode::kStylesheet,
                 std::vector<CssIssue>* issues = nullptr);

// The same, and `map` (not null) records where each rule, declaration and token written as in
// the source came from (offsets into `in`), for a v3 source map. Left empty when the input is
// kept as written.
Status MinifyCssWithMap(std::string_view in, const CssMinifyOptions& options, std::string* out,
                        text::SourceMapBuilder* map, CssMinifyMode mode = CssMinifyMode::kStylesheet,
                        std::vector<CssIssue>* issues = nullptr);

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_MINIFIER_H_
