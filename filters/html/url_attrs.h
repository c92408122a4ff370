// Which attributes of which elements hold URLs, and how to split their values (a plain URL, a
// srcset candidate list, a meta-refresh content). Shared by CollectUrls/RewriteUrls and the
// filters that look at URLs (trim-urls, rewrite-domains, dns-prefetch, ...).
#ifndef PAGEBAKE_HTML_URL_ATTRS_H_
#define PAGEBAKE_HTML_URL_ATTRS_H_

#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "filters/html/document.h"

namespace pagebake::html {

enum class UrlSyntax { kPlain, kSrcset, kMetaRefresh };

struct UrlAttr {
  int index;  // attribute index on the element
  RefKind kind;
  UrlSyntax syntax;
  bool is_base;
};

// The URL-bearing attributes of element `id` (empty for other nodes). Only the first of
// duplicated attributes counts, as in the DOM.
void UrlAttrsOf(const Document& doc, NodeId id, std::vector<UrlAttr>* out);

// The [begin, end) spans of the URLs inside a decoded attribute value.
void UrlSpans(std::string_view decoded, UrlSyntax syntax,
              std::vector<std::pair<size_t, size_t>>* spans);

// Incremental line/col over a buffer for offsets visited mostly in increasing order.
class LineTracker {
 public:
  explicit LineTracker(std::string_view buf) : buf_(buf) {}
  text::LineCol At(size_t offset);

 private:
  std::string_view buf_;
  size_t off_ = 0;
  size_t line_start_ = 0;
  int line_ = 1;
};

// Source offset of an attribute value (or of its element when the value was rewritten), or -1
// for created nodes.
long ValueOffset(const Document& doc, NodeId id, const Attr& a);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_URL_ATTRS_H_
