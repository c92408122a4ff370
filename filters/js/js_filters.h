// The js family's entry points for the registry: create a filter by its table row, and
// read the family's options from the config file (key "js").
#ifndef PAGEBAKE_JS_JS_FILTERS_H_
#define PAGEBAKE_JS_JS_FILTERS_H_

#include <memory>

#include <nlohmann/json_fwd.hpp>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake::js {

// A new filter for `info` (a row of this family), or nullptr when that filter is not built yet.
std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options);

// Fill `out` from the config object under key "js". Unknown keys are errors that name the
// JSON path ("js.foo").
Status ParseOptions(const nlohmann::json& json, JsOptions* out);

}  // namespace pagebake::js

#endif  // PAGEBAKE_JS_JS_FILTERS_H_
