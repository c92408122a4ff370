#include "filters/css/css_generated.h"

#include <optional>

#include "filters/core/hash.h"
#include "filters/css/css_urls.h"

namespace pagebake::css {

std::string DirOf(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash + 1));
}

std::string RelinkCssUrls(Site* site, const Resource& from, std::string_view css) {
  std::string out;
  Status s = RewriteCssUrls(
      css,
      [&](std::string_view url, bool) -> std::optional<std::string> {
        ResolvedUrl r = site->Resolve(from, url);
        if (r.kind != UrlKind::kLocal || r.directory) return std::nullopt;
        const Resource* target = site->Find(r.path);
        if (!target) return std::nullopt;
        std::string rewritten = site->OutputUrl(from, *target, r.suffix);
        if (rewritten == url) return std::nullopt;
        return rewritten;
      },
      &out);
  return s.ok() ? out : std::string(css);
}

const Resource* AddHashedSheet(Site* site, std::string_view dir, std::string_view prefix,
                               std::string bytes, std::vector<std::string> sources) {
  std::string path = std::string(dir) + std::string(prefix) + "." +
                     Sha256Hex(bytes).substr(0, 10) + ".css";
  // Pages sharing the same sheets share the file: the site finds or adds it atomically.
  return site->FindOrAddGenerated(std::move(path), ContentType::kCss, std::move(bytes),
                                  std::move(sources));
}

}  // namespace pagebake::css
