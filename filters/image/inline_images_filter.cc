#include "filters/image/inline_images_filter.h"

#include <map>
#include <vector>

#include "filters/core/hash.h"
#include "filters/core/site.h"
#include "filters/css/css_urls.h"
#include "filters/html/document.h"
#include "filters/image/image_header.h"
#include "filters/text/position.h"

namespace pagebake::image {
namespace {

bool IsUrlSpace(char c) { return text::IsAsciiSpace(static_cast<unsigned char>(c)); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsUrlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsUrlSpace(s.back())) s.remove_suffix(1);
  return s;
}

// An attribute value or url() argument inside an SVG that still points inside the file (a
// #fragment) or carries its own bytes (data:).
bool SelfContained(std::string_view v) {
  v = Trim(v);
  if (!v.empty() && (v.front() == '"' || v.front() == '\'')) v.remove_prefix(1);
  v = Trim(v);
  return v.empty() || v.front() == '#' || text::StartsWithIgnoreCase(v, "data:");
}

// Why an SVG would break as a data: URI: a reference to another file resolves against the
// page (or nowhere) once the SVG has no URL of its own. Empty when it is self-contained.
// A textual scan: it may refuse an SVG that mentions href in text, never the other way round.
std::string SvgExternalReference(std::string_view svg) {
  if (svg.find("<!ENTITY") != svg.npos) return "declares entities";
  if (svg.find("@import") != svg.npos) return "has a CSS @import";
  for (std::string_view name : {std::string_view("href"), std::string_view("src")}) {
    for (size_t at = svg.find(name); at != svg.npos; at = svg.find(name, at + 1)) {
      if (at == 0) continue;
      char before = svg[at - 1];
      if (!IsUrlSpace(before) && before != ':') continue;  // not an attribute name
      size_t p = at + name.size();
      while (p < svg.size() && IsUrlSpace(svg[p])) ++p;
      if (p >= svg.size() || svg[p] != '=') continue;
      ++p;
      while (p < svg.size() && IsUrlSpace(svg[p])) ++p;
      if (p >= svg.size()) break;
      const char q = svg[p];
      const bool quoted = q == '"' || q == '\'';
      if (quoted) ++p;
      size_t end = quoted ? svg.find(q, p) : svg.find_first_of(" \t\n\r/>", p);
      std::string_view value = svg.substr(p, end == svg.npos ? svg.npos : end - p);
      if (!SelfContained(value)) return "references '" + std::string(Trim(value)) + "'";
    }
  }
  for (size_t at = svg.find("url("); at != svg.npos; at = svg.find("url(", at + 1)) {
    size_t end = svg.find(')', at);
    std::string_view value = svg.substr(at + 4, end == svg.npos ? svg.npos : end - at - 4);
    if (!SelfContained(value)) return "references url(" + std::string(Trim(value)) + ")";
  }
  return {};
}

// The percent-encoded form: only what a URL parser or the surrounding HTML/CSS would change.
// '<' and '>' are always escaped, so the URI never holds "</" (safe inside <style>); newlines
// and tabs are escaped because URL parsers drop them, and leading/trailing spaces because
// they are trimmed.
std::string PercentEncodeSvg(std::string_view svg) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "data:image/svg+xml,";
  for (size_t i = 0; i < svg.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(svg[i]);
    bool edge_space = c == ' ' && (i == 0 || i + 1 == svg.size());
    if (c < 0x20 || c >= 0x7F || edge_space || c == '%' || c == '#' || c == '<' || c == '>' ||
        c == '"' || c == '\\') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// What a browser loads from a URL as written: the target resource when we may inline it.
// Silently nullptr for the ordinary non-candidates (data:, external, fragment, missing).
const Resource* Candidate(FilterContext& ctx, const Resource& from, std::string_view url) {
  url = Trim(url);
  if (url.empty() || text::StartsWithIgnoreCase(url, "data:")) return nullptr;
  if (url.find('#') != url.npos) return nullptr;  // a sprite's view, or a same-page fragment
  ResolvedUrl r = ctx.site()->Resolve(from, url);
  if (r.kind != UrlKind::kLocal || r.directory) return nullptr;
  const Resource* t = ctx.site()->Find(r.path);
  if (!t || t->skipped || !IsImage(t->type)) return nullptr;
  return t;
}

// The uses of each image in one document (a page with its inline CSS, or one sheet), and the
// decision: inline all of them, or none (a request is saved only when no use stays).
class Planner {
 public:
  Planner(FilterContext& ctx, const Resource& from) : ctx_(ctx), from_(from) {}

  // A use we could rewrite, with the byte limit of its context.
  void AddUse(std::string_view url, uint64_t limit) {
    Entry* e = Find(url);
    if (!e) return;
    ++e->uses;
    e->url_bytes += Trim(url).size();
    if (e->target->bytes.size() > limit) e->over_limit = true;
  }
  // Any load of the image by this document (uses included): a load we do not rewrite keeps
  // the request.
  void AddLoad(std::string_view url) {
    if (Entry* e = Find(url)) ++e->loads;
  }
  // A use that can never be rewritten (an <img> with srcset, in <picture>, ...).
  void AddKeptUse(std::string_view url) {
    if (Entry* e = Find(url)) ++e->kept;
  }

  void Decide(uint64_t overhead);

  // The data: URI to write for `url`, nullptr to leave it.
  const std::string* DataUri(std::string_view url) {
    Entry* e = Find(url);
    return e && e->inline_it ? &e->data_uri : nullptr;
  }
  uint64_t bytes_inlined() const { return bytes_inlined_; }

 private:
  struct Entry {
    const Resource* target = nullptr;
    uint64_t uses = 0, url_bytes = 0, loads = 0, kept = 0;
    bool over_limit = false;
    bool inline_it = false;
    std::string data_uri;
  };

  Entry* Find(std::string_view url) {
    std::string key(Trim(url));
    auto it = by_url_.find(key);
    if (it != by_url_.end()) return it->second;
    Entry* e = nullptr;
    if (const Resource* t = Candidate(ctx_, from_, key)) {
      Entry& slot = by_target_[t];
      slot.target = t;
      e = &slot;
    }
    by_url_.emplace(std::move(key), e);
    return e;
  }

  FilterContext& ctx_;
  const Resource& from_;
  std::map<std::string, Entry*> by_url_;
  std::map<const Resource*, Entry> by_target_;  // node-based: Entry* stay valid
  uint64_t bytes_inlined_ = 0;
};

void Planner::Decide(uint64_t overhead) {
  for (auto& [target, e] : by_target_) {
    if (e.uses == 0 || e.over_limit) continue;
    const std::string& name = target->path;
    std::string why;
    std::optional<std::string> uri = ImageDataUri(target->bytes, target->type, &why);
    if (!uri) {
      ctx_.Note("'" + name + "' stays external: " + why);
      continue;
    }
    const uint64_t other_loads = e.loads > e.uses ? e.loads - e.uses : 0;
    if (e.kept + other_loads > 0) {
      ctx_.Note("'" + name + "' stays external: " + from_.path +
                " also loads it where it cannot be inlined (srcset, <picture>, a link)");
      continue;
    }
    const uint64_t bytes = target->bytes.size();
    if (e.uses > 1) {
      // Each use grows the document by (data URI - URL); the request saved is worth the image
      // bytes plus the request's own overhead.
      const uint64_t growth = e.uses * uri->size() - std::min(e.url_bytes, e.uses * uri->size());
      if (growth > bytes + overhead) {
        ctx_.Note("'" + name + "' stays external: used " + std::to_string(e.uses) + " times in " +
                  from_.path + ", inlining adds " + std::to_string(growth) + " B > " +
                  std::to_string(bytes) + " B image + " + std::to_string(overhead) +
                  " B request overhead");
        continue;
      }
    }
    e.data_uri = std::move(*uri);
    e.inline_it = true;
    bytes_inlined_ += bytes;
  }
}

// url()s of a CSS text that load images: not @import, not @font-face (fonts are not images).
bool IsImageUrl(const css::CssUrl& u) { return !u.is_import && !u.in_font_face; }

// Registers the image url()s of one CSS text.
void PlanCss(Planner& plan, std::string_view css, uint64_t limit) {
  for (const css::CssUrl& u : css::CollectCssUrls(css))
    if (IsImageUrl(u)) plan.AddUse(u.url, limit);
}

// Rewrites the planned url()s of one CSS text; the number rewritten.
uint64_t ApplyCss(Planner& plan, std::string& css) {
  uint64_t n = 0;
  std::string out;
  Status s = css::RewriteCssUrlsEx(
      css,
      [&](const css::CssUrl& u) -> std::optional<std::string> {
        if (!IsImageUrl(u)) return std::nullopt;
        const std::string* uri = plan.DataUri(u.url);
        if (!uri) return std::nullopt;
        ++n;
        return *uri;
      },
      &out);
  if (!s.ok() || n == 0) return 0;
  css = std::move(out);
  return n;
}

// An <img> whose src is what the browser loads (no srcset, no <picture> around it).
bool SrcIsWhatLoads(const html::Document& doc, html::NodeId id) {
  return !doc.GetAttr(id, "srcset") && doc.FindAncestor(id, html::Tag::kPicture) == html::kNoNode;
}

bool IsStyle(InlineKind k) {
  return k == InlineKind::kStyleSheet || k == InlineKind::kStyleAttribute;
}

}  // namespace

std::optional<std::string> ImageDataUri(std::string_view bytes, ContentType declared,
                                        std::string* why) {
  std::string ignored;
  std::string& reason = why ? *why : ignored;
  const ContentType sniffed = SniffContentType(bytes);
  switch (sniffed) {
    case ContentType::kPng: case ContentType::kJpeg: case ContentType::kGif:
    case ContentType::kWebp:
      if (!ReadImageHeader(bytes).ok()) {
        reason = "its " + std::string(ContentTypeName(sniffed)) + " header is unreadable";
        return std::nullopt;
      }
      return "data:" + std::string(MimeType(sniffed)) + ";base64," + Base64(bytes);
    case ContentType::kAvif:
    case ContentType::kIco:
      // No header reader for these: the browser decodes the same bytes it would have fetched.
      return "data:" + std::string(MimeType(sniffed)) + ";base64," + Base64(bytes);
    case ContentType::kSvg:
    case ContentType::kOther:
    case ContentType::kXml:
      break;
    default:
      reason = std::string(ContentTypeName(sniffed)) + " is not inlined";
      return std::nullopt;
  }
  if (sniffed != ContentType::kSvg &&
      (declared != ContentType::kSvg || bytes.find("<svg") == bytes.npos)) {
    reason = "not a recognisable image";
    return std::nullopt;
  }
  if (std::string ext = SvgExternalReference(bytes); !ext.empty()) {
    reason = "the SVG " + ext;
    return std::nullopt;
  }
  std::string percent = PercentEncodeSvg(bytes);
  std::string base64 = "data:image/svg+xml;base64," + Base64(bytes);
  return percent.size() <= base64.size() ? percent : base64;
}

Status InlineImagesFilter::RewriteResource(FilterContext& ctx, std::string& bytes) {
  if (!ctx.site() || !ctx.resource()) return Status::OK();
  const ImageOptions& o = ctx.options().image;
  Planner plan(ctx, *ctx.resource());
  PlanCss(plan, bytes, o.css_inline_max_bytes);
  plan.Decide(o.inline_request_overhead);
  ctx.counters().rewrites += ApplyCss(plan, bytes);
  ctx.extra_bytes_read += plan.bytes_inlined();
  return Status::OK();
}

Status InlineImagesFilter::RewriteHtml(FilterContext& ctx, html::Document& doc) {
  if (!ctx.site() || !ctx.resource()) return Status::OK();
  using html::NodeId;
  if (html::BaseHref(doc)) {
    // Relative URLs resolve against the <base>, which may not be where the file is.
    ctx.Note("page has a <base href>: images not inlined");
    return Status::OK();
  }
  const ImageOptions& o = ctx.options().image;
  Planner plan(ctx, *ctx.resource());
  std::vector<std::pair<NodeId, std::string>> imgs;
  for (NodeId id = doc.NextInOrder(doc.root()); id != html::kNoNode; id = doc.NextInOrder(id)) {
    if (!doc.IsHtml(id, html::Tag::kImg)) continue;
    std::optional<std::string> src = doc.AttrValue(id, "src");
    if (!src) continue;
    if (!SrcIsWhatLoads(doc, id)) {
      plan.AddKeptUse(*src);
      continue;
    }
    plan.AddUse(*src, o.inline_max_bytes);
    imgs.emplace_back(id, std::move(*src));
  }
  html::ForEachInline(doc, [&](InlineKind kind, std::string& text, int, int) {
    if (IsStyle(kind)) PlanCss(plan, text, o.css_inline_max_bytes);
  });
  for (const html::UrlRef& u : html::CollectUrls(doc))
    if (!u.is_base && u.kind == RefKind::kImage) plan.AddLoad(u.url);
  // CollectUrls saw the <img src> uses too (as loads), not the CSS ones: count those as loads.
  html::ForEachInline(doc, [&](InlineKind kind, std::string& text, int, int) {
    if (!IsStyle(kind)) return;
    for (const css::CssUrl& u : css::CollectCssUrls(text))
      if (IsImageUrl(u)) plan.AddLoad(u.url);
  });
  plan.Decide(o.inline_request_overhead);

  uint64_t n = 0;
  for (const auto& [id, src] : imgs) {
    if (const std::string* uri = plan.DataUri(src)) {
      doc.SetAttr(id, "src", *uri);
      ++n;
    }
  }
  html::ForEachInline(doc, [&](InlineKind kind, std::string& text, int, int) {
    if (IsStyle(kind)) n += ApplyCss(plan, text);
  });
  ctx.counters().rewrites += n;
  ctx.extra_bytes_read += plan.bytes_inlined();
  return Status::OK();
}

}  // namespace pagebake::image
