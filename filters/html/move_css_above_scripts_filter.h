// html-move-css-above-scripts: in <head>, moves <link rel=stylesheet> and <style> elements
// that follow parser-blocking scripts up to just before the first such script they can safely
// pass, so the sheets start downloading before the script stalls the parser (sheets after only
// deferred, async, module scripts or data blocks stay: nothing to gain). Sheets keep their
// order relative to each other. A sheet passes a script only when the script cannot observe
// or change styles at that point: a deferred or module script (it runs after parsing), a data
// block, or a blocking script whose source — inline, or the site's own file for src= — uses
// none of the APIs that read layout, add markup or stylesheets (document.write, styleSheets,
// getComputedStyle, createElement, innerHTML, offset*/client*/scroll* metrics...). A script
// whose source is unknown (external, missing) is passed only when deferred. Sheets in
// <noscript> and <template> stay, and no sheet passes a <base> or a <meta charset|http-equiv>.
// Unsafe for scripts that reach style state through means the scan does not see (eval of built
// strings, a global alias of document). Id html-move-css-above-scripts, risk medium.
#ifndef PAGEBAKE_HTML_MOVE_CSS_ABOVE_SCRIPTS_FILTER_H_
#define PAGEBAKE_HTML_MOVE_CSS_ABOVE_SCRIPTS_FILTER_H_

#include <string_view>

#include "filters/html/html_filter.h"

namespace pagebake::html {

class MoveCssAboveScriptsFilter : public HtmlFilter {
 public:
  MoveCssAboveScriptsFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

// True when JavaScript source `js` mentions an API that observes or changes styles, layout or
// the markup the parser has not reached yet. A text scan: false positives only.
bool ScriptMayObserveStyles(std::string_view js);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_MOVE_CSS_ABOVE_SCRIPTS_FILTER_H_
