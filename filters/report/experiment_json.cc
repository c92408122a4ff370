// JSON views of a filter experiment: the whole result (schema "pagebake-experiment/1"; fields
// are added, never renamed) and the recommended set as a pagebake.json config.
#include <nlohmann/json.hpp>

#include "pagebake/experiment.h"

namespace pagebake {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json ProfilesJson(const LoadModel& m) {
  ordered_json a = ordered_json::array();
  for (const NetworkProfile& p : m.profiles)
    a.push_back({{"name", p.name}, {"rtt_ms", p.rtt_ms}, {"mbit_per_s", p.mbit_per_s}});
  return a;
}

ordered_json PageJson(const PageMetrics& p) {
  return {{"page", p.page},         {"raw_bytes", p.raw_bytes}, {"gzip_bytes", p.gzip_bytes},
          {"br_bytes", p.br_bytes}, {"requests", p.requests},   {"depth", p.depth},
          {"load_ms", p.load_ms}};
}

ordered_json SavingsJson(const Savings& s) {
  return {{"raw_bytes", s.raw_bytes}, {"gzip_bytes", s.gzip_bytes}, {"br_bytes", s.br_bytes},
          {"requests", s.requests},   {"depth", s.depth},           {"load_ms", s.load_ms}};
}

ordered_json CostJson(const FilterCost& c) {
  return {{"wall_ms", c.wall_ms}, {"cpu_ms", c.cpu_ms}};
}

ordered_json BuildJson(const ExperimentBuild& b) {
  ordered_json j;
  j["label"] = b.label;
  j["filters"] = b.filters;
  j["ok"] = b.ok;
  if (!b.ok) j["error"] = b.error;
  j["wall_ms"] = b.wall_ms;
  j["cpu_ms"] = b.cpu_ms;
  j["fallbacks"] = b.fallbacks;
  j["error_diagnostics"] = b.error_diagnostics;
  ordered_json costs = ordered_json::object();
  for (const auto& [id, c] : b.filter_costs) costs[id] = CostJson(c);
  j["filter_costs"] = std::move(costs);
  j["total"] = PageJson(b.total);
  ordered_json pages = ordered_json::array();
  for (const PageMetrics& p : b.pages) pages.push_back(PageJson(p));
  j["pages"] = std::move(pages);
  return j;
}

ordered_json EffectJson(const FilterEffect& e, const std::vector<std::string>& pages) {
  ordered_json j;
  j["id"] = e.id;
  j["risk"] = e.risk;
  j["recommended"] = e.recommended;
  j["verdict"] = e.verdict;
  j["alone"] = SavingsJson(e.alone);
  j["in_context"] = SavingsJson(e.in_context);
  j["cost"] = CostJson(e.cost);
  j["build_cpu_delta_ms"] = e.build_cpu_delta_ms;
  ordered_json per_page = ordered_json::array();
  for (size_t k = 0; k < pages.size(); ++k) {
    ordered_json p;
    p["page"] = pages[k];
    if (k < e.alone_pages.size()) p["alone"] = SavingsJson(e.alone_pages[k]);
    if (k < e.in_context_pages.size()) p["in_context"] = SavingsJson(e.in_context_pages[k]);
    per_page.push_back(std::move(p));
  }
  j["pages"] = std::move(per_page);
  return j;
}

}  // namespace

std::string ExperimentToJson(const ExperimentResult& r) {
  ordered_json j;
  j["schema"] = "pagebake-experiment/1";
  j["mode"] = r.mode;
  j["parallel"] = r.parallel;
  j["build_jobs"] = r.build_jobs;
  j["wall_ms"] = r.wall_ms;
  j["model"] = {
      {"description", DescribeLoadModel(r.model)},
      {"setup_rtts", r.model.setup_rtts},
      {"request_overhead_bytes", r.model.request_overhead_bytes},
      {"profiles", ProfilesJson(r.model)},
      {"slowest_profile",
       r.model.profiles.empty() ? std::string() : r.model.profiles[r.slowest_profile].name}};
  j["max_ms_per_kb"] = r.max_ms_per_kb;
  j["max_risk"] = r.max_risk;
  j["candidates"] = r.candidates;
  j["pages"] = r.pages;
  ordered_json effects = ordered_json::array();
  for (const FilterEffect& e : r.effects) effects.push_back(EffectJson(e, r.pages));
  j["effects"] = std::move(effects);
  j["recommended"] = r.recommended;
  ordered_json builds = ordered_json::array();
  for (const ExperimentBuild& b : r.builds) builds.push_back(BuildJson(b));
  j["builds"] = std::move(builds);
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<std::string> RecommendedConfigJson(const ExperimentResult& r,
                                          const std::string& base_config_json) {
  ordered_json j = ordered_json::object();
  if (!base_config_json.empty()) {
    j = ordered_json::parse(base_config_json, nullptr, /*allow_exceptions=*/false,
                            /*ignore_comments=*/true);
    if (j.is_discarded() || !j.is_object())
      return Status::InvalidArgument("experiment: the base config is not a JSON object");
    for (const char* k : {"level", "filters", "disable", "source", "output", "comment"}) j.erase(k);
  }
  ordered_json out;
  out["comment"] =
      "Recommended by `pagebake experiment`: passthrough plus the filters that paid "
      "off for this site; precompress-* write the .br/.gz siblings that were measured.";
  out["level"] = "passthrough";
  std::vector<std::string> filters = r.recommended;
  filters.push_back("precompress-br");
  filters.push_back("precompress-gzip");
  out["filters"] = filters;
  for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = it.value();
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace pagebake
