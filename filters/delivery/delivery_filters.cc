#include "filters/delivery/delivery_filters.h"

#include <nlohmann/json.hpp>

namespace pagebake::delivery {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  (void)info;
  (void)options;
  return nullptr;
}

Status ParseOptions(const nlohmann::json& json, DeliveryOptions* out) {
  (void)out;
  if (!json.is_object()) return Status::InvalidArgument("delivery: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it)
    return Status::InvalidArgument("delivery." + it.key() + ": unknown option");
  return Status::OK();
}

}  // namespace pagebake::delivery
