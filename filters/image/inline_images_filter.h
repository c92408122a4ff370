// img-inline (risk: low; level core): small images become data: URIs, saving a request each.
// In HTML only <img src> is inlined (never srcset, never an <img> with a srcset, never inside
// <picture> — its <source>s would still win — never <input type=image>, never a page with a
// <base href>); in CSS every url() outside @font-face and @import: external sheets (resolved
// against the sheet), <style> text and style="" values (resolved against the page). An image
// qualifies when its final bytes (the image level has run) are at most image.inline-max-bytes
// (HTML) or image.css-inline-max-bytes (CSS); when its type, sniffed from its bytes (a PNG
// named .jpg becomes data:image/png), checks out (PNG/JPEG/GIF/WebP header readable, AVIF/ICO
// as they are, an SVG with no reference outside itself: href/xlink:href/src, url(), @import,
// entities); and when its URL is local, found, not skipped and has no #fragment (SVG sprites).
// A ?query is allowed: a static host serves the file's bytes whatever the query. An image used
// N > 1 times in one document (a page with its inline CSS, or one sheet) is inlined only when
// that is a net saving: N x (data URI length - URL length) <= image bytes +
// image.inline-request-overhead; an image the document also loads through a reference that
// stays (srcset, <picture>, an icon link) saves no request and stays external. A note says
// why. Raster images are base64; SVG is percent-encoded (only % # < > " \ , controls,
// non-ASCII and edge spaces) when that is shorter than base64, which it usually is, and it
// compresses better. Unsafe when JavaScript compares img.src with a file URL, or when the same
// image is cached across many pages (each page now carries its bytes).
#ifndef PAGEBAKE_IMAGE_INLINE_IMAGES_FILTER_H_
#define PAGEBAKE_IMAGE_INLINE_IMAGES_FILTER_H_

#include <optional>
#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake::image {

// The data: URI for `bytes`, or nullopt when they are not an image we inline (unknown or
// unreadable raster, an SVG with external references). `why` gets the reason.
std::optional<std::string> ImageDataUri(std::string_view bytes, ContentType declared,
                                        std::string* why = nullptr);

class InlineImagesFilter : public Filter {
 public:
  explicit InlineImagesFilter(const FilterInfo* info) : Filter(info) {}
  // Inlining makes the referrer larger by design: kMayGrow (the pipeline's never-larger check
  // would otherwise undo every sheet it touches).
  unsigned capabilities() const override {
    return kRewritesResource | kRewritesHtml | kMayGrow;
  }
  bool HandlesResource(ContentType t) const override { return t == ContentType::kCss; }
  // An external sheet.
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
  // <img src>, and the page's <style> / style="" (done here, not through RewriteInline, so the
  // page's uses are counted together).
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_INLINE_IMAGES_FILTER_H_
