#include "filters/image/responsive_filter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "filters/core/site.h"
#include "filters/html/document.h"
#include "filters/image/image_resize.h"
#include "filters/image/image_uses.h"

namespace pagebake::image {
namespace {

struct Candidate {
  double density;
  uint32_t width, height;
};

// An <img> this filter adds a srcset to: its source image (an img-resize variant's source when
// src already points at one), the header of that image, and the declared width.
struct Eligible {
  const Resource* source = nullptr;
  ResolvedUrl resolved;
  std::string src;  // as written (decoded)
  ImageHeader header;
  uint32_t width = 0;
};

std::optional<Eligible> Check(const Site& site, const Resource& page, const html::Document& doc,
                              html::NodeId id, const ImageOptions& o) {
  if (!PlainImg(doc, id) || doc.GetAttr(id, "srcset")) return std::nullopt;
  std::optional<DeclaredBox> box = DeclaredSize(doc, id);
  if (!box || box->width == 0) return std::nullopt;
  std::optional<std::string> src = doc.AttrValue(id, "src");
  if (!src) return std::nullopt;
  Eligible e;
  e.src = *src;
  e.resolved = site.Resolve(page, *src);
  if (e.resolved.kind != UrlKind::kLocal) return std::nullopt;
  const Resource* s = site.Find(e.resolved.path);
  if (!s) {
    // With cache-extend, img-resize (whose page pass runs first) may already have pointed src
    // at a resized variant's hashed name.
    s = site.FindByOutputPath(e.resolved.path);
    if (s && !(s->generated && s->resize)) s = nullptr;
  }
  if (s && s->generated && s->resize && !s->sources.empty()) s = site.Find(s->sources[0]);
  if (!s || s->generated || s->skipped) return std::nullopt;
  Result<ImageHeader> h = ReadImageHeader(s->bytes);
  if (!h.ok() || !Resizable(*h, o)) return std::nullopt;
  e.source = s;
  e.header = *h;
  e.width = box->width;
  return e;
}

// The variants for a declared width: one per density that saves at least 10% of the pixels.
std::vector<Candidate> Plan(const Eligible& e, const ImageOptions& o) {
  std::vector<double> ds = o.responsive_densities;
  std::sort(ds.begin(), ds.end());
  ds.erase(std::unique(ds.begin(), ds.end()), ds.end());
  std::vector<Candidate> out;
  const ImageHeader& h = e.header;
  for (double d : ds) {
    const double scale = e.width * d / h.width;
    if (scale >= 1) continue;  // never upscale
    uint32_t w = ScaledSide(h.width, scale), ht = ScaledSide(h.height, scale);
    if (static_cast<double>(w) * ht > (1 - kMinPixelShareSaved) * h.pixels()) continue;
    if (!out.empty() && out.back().width == w) continue;
    out.push_back({d, w, ht});
  }
  return out;
}

std::string FormatDensity(double d) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", d);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "x";
}

bool SrcsetSafe(const std::string& url) {
  return !url.empty() && url.find_first_of(" \t\n\r\f") == std::string::npos &&
         url.back() != ',' && url.front() != ',';
}

}  // namespace

Status ResponsiveFilter::PlanSite(FilterContext& ctx, const SitePages& pages) {
  Site* site = ctx.site();
  if (!site) return Status::OK();
  const ImageOptions& o = ctx.options().image;
  for (const SitePage& p : pages) {
    const html::Document& doc = *p.doc;
    if (html::BaseHref(doc)) continue;
    for (html::NodeId n = doc.NextInOrder(doc.root()); n != html::kNoNode;
         n = doc.NextInOrder(n)) {
      std::optional<Eligible> e = Check(*site, *p.resource, doc, n, o);
      if (!e) continue;
      Resource* src = site->Find(e->source->path);
      for (const Candidate& c : Plan(*e, o)) {
        // A name taken by another file leaves that density out.
        AddResizeVariant(*site, *src, c.width, c.height, id());
      }
    }
  }
  return Status::OK();
}

Status ResponsiveFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  return ResizeVariant(ctx, bytes);
}

Status ResponsiveFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  Site* site = ctx.site();
  const Resource* page = ctx.resource();
  if (!site || !page || html::BaseHref(doc)) return Status::OK();
  const ImageOptions& o = ctx.options().image;
  for (html::NodeId n = doc.NextInOrder(doc.root()); n != html::kNoNode;
       n = doc.NextInOrder(n)) {
    std::optional<Eligible> e = Check(*site, *page, doc, n, o);
    if (!e) continue;
    std::string srcset;
    bool ok = true;
    for (const Candidate& c : Plan(*e, o)) {
      const Resource* v = site->Find(VariantPath(e->source->path, c.width, c.height));
      if (!v || !v->generated || v->sources.empty() || v->sources[0] != e->source->path ||
          !VariantReady(*v))
        continue;  // not made (resize failed, name taken): that density is left out
      std::string url = VariantUrl(*site, *page, e->src, e->resolved, *v);
      ok = ok && SrcsetSafe(url);
      srcset += (srcset.empty() ? "" : ", ") + url + " " + FormatDensity(c.density);
    }
    if (srcset.empty()) continue;
    std::string self = VariantUrl(*site, *page, e->src, e->resolved, *e->source);
    if (!ok || !SrcsetSafe(self)) {
      ++ctx.counters().fallbacks;
      continue;
    }
    srcset += ", " + self + " " + FormatDensity(static_cast<double>(e->header.width) / e->width);
    doc.SetAttr(n, "srcset", srcset);
    ++ctx.counters().rewrites;
  }
  return Status::OK();
}

}  // namespace pagebake::image
