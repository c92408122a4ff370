#include "filters/js/js_filters.h"

#include <nlohmann/json.hpp>

#include "filters/js/js_combine_filter.h"
#include "filters/js/js_inline_filter.h"
#include "filters/js/js_minify_filter.h"
#include "filters/js/js_outline_filter.h"

namespace pagebake::js {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  if (info.id == "js-minify") return std::make_unique<JsMinifyFilter>(&info, options.js);
  if (info.id == "js-combine") return std::make_unique<JsCombineFilter>(&info, options.js);
  if (info.id == "js-inline") return std::make_unique<JsInlineFilter>(&info, options.js);
  if (info.id == "js-outline") return std::make_unique<JsOutlineFilter>(&info, options.js);
  return nullptr;
}

namespace {

Status ReadBool(const nlohmann::json& v, const std::string& path, bool* out) {
  if (!v.is_boolean()) return Status::InvalidArgument(path + ": expected true or false");
  *out = v.get<bool>();
  return Status::OK();
}

Status ReadBytes(const nlohmann::json& v, const std::string& path, uint64_t* out) {
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
    return Status::InvalidArgument(path + ": expected a byte count (integer >= 0)");
  *out = v.get<uint64_t>();
  return Status::OK();
}

}  // namespace

Status ParseOptions(const nlohmann::json& json, JsOptions* out) {
  if (!json.is_object()) return Status::InvalidArgument("js: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string& k = it.key();
    const std::string path = "js." + k;
    if (k == "keep_license_comments") {
      PAGEBAKE_RETURN_IF_ERROR(ReadBool(*it, path, &out->keep_license_comments));
    } else if (k == "source_maps") {
      PAGEBAKE_RETURN_IF_ERROR(ReadBool(*it, path, &out->source_maps));
    } else if (k == "inline_max_bytes") {
      PAGEBAKE_RETURN_IF_ERROR(ReadBytes(*it, path, &out->inline_max_bytes));
    } else if (k == "outline_min_bytes") {
      PAGEBAKE_RETURN_IF_ERROR(ReadBytes(*it, path, &out->outline_min_bytes));
    } else if (k == "combine_max_bytes") {
      PAGEBAKE_RETURN_IF_ERROR(ReadBytes(*it, path, &out->combine_max_bytes));
    } else {
      return Status::InvalidArgument(path + ": unknown option");
    }
  }
  return Status::OK();
}

}  // namespace pagebake::js
