// Shared by the verify tests: the fixture site, and the deliberately broken test-only filter
// ("test-drop-theme-css") that removes every <link rel=stylesheet> whose href ends in
// "theme.css" — what a buggy combine/move filter could do.
#ifndef PAGEBAKE_TESTS_VERIFY_VERIFY_TEST_UTIL_H_
#define PAGEBAKE_TESTS_VERIFY_VERIFY_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "filters/core/test_filters.h"
#include "filters/html/document.h"
#include "filters/html/html_filter.h"

namespace pagebake::testing {

inline const char* kBrokenFilterId = "test-drop-theme-css";

inline std::string FixtureSite() { return std::string(PAGEBAKE_SOURCE_DIR) + "/tests/data/verify/site"; }

class DropThemeCssFilter : public Filter {
 public:
  explicit DropThemeCssFilter(const FilterInfo* info) : Filter(info) {}
  unsigned capabilities() const override { return kRewritesHtml; }
  Status RewriteHtml(FilterContext& ctx, html::Document& doc) override {
    std::vector<html::NodeId> drop;
    for (html::NodeId id = doc.root(); id != html::kNoNode; id = doc.NextInOrder(id)) {
      if (!doc.IsHtml(id, html::Tag::kLink)) continue;
      auto rel = doc.AttrValue(id, "rel");
      auto href = doc.AttrValue(id, "href");
      if (rel && href && html::HasToken(*rel, "stylesheet") && href->size() >= 9 &&
          href->compare(href->size() - 9, 9, "theme.css") == 0)
        drop.push_back(id);
    }
    for (html::NodeId id : drop) doc.Remove(id);
    ctx.counters().rewrites += drop.size();
    return Status::OK();
  }
};

inline void RegisterBrokenFilter() {
  RegisterTestFilter(kBrokenFilterId, "html", [](const FilterInfo& info, const Options&) {
    return std::unique_ptr<Filter>(new DropThemeCssFilter(&info));
  });
}

}  // namespace pagebake::testing

#endif  // PAGEBAKE_TESTS_VERIFY_VERIFY_TEST_UTIL_H_
