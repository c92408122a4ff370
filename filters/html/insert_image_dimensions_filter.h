// html-insert-image-dimensions: adds width="W" height="H" to an <img> whose src names an image
// of the site, read from that image's header (its final bytes, after the image filters; EXIF
// orientation applied as browsers do), so the browser reserves the box before the image
// arrives and the page does not shift. An <img> is left alone when it is already sized: it has
// a width or height attribute, or its style="" mentions width or height; when it has srcset or
// sits in <picture> (the chosen candidate may have another size or aspect ratio); when the
// source is not a local raster image the header reader knows (external, missing, SVG). Unsafe
// when the site's CSS sets only one dimension of such images (say `width: 100%` without
// `height: auto`): the new height attribute then fixes the other one and the image is
// distorted. Id html-insert-image-dimensions, risk medium.
#ifndef PAGEBAKE_HTML_INSERT_IMAGE_DIMENSIONS_FILTER_H_
#define PAGEBAKE_HTML_INSERT_IMAGE_DIMENSIONS_FILTER_H_

#include "filters/html/html_filter.h"

namespace pagebake::html {

class InsertImageDimensionsFilter : public HtmlFilter {
 public:
  InsertImageDimensionsFilter(const FilterInfo* info, const HtmlOptions& options)
      : HtmlFilter(info, options) {}
  Status RewriteHtml(FilterContext& ctx, Document& doc) override;
};

// True when a style="" value (decoded) sets a width or height of any kind (width, min-height,
// inline-size, aspect-ratio...): the author sized the element there.
bool StyleSizesElement(std::string_view style);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_INSERT_IMAGE_DIMENSIONS_FILTER_H_
