// html-lazyload-images: adds the browser's native lazy loading — loading="lazy" and
// decoding="async" — to <img> and loading="lazy" to <iframe>, except the first
// HtmlOptions::lazyload_skip_first (default 2) of them in document order, which are likely
// above the fold (lazy-loading the hero image delays the largest contentful paint). Elements
// that already say loading=/decoding= are left as they are; images in <noscript> or
// <template> are not counted or touched. Unsafe for images above the fold beyond the first N
// (they load a little later) and for scripts that expect every image to load at page load.
// Id html-lazyload-images, risk low.
#ifndef PAGEBAKE_HTML_LAZYLOAD_IMAGES_FILTER_H_
#define PAGEBAKE_HTML_LAZYLOAD_IMAGES_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class LazyloadImagesFilter : public HtmlFilter {
 public:
  LazyloadImagesFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_LAZYLOAD_IMAGES_FILTER_H_
