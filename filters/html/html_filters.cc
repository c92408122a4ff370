#include "filters/html/html_filters.h"

#include <nlohmann/json.hpp>

#include "filters/html/add_head_filter.h"
#include "filters/html/collapse_whitespace_filter.h"
#include "filters/html/combine_heads_filter.h"
#include "filters/html/convert_meta_tags_filter.h"
#include "filters/html/defer_javascript_filter.h"
#include "filters/html/insert_dns_prefetch_filter.h"
#include "filters/html/insert_image_dimensions_filter.h"
#include "filters/html/lazyload_images_filter.h"
#include "filters/html/move_css_above_scripts_filter.h"
#include "filters/html/move_css_to_head_filter.h"
#include "filters/html/rewrite_domains_filter.h"
#include "filters/html/trim_urls_filter.h"
#include "filters/html/elide_attributes_filter.h"
#include "filters/html/hint_preload_filter.h"
#include "filters/html/pedantic_filter.h"
#include "filters/html/remove_comments_filter.h"
#include "filters/html/remove_quotes_filter.h"

namespace pagebake::html {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  const HtmlOptions& o = options.html;
  if (info.id == "html-remove-comments") return std::make_unique<RemoveCommentsFilter>(&info, o);
  if (info.id == "html-collapse-whitespace")
    return std::make_unique<CollapseWhitespaceFilter>(&info, o);
  if (info.id == "html-elide-attributes") return std::make_unique<ElideAttributesFilter>(&info, o);
  if (info.id == "html-remove-quotes") return std::make_unique<RemoveQuotesFilter>(&info, o);
  if (info.id == "html-add-head") return std::make_unique<AddHeadFilter>(&info, o);
  if (info.id == "html-lazyload-images") return std::make_unique<LazyloadImagesFilter>(&info, o);
  if (info.id == "html-convert-meta-tags")
    return std::make_unique<ConvertMetaTagsFilter>(&info, o);
  if (info.id == "html-trim-urls") return std::make_unique<TrimUrlsFilter>(&info, o);
  if (info.id == "html-rewrite-domains") return std::make_unique<RewriteDomainsFilter>(&info, o);
  if (info.id == "html-insert-dns-prefetch")
    return std::make_unique<InsertDnsPrefetchFilter>(&info, o);
  if (info.id == "html-defer-javascript")
    return std::make_unique<DeferJavascriptFilter>(&info, o);
  if (info.id == "html-insert-image-dimensions")
    return std::make_unique<InsertImageDimensionsFilter>(&info, o);
  if (info.id == "html-move-css-to-head") return std::make_unique<MoveCssToHeadFilter>(&info, o);
  if (info.id == "html-move-css-above-scripts")
    return std::make_unique<MoveCssAboveScriptsFilter>(&info, o);
  if (info.id == "html-hint-preload") return std::make_unique<HintPreloadFilter>(&info, o);
  if (info.id == "html-combine-heads") return std::make_unique<CombineHeadsFilter>(&info, o);
  if (info.id == "html-pedantic") return std::make_unique<PedanticFilter>(&info, o);
  return nullptr;
}

namespace {

Status Expect(bool ok, const std::string& path, const char* what) {
  if (ok) return Status::OK();
  return Status::InvalidArgument(path + ": expected " + what);
}

}  // namespace

Status ParseOptions(const nlohmann::json& json, HtmlOptions* out) {
  if (!json.is_object()) return Status::InvalidArgument("html: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string path = "html." + it.key();
    const nlohmann::json& v = it.value();
    const std::string& k = it.key();
    if (k == "max_document_bytes") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_unsigned(), path, "a non-negative integer"));
      out->max_document_bytes = v.get<uint64_t>();
    } else if (k == "keep_comment_patterns") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_array(), path, "an array of strings"));
      out->keep_comment_patterns.clear();
      for (size_t i = 0; i < v.size(); ++i) {
        PAGEBAKE_RETURN_IF_ERROR(
            Expect(v[i].is_string(), path + "[" + std::to_string(i) + "]", "a string"));
        out->keep_comment_patterns.push_back(v[i].get<std::string>());
      }
    } else if (k == "lazyload_skip_first") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_integer() && v.get<int64_t>() >= 0 &&
                                          v.get<int64_t>() <= 1000000,
                                      path, "an integer in [0, 1000000]"));
      out->lazyload_skip_first = v.get<int>();
    } else if (k == "base_url") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_string(), path, "a string"));
      out->base_url = v.get<std::string>();
    } else if (k == "rewrite_domains") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_object(), path, "an object of origin -> origin"));
      out->rewrite_domains.clear();
      for (auto d = v.begin(); d != v.end(); ++d) {
        PAGEBAKE_RETURN_IF_ERROR(Expect(d.value().is_string(), path + "." + d.key(), "a string"));
        out->rewrite_domains[d.key()] = d.value().get<std::string>();
      }
    } else if (k == "dns_prefetch_max") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_integer() && v.get<int64_t>() >= 0 &&
                                          v.get<int64_t>() <= 1000,
                                      path, "an integer in [0, 1000]"));
      out->dns_prefetch_max = v.get<int>();
    } else if (k == "preload_max") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_integer() && v.get<int64_t>() >= 0 &&
                                          v.get<int64_t>() <= 1000,
                                      path, "an integer in [0, 1000]"));
      out->preload_max = v.get<int>();
    } else if (k == "elide_input_type_text") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_boolean(), path, "true or false"));
      out->elide_input_type_text = v.get<bool>();
    } else if (k == "verify") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_boolean(), path, "true or false"));
      out->verify = v.get<bool>();
    } else {
      return Status::InvalidArgument(path + ": unknown option");
    }
  }
  return Status::OK();
}

}  // namespace pagebake::html
