// The runtime rows of test-only filters (see test_filters.h). Rows live in a deque of nodes that
// own their id strings, so the string_views in FilterInfo stay valid for the process.
#include "filters/core/test_filters.h"

#include <deque>
#include <vector>

namespace pagebake {
namespace {

struct Entry {
  std::string id;
  std::string content;
  FilterInfo info;
  TestFilterFactory factory;
};

std::deque<Entry>& Entries() {
  static auto* entries = new std::deque<Entry>();  // lives until exit
  return *entries;
}

std::vector<const FilterInfo*>& Rows() {
  static auto* rows = new std::vector<const FilterInfo*>();
  return *rows;
}

}  // namespace

const FilterInfo* RegisterTestFilter(std::string_view id, std::string_view content,
                                     TestFilterFactory factory) {
  for (Entry& e : Entries()) {
    if (e.id == id) {
      e.factory = std::move(factory);
      return &e.info;
    }
  }
  Entry& e = Entries().emplace_back();
  e.id = std::string(id);
  e.content = std::string(content);
  e.info = FilterInfo{e.id, Family::kTest, e.content, kOff, Risk::kHigh,
                      "test-only filter registered at runtime"};
  e.factory = std::move(factory);
  Rows().push_back(&e.info);
  return &e.info;
}

std::span<const FilterInfo* const> TestFilterRows() { return Rows(); }

const FilterInfo* FindTestFilter(std::string_view id) {
  for (const FilterInfo* f : Rows())
    if (f->id == id) return f;
  return nullptr;
}

std::unique_ptr<Filter> CreateTestFilter(const FilterInfo& info, const Options& options) {
  for (Entry& e : Entries())
    if (&e.info == &info) return e.factory ? e.factory(info, options) : nullptr;
  return nullptr;
}

}  // namespace pagebake
