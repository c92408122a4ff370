// cache-extend: gives every referenced static resource (CSS, JS, images, fonts, media, PDF,
// wasm) a name that carries a hash of its final bytes ("css/app.css" -> "css/app.3f9a1c0b7e.css")
// so it can be served with a one-year immutable Cache-Control, and rewrites every reference to it
// (HTML attributes incl. srcset, <link rel=preload|icon|manifest>, og:image/twitter:image
// <meta content>, CSS url() and @import). The naming itself is not a pass over one file: it
// needs the whole site graph in dependency order, so the pipeline does it in its naming stage
// (Pipeline::NameLevel, after each level: images, JS, CSS leaves-first, then pages) with the
// policy below; a CSS file is hashed after its url()s were relinked, so its hash covers the
// hashed names of its images and one changed image changes exactly its referrer chain.
// This filter object only makes the id selectable. Entry points (HTML pages and
// DeliveryOptions::entry_points such as robots.txt, sw.js) keep their names; unreferenced files
// keep theirs unless DeliveryOptions::hash_unreferenced. Unsafe when something outside the site
// (another site, a script building URLs from strings, a CMS) links a resource by its old name:
// that link breaks; list such files as entry points. id: cache-extend, risk: low.
#ifndef PAGEBAKE_DELIVERY_CACHE_EXTEND_FILTER_H_
#define PAGEBAKE_DELIVERY_CACHE_EXTEND_FILTER_H_

#include <string>
#include <string_view>

#include "filters/core/content_type.h"
#include "filters/core/filter.h"
#include "filters/core/site.h"
#include "pagebake/delivery_options.h"

namespace pagebake::delivery {

class CacheExtendFilter : public Filter {
 public:
  explicit CacheExtendFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return 0; }
};

// Types that are worth a hashed name by default (static, cacheable, referenced by URL).
bool IsCacheableType(ContentType t);

// The policy of the naming stage: whether `r` gets a hashed name. `referenced`: some resource
// of the site references it.
bool WantsHashedName(const DeliveryOptions& o, const Resource& r, bool referenced);

// The output path for `path` ("css/app.css") with content `bytes`, by the name template and
// hash length: "css/app.<hash>.css". Files without an extension drop the template's dot.
std::string HashedPath(const DeliveryOptions& o, std::string_view path, std::string_view bytes);

// Whether `r`'s output name is the hashed name of its final bytes (false for entry points,
// unhashed files, and files whose bytes changed after naming).
bool HasHashedName(const DeliveryOptions& o, const Resource& r);

// For `r`, just renamed by the naming stage: the name it is also written under (its source name,
// a hard link to the same bytes), when DeliveryOptions::keep_original_names, a source file (not
// generated), and the same extension (a PNG converted to WebP is not served as ".png"). Empty
// when not. The naming stage stores it in Resource::kept_name; everything else reads that.
std::string KeptOriginalName(const DeliveryOptions& o, const Resource& r);

// Checks the name template: it must contain [hash] and [name] (else two files would collide
// or the name would say nothing), and no '/'.
Status CheckNameTemplate(std::string_view tmpl);

}  // namespace pagebake::delivery

#endif  // PAGEBAKE_DELIVERY_CACHE_EXTEND_FILTER_H_
