// css-combine (risk: medium; level core, not bandwidth): adjacent <link rel=stylesheet> elements
// (only whitespace or plain comments between them) with the same media become one <link> to a
// generated file "combined.<hash10>.css" in the first sheet's directory, named by its content
// so pages that share the same sheets share the file. Members are concatenated in order with
// their relative URLs re-based; the cascade is unchanged because order and media are. A member
// is a local sheet whose link carries nothing but rel/href/media/type=text/css (an id, title,
// nonce, integrity, crossorigin, disabled or event handler means a script or the browser treats
// it specially), that tokenizes with balanced blocks and ends its last rule, so it cannot
// swallow the next member. A sheet with @import, @charset or @namespace starts a new group:
// those rules only work at the top of a file. IE conditional comments, any other element and
// non-blank text are barriers; pages with a <base href> are left alone. Unsafe when scripts
// look sheets up by their URL (document.styleSheets[i].href) or count them.
#ifndef PAGEBAKE_CSS_CSS_COMBINE_FILTER_H_
#define PAGEBAKE_CSS_CSS_COMBINE_FILTER_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "filters/core/filter.h"
#include "filters/html/document.h"

namespace pagebake::css {

class CssCombineFilter : public Filter {
 public:
  explicit CssCombineFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;

 // How a sheet may take part in a concatenation: kUnsafe when it could run into the next
  // one (an unclosed block, a broken token, a last statement without its ';' or '}');
  // kTopOnly when it holds a rule that only works at the top of a file.
  enum class SheetShape { kUnsafe, kAnywhere, kTopOnly };

 private:
  struct Member {
    html::NodeId link = html::kNoNode;
    const Resource* sheet = nullptr;
    std::string media;       // normalized: lowercase, trimmed, "all" -> ""
    bool top_only = false;   // holds @import/@charset/@namespace: may only start a group
  };
  // Fills `m` when `link` may join a combination.
  bool AsMember(FilterContext& ctx, const html::Document& doc, html::NodeId link,
                       Member* m);
  // Writes the combined file for `group` (>= 2 members) and rewrites the page.
  static void Combine(FilterContext& ctx, html::Document& doc, const std::vector<Member>& group);

  // Sheets are final while pages are rewritten (site.h), so a sheet linked from every page is
  // tokenized once per worker, not once per page.
  std::unordered_map<const Resource*, SheetShape> shapes_;
};

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_COMBINE_FILTER_H_
