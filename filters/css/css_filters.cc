#include "filters/css/css_filters.h"

#include <nlohmann/json.hpp>

namespace pagebake::css {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  (void)info;
  (void)options;
  return nullptr;
}

Status ParseOptions(const nlohmann::json& json, CssOptions* out) {
  (void)out;
  if (!json.is_object()) return Status::InvalidArgument("css: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it)
    return Status::InvalidArgument("css." + it.key() + ": unknown option");
  return Status::OK();
}

}  // namespace pagebake::css
