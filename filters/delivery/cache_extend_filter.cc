#include "filters/delivery/cache_extend_filter.h"

#include <algorithm>

#include "filters/core/hash.h"

namespace pagebake::delivery {
namespace {

std::string HashFor(const DeliveryOptions& o, std::string_view bytes) {
  return Sha256Hex(bytes).substr(0, std::clamp(o.hash_length, 4, 64));
}

}  // namespace

bool IsCacheableType(ContentType t) {
  switch (t) {
    case ContentType::kCss: case ContentType::kJs: case ContentType::kPng:
    case ContentType::kJpeg: case ContentType::kGif: case ContentType::kWebp:
    case ContentType::kAvif: case ContentType::kSvg: case ContentType::kIco:
    case ContentType::kFont: case ContentType::kMedia: case ContentType::kPdf:
    case ContentType::kWasm:
      return true;
    default:
      return false;
  }
}

bool WantsHashedName(const DeliveryOptions& o, const Resource& r, bool referenced) {
  if (r.entry_point || r.skipped) return false;
  if (!referenced && !o.hash_unreferenced) return false;
  if (o.hash_types.empty()) return IsCacheableType(r.type);
  return std::find(o.hash_types.begin(), o.hash_types.end(), ContentTypeName(r.type)) !=
         o.hash_types.end();
}

std::string HashedPath(const DeliveryOptions& o, std::string_view path, std::string_view bytes) {
  const std::string hash = HashFor(o, bytes);
  size_t slash = path.find_last_of('/');
  std::string_view dir = slash == std::string_view::npos ? "" : path.substr(0, slash + 1);
  std::string_view file = path.substr(dir.size());
  size_t dot = file.find_last_of('.');
  // ".htaccess" has no extension: its name is the whole thing.
  bool has_ext = dot != std::string_view::npos && dot != 0;
  std::string_view name = has_ext ? file.substr(0, dot) : file;
  std::string_view ext = has_ext ? file.substr(dot + 1) : "";
  const std::string& tmpl = o.name_template;
  std::string out(dir);
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl.compare(i, 6, "[name]") == 0) {
      out += name;
      i += 6;
    } else if (tmpl.compare(i, 6, "[hash]") == 0) {
      out += hash;
      i += 6;
    } else if (tmpl.compare(i, 5, "[ext]") == 0) {
      out += ext;
      i += 5;
    } else {
      out += tmpl[i++];
    }
  }
  if (!has_ext && out.size() > dir.size() && out.back() == '.') out.pop_back();
  return out;
}

bool HasHashedName(const DeliveryOptions& o, const Resource& r) {
  if (r.entry_point || r.output_path == r.path) return false;
  std::string_view out = r.output_path;
  size_t slash = out.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? out : out.substr(slash + 1);
  return base.find(HashFor(o, r.bytes)) != std::string_view::npos;
}

std::string KeptOriginalName(const DeliveryOptions& o, const Resource& r) {
  if (!o.keep_original_names || r.generated || r.output_path == r.path) return {};
  auto ext = [](std::string_view p) {
    size_t slash = p.find_last_of('/'), dot = p.find_last_of('.');
    return dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)
               ? std::string_view()
               : p.substr(dot);
  };
  return ext(r.path) == ext(r.output_path) ? r.path : std::string();
}

Status CheckNameTemplate(std::string_view tmpl) {
  if (tmpl.find("[hash]") == std::string_view::npos)
    return Status::InvalidArgument("delivery.name_template: must contain [hash]");
  if (tmpl.find("[name]") == std::string_view::npos)
    return Status::InvalidArgument("delivery.name_template: must contain [name]");
  if (tmpl.find('/') != std::string_view::npos)
    return Status::InvalidArgument("delivery.name_template: must not contain '/'");
  return Status::OK();
}

}  // namespace pagebake::delivery
