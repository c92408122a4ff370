#include "filters/delivery/delivery_filters.h"

#include <nlohmann/json.hpp>

#include "filters/delivery/cache_extend_filter.h"
#include "filters/delivery/headers_filter.h"
#include "filters/delivery/precompress_filter.h"
#include "filters/delivery/sri_filter.h"

namespace pagebake::delivery {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  if (info.id == "cache-extend") return std::make_unique<CacheExtendFilter>(&info);
  if (info.id == "precompress-br" || info.id == "precompress-gzip")
    return std::make_unique<PrecompressFilter>(&info);
  if (info.id == "sri") return std::make_unique<SriFilter>(&info, options.delivery);
  if (info.id == "headers") return std::make_unique<HeadersFilter>(&info);
  return nullptr;
}

namespace {

Status Expect(bool ok, const std::string& path, const char* what) {
  if (ok) return Status::OK();
  return Status::InvalidArgument(path + ": expected " + what);
}

Status StringList(const nlohmann::json& v, const std::string& path,
                  std::vector<std::string>* out) {
  PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_array(), path, "an array of strings"));
  out->clear();
  for (size_t i = 0; i < v.size(); ++i) {
    PAGEBAKE_RETURN_IF_ERROR(
        Expect(v[i].is_string(), path + "[" + std::to_string(i) + "]", "a string"));
    out->push_back(v[i].get<std::string>());
  }
  return Status::OK();
}

Status IntIn(const nlohmann::json& v, const std::string& path, int lo, int hi, int* out) {
  std::string what = "an integer " + std::to_string(lo) + ".." + std::to_string(hi);
  PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_integer(), path, what.c_str()));
  int64_t x = v.get<int64_t>();
  PAGEBAKE_RETURN_IF_ERROR(Expect(x >= lo && x <= hi, path, what.c_str()));
  *out = static_cast<int>(x);
  return Status::OK();
}

}  // namespace

Status ParseOptions(const nlohmann::json& json, DeliveryOptions* out) {
  if (!json.is_object()) return Status::InvalidArgument("delivery: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string& k = it.key();
    const std::string path = "delivery." + k;
    const nlohmann::json& v = it.value();
    if (k == "name_template") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_string(), path, "a string"));
      PAGEBAKE_RETURN_IF_ERROR(CheckNameTemplate(v.get<std::string>()));
      out->name_template = v.get<std::string>();
    } else if (k == "hash_length") {
      PAGEBAKE_RETURN_IF_ERROR(IntIn(v, path, 4, 64, &out->hash_length));
    } else if (k == "entry_points") {
      PAGEBAKE_RETURN_IF_ERROR(StringList(v, path, &out->entry_points));
    } else if (k == "hash_types") {
      PAGEBAKE_RETURN_IF_ERROR(StringList(v, path, &out->hash_types));
    } else if (k == "keep_original_names") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_boolean(), path, "true or false"));
      out->keep_original_names = v.get<bool>();
    } else if (k == "hash_unreferenced") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_boolean(), path, "true or false"));
      out->hash_unreferenced = v.get<bool>();
    } else if (k == "precompress_min_bytes") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_unsigned(), path, "a non-negative integer"));
      out->precompress_min_bytes = v.get<uint64_t>();
    } else if (k == "precompress_min_saving") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number() && v.get<double>() >= 0 &&
                                          v.get<double>() < 1,
                                      path, "a number in [0, 1)"));
      out->precompress_min_saving = v.get<double>();
    } else if (k == "cache_dir") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_string(), path, "a string"));
      out->cache_dir = v.get<std::string>();
    } else if (k == "brotli_quality") {
      PAGEBAKE_RETURN_IF_ERROR(IntIn(v, path, 0, 11, &out->brotli_quality));
    } else if (k == "brotli_window") {
      PAGEBAKE_RETURN_IF_ERROR(IntIn(v, path, 10, 24, &out->brotli_window));
    } else if (k == "gzip_encoder") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(
          v.is_string() && (v == "libdeflate" || v == "zopfli"), path, "\"libdeflate\" or \"zopfli\""));
      out->gzip_encoder = v == "zopfli" ? GzipEncoder::kZopfli : GzipEncoder::kLibdeflate;
    } else if (k == "zopfli_iterations") {
      PAGEBAKE_RETURN_IF_ERROR(IntIn(v, path, 1, 1000, &out->zopfli_iterations));
    } else if (k == "sri_own_origins") {
      PAGEBAKE_RETURN_IF_ERROR(StringList(v, path, &out->sri_own_origins));
    } else if (k == "cache_control_hashed") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_string(), path, "a string"));
      out->cache_control_hashed = v.get<std::string>();
    } else if (k == "manifest_format") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(
          v.is_string() && (v == "pagebake" || v == "vite"), path, "\"pagebake\" or \"vite\""));
      out->vite_manifest = v == "vite";
    } else if (k == "cache_control_entry") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_string(), path, "a string"));
      out->cache_control_entry = v.get<std::string>();
    } else {
      return Status::InvalidArgument(path + ": unknown option");
    }
  }
  return Status::OK();
}

}  // namespace pagebake::delivery
