// The attribute half of the DOM judge (dom_compare.h): which attribute differences the
// enabled filters may make.
#include <gumbo.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "filters/html/dom_compare.h"
#include "filters/html/dom_compare_internal.h"
#include "filters/html/elide_attributes_filter.h"
#include "filters/html/tags.h"
#include "filters/html/tokenizer.h"
#include "filters/text/position.h"

namespace pagebake::html::dom_compare_detail {
namespace {

bool IsUrlAttr(std::string_view name) {
  static constexpr std::string_view kUrl[] = {"href", "src", "srcset", "poster", "data",
                                              "action", "formaction", "cite", "content",
                                              "xlink:href"};
  return std::find(std::begin(kUrl), std::end(kUrl), name) != std::end(kUrl);
}

// A <meta name=viewport> content list as its parser reads it: pairs split at commas and
// whitespace, '=' with its surrounding whitespace, numeric values by value (1.0 == 1).
std::vector<std::string> ViewportPairs(std::string_view v) {
  std::vector<std::string> pairs;
  std::string pair;
  auto finish = [&] {
    const size_t eq = pair.find('=');
    if (eq != std::string::npos && eq + 1 < pair.size()) {
      char* stop = nullptr;
      const double d = std::strtod(pair.c_str() + eq + 1, &stop);
      if (*stop == '\0') {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.9g", d);
        pair.resize(eq + 1);
        pair += buf;
      }
    }
    if (!pair.empty()) pairs.push_back(std::move(pair));
    pair.clear();
  };
  auto sep = [](char c) { return text::IsAsciiSpace(c) || c == ','; };
  for (size_t i = 0; i < v.size();) {
    if (!sep(v[i])) {
      pair.push_back(v[i++]);
      continue;
    }
    size_t j = i;
    while (j < v.size() && sep(v[j])) ++j;
    // Separators next to '=' are whitespace around it, not between pairs.
    if (!(!pair.empty() && pair.back() == '=') && !(j < v.size() && v[j] == '=')) finish();
    i = j;
  }
  finish();
  return pairs;
}

bool IsViewportMeta(const GumboNode* n) {
  const GumboAttribute* name = gumbo_get_attribute(&n->v.element.attributes, "name");
  return TagOf(n) == Tag::kMeta && name &&
         text::EqualsIgnoreCase(TrimHtmlSpace(name->value), "viewport");
}

}  // namespace

bool AttributesEqual(const GumboNode* a, const GumboNode* b, const DomCompareOptions& o,
                     std::string* why) {
  const GumboVector& av = a->v.element.attributes;
  const GumboVector& bv = b->v.element.attributes;
  bool html = a->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
  Tag tag = TagOf(a);
  static const HtmlOptions kPermissive;
  // Every attribute of `a` is in `b` (or allowed to be gone/changed).
  for (unsigned i = 0; i < av.length; ++i) {
    const GumboAttribute* x = static_cast<const GumboAttribute*>(av.data[i]);
    const GumboAttribute* y = gumbo_get_attribute(&bv, x->name);
    std::string_view name = x->name;
    if (!y) {
      if (o.elide_attributes && html &&
          (ElideAttributesFilter::IsDefaultValue(tag, name, x->value, kPermissive) ||
           (tag == Tag::kScript && name == "language")))
        continue;
      *why = "attribute " + std::string(name) + " removed";
      return false;
    }
    if (std::string_view(x->value) == y->value) continue;
    if (o.elide_attributes && html && ElideAttributesFilter::IsBooleanAttribute(name) &&
        *y->value == '\0' && (*x->value == '\0' || text::EqualsIgnoreCase(x->value, name)))
      continue;
    if (o.elide_attributes && html && name == "content" && IsViewportMeta(a) &&
        ViewportPairs(x->value) == ViewportPairs(y->value))
      continue;
    if (o.url_values && IsUrlAttr(name)) continue;
    if (o.inline_css && name == "style") continue;
    if (o.webp_pictures && html && ((name == "imagesrcset" && o.url_values) ||
                                    (name == "type" && tag == Tag::kSource &&
                                     std::string_view(y->value) == "image/webp")))
      continue;
    *why = "attribute " + std::string(name) + ": " + Clip(x->value) + " vs " + Clip(y->value);
    return false;
  }
  for (unsigned i = 0; i < bv.length; ++i) {
    const GumboAttribute* y = static_cast<const GumboAttribute*>(bv.data[i]);
    if (gumbo_get_attribute(&av, y->name)) continue;
    std::string_view name = y->name;
    if (o.added_lazyload && (name == "loading" || name == "decoding")) continue;
    if (o.added_dimensions && (name == "width" || name == "height") && tag == Tag::kImg) continue;
    if (o.added_defer && name == "defer" && tag == Tag::kScript) continue;
    if (o.added_types && name == "type" &&
        ((tag == Tag::kScript && std::string_view(y->value) == "text/javascript") ||
         (tag == Tag::kStyle && std::string_view(y->value) == "text/css")))
      continue;
    *why = "attribute " + std::string(name) + " added";
    return false;
  }
  return true;
}

}  // namespace pagebake::html::dom_compare_detail
