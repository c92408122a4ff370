// Options of the HTML filter family (filters/html). Owned by that family; config key "html".
#ifndef PAGEBAKE_HTML_OPTIONS_H_
#define PAGEBAKE_HTML_OPTIONS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pagebake {

struct HtmlOptions {
  // Documents larger than this are copied unchanged with a warning. Default 64 MiB.
  uint64_t max_document_bytes = 64ull << 20;
  // html-remove-comments keeps comments whose text contains one of these substrings.
  std::vector<std::string> keep_comment_patterns;
  // html-lazyload-images leaves the first N images of a page eager. Default 2.
  int lazyload_skip_first = 2;
  // Origin of the deployed site ("https://example.com"), used by html-trim-urls and to decide
  // which absolute URLs are same-origin. Empty: no absolute URL is treated as local.
  std::string base_url;
  // html-rewrite-domains: origin -> origin.
  std::map<std::string, std::string> rewrite_domains;
  // html-insert-dns-prefetch: at most this many origins per page. Default 8.
  int dns_prefetch_max = 8;
  // html-hint-preload: at most this many <link rel=preload> per page. Default 4: each hint is
  // fetched at top priority whether or not the page uses it, so more hints can slow the page.
  int preload_max = 4;
  // html-elide-attributes drops type="text" on <input> (the default). Default true. Set false
  // when stylesheets or scripts select on input[type=text]: they stop matching once it is gone.
  bool elide_input_type_text = true;
  // --verify-html: compare gumbo DOMs of input and output; keep the input on a mismatch.
  bool verify = false;
};

}  // namespace pagebake

#endif  // PAGEBAKE_HTML_OPTIONS_H_
