// What the HTML-level JS filters (js-inline, js-outline) ask about <script> elements.
#ifndef PAGEBAKE_JS_JS_HTML_UTIL_H_
#define PAGEBAKE_JS_JS_HTML_UTIL_H_

#include <string_view>

#include "filters/html/document.h"

namespace pagebake::js {

enum class ScriptType { kClassic, kModule, kOther };

// From the type attribute: none/empty or a JavaScript MIME type is classic, "module" is a
// module, anything else (JSON, importmap, templates, speculationrules) is kOther.
ScriptType ScriptTypeOf(const html::Document& doc, html::NodeId script);

// The element's single text child, or kNoNode (no text yet).
html::NodeId ScriptText(const html::Document& doc, html::NodeId script);

// Inside <template> (inert until cloned: left alone).
bool InTemplate(const html::Document& doc, html::NodeId id);

// Removes attribute `lower_name` when present.
void RemoveAttrIfAny(html::Document& doc, html::NodeId id, std::string_view lower_name);

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_HTML_UTIL_H_
