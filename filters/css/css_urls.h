// The URLs of a stylesheet: finding them and rewriting them in place. This is the hook other
// families use (cache extension renames targets, image inlining swaps in data: URIs, combining
// and moving sheets re-bases relative URLs). It works at the token level, so it also works on
// sheets with syntax errors (pagespeed's fallback_rewrite_css_urls): every byte that is not a
// rewritten URL is copied as it was.
//
// URLs are: url(x) / url("x") / url('x') tokens, the string of @import "x", and the strings
// directly inside image-set() / -webkit-image-set(). Values handed to callbacks are decoded
// (CSS escapes resolved); replacements are re-encoded, quoted only when they need it.
#ifndef PAGEBAKE_CSS_CSS_URLS_H_
#define PAGEBAKE_CSS_CSS_URLS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filters/text/source_map.h"

#include "pagebake/status.h"

namespace pagebake::css {

struct CssUrl {
  std::string url;      // decoded value ("a b.png" for url("a\20 b.png"))
  size_t offset = 0;    // byte offset of the token holding it (url( or the string)
  int line = 0;         // 1-based
  int col = 0;          // 1-based, bytes
  bool is_import = false;
  bool in_font_face = false;
};

std::vector<CssUrl> CollectCssUrls(std::string_view css);

// Rewrites each URL for which `fn` returns a value; the rest of `css` is copied unchanged.
Status RewriteCssUrls(
    std::string_view css,
    const std::function<std::optional<std::string>(std::string_view url, bool is_import)>& fn,
    std::string* out);

// The same, with the URL's position and context (for diagnostics). `edits` (when not null)
// receives each replaced span, in order, for source maps.
Status RewriteCssUrlsEx(std::string_view css,
                        const std::function<std::optional<std::string>(const CssUrl&)>& fn,
                        std::string* out, std::vector<text::TextEdit>* edits = nullptr);

// `url` written as a CSS url() token: url(x) when it needs no quoting, else url("x") escaped.
std::string CssUrlToken(std::string_view url);
// `url` as a CSS string with quote `quote` ('"' or '\''), escaped as needed.
std::string CssQuote(std::string_view url, char quote);
// The decoded value of a string token's text (quotes included) or an ident/url's raw content.
std::string CssUnescape(std::string_view raw);

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_URLS_H_
