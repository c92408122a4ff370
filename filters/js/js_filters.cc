#include "filters/js/js_filters.h"

#include <nlohmann/json.hpp>

namespace pagebake::js {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  (void)info;
  (void)options;
  return nullptr;
}

Status ParseOptions(const nlohmann::json& json, JsOptions* out) {
  (void)out;
  if (!json.is_object()) return Status::InvalidArgument("js: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it)
    return Status::InvalidArgument("js." + it.key() + ": unknown option");
  return Status::OK();
}

}  // namespace pagebake::js
