#include "filters/html/lazyload_images_filter.h"

namespace pagebake::html {

Status LazyloadImagesFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  int seen = 0;
  NodeId id = doc.NextInOrder(doc.root());
  while (id != kNoNode) {
    // <noscript> and <template> content is not what loads with the page.
    if (doc.IsHtml(id, Tag::kNoscript) || doc.IsHtml(id, Tag::kTemplate)) {
      id = doc.NextSkippingChildren(id);
      continue;
    }
    bool img = doc.IsHtml(id, Tag::kImg);
    bool iframe = doc.IsHtml(id, Tag::kIframe);
    if ((img || iframe) && !(doc.node(id).flags & kIgnoredTag)) {
      ++seen;
      if (seen > options().lazyload_skip_first && doc.FindAttr(id, "loading") < 0) {
        doc.SetAttr(id, "loading", "lazy");
        if (img && doc.FindAttr(id, "decoding") < 0) doc.SetAttr(id, "decoding", "async");
        ++ctx.counters().rewrites;
      }
    }
    id = doc.NextInOrder(id);
  }
  return Status::OK();
}

}  // namespace pagebake::html
