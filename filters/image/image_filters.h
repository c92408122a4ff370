// The image family's entry points for the registry: create a filter by its table row, and
// read the family's options from the config file (key "image").
#ifndef PAGEBAKE_IMAGE_IMAGE_FILTERS_H_
#define PAGEBAKE_IMAGE_IMAGE_FILTERS_H_

#include <memory>

#include <nlohmann/json_fwd.hpp>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake::image {

// A new filter for `info` (a row of this family), or nullptr when that filter is not built yet.
std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options);

// Fill `out` from the config object under key "image". Unknown keys are errors that name the
// JSON path ("image.foo").
Status ParseOptions(const nlohmann::json& json, ImageOptions* out);

}  // namespace pagebake::image

#endif  // PAGEBAKE_IMAGE_IMAGE_FILTERS_H_
