#include "filters/core/registry.h"

#include <algorithm>

#include "filters/core/test_filters.h"

#include "filters/css/css_filters.h"
#include "filters/delivery/delivery_filters.h"
#include "filters/html/html_filters.h"
#include "filters/image/image_filters.h"
#include "filters/js/js_filters.h"

namespace pagebake {
namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

Status UnknownId(const std::string& id) {
  std::string best;
  size_t best_d = 1000;
  for (const FilterInfo& f : FilterTable()) {
    size_t d = EditDistance(id, f.id);
    if (d < best_d) {
      best_d = d;
      best = std::string(f.id);
    }
  }
  std::string msg = "unknown filter id '" + id + "'";
  if (best_d <= 4) msg += " (did you mean '" + best + "'?)";
  msg += "; `pagebake filters` lists them";
  return Status::InvalidArgument(msg);
}

}  // namespace

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  switch (info.family) {
    case Family::kHtml: return html::CreateFilter(info, options);
    case Family::kCss: return css::CreateFilter(info, options);
    case Family::kJs: return js::CreateFilter(info, options);
    case Family::kImage: return image::CreateFilter(info, options);
    case Family::kDelivery: return delivery::CreateFilter(info, options);
    case Family::kTest: return CreateTestFilter(info, options);
  }
  return nullptr;
}

bool IsImplemented(const FilterInfo& info) {
  static const Options kDefaults;
  return CreateFilter(info, kDefaults) != nullptr;
}

Status SelectFilters(const Options& options, FilterSelection* out) {
  out->enabled.clear();
  out->not_built.clear();
  for (const std::string& id : options.enable)
    if (!FindFilter(id)) return UnknownId(id);
  for (const std::string& id : options.disable)
    if (!FindFilter(id)) return UnknownId(id);
  for (const PathRule& rule : options.paths)
    for (const std::string& id : rule.disable)
      if (!FindFilter(id)) return UnknownId(id);
  auto named = [](const std::vector<std::string>& v, std::string_view id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  for (const FilterInfo& f : FilterTable()) {
    if (named(options.disable, f.id)) continue;
    bool explicitly = named(options.enable, f.id);
    if (!explicitly && !InLevel(f, options.level)) continue;
    if (!IsImplemented(f)) {
      if (explicitly)
        return Status::Unimplemented("filter '" + std::string(f.id) +
                                     "' is in the table but not built yet");
      out->not_built.push_back(std::string(f.id));
      continue;
    }
    out->enabled.push_back(&f);
  }
  // Test-only rows (test_filters.h): only when named, after every table filter.
  for (const FilterInfo* f : TestFilterRows())
    if (named(options.enable, f->id) && !named(options.disable, f->id)) out->enabled.push_back(f);
  return Status::OK();
}

}  // namespace pagebake
