#include "filters/image/image_uses.h"

#include <algorithm>
#include <cstdlib>

#include "filters/html/char_ref.h"
#include "filters/html/insert_image_dimensions_filter.h"
#include "filters/html/tokenizer.h"
#include "filters/html/url_attrs.h"
#include "filters/text/position.h"

namespace pagebake::image {
namespace {

using html::NodeId;

void Block(ImageUses& u, std::string why) {
  if (u.blocked) return;
  u.blocked = true;
  u.why = std::move(why);
}

// -1: present but not a plain positive integer; 0: absent; 1: *out set.
int Dimension(const html::Document& doc, NodeId img, std::string_view name, uint32_t* out) {
  std::optional<std::string> v = doc.AttrValue(img, name);
  if (!v) return 0;
  std::string_view t = html::TrimHtmlSpace(*v);
  if (t.empty() || t.size() > 6) return -1;
  uint32_t n = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  if (n == 0) return -1;
  *out = n;
  return 1;
}

// The descriptor that follows a srcset candidate URL ending at `end` ("400w", "2x", "").
std::string_view Descriptor(std::string_view srcset, size_t end) {
  size_t comma = srcset.find(',', end);
  return html::TrimHtmlSpace(srcset.substr(end, comma == std::string_view::npos
                                                    ? std::string_view::npos
                                                    : comma - end));
}

bool ParsePositive(std::string_view s, double* out) {
  if (s.empty() || s.size() > 12) return false;
  char* endp = nullptr;
  std::string t(s);
  double d = std::strtod(t.c_str(), &endp);
  if (endp != t.c_str() + t.size() || !(d > 0) || d > 1e6) return false;
  *out = d;
  return true;
}

// A srcset candidate of a plain <img>: "400w" says the file is 400 px wide (the browser picks
// and scales by that); "2x" or none needs the declared box at max(2, density).
std::optional<SizedUse> SrcsetUse(std::string_view descriptor, const std::optional<DeclaredBox>& box,
                                  double density) {
  double d = 0;
  if (descriptor.empty()) descriptor = "1x";
  char unit = descriptor.back();
  if (!ParsePositive(descriptor.substr(0, descriptor.size() - 1), &d)) return std::nullopt;
  if (unit == 'w' || unit == 'W') return SizedUse{d, 0};
  if ((unit != 'x' && unit != 'X') || !box) return std::nullopt;
  double f = std::max(d, density);
  return SizedUse{box->width * f, box->height * f};
}

void WalkPage(const Site& site, const SitePage& page, double density,
              std::map<std::string, ImageUses>* uses) {
  const Resource& r = *page.resource;
  const html::Document& doc = *page.doc;
  std::map<std::string, int> total, compatible;
  for (const Reference& ref : r.references) ++total[ref.path];
  if (html::BaseHref(doc)) {
    for (auto& [path, n] : total) Block((*uses)[path], r.path + ": the page has <base href>");
    return;
  }
  std::map<std::string, std::vector<SizedUse>> found;
  std::vector<html::UrlAttr> attrs;
  std::vector<std::pair<size_t, size_t>> spans;
  for (NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode; id = doc.NextInOrder(id)) {
    if (!PlainImg(doc, id)) continue;
    const std::optional<DeclaredBox> box = DeclaredSize(doc, id);
    html::UrlAttrsOf(doc, id, &attrs);
    for (const html::UrlAttr& ua : attrs) {
      const html::Attr& a = doc.attributes(id)[ua.index];
      const bool is_src = text::EqualsIgnoreCase(a.name, "src");
      if (!is_src && !text::EqualsIgnoreCase(a.name, "srcset")) continue;
      std::string value = html::DecodeAttrValue(a.value);
      html::UrlSpans(value, ua.syntax, &spans);
      for (auto [b, e] : spans) {
        ResolvedUrl u = site.Resolve(r, std::string_view(value).substr(b, e - b));
        if (u.kind != UrlKind::kLocal) continue;
        std::optional<SizedUse> use;
        if (is_src && box) use = SizedUse{box->width * density, box->height * density};
        if (!is_src) use = SrcsetUse(Descriptor(value, e), box, density);
        if (!use) continue;
        found[u.path].push_back(*use);
        ++compatible[u.path];
      }
    }
  }
  for (auto& [path, n] : total) {
    ImageUses& iu = (*uses)[path];
    if (compatible[path] < n)
      Block(iu, r.path + ": used other than by an <img> that declares its size");
    for (const SizedUse& s : found[path]) iu.sized.push_back(s);
  }
}

}  // namespace

bool PlainImg(const html::Document& doc, NodeId img) {
  return doc.IsHtml(img, html::Tag::kImg) && !(doc.node(img).flags & html::kIgnoredTag) &&
         doc.FindAncestor(img, html::Tag::kPicture) == html::kNoNode;
}

std::optional<DeclaredBox> DeclaredSize(const html::Document& doc, NodeId img) {
  DeclaredBox box;
  int w = Dimension(doc, img, "width", &box.width);
  int h = Dimension(doc, img, "height", &box.height);
  if (w < 0 || h < 0 || (w == 0 && h == 0)) return std::nullopt;
  if (std::optional<std::string> style = doc.AttrValue(img, "style");
      style && html::StyleSizesElement(*style))
    return std::nullopt;
  return box;
}

std::map<std::string, ImageUses> CollectImageUses(const Site& site, const SitePages& pages,
                                                  double density) {
  std::map<std::string, ImageUses> uses;
  for (const SitePage& p : pages) WalkPage(site, p, density, &uses);
  for (const Resource* r : site.All()) {
    if (r->type != ContentType::kCss) continue;
    for (const Reference& ref : r->references)
      Block(uses[ref.path], r->path + ": used by the stylesheet");
  }
  return uses;
}

std::string VariantUrl(const Site& site, const Resource& page, std::string_view url,
                       const ResolvedUrl& resolved, const Resource& v) {
  site.MarkServed(v);
  return UrlInWrittenForm(url, v.output_path, resolved.suffix,
                          site.OutputUrl(page, v, resolved.suffix));
}

}  // namespace pagebake::image
