// The config file (pagebake.json): the same settings as the CLI, which overrides it. Every key
// is checked; an unknown key is an error naming its JSON path, so a typo never silently does
// nothing.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "filters/core/filter_table.h"
#include "filters/css/css_filters.h"
#include "filters/delivery/delivery_filters.h"
#include "filters/html/html_filters.h"
#include "filters/image/image_filters.h"
#include "filters/js/js_filters.h"
#include "pagebake/pagebake.h"

namespace pagebake {
namespace {

using nlohmann::json;

Status Expect(bool ok, const std::string& path, const char* what) {
  return ok ? Status::OK() : Status::InvalidArgument(path + ": expected " + what);
}

Status ReadIdList(const json& v, const std::string& path, std::vector<std::string>* out) {
  PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_array(), path, "an array of filter ids"));
  out->clear();
  for (size_t i = 0; i < v.size(); ++i) {
    PAGEBAKE_RETURN_IF_ERROR(
        Expect(v[i].is_string(), path + "[" + std::to_string(i) + "]", "a string"));
    out->push_back(v[i].get<std::string>());
  }
  return Status::OK();
}

// "paths": [{"match": "docs/*.html", "disable": ["html-collapse-whitespace"]}, ...]
Status ReadPathRules(const json& v, const std::string& path, std::vector<PathRule>* out) {
  PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_array(), path, "an array of {\"match\", \"disable\"}"));
  out->clear();
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    PAGEBAKE_RETURN_IF_ERROR(Expect(v[i].is_object(), at, "an object"));
    PathRule rule;
    for (auto it = v[i].begin(); it != v[i].end(); ++it) {
      if (it.key() == "match") {
        PAGEBAKE_RETURN_IF_ERROR(Expect(it.value().is_string() &&
                                            !it.value().get<std::string>().empty(),
                                        at + ".match", "a non-empty glob string"));
        rule.match = it.value().get<std::string>();
      } else if (it.key() == "disable") {
        PAGEBAKE_RETURN_IF_ERROR(ReadIdList(it.value(), at + ".disable", &rule.disable));
      } else if (it.key() != "comment") {
        return Status::InvalidArgument(at + "." + it.key() + ": unknown option");
      }
    }
    if (rule.match.empty()) return Status::InvalidArgument(at + ": missing \"match\"");
    out->push_back(std::move(rule));
  }
  return Status::OK();
}

}  // namespace

Status LoadConfigJson(const std::string& text, const std::string& origin, Options* o) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (j.is_discarded()) return Status::InvalidArgument(origin + ": not valid JSON");
  if (!j.is_object()) return Status::InvalidArgument(origin + ": expected a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const json& v = it.value();
    std::string path = origin + ": " + k;
    if (k == "$schema" || k == "comment") {
      continue;
    } else if (k == "source") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_string(), path, "a string"));
      o->source_dir = v.get<std::string>();
    } else if (k == "output") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_string(), path, "a string"));
      o->output_dir = v.get<std::string>();
    } else if (k == "level") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_string(), path, "a string"));
      if (!ParseLevel(v.get<std::string>(), &o->level))
        return Status::InvalidArgument(path + ": unknown level '" + v.get<std::string>() +
                                       "' (passthrough, core, bandwidth, all)");
    } else if (k == "filters") {
      PAGEBAKE_RETURN_IF_ERROR(ReadIdList(v, path, &o->enable));
    } else if (k == "disable") {
      PAGEBAKE_RETURN_IF_ERROR(ReadIdList(v, path, &o->disable));
    } else if (k == "paths") {
      PAGEBAKE_RETURN_IF_ERROR(ReadPathRules(v, path, &o->paths));
    } else if (k == "jobs") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_integer() && v.get<int>() >= 0, path,
                                      "a non-negative integer"));
      o->jobs = v.get<int>();
    } else if (k == "io") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v == "read" || v == "mmap", path, "\"read\" or \"mmap\""));
      o->io = v == "mmap" ? IoStrategy::kMmap : IoStrategy::kRead;
    } else if (k == "skip_hidden" || k == "clean" || k == "strict") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_boolean(), path, "true or false"));
      (k == "skip_hidden" ? o->skip_hidden : k == "clean" ? o->clean : o->strict) = v.get<bool>();
    } else if (k == "max_file_bytes" || k == "max_files" || k == "max_output_bytes") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number_unsigned(), path, "a positive integer"));
      (k == "max_files" ? o->max_files
       : k == "max_file_bytes" ? o->max_file_bytes : o->max_output_bytes) = v.get<uint64_t>();
    } else if (k == "max_file_seconds") {
      PAGEBAKE_RETURN_IF_ERROR(Expect(v.is_number() && v.get<double>() >= 0, path,
                                      "a number of seconds (0: no limit)"));
      o->max_file_seconds = v.get<double>();
    } else if (k == "html") {
      Status s = html::ParseOptions(v, &o->html);
      if (!s.ok()) return Status::InvalidArgument(origin + ": " + s.message());
    } else if (k == "css") {
      Status s = css::ParseOptions(v, &o->css);
      if (!s.ok()) return Status::InvalidArgument(origin + ": " + s.message());
    } else if (k == "js") {
      Status s = js::ParseOptions(v, &o->js);
      if (!s.ok()) return Status::InvalidArgument(origin + ": " + s.message());
    } else if (k == "image") {
      Status s = image::ParseOptions(v, &o->image);
      if (!s.ok()) return Status::InvalidArgument(origin + ": " + s.message());
    } else if (k == "delivery") {
      Status s = delivery::ParseOptions(v, &o->delivery);
      if (!s.ok()) return Status::InvalidArgument(origin + ": " + s.message());
    } else {
      return Status::InvalidArgument(path + ": unknown option");
    }
  }
  return Status::OK();
}

Status LoadConfigFile(const std::string& path, Options* o) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read config file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return LoadConfigJson(ss.str(), path, o);
}

}  // namespace pagebake
