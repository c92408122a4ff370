// The html family's entry points for the registry: create a filter by its table row, and
// read the family's options from the config file (key "html").
#ifndef PAGEBAKE_HTML_HTML_FILTERS_H_
#define PAGEBAKE_HTML_HTML_FILTERS_H_

#include <memory>

#include <nlohmann/json_fwd.hpp>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake::html {

// A new filter for `info` (a row of this family), or nullptr when that filter is not built yet.
std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options);

// Fill `out` from the config object under key "html". Unknown keys are errors that name the
// JSON path ("html.foo").
Status ParseOptions(const nlohmann::json& json, HtmlOptions* out);

}  // namespace pagebake::html

#endif  // PAGEBAKE_HTML_HTML_FILTERS_H_
