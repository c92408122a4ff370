// img-responsive (risk: medium; level all): pagespeed's responsive_images at build time. An
// <img src> with a numeric width, no srcset and not inside <picture> gets a srcset of density
// variants (image.responsive-densities, default 1x, 1.5x, 2x, 3x) of its declared width:
// 'photo.400x300.jpg 1x, photo.600x450.jpg 1.5x, ..., photo.jpg 4x'. Only densities that save
// at least 10% of the pixels of the image get a variant; the image itself is always the last
// candidate, at its own density, so no screen gets less than before. Nothing is upscaled, src
// and sizes stay as written. GIF, SVG, APNG and animated WebP get none. Variants are made like
// img-resize's (filters/image/image_resize.h). Unsafe: lossy variants; scripts that read or
// swap src without clearing srcset show the browser's srcset choice instead.
#ifndef PAGEBAKE_IMAGE_RESPONSIVE_FILTER_H_
#define PAGEBAKE_IMAGE_RESPONSIVE_FILTER_H_

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake::image {

class ResponsiveFilter : public Filter {
 public:
  explicit ResponsiveFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override {
    return kRewritesResource | kRewritesHtml | kPlansSite;
  }
  bool HandlesResource(ContentType t) const override {
    return t == ContentType::kJpeg || t == ContentType::kPng || t == ContentType::kWebp;
  }
  // Adds the density variants every eligible <img> of every page needs.
  Status PlanSite(FilterContext& ctx, const SitePages& pages) override;
  Status RewriteResource(FilterContext& ctx, std::string& bytes) override;
  // Writes the srcset from the variants that were made.
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override;
};

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_RESPONSIVE_FILTER_H_
