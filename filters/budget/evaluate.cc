#include "filters/budget/evaluate.h"

#include "filters/budget/evaluate_internal.h"
#include "filters/budget/glob.h"

namespace pagebake::budget {
namespace {

CheckStatus Breach(BudgetLevel level) {
  return level == BudgetLevel::kError ? CheckStatus::kFail : CheckStatus::kWarn;
}

std::string IdTail(const std::string& json_path) {
  return json_path.rfind("$.", 0) == 0 ? json_path.substr(2) : json_path.substr(1);
}

bool FileMatches(const std::string& glob, const MeasuredFile& f) {
  return GlobMatch(glob, f.path) || (!f.source.empty() && GlobMatch(glob, f.source));
}

// The baseline file that corresponds to `f`: same source (stable under cache-extend's hashed
// names), else same output path.
const MeasuredFile* BaselineFile(const SiteMeasure& base, const MeasuredFile& f) {
  if (!f.source.empty())
    for (const auto& [p, b] : base.files())
      if (b.source == f.source) return &b;
  return base.Find(f.path);
}

BaselineValue FromOptional(std::optional<int64_t> v) {
  return v ? BaselineValue{Baseline::kKnown, v} : BaselineValue{Baseline::kUnknown, std::nullopt};
}

BudgetCheck NewCheck(const std::string& kind, const LimitAt& l, const std::string& subject,
                     const std::string& metric, Quantity q, BudgetLevel level) {
  BudgetCheck c;
  c.kind = kind;
  c.id = IdTail(l.json_path) + ":" + subject;
  c.subject = subject;
  c.rule = l.json_path;
  c.metric = metric;
  c.unit = QuantityUnit(q);
  c.limit_text = l.limit.text;
  c.level = level;
  return c;
}

void EvaluateFiles(const EvalInputs& in, Encoding dflt, std::vector<BudgetCheck>* out) {
  for (const FileRule& r : in.spec->files) {
    const Encoding enc = r.encoding.value_or(dflt);
    std::vector<const MeasuredFile*> matched;
    for (const auto& [p, f] : in.site->files())
      if (FileMatches(r.glob, f)) matched.push_back(&f);
    for (const LimitAt& l : r.max) {
      if (matched.empty()) {
        BudgetCheck c = NewCheck("file-size", l, r.glob, "transfer", Quantity::kBytes, r.level);
        c.encoding = EncodingName(enc);
        Unmatched(&c, "glob '" + r.glob + "' matches no file of the output");
        out->push_back(std::move(c));
        continue;
      }
      if (!r.each) {
        std::vector<std::string> paths, base_paths;
        for (const MeasuredFile* f : matched) paths.push_back(f->path);
        BudgetCheck c = NewCheck("file-size", l, r.glob, "transfer", Quantity::kBytes, r.level);
        c.encoding = EncodingName(enc);
        c.measured = SumTransfer(*in.site, paths, enc);
        BaselineValue b;
        if (in.baseline) {
          for (const auto& [p, f] : in.baseline->files())
            if (FileMatches(r.glob, f)) base_paths.push_back(p);
          b = base_paths.empty() ? BaselineValue{Baseline::kAbsent, std::nullopt}
                                 : FromOptional(SumTransfer(*in.baseline, base_paths, enc));
        }
        c.message = std::to_string(matched.size()) + " file" + (matched.size() == 1 ? "" : "s");
        Judge(&c, l.limit, b);
        out->push_back(std::move(c));
        continue;
      }
      for (const MeasuredFile* f : matched) {
        const std::string key = f->source.empty() ? f->path : f->source;
        BudgetCheck c = NewCheck("file-size", l, key, "transfer", Quantity::kBytes, r.level);
        c.subject = f->path;
        c.encoding = EncodingName(enc);
        c.measured = SumTransfer(*in.site, {f->path}, enc);
        BaselineValue b;
        if (in.baseline) {
          const MeasuredFile* bf = BaselineFile(*in.baseline, *f);
          b = bf ? FromOptional(SumTransfer(*in.baseline, {bf->path}, enc))
                 : BaselineValue{Baseline::kAbsent, std::nullopt};
        }
        Judge(&c, l.limit, b);
        out->push_back(std::move(c));
      }
    }
  }
}

void EvaluatePages(const EvalInputs& in, Encoding dflt, std::vector<BudgetCheck>* out) {
  for (const PageRule& r : in.spec->pages) {
    const Encoding enc = r.encoding.value_or(dflt);
    std::vector<std::string> pages;
    for (const auto& [p, loads] : in.site->pages())
      if (GlobMatch(r.glob, p)) pages.push_back(p);
    auto unmatched = [&](const LimitAt& l, const char* metric, Quantity q) {
      BudgetCheck c = NewCheck(std::string("page-") + (q == Quantity::kBytes ? "weight" : "requests"),
                               l, r.glob, metric, q, r.level);
      if (q == Quantity::kBytes) c.encoding = EncodingName(enc);
      Unmatched(&c, "glob '" + r.glob + "' matches no page of the output");
      out->push_back(std::move(c));
    };
    if (pages.empty()) {
      for (const LimitAt& l : r.max_weight) unmatched(l, "weight", Quantity::kBytes);
      for (const LimitAt& l : r.max_requests) unmatched(l, "requests", Quantity::kCount);
      continue;
    }
    for (const std::string& page : pages) {
      const std::vector<std::string> reqs = in.site->PageRequests(page);
      const bool in_base = in.baseline && in.baseline->pages().count(page);
      std::vector<std::string> base_reqs;
      bool base_complete = true;
      if (in_base) base_reqs = in.baseline->PageRequests(page, &base_complete);
      auto base_value = [&](std::optional<int64_t> v) {
        if (!in.baseline) return BaselineValue{};
        if (!in_base) return BaselineValue{Baseline::kAbsent, std::nullopt};
        // A report baseline that does not say what stylesheets load would undercount the page.
        if (!base_complete) return BaselineValue{Baseline::kUnknown, std::nullopt};
        return FromOptional(v);
      };
      for (const LimitAt& l : r.max_weight) {
        BudgetCheck c = NewCheck("page-weight", l, page, "weight", Quantity::kBytes, r.level);
        c.encoding = EncodingName(enc);
        c.measured = SumTransfer(*in.site, reqs, enc);
        c.message = std::to_string(reqs.size()) + " first-party request" + (reqs.size() == 1 ? "" : "s");
        Judge(&c, l.limit, base_value(in_base ? SumTransfer(*in.baseline, base_reqs, enc) : std::nullopt));
        out->push_back(std::move(c));
      }
      for (const LimitAt& l : r.max_requests) {
        BudgetCheck c = NewCheck("page-requests", l, page, "requests", Quantity::kCount, r.level);
        int64_t n = static_cast<int64_t>(reqs.size());
        if (in.site->third_party_known()) {
          const auto* tp = in.site->ThirdParty(page);
          n += tp ? static_cast<int64_t>(tp->size()) : 0;
        } else {
          c.message = "third-party requests not counted: the manifest does not record them";
        }
        c.measured = n;
        int64_t bn = static_cast<int64_t>(base_reqs.size());
        if (in_base && in.baseline->third_party_known()) {
          const auto* tp = in.baseline->ThirdParty(page);
          bn += tp ? static_cast<int64_t>(tp->size()) : 0;
        }
        Judge(&c, l.limit, base_value(bn));
        out->push_back(std::move(c));
      }
    }
  }
}

std::optional<int64_t> CostValue(const CostCounters& c, const std::string& metric) {
  if (metric == "wall") return c.wall_ns;
  if (metric == "cpu") return c.cpu_user_ns + c.cpu_sys_ns;
  if (metric == "syscalls") return c.syscalls;
  if (metric == "io_syscalls") return c.io_syscalls();
  if (metric == "read") return c.read_bytes;
  if (metric == "written") return c.write_bytes;
  return std::nullopt;
}

// Rows of `report` the rule names (the process totals as a pseudo-row).
std::vector<std::pair<std::string, CostCounters>> CostRows(const CostRule& r, const Report& report) {
  std::vector<std::pair<std::string, CostCounters>> rows;
  if (r.target == CostRule::Target::kProcess) {
    rows.emplace_back("process", report.process);
    return rows;
  }
  for (const ReportRow& row : report.rows) {
    const bool filter = row.kind == "filter";
    if (r.target == CostRule::Target::kFilter ? (filter && GlobMatch(r.name, row.name))
                                              : (!filter && row.name == r.name))
      rows.emplace_back(row.name, row.cost);
  }
  return rows;
}

void EvaluateCosts(const EvalInputs& in, std::vector<BudgetCheck>* out) {
  for (const CostRule& r : in.spec->costs) {
    const std::string target = r.target == CostRule::Target::kProcess ? "process" : r.name;
    for (const CostMetricLimit& m : r.limits) {
      if (!in.report) {
        BudgetCheck c = NewCheck("filter-cost", m.limit, target, m.metric, m.quantity, r.level);
        Unmatched(&c, "a build-cost limit needs the build report (--report REPORT.json)");
        out->push_back(std::move(c));
        continue;
      }
      auto rows = CostRows(r, *in.report);
      if (rows.empty()) {
        BudgetCheck c = NewCheck("filter-cost", m.limit, target, m.metric, m.quantity, r.level);
        if (r.target == CostRule::Target::kFilter) {
          c.status = CheckStatus::kSkip;
          c.message = "'" + r.name + "' did not run in this build (not enabled)";
        } else {
          Unmatched(&c, "no stage '" + r.name + "' in the report");
        }
        out->push_back(std::move(c));
        continue;
      }
      for (const auto& [name, cost] : rows) {
        BudgetCheck c = NewCheck("filter-cost", m.limit, name, m.metric, m.quantity, r.level);
        c.measured = CostValue(cost, m.metric);
        if (!c.measured) {
          c.status = CheckStatus::kSkip;
          c.message = "syscalls were not counted in this build (no perf tracepoint access; "
                      "--trace-syscalls counts them exactly)";
          out->push_back(std::move(c));
          continue;
        }
        BaselineValue b;
        if (in.baseline_report) {
          auto base_rows = CostRows(r, *in.baseline_report);
          b = {Baseline::kAbsent, std::nullopt};
          for (const auto& [bn, bc] : base_rows)
            if (bn == name) b = FromOptional(CostValue(bc, m.metric));
        }
        Judge(&c, m.limit.limit, b);
        out->push_back(std::move(c));
      }
    }
  }
}

}  // namespace

void Unmatched(BudgetCheck* c, const std::string& why) {
  c->status = Breach(c->level);
  c->message = why;
}

void Judge(BudgetCheck* c, const Limit& limit, const BaselineValue& base) {
  c->baseline = base.value;
  if (!c->measured) {
    c->status = Breach(c->level);
    c->message = "could not be measured (unreadable output file)";
    return;
  }
  c->limit = limit.Resolve(base.value);
  if (!c->limit) {
    // Relative limit without a baseline value.
    switch (base.state) {
      case Baseline::kAbsent:
        c->status = CheckStatus::kPass;
        c->message = "new since the baseline: relative limit " + limit.text + " not applicable";
        return;
      case Baseline::kNone:
        c->status = Breach(c->level);
        c->message = "relative limit " + limit.text + " needs a baseline (--baseline)";
        return;
      default:
        c->status = Breach(c->level);
        c->message = "relative limit " + limit.text + ": the baseline did not record this " +
                     (c->encoding.empty() ? c->metric : c->encoding + " size") +
                     " (use an output directory as the baseline)";
        return;
    }
  }
  c->status = *c->measured <= *c->limit ? CheckStatus::kPass : Breach(c->level);
}

std::optional<int64_t> SumTransfer(const SiteMeasure& site, const std::vector<std::string>& paths,
                                   Encoding e) {
  int64_t sum = 0;
  for (const std::string& p : paths) {
    std::optional<uint64_t> n = site.Transfer(p, e);
    if (!n) return std::nullopt;
    sum += static_cast<int64_t>(*n);
  }
  return sum;
}

void Evaluate(const EvalInputs& in, BudgetResult* result) {
  const Encoding enc = in.encoding.value_or(in.spec->encoding.value_or(Encoding::kBrotli));
  result->format = in.spec->lighthouse ? "lighthouse" : "pagebake";
  std::vector<BudgetCheck>& checks = result->checks;
  if (in.spec->lighthouse) {
    EvaluateLighthouse(in, enc, &checks);
  } else {
    EvaluateFiles(in, enc, &checks);
    EvaluatePages(in, enc, &checks);
    EvaluateCosts(in, &checks);
  }
  result->passed = result->warned = result->failed = result->skipped = 0;
  for (const BudgetCheck& c : checks) {
    switch (c.status) {
      case CheckStatus::kPass: ++result->passed; break;
      case CheckStatus::kWarn: ++result->warned; break;
      case CheckStatus::kFail: ++result->failed; break;
      case CheckStatus::kSkip: ++result->skipped; break;
    }
  }
}

}  // namespace pagebake::budget
