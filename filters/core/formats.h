// The pipeline's view of the format families' parsers: parse a page into its light tree, find
// and rewrite the references of pages and stylesheets, hand inline fragments to filters, and
// judge a rewritten page. One seam, so the pipeline depends on these few calls and not on each
// family's internals.
#ifndef PAGEBAKE_CORE_FORMATS_H_
#define PAGEBAKE_CORE_FORMATS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filters/core/filter.h"
#include "filters/core/site.h"

namespace pagebake {

struct RawRef {
  std::string url;
  RefKind kind = RefKind::kOther;
  int line = 0;
  int col = 0;
};

using UrlRewriteFn = std::function<std::optional<std::string>(std::string_view url)>;

std::shared_ptr<html::Document> ParseHtml(std::string bytes);
std::string SerializeHtml(const html::Document& doc);
// URLs of the page, including url()s in <style> and style="". `base_href` gets the page's
// <base href> (empty when none).
void CollectHtmlRefs(html::Document& doc, std::vector<RawRef>* out, std::string* base_href);
void ForEachHtmlInline(html::Document& doc,
                       const std::function<void(InlineKind, std::string&, int, int)>& fn);
// Rewrites attribute URLs and url()s in inline CSS.
void RewriteHtmlUrls(html::Document& doc, const UrlRewriteFn& fn);

// <meta http-equiv> values html-convert-meta-tags recorded on the page.
std::vector<std::pair<std::string, std::string>> HtmlHttpEquiv(const html::Document& doc);

void CollectCssRefs(std::string_view css, std::vector<RawRef>* out);
// False when nothing changed (out untouched). `edits` (when not null) receives the replaced
// spans, for source maps.
bool RewriteCssUrls(std::string_view css, const UrlRewriteFn& fn, std::string* out,
                    std::vector<text::TextEdit>* edits = nullptr);

// Compares the DOMs of `before` and `after` (gumbo), allowing exactly what the enabled filters
// may change. OK when equivalent; ContentError with the first difference otherwise.
Status VerifyHtmlRewrite(std::string_view before, std::string_view after,
                         const std::vector<std::string>& enabled_ids);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_FORMATS_H_
