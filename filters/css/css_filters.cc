#include "filters/css/css_filters.h"

#include <nlohmann/json.hpp>

#include "filters/css/css_combine_filter.h"
#include "filters/css/css_flatten_imports_filter.h"
#include "filters/css/css_inline_filter.h"
#include "filters/css/css_inline_import_to_link_filter.h"
#include "filters/css/css_minify_filter.h"
#include "filters/css/css_outline_filter.h"
#include "filters/css/css_rewrite_urls_filter.h"

namespace pagebake::css {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  const CssOptions& o = options.css;
  if (info.id == "css-minify") return std::make_unique<CssMinifyFilter>(&info, o);
  if (info.id == "css-rewrite-urls") return std::make_unique<CssRewriteUrlsFilter>(&info);
  if (info.id == "css-flatten-imports") return std::make_unique<CssFlattenImportsFilter>(&info, o);
  if (info.id == "css-inline") return std::make_unique<CssInlineFilter>(&info, o);
  if (info.id == "css-inline-import-to-link")
    return std::make_unique<CssInlineImportToLinkFilter>(&info);
  if (info.id == "css-combine") return std::make_unique<CssCombineFilter>(&info);
  if (info.id == "css-outline") return std::make_unique<CssOutlineFilter>(&info, o);
  return nullptr;
}

namespace {

Status Expect(bool ok, const std::string& path, const char* what) {
  if (ok) return Status::OK();
  return Status::InvalidArgument(path + ": expected " + what);
}

}  // namespace

Status ParseOptions(const nlohmann::json& json, CssOptions* out) {
  if (!json.is_object()) return Status::InvalidArgument("css: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string path = "css." + it.key();
    const nlohmann::json& v = it.value();
    const std::string& k = it.key();
    if (k == "keep_important_comments" || k == "source_maps") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_boolean(), path, "true or false"));
      (k == "source_maps" ? out->source_maps : out->keep_important_comments) = v.get<bool>();
    } else if (k == "inline_max_bytes" || k == "outline_min_bytes" || k == "flatten_max_bytes") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_unsigned(), path, "a non-negative integer"));
      uint64_t* field = k == "inline_max_bytes"    ? &out->inline_max_bytes
                        : k == "outline_min_bytes" ? &out->outline_min_bytes
                                                   : &out->flatten_max_bytes;
      *field = v.get<uint64_t>();
    } else {
      return Status::InvalidArgument(path + ": unknown option");
    }
  }
  return Status::OK();
}

}  // namespace pagebake::css
