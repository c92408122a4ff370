#include "filters/image/image_filters.h"

#include <nlohmann/json.hpp>

#include "filters/image/convert_gif_to_png_filter.h"
#include "filters/image/convert_png_to_jpeg_filter.h"
#include "filters/image/inline_images_filter.h"
#include "filters/image/jpeg_subsampling_filter.h"
#include "filters/image/recompress_jpeg_filter.h"
#include "filters/image/recompress_png_filter.h"
#include "filters/image/recompress_webp_filter.h"
#include "filters/image/resize_filter.h"
#include "filters/image/responsive_filter.h"
#include "filters/image/strip_color_profile_filter.h"
#include "filters/image/strip_metadata_filter.h"
#include "filters/image/webp_filter.h"

namespace pagebake::image {

std::unique_ptr<Filter> CreateFilter(const FilterInfo& info, const Options& options) {
  const std::string_view id = info.id;
  if (id == "img-recompress-png") return std::make_unique<RecompressPngFilter>(&info);
  if (id == "img-recompress-jpeg") return std::make_unique<RecompressJpegFilter>(&info);
  if (id == "img-recompress-webp") return std::make_unique<RecompressWebpFilter>(&info);
  if (id == "img-convert-gif-to-png") return std::make_unique<ConvertGifToPngFilter>(&info);
  if (id == "img-convert-png-to-jpeg") return std::make_unique<ConvertPngToJpegFilter>(&info);
  if (id == "img-jpeg-subsampling") return std::make_unique<JpegSubsamplingFilter>(&info);
  if (id == "img-strip-metadata") return std::make_unique<StripMetadataFilter>(&info);
  if (id == "img-strip-color-profile") return std::make_unique<StripColorProfileFilter>(&info);
  if (id == "img-webp") return std::make_unique<WebpFilter>(&info, options.image.webp_mode);
  if (id == "img-inline") return std::make_unique<InlineImagesFilter>(&info);
  if (id == "img-resize") return std::make_unique<ResizeFilter>(&info);
  if (id == "img-responsive") return std::make_unique<ResponsiveFilter>(&info);
  return nullptr;
}

namespace {

Status Bad(const std::string& key, const std::string& why) {
  return Status::InvalidArgument("image." + key + ": " + why);
}

template <typename T>
Status ReadInt(const nlohmann::json& v, const std::string& key, T lo, T hi, T* out) {
  if (!v.is_number_integer()) return Bad(key, "expected an integer");
  auto x = v.get<long long>();
  if (x < static_cast<long long>(lo) || static_cast<unsigned long long>(x) > static_cast<unsigned long long>(hi))
    return Bad(key, "out of range " + std::to_string(lo) + ".." + std::to_string(hi));
  *out = static_cast<T>(x);
  return Status::OK();
}

}  // namespace

Status ParseOptions(const nlohmann::json& json, ImageOptions* out) {
  if (!json.is_object()) return Status::InvalidArgument("image: expected an object");
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string& k = it.key();
    const nlohmann::json& v = it.value();
    if (k == "max-decoded-pixels") {
      PAGEBAKE_RETURN_IF_ERROR(ReadInt<uint64_t>(v, k, 1, 1ull << 40, &out->max_decoded_pixels));
    } else if (k == "max-file-bytes") {
      PAGEBAKE_RETURN_IF_ERROR(ReadInt<uint64_t>(v, k, 1, 1ull << 40, &out->max_file_bytes));
    } else if (k == "jpeg-quality") {
      PAGEBAKE_RETURN_IF_ERROR(ReadInt(v, k, 0, 100, &out->jpeg_quality));
    } else if (k == "webp-quality") {
      PAGEBAKE_RETURN_IF_ERROR(ReadInt(v, k, 0, 100, &out->webp_quality));
    } else if (k == "png-to-jpeg-quality") {
      PAGEBAKE_RETURN_IF_ERROR(ReadInt(v, k, 1, 100, &out->png_to_jpeg_quality));
    } else if (k == "inline-max-bytes") {
      PAGEBAKE_RETURN_IF_ERROR(ReadInt<uint64_t>(v, k, 0, 1ull << 30, &out->inline_max_bytes));
    } else if (k == "css-inline-max-bytes") {
      PAGEBAKE_RETURN_IF_ERROR(
          ReadInt<uint64_t>(v, k, 0, 1ull << 30, &out->css_inline_max_bytes));
    } else if (k == "inline-request-overhead") {
      PAGEBAKE_RETURN_IF_ERROR(
          ReadInt<uint64_t>(v, k, 0, 1ull << 30, &out->inline_request_overhead));
    } else if (k == "max-animation-frames") {
      PAGEBAKE_RETURN_IF_ERROR(ReadInt(v, k, 1, 1000000, &out->max_animation_frames));
    } else if (k == "resize-density") {
      if (!v.is_number()) return Bad(k, "expected a number");
      double d = v.get<double>();
      if (!(d >= 1 && d <= 4)) return Bad(k, "out of range 1..4");
      out->resize_density = d;
    } else if (k == "responsive-densities") {
      if (!v.is_array() || v.empty() || v.size() > 8)
        return Bad(k, "expected an array of 1 to 8 numbers");
      std::vector<double> ds;
      for (const nlohmann::json& e : v) {
        if (!e.is_number()) return Bad(k, "expected an array of 1 to 8 numbers");
        double d = e.get<double>();
        if (!(d >= 0.25 && d <= 8)) return Bad(k, "each density in range 0.25..8");
        ds.push_back(d);
      }
      out->responsive_densities = std::move(ds);
    } else if (k == "min-ssim" || k == "zopfli-seconds") {
      if (!v.is_number()) return Bad(k, "expected a number");
      double d = v.get<double>();
      if (k == "min-ssim") {
        if (d < 0 || d > 1) return Bad(k, "out of range 0..1");
        out->min_ssim = d;
      } else {
        if (d < 0 || d > 3600) return Bad(k, "out of range 0..3600");
        out->zopfli_seconds = d;
      }
    } else if (k == "webp-mode") {
      std::string s = v.is_string() ? v.get<std::string>() : "";
      if (s == "picture") out->webp_mode = WebpMode::kPicture;
      else if (s == "replace") out->webp_mode = WebpMode::kReplace;
      else return Bad(k, "expected \"picture\" or \"replace\"");
    } else if (k == "effort") {
      std::string s = v.is_string() ? v.get<std::string>() : "";
      if (s == "fast") out->effort = ImageEffort::kFast;
      else if (s == "default") out->effort = ImageEffort::kDefault;
      else if (s == "max") out->effort = ImageEffort::kMax;
      else return Bad(k, "expected \"fast\", \"default\" or \"max\"");
    } else {
      return Bad(k, "unknown option");
    }
  }
  return Status::OK();
}

}  // namespace pagebake::image
