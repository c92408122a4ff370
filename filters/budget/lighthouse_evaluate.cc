// Lighthouse budget.json, evaluated statically: each built page gets the last budget whose
// `path` matches it, and its requests (the page, what its HTML loads, what those stylesheets
// load) are summed by Lighthouse resource type in the chosen encoding. Lighthouse sizes are
// KiB (1024 B). What a build cannot see is reported as skipped: timings, third-party sizes, and
// third-party counts when the manifest does not record external requests.
#include <cmath>

#include "filters/budget/evaluate_internal.h"
#include "filters/budget/glob.h"

namespace pagebake::budget {
namespace {

// The URL paths a page is served at: "/blog/post.html", and "/blog/" for an index.html.
std::vector<std::string> UrlForms(const std::string& page) {
  auto rooted = [](std::string_view p) {
    std::string u(1, '/');
    u.append(p);
    return u;
  };
  std::vector<std::string> forms = {rooted(page)};
  constexpr std::string_view kIndex = "index.html";
  if (page == kIndex) forms.push_back("/");
  else if (page.size() > kIndex.size() && page.ends_with(kIndex) &&
           page[page.size() - kIndex.size() - 1] == '/')
    forms.push_back(rooted(std::string_view(page).substr(0, page.size() - kIndex.size())));
  return forms;
}

bool BudgetMatches(const LighthouseBudget& b, const std::string& page) {
  const std::string pattern = b.path.value_or("/");
  for (const std::string& u : UrlForms(page))
    if (RobotsPathMatch(pattern, u)) return true;
  return false;
}

struct PageTotals {
  std::map<std::string, int64_t> bytes, count;
  bool bytes_known = true;
  bool complete = true;  // every stylesheet's loads known
};

PageTotals Totals(const SiteMeasure& site, const std::string& page, Encoding e) {
  PageTotals t;
  for (const std::string& p : site.PageRequests(page, &t.complete)) {
    const MeasuredFile* f = site.Find(p);
    const std::string type = f ? LighthouseType(f->type) : "other";
    std::optional<uint64_t> n = site.Transfer(p, e);
    if (!n) t.bytes_known = false;
    t.bytes[type] += n.value_or(0);
    t.bytes["total"] += n.value_or(0);
    t.count[type] += 1;
    t.count["total"] += 1;
  }
  if (site.third_party_known()) {
    const auto* tp = site.ThirdParty(page);
    const int64_t n = tp ? static_cast<int64_t>(tp->size()) : 0;
    t.count["third-party"] += n;
    t.count["total"] += n;
  }
  return t;
}

BudgetCheck NewCheck(const char* kind, const std::string& json_path, const std::string& page,
                     const std::string& metric, const char* unit) {
  BudgetCheck c;
  c.kind = kind;
  c.id = "lighthouse" + json_path.substr(1) + ":" + page;
  c.subject = page;
  c.rule = json_path;
  c.metric = metric;
  c.unit = unit;
  c.level = BudgetLevel::kError;  // Lighthouse budgets have no levels: every breach fails
  return c;
}

void CheckPage(const EvalInputs& in, Encoding enc, const LighthouseBudget& b,
               const std::string& page, std::vector<BudgetCheck>* out) {
  const PageTotals now = Totals(*in.site, page, enc);
  const bool in_base = in.baseline && in.baseline->pages().count(page);
  PageTotals base;
  if (in_base) base = Totals(*in.baseline, page, enc);
  auto baseline = [&](std::optional<int64_t> v) {
    if (!in.baseline) return BaselineValue{};
    if (!in_base) return BaselineValue{Baseline::kAbsent, std::nullopt};
    if (!base.complete) return BaselineValue{Baseline::kUnknown, std::nullopt};
    return v ? BaselineValue{Baseline::kKnown, v} : BaselineValue{Baseline::kUnknown, std::nullopt};
  };
  for (const ResourceLimit& r : b.sizes) {
    BudgetCheck c = NewCheck("resource-size", r.json_path, page, r.resource_type, "bytes");
    c.encoding = EncodingName(enc);
    char text[64];
    std::snprintf(text, sizeof text, "%g KiB", r.budget);
    c.limit_text = text;
    if (r.resource_type == "third-party") {
      c.status = CheckStatus::kSkip;
      c.message = "third-party transfer sizes are not measurable at build time";
      out->push_back(std::move(c));
      continue;
    }
    auto get = [&](const PageTotals& t) -> std::optional<int64_t> {
      if (!t.bytes_known) return std::nullopt;
      auto it = t.bytes.find(r.resource_type);
      return it == t.bytes.end() ? 0 : it->second;
    };
    c.measured = get(now);
    if (r.resource_type == "total" && in.site->third_party_known() && in.site->ThirdParty(page) &&
        !in.site->ThirdParty(page)->empty())
      c.message = "first-party bytes only: third-party sizes are not measurable at build time";
    Limit l;
    l.value = static_cast<int64_t>(std::floor(r.budget * 1024.0));
    l.text = c.limit_text;
    Judge(&c, l, baseline(in_base ? get(base) : std::nullopt));
    out->push_back(std::move(c));
  }
  for (const ResourceLimit& r : b.counts) {
    BudgetCheck c = NewCheck("resource-count", r.json_path, page, r.resource_type, "count");
    char text[64];
    std::snprintf(text, sizeof text, "%g", r.budget);
    c.limit_text = text;
    if ((r.resource_type == "third-party" || r.resource_type == "total") &&
        !in.site->third_party_known()) {
      if (r.resource_type == "third-party") {
        c.status = CheckStatus::kSkip;
        c.message = "the manifest does not record third-party requests";
        out->push_back(std::move(c));
        continue;
      }
      c.message = "first-party requests only: the manifest does not record third-party ones";
    }
    auto get = [&](const PageTotals& t) -> int64_t {
      auto it = t.count.find(r.resource_type);
      return it == t.count.end() ? 0 : it->second;
    };
    c.measured = get(now);
    Limit l;
    l.value = static_cast<int64_t>(std::floor(r.budget));
    l.text = c.limit_text;
    Judge(&c, l, baseline(in_base ? std::optional<int64_t>(get(base)) : std::nullopt));
    out->push_back(std::move(c));
  }
  for (const TimingLimit& t : b.timings) {
    BudgetCheck c = NewCheck("timing", t.json_path, page, t.metric,
                             t.metric == "cumulative-layout-shift" ? "score" : "ms");
    char text[64];
    std::snprintf(text, sizeof text, "%g", t.budget);
    c.limit_text = text;
    c.status = CheckStatus::kSkip;
    c.message = "not measurable at build time (needs a browser: run Lighthouse)";
    out->push_back(std::move(c));
  }
}

}  // namespace

void EvaluateLighthouse(const EvalInputs& in, Encoding enc, std::vector<BudgetCheck>* out) {
  const auto& budgets = in.spec->budgets;
  // A budget whose path matches no page at all is most likely a typo: it would never fail.
  for (const LighthouseBudget& b : budgets) {
    bool any = false;
    for (const auto& [page, loads] : in.site->pages()) any = any || BudgetMatches(b, page);
    if (any) continue;
    BudgetCheck c = NewCheck("resource-size", b.json_path + ".path", b.path.value_or("/"),
                             "path", "count");
    c.kind = "budget-path";
    c.id = "lighthouse" + b.json_path.substr(1) + ".path";
    Unmatched(&c, "path '" + b.path.value_or("/") + "' matches no page of the output");
    out->push_back(std::move(c));
  }
  for (const auto& [page, loads] : in.site->pages()) {
    for (size_t i = budgets.size(); i-- > 0;) {  // the last matching budget wins
      if (!BudgetMatches(budgets[i], page)) continue;
      CheckPage(in, enc, budgets[i], page, out);
      break;
    }
  }
}

}  // namespace pagebake::budget
