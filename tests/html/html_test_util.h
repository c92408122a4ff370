// Helpers for the HTML filter tests: run one filter over a string, mod_pagespeed's
// ValidateExpected / ValidateNoChanges shape.
#ifndef PAGEBAKE_TESTS_HTML_HTML_TEST_UTIL_H_
#define PAGEBAKE_TESTS_HTML_HTML_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "filters/core/filter.h"
#include "filters/core/filter_table.h"
#include "filters/html/document.h"
#include "filters/html/dom_compare.h"
#include "filters/html/html_filters.h"

namespace pagebake::html::testing {

struct FilterRow {
  const char* name;
  const char* in;
  const char* want;  // nullptr: no change expected
  const char* disabled_reason = nullptr;  // a non-goal, kept in the table
};

// Adds a source file to a test site.
inline Resource* AddResource(Site& site, const char* path, ContentType type,
                             const char* bytes = "") {
  Resource r;
  r.path = path;
  r.type = type;
  r.bytes = bytes;
  return site.Add(r);
}

// Runs the filters (ids from the table) in order on `in`, as the pipeline does: parse once,
// one pass per filter, serialize.
inline std::string RunFilters(const std::vector<std::string>& ids, const std::string& in,
                              Options options = Options(), Site* site = nullptr,
                              const Resource* resource = nullptr) {
  auto doc = Document::Parse(in);
  DiagnosticSink sink;
  for (const std::string& id : ids) {
    const FilterInfo* info = FindFilter(id);
    if (!info) return "(unknown filter " + id + ")";
    std::unique_ptr<Filter> f = CreateFilter(*info, options);
    if (!f) return "(filter not built: " + id + ")";
    FilterContext ctx(options, site, resource, &sink, info->id);
    Status s = f->RewriteHtml(ctx, *doc);
    if (!s.ok()) return "(error: " + s.ToString() + ")";
  }
  return doc->Serialize();
}

inline std::string RunFilter(const std::string& id, const std::string& in,
                             Options options = Options()) {
  return RunFilters({id}, in, std::move(options));
}

// The checks every filter row gets: the expected output, idempotence, never larger, and the
// gumbo judge accepts the change for this filter.
inline void CheckRows(const std::string& id, const FilterRow* rows, size_t count,
                      const Options& options = Options()) {
  for (size_t i = 0; i < count; ++i) {
    const FilterRow& row = rows[i];
    DYNAMIC_SECTION(row.name) {
      if (row.disabled_reason) {
        WARN("disabled row: " << row.disabled_reason);
        continue;
      }
      std::string want = row.want ? row.want : row.in;
      std::string got = RunFilters({id}, row.in, options);
      CHECK(got == want);
      CHECK(RunFilters({id}, got, options) == got);
      CHECK(got.size() <= std::string(row.in).size());
      std::string diff;
      INFO("DOM difference: " << diff);
      CHECK(CompareDom(row.in, got, DomCompareOptionsFor({id}), &diff));
    }
  }
}

}  // namespace pagebake::html::testing

#endif  // PAGEBAKE_TESTS_HTML_HTML_TEST_UTIL_H_
