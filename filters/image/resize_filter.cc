#include "filters/image/resize_filter.h"

#include <algorithm>
#include <cmath>

#include "filters/core/site.h"
#include "filters/html/document.h"
#include "filters/image/image_resize.h"
#include "filters/image/image_uses.h"

namespace pagebake::image {
namespace {

// The variant img-resize planned for `source`, when it was made.
const Resource* ReadyVariant(const Site& site, const Resource& source, std::string_view id) {
  for (const std::string& p : source.variants) {
    const Resource* v = site.Find(p);
    if (v && v->resize && v->resize->filter == id) return VariantReady(*v) ? v : nullptr;
  }
  return nullptr;
}

}  // namespace

Status ResizeFilter::PlanSite(FilterContext& ctx, const SitePages& pages) {
  Site* site = ctx.site();
  if (!site) return Status::OK();
  const ImageOptions& o = ctx.options().image;
  for (auto& [path, uses] : CollectImageUses(*site, pages, o.resize_density)) {
    Resource* src = site->Find(path);
    if (!src || src->generated || src->skipped || uses.sized.empty()) continue;
    if (uses.blocked) {
      ctx.Note(path + " not resized: " + uses.why);
      continue;
    }
    Result<ImageHeader> h = ReadImageHeader(src->bytes);
    if (!h.ok()) continue;  // the recompress filters report the damage
    if (!Resizable(*h, o)) {
      ctx.Note(path + " not resized: not a still JPEG, PNG or WebP within the pixel limit");
      continue;
    }
    double scale = 0;
    for (const SizedUse& u : uses.sized)
      scale = std::max({scale, u.need_width / h->width, u.need_height / h->height});
    if (scale >= 1) continue;  // never upscale
    uint32_t w = ScaledSide(h->width, scale), ht = ScaledSide(h->height, scale);
    if (static_cast<double>(w) * ht > (1 - kMinPixelShareSaved) * h->pixels()) continue;
    if (!AddResizeVariant(*site, *src, w, ht, id()))
      ctx.Note(path + " not resized: '" + VariantPath(path, w, ht) + "' is taken by another file");
  }
  return Status::OK();
}

Status ResizeFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  return ResizeVariant(ctx, bytes);
}

Status ResizeFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  Site* site = ctx.site();
  const Resource* page = ctx.resource();
  if (!site || !page || html::BaseHref(doc)) return Status::OK();
  // Every use of a resized image is compatible (or it would not have been planned), so every
  // reference to it is repointed.
  html::RewriteUrls(doc, [&](std::string_view url, RefKind) -> std::optional<std::string> {
    ResolvedUrl u = site->Resolve(*page, url);
    if (u.kind != UrlKind::kLocal) return std::nullopt;
    const Resource* s = site->Find(u.path);
    if (!s || s->variants.empty()) return std::nullopt;
    const Resource* v = ReadyVariant(*site, *s, id());
    if (!v) return std::nullopt;
    ++ctx.counters().rewrites;
    return VariantUrl(*site, *page, url, u, *v);
  });
  return Status::OK();
}

}  // namespace pagebake::image
