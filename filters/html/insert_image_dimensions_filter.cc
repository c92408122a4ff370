#include "filters/html/insert_image_dimensions_filter.h"

#include <algorithm>
#include <string>

#include "filters/core/site.h"
#include "filters/image/image_header.h"
#include "filters/text/position.h"

namespace pagebake::html {
namespace {

bool ContainsIgnoreCase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (text::EqualsIgnoreCase(hay.substr(i, needle.size()), needle)) return true;
  return false;
}

bool IsRaster(ContentType t) {
  return t == ContentType::kPng || t == ContentType::kJpeg || t == ContentType::kGif ||
         t == ContentType::kWebp;
}

// An <img> in a <picture> is sized by the source the browser picks. Only when every <source> is
// a format variant of the img's own image (img-webp's wrap: no media, one URL naming a file made
// from that image) do the img's dimensions hold for all of them.
bool OnlyVariantSources(FilterContext& ctx, const Document& doc, NodeId img,
                        const Resource& target) {
  NodeId picture = doc.parent(img);
  if (!doc.IsHtml(picture, Tag::kPicture)) return false;
  for (NodeId c = doc.first_child(picture); c != kNoNode; c = doc.next_sibling(c)) {
    if (!doc.IsHtml(c, Tag::kSource)) continue;
    std::optional<std::string> srcset = doc.AttrValue(c, "srcset");
    if (doc.GetAttr(c, "media") || !srcset || srcset->find(',') != std::string::npos)
      return false;
    std::string url = *srcset;
    while (!url.empty() && (url.back() == ' ' || url.back() == '\n' || url.back() == '\t'))
      url.pop_back();
    if (url.size() > 3 && url.ends_with(" 1x")) url.resize(url.size() - 3);
    const Resource* variant = ctx.site()->Target(*ctx.resource(), url);
    if (!variant || !variant->generated ||
        std::find(variant->sources.begin(), variant->sources.end(), target.path) ==
            variant->sources.end())
      return false;
  }
  return true;
}

}  // namespace

bool StyleSizesElement(std::string_view style) {
  // A plain substring test: it also matches inside comments or strings, which only makes the
  // filter leave more images alone.
  return ContainsIgnoreCase(style, "width") || ContainsIgnoreCase(style, "height") ||
         ContainsIgnoreCase(style, "inline-size") || ContainsIgnoreCase(style, "block-size") ||
         ContainsIgnoreCase(style, "aspect-ratio") || ContainsIgnoreCase(style, "zoom");
}

Status InsertImageDimensionsFilter::RewriteHtml(FilterContext& ctx, Document& doc) {
  if (!ctx.site() || !ctx.resource()) return Status::OK();
  NodeId id = doc.NextInOrder(doc.root());
  while (id != kNoNode) {
    NodeId here = id;
    id = doc.NextInOrder(id);
    if (!doc.IsHtml(here, Tag::kImg) || (doc.node(here).flags & kIgnoredTag)) continue;
    if (doc.GetAttr(here, "width") || doc.GetAttr(here, "height") || doc.GetAttr(here, "srcset"))
      continue;
    const bool in_picture = doc.FindAncestor(here, Tag::kPicture) != kNoNode;
    if (std::optional<std::string> style = doc.AttrValue(here, "style");
        style && StyleSizesElement(*style))
      continue;
    std::optional<std::string> src = doc.AttrValue(here, "src");
    if (!src || src->empty()) continue;
    const Resource* target = ctx.site()->Target(*ctx.resource(), *src);
    if (!target || !IsRaster(target->type)) continue;
    if (in_picture && !OnlyVariantSources(ctx, doc, here, *target)) continue;
    Result<image::ImageHeader> header = image::ReadImageHeader(target->bytes);
    if (!header.ok()) {
      // The image family reports the broken image itself; here it only means "not sized".
      ++ctx.counters().fallbacks;
      continue;
    }
    doc.SetAttr(here, "width", std::to_string(header->width));
    doc.SetAttr(here, "height", std::to_string(header->height));
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::html
