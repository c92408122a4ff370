// A small built site (output directory + pagebake-manifest.json) in a FakeEnv, and a helper
// that evaluates a budget text against it: the evaluator's tests need exact, known sizes.
#ifndef PAGEBAKE_TESTS_BUDGET_BUDGET_FIXTURE_H_
#define PAGEBAKE_TESTS_BUDGET_BUDGET_FIXTURE_H_

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "filters/budget/budget_spec.h"
#include "filters/budget/evaluate.h"
#include "filters/budget/site_measure.h"
#include "filters/core/env.h"

namespace pagebake::budget::testing {

struct FixtureFile {
  std::string bytes;
  std::string source;  // "" = generated
  std::string br;      // non-empty: a .br sibling with these bytes
};

// The site, as output path -> file; pages -> direct loads. Defaults describe:
//   index.html      loads css/app.3f9a.css (source css/app.css), js/app.js, img/logo.png
//   blog/index.html loads css/app.3f9a.css, js/blog.js
//   css/app.3f9a.css @imports css/more.css, url()s fonts/a.woff2 and img/bg.png
struct Fixture {
  std::map<std::string, FixtureFile> files;
  std::map<std::string, std::vector<std::string>> pages;
  nlohmann::json third_party;  // null: the manifest has no "third_party"

  static Fixture Default() {
    Fixture f;
    f.files["index.html"] = {std::string(3000, 'h'), "index.html", ""};
    f.files["blog/index.html"] = {std::string(1500, 'b'), "blog/index.html", ""};
    f.files["css/app.3f9a.css"] = {
        "@import \"more.css\";\nbody{background:url(../img/bg.png)}\n"
        "@font-face{font-family:a;src:url('../fonts/a.woff2') format('woff2')}\n"
        "/* url(commented-out.png) */ a{color:red}\n",
        "css/app.css", ""};
    f.files["css/more.css"] = {std::string(400, 'm'), "css/more.css", ""};
    f.files["js/app.js"] = {std::string(20000, 'j'), "js/app.js", std::string(700, 'z')};
    f.files["js/blog.js"] = {std::string(9000, 'k'), "js/blog.js", ""};
    f.files["img/logo.png"] = {std::string(5000, 'p'), "img/logo.png", ""};
    f.files["img/bg.png"] = {std::string(12000, 'g'), "img/bg.png", ""};
    f.files["fonts/a.woff2"] = {std::string(30000, 'f'), "fonts/a.woff2", ""};
    f.pages["index.html"] = {"css/app.3f9a.css", "js/app.js", "img/logo.png"};
    f.pages["blog/index.html"] = {"css/app.3f9a.css", "js/blog.js"};
    return f;
  }

  void WriteTo(FakeEnv* env, const std::string& dir) const {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const auto& [path, file] : this->files) {
      env->AddFile(dir + "/" + path, file.bytes);
      if (!file.br.empty()) env->AddFile(dir + "/" + path + ".br", file.br);
      files.push_back({{"path", path},
                       {"source", file.source.empty() ? nlohmann::ordered_json(nullptr)
                                                      : nlohmann::ordered_json(file.source)},
                       {"bytes", file.bytes.size()},
                       {"content_type", "application/octet-stream"}});
    }
    nlohmann::ordered_json pages = nlohmann::ordered_json::object();
    for (const auto& [page, loads] : this->pages) {
      nlohmann::ordered_json l = nlohmann::ordered_json::array();
      for (const std::string& p : loads) l.push_back({{"path", p}, {"type", "x"}});
      pages[page] = l;
    }
    nlohmann::ordered_json m = {{"schema", "pagebake-manifest/1"}, {"files", files}, {"pages", pages}};
    if (!third_party.is_null()) m["third_party"] = third_party;
    env->AddFile(dir + "/pagebake-manifest.json", m.dump(2));
  }
};

struct Run {
  Status status;
  BudgetResult result;
  const BudgetCheck* Find(const std::string& id) const {
    for (const BudgetCheck& c : result.checks)
      if (c.id == id) return &c;
    return nullptr;
  }
};

// Evaluates `budget_json` against `site` (and `baseline` when given).
inline Run Evaluate(const std::string& budget_json, const Fixture& site,
                    const Fixture* baseline = nullptr, const Report* report = nullptr,
                    const Report* baseline_report = nullptr,
                    std::optional<Encoding> encoding = std::nullopt) {
  Run run;
  FakeEnv env;
  site.WriteTo(&env, "/out");
  if (baseline) baseline->WriteTo(&env, "/base");
  BudgetSpec spec;
  run.status = ParseBudgetSpec(budget_json, "budget.json", &spec);
  if (!run.status.ok()) return run;
  SiteMeasure now, base;
  run.status = SiteMeasure::FromOutputDir(&env, "/out", &now);
  if (!run.status.ok()) return run;
  if (baseline) run.status = SiteMeasure::FromOutputDir(&env, "/base", &base);
  if (!run.status.ok()) return run;
  EvalInputs in;
  in.spec = &spec;
  in.site = &now;
  in.baseline = baseline ? &base : nullptr;
  in.report = report;
  in.baseline_report = baseline_report;
  in.encoding = encoding;
  run.result.budget_path = "budget.json";
  run.result.output_dir = "/out";
  budget::Evaluate(in, &run.result);
  return run;
}

}  // namespace pagebake::budget::testing

#endif  // PAGEBAKE_TESTS_BUDGET_BUDGET_FIXTURE_H_
