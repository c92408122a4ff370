// html-elide-attributes: drops attributes whose value is the default the browser assumes
// anyway (script type=text/javascript and the other JavaScript MIME types, script
// language=javascript, style/link type=text/css, form method=get and the default enctype,
// input type=text, button type=submit, area/a shape=rect, td/th colspan=1 and rowspan=1,
// col/colgroup span=1, frame/iframe frameborder=1 and scrolling=auto), and writes boolean
// attributes whose value is empty or their own name in the bare form (checked="checked" ->
// checked), except in XHTML documents (XHTML doctype or <?xml prolog), and writes a
// <meta name=viewport> content list without its optional whitespace and with plain decimals
// shortened ("width=device-width, initial-scale=1.0" -> "width=device-width,initial-scale=1";
// left alone with a ';', a key without a value, or unquoted). Elements with a
// repeated attribute are left alone: removing the first occurrence would let the second one
// count. Unsafe when CSS or scripts match on the literal attribute ([type=text] selectors,
// getAttribute('checked') == 'checked'); HtmlOptions::elide_input_type_text turns off the most
// common such case. Id html-elide-attributes, risk low.
#ifndef PAGEBAKE_HTML_ELIDE_ATTRIBUTES_FILTER_H_
#define PAGEBAKE_HTML_ELIDE_ATTRIBUTES_FILTER_H_

#include <optional>
#include <string>
#include <string_view>

#include "filters/html/html_filter.h"

namespace pagebake::html {

class ElideAttributesFilter : public HtmlFilter {
 public:
  ElideAttributesFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;

  // Whether `name` (lowercase) is a boolean attribute of standard HTML elements.
  static bool IsBooleanAttribute(std::string_view name);
  // Whether attribute `lower_name`=`decoded_value` on an HTML element with tag `t` states the
  // default. `opts` carries elide_input_type_text.
  static bool IsDefaultValue(Tag t, std::string_view lower_name, std::string_view value,
                             const HtmlOptions& opts);
  // The viewport list `content` written shorter with the same meaning, nullopt if it cannot be.
  static std::optional<std::string> ShorterViewport(std::string_view content);
};

// Whether the document is XHTML (doctype mentions XHTML, or it starts with an <?xml prolog).
bool IsXhtml(const Document& doc);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_ELIDE_ATTRIBUTES_FILTER_H_
