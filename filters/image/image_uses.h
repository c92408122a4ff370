// How the pages of a site use each image, for the resizing filters (img-resize,
// img-responsive): which <img> elements declare the size they render an image at, and which
// images are also used in a way a resize must not touch (CSS url(), <a href>, <picture>
// <source>, og:image, an <img> without numeric width/height or sized by its style, a page with
// <base href>). Reads the parsed pages and the graph's references; changes nothing.
#ifndef PAGEBAKE_IMAGE_IMAGE_USES_H_
#define PAGEBAKE_IMAGE_IMAGE_USES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filters/core/filter.h"
#include "filters/core/site.h"
#include "filters/html/document.h"

namespace pagebake::image {

// The width/height an <img> declares in CSS pixels (0 = that side not given). nullopt when the
// element does not declare a usable size: neither attribute is a plain positive integer, one of
// them is something else ("50%", "auto", "100px"), or its style="" sizes it.
struct DeclaredBox {
  uint32_t width = 0;
  uint32_t height = 0;
};
std::optional<DeclaredBox> DeclaredSize(const html::Document& doc, html::NodeId img);

// Whether `img` is an HTML <img> the resizing filters may look at: a real element (not a
// duplicate the DOM drops), not inside <picture> (its <source>s choose the image).
bool PlainImg(const html::Document& doc, html::NodeId img);

// One compatible use: the device pixels it needs on each side (0 = no constraint on that side).
struct SizedUse {
  double need_width = 0;
  double need_height = 0;
};

struct ImageUses {
  // Some use cannot be honoured by a resized variant; `why` says the first one found.
  bool blocked = false;
  std::string why;
  std::vector<SizedUse> sized;
};

// Every image path referenced by some page or stylesheet, with its uses. `density` multiplies
// the declared sizes of src uses and of x-descriptor srcset candidates on top of their own
// density (image.resize-density); a w descriptor is taken as the width the page says the file
// has.
std::map<std::string, ImageUses> CollectImageUses(const Site& site, const SitePages& pages,
                                                  double density);

// The URL to write in `page` for variant `v` in place of `url` as written: the form the author
// chose is kept (root-relative stays root-relative; absolute keeps its origin).
std::string VariantUrl(const Site& site, const Resource& page, std::string_view url,
                       const ResolvedUrl& resolved, const Resource& v);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_IMAGE_USES_H_
