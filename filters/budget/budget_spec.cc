#include "filters/budget/budget_spec.h"

#include <set>

#include <nlohmann/json.hpp>

#include "filters/budget/glob.h"
#include "filters/core/filter_table.h"

namespace pagebake::budget {
namespace {

using nlohmann::json;

class Parser {
 public:
  explicit Parser(std::string origin) : origin_(std::move(origin)) {}

  Status Error(const std::string& path, const std::string& msg) const {
    return Status::InvalidArgument(origin_ + ": " + path + ": " + msg);
  }

  // Keys of `obj` must all be in `known`.
  Status OnlyKeys(const json& obj, const std::string& path,
                  std::initializer_list<const char*> known) const {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool ok = false;
      for (const char* k : known) ok = ok || it.key() == k;
      if (!ok) {
        std::string list;
        for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        return Error(path + "." + it.key(), "unknown key (known: " + list + ")");
      }
    }
    return Status::OK();
  }

  Status Level(const json& obj, const std::string& path, BudgetLevel dflt, BudgetLevel* out) const {
    *out = dflt;
    if (!obj.contains("level")) return Status::OK();
    const json& v = obj["level"];
    if (v.is_string() && v.get<std::string>() == "warn") *out = BudgetLevel::kWarn;
    else if (v.is_string() && v.get<std::string>() == "error") *out = BudgetLevel::kError;
    else return Error(path + ".level", "must be \"warn\" or \"error\"");
    return Status::OK();
  }

  Status EncodingOf(const json& obj, const std::string& path, std::optional<Encoding>* out) const {
    if (!obj.contains("encoding")) return Status::OK();
    const json& v = obj["encoding"];
    Encoding e;
    if (!v.is_string() || !ParseEncoding(v.get<std::string>(), &e))
      return Error(path + ".encoding", "must be \"br\", \"gzip\" or \"raw\"");
    *out = e;
    return Status::OK();
  }

  Status OneLimit(const json& v, const std::string& path, Quantity q, LimitAt* out) const {
    out->json_path = path;
    if (v.is_string()) {
      const std::string text = v.get<std::string>();
      out->limit.text = text;
      double pct = 0;
      std::string err;
      if (ParsePercent(text, &pct, &err)) {
        if (!err.empty()) return Error(path, err);
        out->limit.percent = pct;
        return Status::OK();
      }
      if (q == Quantity::kCount)
        return Error(path, "'" + text + "': a count is a JSON integer (e.g. 20) or \"+5%\"");
      Result<int64_t> r = q == Quantity::kBytes ? ParseSizeText(text) : ParseDurationText(text);
      if (!r.ok()) return Error(path, r.status().message());
      out->limit.value = *r;
      return Status::OK();
    }
    if (v.is_number()) {
      if (q != Quantity::kCount) {
        std::string hint = q == Quantity::kBytes ? "\"150 kB\" (1000 B) or \"150 KiB\" (1024 B)"
                                                 : "\"50 ms\"";
        return Error(path, "a bare number (" + v.dump() + ") is ambiguous: write the unit, e.g. " + hint);
      }
      if (!v.is_number_integer() || (v.is_number_integer() && v.get<int64_t>() < 0))
        return Error(path, "a count must be a non-negative integer, got " + v.dump());
      out->limit.value = v.get<int64_t>();
      out->limit.text = v.dump();
      return Status::OK();
    }
    return Error(path, "must be a limit string (\"150 kB\", \"+5%\")" +
                           std::string(q == Quantity::kCount ? " or an integer" : ""));
  }

  // A limit, or an array of limits (each becomes a check).
  Status Limits(const json& obj, const char* key, const std::string& path, Quantity q,
                std::vector<LimitAt>* out) const {
    if (!obj.contains(key)) return Status::OK();
    const json& v = obj[key];
    const std::string p = path + "." + key;
    if (v.is_array()) {
      if (v.empty()) return Error(p, "empty list of limits");
      for (size_t i = 0; i < v.size(); ++i) {
        LimitAt l;
        PAGEBAKE_RETURN_IF_ERROR(OneLimit(v[i], p + "[" + std::to_string(i) + "]", q, &l));
        out->push_back(std::move(l));
      }
      return Status::OK();
    }
    LimitAt l;
    PAGEBAKE_RETURN_IF_ERROR(OneLimit(v, p, q, &l));
    out->push_back(std::move(l));
    return Status::OK();
  }

  Status Glob(const json& obj, const std::string& path, std::string* out) const {
    if (!obj.contains("glob")) return Error(path, "missing \"glob\"");
    const json& v = obj["glob"];
    if (!v.is_string() || v.get<std::string>().empty())
      return Error(path + ".glob", "must be a non-empty string");
    *out = v.get<std::string>();
    return Status::OK();
  }

  Status Pagebake(const json& j, BudgetSpec* spec) const {
    PAGEBAKE_RETURN_IF_ERROR(OnlyKeys(j, "$", {"schema", "encoding", "level", "files", "pages",
                                               "filters", "comment"}));
    if (j.contains("schema") &&
        (!j["schema"].is_string() || j["schema"].get<std::string>() != kBudgetFileSchema))
      return Error("$.schema", "must be \"" + std::string(kBudgetFileSchema) + "\"");
    PAGEBAKE_RETURN_IF_ERROR(EncodingOf(j, "$", &spec->encoding));
    BudgetLevel dflt;
    PAGEBAKE_RETURN_IF_ERROR(Level(j, "$", BudgetLevel::kError, &dflt));
    for (const char* section : {"files", "pages", "filters"})
      if (j.contains(section) && !j[section].is_array())
        return Error(std::string("$.") + section, "must be an array");
    if (!j.contains("files") && !j.contains("pages") && !j.contains("filters"))
      return Error("$", "no rules: give \"files\", \"pages\" or \"filters\"");

    PAGEBAKE_RETURN_IF_ERROR(Files(j, dflt, spec));
    PAGEBAKE_RETURN_IF_ERROR(Pages(j, dflt, spec));
    PAGEBAKE_RETURN_IF_ERROR(Costs(j, dflt, spec));
    return Status::OK();
  }

  Status Files(const json& j, BudgetLevel dflt, BudgetSpec* spec) const {
    if (j.contains("files")) {
      const json& a = j["files"];
      for (size_t i = 0; i < a.size(); ++i) {
        const std::string p = "$.files[" + std::to_string(i) + "]";
        if (!a[i].is_object()) return Error(p, "must be an object");
        PAGEBAKE_RETURN_IF_ERROR(
            OnlyKeys(a[i], p, {"glob", "aggregate", "max", "encoding", "level", "comment"}));
        FileRule r;
        r.json_path = p;
        PAGEBAKE_RETURN_IF_ERROR(Glob(a[i], p, &r.glob));
        // Required: "each" and "sum" differ by the number of files, and a silent default would
        // let a budget pass that its author meant to fail.
        if (!a[i].contains("aggregate")) return Error(p, "missing \"aggregate\": \"each\" or \"sum\"");
        const json& ag = a[i]["aggregate"];
        if (ag == "each") r.each = true;
        else if (ag == "sum") r.each = false;
        else return Error(p + ".aggregate", "must be \"each\" or \"sum\"");
        PAGEBAKE_RETURN_IF_ERROR(EncodingOf(a[i], p, &r.encoding));
        PAGEBAKE_RETURN_IF_ERROR(Level(a[i], p, dflt, &r.level));
        PAGEBAKE_RETURN_IF_ERROR(Limits(a[i], "max", p, Quantity::kBytes, &r.max));
        if (r.max.empty()) return Error(p, "missing \"max\"");
        spec->files.push_back(std::move(r));
      }
    }
    return Status::OK();
  }

  Status Pages(const json& j, BudgetLevel dflt, BudgetSpec* spec) const {
    if (j.contains("pages")) {
      const json& a = j["pages"];
      for (size_t i = 0; i < a.size(); ++i) {
        const std::string p = "$.pages[" + std::to_string(i) + "]";
        if (!a[i].is_object()) return Error(p, "must be an object");
        PAGEBAKE_RETURN_IF_ERROR(OnlyKeys(
            a[i], p, {"glob", "max_weight", "max_requests", "encoding", "level", "comment"}));
        PageRule r;
        r.json_path = p;
        PAGEBAKE_RETURN_IF_ERROR(Glob(a[i], p, &r.glob));
        PAGEBAKE_RETURN_IF_ERROR(EncodingOf(a[i], p, &r.encoding));
        PAGEBAKE_RETURN_IF_ERROR(Level(a[i], p, dflt, &r.level));
        PAGEBAKE_RETURN_IF_ERROR(Limits(a[i], "max_weight", p, Quantity::kBytes, &r.max_weight));
        PAGEBAKE_RETURN_IF_ERROR(Limits(a[i], "max_requests", p, Quantity::kCount, &r.max_requests));
        if (r.max_weight.empty() && r.max_requests.empty())
          return Error(p, "no limit: give \"max_weight\" and/or \"max_requests\"");
        spec->pages.push_back(std::move(r));
      }
    }
    return Status::OK();
  }

  Status Costs(const json& j, BudgetLevel dflt, BudgetSpec* spec) const {
    if (j.contains("filters")) {
      const json& a = j["filters"];
      for (size_t i = 0; i < a.size(); ++i) {
        const std::string p = "$.filters[" + std::to_string(i) + "]";
        if (!a[i].is_object()) return Error(p, "must be an object");
        PAGEBAKE_RETURN_IF_ERROR(OnlyKeys(a[i], p, {"filter", "stage", "process", "max_wall",
                                                    "max_cpu", "max_syscalls", "max_io_syscalls",
                                                    "max_read", "max_written", "level", "comment"}));
        CostRule r;
        r.json_path = p;
        PAGEBAKE_RETURN_IF_ERROR(CostTarget(a[i], p, &r));
        PAGEBAKE_RETURN_IF_ERROR(Level(a[i], p, dflt, &r.level));
        struct M { const char* key; const char* metric; Quantity q; };
        static constexpr M kMetrics[] = {
            {"max_wall", "wall", Quantity::kNanoseconds},
            {"max_cpu", "cpu", Quantity::kNanoseconds},
            {"max_syscalls", "syscalls", Quantity::kCount},
            {"max_io_syscalls", "io_syscalls", Quantity::kCount},
            {"max_read", "read", Quantity::kBytes},
            {"max_written", "written", Quantity::kBytes},
        };
        for (const M& m : kMetrics) {
          std::vector<LimitAt> ls;
          PAGEBAKE_RETURN_IF_ERROR(Limits(a[i], m.key, p, m.q, &ls));
          for (LimitAt& l : ls) r.limits.push_back({m.metric, m.q, std::move(l)});
        }
        if (r.limits.empty())
          return Error(p, "no limit: give max_wall, max_cpu, max_syscalls, max_io_syscalls, "
                          "max_read or max_written");
        spec->costs.push_back(std::move(r));
      }
    }
    return Status::OK();
  }

  Status CostTarget(const json& o, const std::string& p, CostRule* r) const {
    int targets = o.contains("filter") + o.contains("stage") + o.contains("process");
    if (targets != 1) return Error(p, "give exactly one of \"filter\", \"stage\", \"process\"");
    if (o.contains("process")) {
      if (o["process"] != true) return Error(p + ".process", "must be true");
      r->target = CostRule::Target::kProcess;
      return Status::OK();
    }
    const bool filter = o.contains("filter");
    const json& v = filter ? o["filter"] : o["stage"];
    const std::string vp = p + (filter ? ".filter" : ".stage");
    if (!v.is_string() || v.get<std::string>().empty()) return Error(vp, "must be a non-empty string");
    r->name = v.get<std::string>();
    r->target = filter ? CostRule::Target::kFilter : CostRule::Target::kStage;
    if (!filter) return Status::OK();  // stage names follow the pipeline; checked against the report
    // A misspelt filter id would never match a report row and so never fail: refuse it here.
    bool any = false;
    for (const FilterInfo& f : FilterTable()) any = any || GlobMatch(r->name, f.id);
    if (!any) return Error(vp, "'" + r->name + "' is not a filter id (see `pagebake filters`)");
    return Status::OK();
  }

  Status Resources(const json& b, const char* key, const std::string& p,
                   std::vector<ResourceLimit>* out) const {
    if (!b.contains(key)) return Status::OK();
    const json& a = b[key];
    const std::string ap = p + "." + key;
    if (!a.is_array()) return Error(ap, "must be an array");
    static const std::set<std::string> kTypes = {"total", "document", "script", "stylesheet", "image",
                                                 "media", "font", "other", "third-party"};
    std::set<std::string> seen;
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string ip = ap + "[" + std::to_string(i) + "]";
      if (!a[i].is_object()) return Error(ip, "must be an object");
      PAGEBAKE_RETURN_IF_ERROR(OnlyKeys(a[i], ip, {"resourceType", "budget"}));
      if (!a[i].contains("resourceType") || !a[i]["resourceType"].is_string() ||
          !kTypes.count(a[i]["resourceType"].get<std::string>()))
        return Error(ip + ".resourceType",
                     "invalid resource type (valid: total, document, script, stylesheet, image, "
                     "media, font, other, third-party)");
      const std::string type = a[i]["resourceType"].get<std::string>();
      if (!seen.insert(type).second) return Error(ip, "duplicate entry of type '" + type + "'");
      if (!a[i].contains("budget") || !a[i]["budget"].is_number() || a[i]["budget"].get<double>() < 0)
        return Error(ip + ".budget", "must be a non-negative number");
      out->push_back({type, a[i]["budget"].get<double>(), ip + ".budget"});
    }
    return Status::OK();
  }

  Status Lighthouse(const json& j, BudgetSpec* spec) const {
    spec->lighthouse = true;
    if (j.empty()) return Error("$", "an empty list of budgets checks nothing");
    static const std::set<std::string> kMetrics = {
        "first-contentful-paint", "interactive", "first-meaningful-paint", "max-potential-fid",
        "total-blocking-time", "speed-index", "largest-contentful-paint", "cumulative-layout-shift"};
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = "$[" + std::to_string(i) + "]";
      const json& b = j[i];
      if (!b.is_object()) return Error(p, "must be an object (a budget)");
      PAGEBAKE_RETURN_IF_ERROR(
          OnlyKeys(b, p, {"path", "options", "resourceSizes", "resourceCounts", "timings"}));
      LighthouseBudget lb;
      lb.json_path = p;
      if (b.contains("path")) {
        if (!b["path"].is_string()) return Error(p + ".path", "must be a string");
        std::string why = ValidateRobotsPath(b["path"].get<std::string>());
        if (!why.empty()) return Error(p + ".path", why + " (robots.txt format)");
        lb.path = b["path"].get<std::string>();
      }
      if (b.contains("options")) {
        const json& o = b["options"];
        if (!o.is_object()) return Error(p + ".options", "must be an object");
        PAGEBAKE_RETURN_IF_ERROR(OnlyKeys(o, p + ".options", {"firstPartyHostnames"}));
        if (o.contains("firstPartyHostnames")) {
          const json& h = o["firstPartyHostnames"];
          if (!h.is_array()) return Error(p + ".options.firstPartyHostnames", "must be an array of strings");
          for (const json& s : h)
            if (!s.is_string()) return Error(p + ".options.firstPartyHostnames", "must be an array of strings");
        }
      }
      PAGEBAKE_RETURN_IF_ERROR(Resources(b, "resourceSizes", p, &lb.sizes));
      PAGEBAKE_RETURN_IF_ERROR(Resources(b, "resourceCounts", p, &lb.counts));
      if (b.contains("timings")) {
        const json& a = b["timings"];
        if (!a.is_array()) return Error(p + ".timings", "must be an array");
        std::set<std::string> seen;
        for (size_t k = 0; k < a.size(); ++k) {
          const std::string ip = p + ".timings[" + std::to_string(k) + "]";
          if (!a[k].is_object()) return Error(ip, "must be an object");
          PAGEBAKE_RETURN_IF_ERROR(OnlyKeys(a[k], ip, {"metric", "budget"}));
          if (!a[k].contains("metric") || !a[k]["metric"].is_string() ||
              !kMetrics.count(a[k]["metric"].get<std::string>()))
            return Error(ip + ".metric", "invalid timing metric");
          const std::string m = a[k]["metric"].get<std::string>();
          if (!seen.insert(m).second) return Error(ip, "duplicate entry of type '" + m + "'");
          if (!a[k].contains("budget") || !a[k]["budget"].is_number())
            return Error(ip + ".budget", "must be a number");
          lb.timings.push_back({m, a[k]["budget"].get<double>(), ip});
        }
      }
      spec->budgets.push_back(std::move(lb));
    }
    return Status::OK();
  }

 private:
  std::string origin_;
};

}  // namespace

Status ParseBudgetSpec(const std::string& text, const std::string& origin, BudgetSpec* out) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  Parser p(origin);
  if (j.is_discarded()) return p.Error("$", "not valid JSON");
  if (j.is_array()) return p.Lighthouse(j, out);
  if (j.is_object()) return p.Pagebake(j, out);
  return p.Error("$", "must be an array (Lighthouse budget.json) or an object (pagebake budget)");
}

}  // namespace pagebake::budget
