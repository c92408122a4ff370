#include "filters/html/html_filters.h"

#include <nlohmann/json.hpp>

namespace pagebake::html {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  (void)info;
  (void)options;
  return nullptr;
}

Status ParseOptions(const nlohmann::json& json, HtmlOptions* out) {
  (void)out;
  if (!json.is_object()) return Status::InvalidArgument("html: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it)
    return Status::InvalidArgument("html." + it.key() + ": unknown option");
  return Status::OK();
}

}  // namespace pagebake::html
