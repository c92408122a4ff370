// The filter registry: turns the id table plus a level, enables and disables into the list of
// filters a build runs, and creates filter instances through each family's factory.
#ifndef PAGEBAKE_CORE_REGISTRY_H_
#define PAGEBAKE_CORE_REGISTRY_H_

#include <memory>
#include <string>
#include <vector>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"

namespace pagebake {

struct FilterSelection {
  std::vector<const FilterInfo*> enabled;  // table order
  // In the level but not built yet: skipped, and said so (never silently).
  std::vector<std::string> not_built;
};

// Errors: an unknown id (InvalidArgument, naming it and the closest known id), or an id that is
// named explicitly but not built yet (Unimplemented).
Status SelectFilters(const Options& options, FilterSelection* out);
std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options);
bool IsImplemented(const FilterInfo& info);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_REGISTRY_H_
