// Base of the HTML filters: one RewriteHtml pass over the page's tree, with the family's
// options. Helpers shared by several filters live here too.
#ifndef PAGEBAKE_HTML_HTML_FILTER_H_
#define PAGEBAKE_HTML_HTML_FILTER_H_

#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/html/document.h"
#include "pagebake/html_options.h"

namespace pagebake::html {

class HtmlFilter : public Filter {
 public:
  unsigned capabilities() const override { return kRewritesHtml; }

 protected:
  HtmlFilter(const FilterInfo* info, const HtmlOptions& options)
      : Filter(info), options_(options) {}
  const HtmlOptions& options() const { return options_; }

 private:
  HtmlOptions options_;
};

// True when removing whatever sits between text `left` and text `right` (a comment, say) and
// writing them next to each other would let them be read differently: a '<' that could now
// start a tag or comment, or a character reference that could now run on.
bool JoinChangesMeaning(std::string_view left, std::string_view right);

// Removes `id` (a comment or other non-text node) and, when that leaves two text nodes side by
// side, merges them into one, as the DOM does. Returns false (and changes nothing) when joining
// them would change how they are read.
bool RemoveAndJoin(Document& doc, NodeId id);

// "scheme://host[:port]" of an absolute http(s) URL, "//host[:port]" of a scheme-relative one,
// empty otherwise. Scheme and host are returned as written.
std::string_view UrlOrigin(std::string_view url);

// The <head> to insert into: the first real <head> element, kNoNode when the page has none.
NodeId HeadOf(const Document& doc);

// Where new <link>s go in <head>: after a leading <meta charset>/<meta http-equiv
// content-type> and <base> (they must come first), before anything else. kNoNode: append.
NodeId HeadInsertionPoint(const Document& doc, NodeId head);

// True when the space-separated token list `list` holds `token` (ASCII case-insensitive), as
// rel="..." is matched.
bool HasToken(std::string_view list, std::string_view token);

// An HTML <style>, or an HTML <link> whose rel holds "stylesheet" and that has an href: the
// elements whose document order is the cascade order the movers keep.
bool IsStylesheetElement(const Document& doc, NodeId id);

// Detaches `id` like RemoveAndJoin (merging the text around it) but keeps it for re-insertion.
// False (nothing changed) when the text around it would read differently once joined.
bool DetachAndJoin(Document& doc, NodeId id);

// Creates <link rel=REL href=HREF [extra...]> (detached).
NodeId CreateLink(Document& doc, std::string_view rel, std::string_view href);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_HTML_FILTER_H_
