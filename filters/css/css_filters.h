// The css family's entry points for the registry: create a filter by its table row, and
// read the family's options from the config file (key "css").
#ifndef PAGEBAKE_CSS_CSS_FILTERS_H_
#define PAGEBAKE_CSS_CSS_FILTERS_H_

#include <memory>

#include <nlohmann/json_fwd.hpp>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake::css {

// A new filter for `info` (a row of this family), or nullptr when that filter is not built yet.
std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options);

// Fill `out` from the config object under key "css". Unknown keys are errors that name the
// JSON path ("css.foo").
Status ParseOptions(const nlohmann::json& json, CssOptions* out);

}  // namespace pagebake::css

#endif  // PAGEBAKE_CSS_CSS_FILTERS_H_
