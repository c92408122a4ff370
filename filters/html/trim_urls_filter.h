// html-trim-urls: shortens same-origin absolute URLs in URL attributes: with
// HtmlOptions::base_url = "https://example.com", "https://example.com/a/b.png" and
// "//example.com/a/b.png" become "/a/b.png", and, on a page in a/, "b.png". Only exact scheme
// and host matches are trimmed; <base href> itself, pages with a <base> (relative URLs would
// resolve against it), javascript:/data: URLs and the content of <meta> tags (og:image must
// stay absolute for crawlers) are left alone. Unsafe when the HTML is also served from another
// origin or inserted into another page by scripts (AJAX fragments, feeds): a relative URL then
// resolves elsewhere. Id html-trim-urls, risk medium.
#ifndef PAGEBAKE_HTML_TRIM_URLS_FILTER_H_
#define PAGEBAKE_HTML_TRIM_URLS_FILTER_H_

#include <optional>
#include <string>

#include "filters/html/html_filter.h"

namespace pagebake::html {

class TrimUrlsFilter : public HtmlFilter {
 public:
  TrimUrlsFilter(const FilterInfo* info, const HtmlOptions& options) : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;

  // The trimmed form of `url` on the page at root-relative `page_path` (may be empty when
  // unknown), or nullopt to keep it.
  static std::optional<std::string> Trim(std::string_view url, std::string_view base_url,
                                         std::string_view page_path);
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_TRIM_URLS_FILTER_H_
