// The correctness judge: parses two documents with gumbo (the spec-conformant parser) and
// compares their DOMs modulo exactly what the enabled filters may change. Used by the tests, the
// corpus test and --verify-html (HtmlOptions::verify), where the pipeline keeps the original
// page when the DOMs differ. Iterative: deep documents cost memory, not stack.
//
// Allowed differences, by enabled filter:
//   html-collapse-whitespace  text outside whitespace-preserving elements compared with runs of
//                             whitespace as one space; whitespace-only text may disappear where
//                             the filter drops it (children of html/head/table/tbody/thead/
//                             tfoot/tr/colgroup/select/datalist/optgroup; inside a UA block
//                             element or a button, next to a UA block element, a <br> or the
//                             parent's edge on either side, judged by tag alone; and children
//                             of SVG
//                             elements outside text/title/desc/style/script/metadata/
//                             foreignObject); a JS/JSON script's
//                             text may lose the whitespace at its ends
//   html-remove-comments      comments may disappear (text around them then merges)
//   html-elide-attributes     default-valued attributes may disappear; boolean attributes whose
//                             value was "" or their name may become ""; a <meta name=viewport>
//                             content list may change as written, not by value
//   html-remove-quotes        nothing (quoting is not in the DOM)
//   html-combine-heads        nothing (it writes what the parser already builds)
//   html-pedantic             type="text/javascript" may appear on script, type="text/css" on
//                             style
//   html-lazyload-images      loading/decoding attributes may appear on img/iframe
//   html-insert-image-dimensions  width/height may appear on img
//   html-defer-javascript     defer may appear on script
//   html-move-css-to-head, html-move-css-above-scripts
//                             <style> and <link rel=stylesheet href> may change position; the
//                             sequence of them in document order (names, attributes, text) must
//                             stay the same, and so must the rest of the tree without them
//   html-hint-preload, html-insert-dns-prefetch
//                             <link> elements whose rel holds preload, dns-prefetch or
//                             preconnect may appear (or go): they are skipped on both sides
//   html-trim-urls, html-rewrite-domains, and any non-HTML family filter: URL attribute values
//                             may differ
//   css-* filters             text of <style> and style="" values may differ
//   js-* filters              text of <script> may differ
// Anything else — element names, nesting, other attributes, text — must be equal.
#ifndef PAGEBAKE_HTML_DOM_COMPARE_H_
#define PAGEBAKE_HTML_DOM_COMPARE_H_

#include <string>
#include <string_view>
#include <vector>

#include "pagebake/status.h"

namespace pagebake::html {

struct DomCompareOptions {
  bool collapse_whitespace = false;
  bool drop_comments = false;
  bool elide_attributes = false;
  bool added_lazyload = false;
  bool added_dimensions = false;
  bool added_defer = false;
  bool moved_css = false;
  bool added_hints = false;
  bool added_types = false;
  bool url_values = false;
  bool inline_css = false;
  bool inline_js = false;
  // img-webp: an <img> may come back as <picture><source type="image/webp" srcset [sizes]>
  // <img></picture> (the img compared as usual), a <picture>'s <source type=image/jpeg|png|gif>
  // may turn image/webp, and preload imagesrcset values may change (with url_values).
  bool webp_pictures = false;
  // Other filters ran whose changes the judge cannot model (structure-moving ones): VerifyHtml
  // then reports that the page cannot be verified.
  std::vector<std::string> unmodeled;
};

DomCompareOptions DomCompareOptionsFor(const std::vector<std::string>& enabled_filter_ids);

// True when the DOMs are equal modulo `options`; otherwise false with a description of the
// first difference ("html>body>div[2]>p: text \"a b\" vs \"ab\"").
bool CompareDom(std::string_view before, std::string_view after,
                const DomCompareOptions& options, std::string* difference);

// What the pipeline calls after all HTML filters ran. OK when equal; ContentError (with the
// difference also in *difference) when not; Unimplemented when an enabled filter changes the
// DOM in ways the judge cannot model.
Status VerifyHtml(std::string_view before, std::string_view after,
                  const std::vector<std::string>& enabled_filter_ids, std::string* difference);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_DOM_COMPARE_H_
