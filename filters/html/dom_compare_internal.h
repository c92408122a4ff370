// Shared between the two halves of the DOM judge (dom_compare.cc: trees and text;
// dom_compare_attributes.cc: attributes). Not part of the library's interface.
#ifndef PAGEBAKE_HTML_DOM_COMPARE_INTERNAL_H_
#define PAGEBAKE_HTML_DOM_COMPARE_INTERNAL_H_

#include <gumbo.h>

#include <string>
#include <string_view>

#include "filters/html/dom_compare.h"
#include "filters/html/tags.h"

namespace pagebake::html::dom_compare_detail {

// The element's lowercase name (gumbo's for known tags, else as written).
std::string ElementName(const GumboNode* n);
Tag TagOf(const GumboNode* n);
// `s` quoted, cut at 80 bytes: for a difference's message.
std::string Clip(std::string_view s);
// Whether the attributes of elements `a` (input) and `b` (output) differ only as the filters
// `o` enables may make them; else false with the first difference in *why.
bool AttributesEqual(const GumboNode* a, const GumboNode* b, const DomCompareOptions& o,
                     std::string* why);

}  // namespace pagebake::html::dom_compare_detail

#endif  // PAGEBAKE_HTML_DOM_COMPARE_INTERNAL_H_
