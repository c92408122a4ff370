// html-collapse-whitespace: every run of HTML whitespace in text becomes one character — a
// newline when the run had one (so line-based tools and `white-space: pre-line`-ish readers
// keep their lines), a space otherwise. Whitespace is never removed where it can separate
// inline content; it is dropped only where the page cannot render it: whitespace-only text
// directly inside <head>, <table>/<tbody>/<thead>/<tfoot>/<tr>/<colgroup>, <select>/
// <datalist>/<optgroup>, and between doctype/html/head/body/head-content at the top of the
// page. Start tags lose extra whitespace between attributes and before '>'. The whitespace at
// both ends of a classic, module or JSON <script>'s text goes (the script's own parser skips
// it; kept before a leading "-->", an HTML-like comment only at line start). Never inside
// pre/textarea/listing/plaintext/xmp/script/style/code, elements with xml:space=preserve or
// a `white-space: pre*|break-spaces` style attribute, or raw text. Unsafe when a stylesheet sets
// `white-space: pre*` on other elements (the filter cannot see external CSS), or when scripts
// read whitespace in text nodes. Id html-collapse-whitespace, risk low.
#ifndef PAGEBAKE_HTML_COLLAPSE_WHITESPACE_FILTER_H_
#define PAGEBAKE_HTML_COLLAPSE_WHITESPACE_FILTER_H_

#include <string>

#include "filters/html/html_filter.h"

namespace pagebake::html {

class CollapseWhitespaceFilter : public HtmlFilter {
 public:
  CollapseWhitespaceFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;

  // Whether whitespace inside element `id` must be kept as written.
  static bool PreservesWhitespace(const Document& doc, NodeId id);
  // Trims the whitespace at both ends of every JS/JSON <script> text.
  static void TrimScripts(FilterContext& ctx, Document& doc);
  // Whether a whitespace-only text node at `id` is not rendered and may be dropped.
  // `body_started`: body content (an element that cannot sit in <head>, or text) came before.
  static bool DroppableWhitespace(const Document& doc, NodeId id, bool body_started);
  // Whether the start tag has whitespace that NormalizeTagSpacing would remove.
  static bool LooseStartTag(const Document& doc, NodeId id);

 private:
  std::string scratch_;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_COLLAPSE_WHITESPACE_FILTER_H_
