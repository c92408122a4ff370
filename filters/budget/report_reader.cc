#include "filters/budget/report_reader.h"

#include <nlohmann/json.hpp>

namespace pagebake::budget {
namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string what) : what_(std::move(what)) {}

  Status Error(const std::string& path, const std::string& msg) const {
    return Status::InvalidArgument(what_ + ": " + path + ": " + msg);
  }

  // An optional integer field; present but not an integer is an error.
  Status Int(const json& o, const char* key, const std::string& path, int64_t* out) const {
    if (!o.contains(key) || o[key].is_null()) return Status::OK();
    if (!o[key].is_number_integer()) return Error(path + "." + key, "must be an integer");
    *out = o[key].get<int64_t>();
    return Status::OK();
  }

  Status Counters(const json& o, const std::string& p, CostCounters* c) const {
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "wall_ns", p, &c->wall_ns));
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "cpu_user_ns", p, &c->cpu_user_ns));
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "cpu_sys_ns", p, &c->cpu_sys_ns));
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "syscr", p, &c->syscr));
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "syscw", p, &c->syscw));
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "read_bytes", p, &c->read_bytes));
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "write_bytes", p, &c->write_bytes));
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "minor_faults", p, &c->minor_faults));
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "major_faults", p, &c->major_faults));
    // io_syscalls is syscr + syscw; a report that only has the sum keeps it in syscr.
    if (!o.contains("syscr") && !o.contains("syscw"))
      PAGEBAKE_RETURN_IF_ERROR(Int(o, "io_syscalls", p, &c->syscr));
    if (o.contains("syscalls") && !o["syscalls"].is_null()) {
      int64_t n = 0;
      PAGEBAKE_RETURN_IF_ERROR(Int(o, "syscalls", p, &n));
      c->syscalls = n;
    }
    return Status::OK();
  }

  Status String(const json& o, const char* key, const std::string& path, std::string* out) const {
    if (!o.contains(key) || o[key].is_null()) return Status::OK();
    if (!o[key].is_string()) return Error(path + "." + key, "must be a string");
    *out = o[key].get<std::string>();
    return Status::OK();
  }

  Status Output(const json& o, const std::string& p, OutputFile* f) const {
    if (!o.is_object()) return Error(p, "must be an object");
    PAGEBAKE_RETURN_IF_ERROR(String(o, "path", p, &f->path));
    if (f->path.empty()) return Error(p + ".path", "missing");
    PAGEBAKE_RETURN_IF_ERROR(String(o, "source", p, &f->source));
    PAGEBAKE_RETURN_IF_ERROR(String(o, "content_type", p, &f->content_type));
    int64_t n = 0;
    PAGEBAKE_RETURN_IF_ERROR(Int(o, "bytes", p, &n));
    f->bytes = static_cast<uint64_t>(n);
    for (const char* key : {"gzip_bytes", "br_bytes"}) {
      if (!o.contains(key) || o[key].is_null()) continue;
      int64_t v = 0;
      PAGEBAKE_RETURN_IF_ERROR(Int(o, key, p, &v));
      (std::string(key) == "gzip_bytes" ? f->gzip_bytes : f->br_bytes) = static_cast<uint64_t>(v);
    }
    if (o.contains("loads")) {
      if (!o["loads"].is_array()) return Error(p + ".loads", "must be an array");
      for (const json& l : o["loads"]) {
        if (l.is_string()) f->loads.push_back(l.get<std::string>());
        else if (l.is_object() && l.contains("path") && l["path"].is_string())
          f->loads.push_back(l["path"].get<std::string>());
        else return Error(p + ".loads", "entries must be paths");
      }
    }
    return Status::OK();
  }

 private:
  std::string what_;
};

}  // namespace

Status ReadReport(const std::string& text, const std::string& what, Report* out) {
  Reader rd(what);
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return rd.Error("$", "not valid JSON");
  if (!j.contains("schema") || !j["schema"].is_string() ||
      j["schema"].get<std::string>().rfind("pagebake-report/", 0) != 0)
    return rd.Error("$.schema", "not a pagebake-report/1 (give the JSON written by --report)");
  *out = Report();
  if (j.contains("exact") && j["exact"].is_boolean()) out->exact = j["exact"].get<bool>();
  if (j.contains("process")) {
    if (!j["process"].is_object()) return rd.Error("$.process", "must be an object");
    PAGEBAKE_RETURN_IF_ERROR(rd.Counters(j["process"], "$.process", &out->process));
  }
  if (j.contains("rows")) {
    if (!j["rows"].is_array()) return rd.Error("$.rows", "must be an array");
    for (size_t i = 0; i < j["rows"].size(); ++i) {
      const json& o = j["rows"][i];
      const std::string p = "$.rows[" + std::to_string(i) + "]";
      if (!o.is_object()) return rd.Error(p, "must be an object");
      ReportRow row;
      PAGEBAKE_RETURN_IF_ERROR(rd.String(o, "name", p, &row.name));
      PAGEBAKE_RETURN_IF_ERROR(rd.String(o, "kind", p, &row.kind));
      PAGEBAKE_RETURN_IF_ERROR(rd.Counters(o, p, &row.cost));
      out->rows.push_back(std::move(row));
    }
  }
  if (j.contains("outputs")) {
    if (!j["outputs"].is_array()) return rd.Error("$.outputs", "must be an array");
    for (size_t i = 0; i < j["outputs"].size(); ++i) {
      OutputFile f;
      PAGEBAKE_RETURN_IF_ERROR(rd.Output(j["outputs"][i], "$.outputs[" + std::to_string(i) + "]", &f));
      out->outputs.push_back(std::move(f));
    }
  }
  return Status::OK();
}

}  // namespace pagebake::budget
