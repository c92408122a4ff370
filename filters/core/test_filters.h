// Test-only filters: code linked with the library (a test binary) can add a filter to the id
// table at runtime, to prove that a check catches a deliberately broken rewrite (pagebake
// verify's tests register one that drops a stylesheet link). Not reachable from the CLI or a
// config file: nothing in tool/ calls this, and such a filter runs only when an id names it
// (level membership kOff). Registered filters run after every table filter, in registration
// order. Register before any Build(); registration is not synchronized with running builds.
#ifndef PAGEBAKE_CORE_TEST_FILTERS_H_
#define PAGEBAKE_CORE_TEST_FILTERS_H_

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake {

using TestFilterFactory =
    std::function<std::unique_ptr<Filter>(const FilterInfo& info, const Options& options)>;

// Adds `id` (content "html", "css", ... as in the table) with Family::kTest. Returns the stable
// row; registering an id twice replaces the factory and keeps the row.
const FilterInfo* RegisterTestFilter(std::string_view id, std::string_view content,
                                     TestFilterFactory factory);

// The registered rows, in registration order (empty in every normal process).
std::span<const FilterInfo* const> TestFilterRows();
const FilterInfo* FindTestFilter(std::string_view id);
std::unique_ptr<Filter> CreateTestFilter(const FilterInfo& info, const Options& options);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_TEST_FILTERS_H_
