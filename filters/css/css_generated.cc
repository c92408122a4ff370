#include "filters/css/css_generated.h"

#include <mutex>

#include "filters/core/hash.h"

namespace pagebake::css {

std::string DirOf(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash + 1));
}

const Resource* AddHashedSheet(Site* site, std::string_view dir, std::string_view prefix,
                               std::string bytes, std::vector<std::string> sources) {
  std::string path = std::string(dir) + std::string(prefix) + "." +
                     Sha256Hex(bytes).substr(0, 10) + ".css";
  // Site::Find and Site::AddGenerated lock separately; without this lock two pages made of the
  // same sheets could both miss and the second would get a ".1" name chosen by thread order.
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  if (const Resource* existing = site->Find(path))
    return existing->generated && existing->bytes == bytes ? existing : nullptr;
  return site->AddGenerated(std::move(path), ContentType::kCss, std::move(bytes),
                            std::move(sources));
}

}  // namespace pagebake::css
