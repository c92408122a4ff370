#include "filters/image/image_filters.h"

#include <nlohmann/json.hpp>

namespace pagebake::image {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  (void)info;
  (void)options;
  return nullptr;
}

Status ParseOptions(const nlohmann::json& json, ImageOptions* out) {
  (void)out;
  if (!json.is_object()) return Status::InvalidArgument("image: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it)
    return Status::InvalidArgument("image." + it.key() + ": unknown option");
  return Status::OK();
}

}  // namespace pagebake::image
