// The deploy configuration files of the headers filter (see headers_filter.h for what goes in
// them and why). Made from the finished site: output paths final, precompressed sizes known.
#ifndef PAGEBAKE_DELIVERY_HEADERS_H_
#define PAGEBAKE_DELIVERY_HEADERS_H_

#include <string>
#include <utility>
#include <vector>

#include "filters/core/site.h"
#include "pagebake/options.h"

namespace pagebake::delivery {

// {("_headers", text), ("nginx-pagebake.conf", text)}: root-relative output names and contents.
// Deterministic (path order).
std::vector<std::pair<std::string, std::string>> HeaderFiles(const Site& site,
                                                             const Options& options);

}  // namespace pagebake::delivery

#endif  // PAGEBAKE_DELIVERY_HEADERS_H_
