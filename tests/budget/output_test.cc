// The views of a result: stable JSON, JUnit XML, table, GitHub annotations, Markdown summary.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "pagebake/budget.h"

namespace pagebake {
namespace {

BudgetResult Sample() {
  BudgetResult r;
  r.budget_path = "ci/budget, v2.json";
  r.output_dir = "out";
  r.format = "pagebake";
  BudgetCheck fail;
  fail.id = "files[0].max:js/app.js";
  fail.kind = "file-size";
  fail.subject = "js/<app>&\"x\".js";
  fail.rule = "$.files[0].max";
  fail.metric = "transfer";
  fail.unit = "bytes";
  fail.encoding = "br";
  fail.measured = 2048;
  fail.limit = 1024;
  fail.limit_text = "1 KiB";
  fail.baseline = 1024;
  fail.status = CheckStatus::kFail;
  fail.message = "line1\nline2 100%";
  BudgetCheck pass = fail;
  pass.id = "files[0].max:js/b.js";
  pass.subject = "js/b.js";
  pass.measured = 10;
  pass.baseline.reset();
  pass.status = CheckStatus::kPass;
  pass.message.clear();
  BudgetCheck skip;
  skip.id = "lighthouse[0].timings[0]:index.html";
  skip.kind = "timing";
  skip.subject = "index.html";
  skip.metric = "interactive";
  skip.unit = "ms";
  skip.limit_text = "3000";
  skip.status = CheckStatus::kSkip;
  skip.message = "not measurable at build time";
  BudgetCheck warn = pass;
  warn.id = "pages[0].max_requests:index.html";
  warn.kind = "page-requests";
  warn.unit = "count";
  warn.encoding.clear();
  warn.measured = 9;
  warn.limit = 8;
  warn.limit_text = "8";
  warn.level = BudgetLevel::kWarn;
  warn.status = CheckStatus::kWarn;
  warn.subject = "index.html";
  r.checks = {fail, pass, skip, warn};
  r.failed = r.passed = r.skipped = r.warned = 1;
  return r;
}

TEST_CASE("JSON result: stable schema and fields") {
  auto j = nlohmann::json::parse(BudgetResultToJson(Sample()));
  CHECK(j["schema"] == "pagebake-budget-result/1");
  CHECK(j["summary"]["failed"] == 1);
  CHECK(j["summary"]["exit_code"] == 1);
  REQUIRE(j["checks"].size() == 4);
  const auto& c = j["checks"][0];
  for (const char* key : {"id", "kind", "status", "level", "subject", "rule", "metric", "unit", "encoding",
                          "measured", "limit", "limit_text", "baseline", "delta", "message"})
    CHECK(c.contains(key));
  CHECK(c["status"] == "fail");
  CHECK(c["delta"] == 1024);
  CHECK(j["checks"][1]["baseline"].is_null());
  CHECK(j["checks"][2]["measured"].is_null());
  CHECK(j["checks"][3]["encoding"].is_null());
}

TEST_CASE("JSON result survives invalid UTF-8 in paths") {
  BudgetResult r = Sample();
  r.checks[0].subject = "bad\xff\xfe.js";
  auto j = nlohmann::json::parse(BudgetResultToJson(r));
  CHECK(j["checks"][0]["subject"] == "bad??.js");
}

TEST_CASE("JUnit XML: one testcase per check, escaped") {
  const std::string xml = BudgetResultToJunit(Sample());
  auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (size_t p = xml.find(needle); p != std::string::npos; p = xml.find(needle, p + 1)) ++n;
    return n;
  };
  CHECK(count("<testcase ") == 4);
  CHECK(count("<failure ") == 1);
  CHECK(count("<skipped ") == 1);
  CHECK(count("<system-out>WARN") == 1);
  CHECK(xml.find("js/<app>") == std::string::npos);
  CHECK(xml.find("js/&lt;app&gt;&amp;&quot;x&quot;.js") != std::string::npos);
  CHECK(xml.find("tests=\"4\" failures=\"1\" skipped=\"1\"") != std::string::npos);
  // Every '<' opens a tag that closes: no raw text broke the markup.
  size_t opens = count("<"), closes = count(">");
  CHECK(opens == closes);
}

TEST_CASE("table shows status, measured, limit, encoding and delta") {
  const std::string t = BudgetResultToTable(Sample(), false);
  CHECK_THAT(t, Catch::Contains("FAIL") && Catch::Contains("PASS") && Catch::Contains("SKIP") &&
                    Catch::Contains("WARN"));
  CHECK_THAT(t, Catch::Contains("2.0 KiB") && Catch::Contains(" 1 KiB "));
  CHECK_THAT(t, Catch::Contains("+1.0 KiB (+100.0%)"));
  CHECK_THAT(t, Catch::Contains("1 passed, 1 warned, 1 failed, 1 skipped"));
  CHECK(t.find("\033[") == std::string::npos);
  CHECK(BudgetResultToTable(Sample(), true).find("\033[31;1mFAIL") != std::string::npos);
}

TEST_CASE("table: sizes in the limit's unit family, relative limits show what they resolved to") {
  BudgetResult r = Sample();
  r.checks.resize(2);
  r.checks[0].limit_text = "2 kB";
  r.checks[0].limit = 2000;
  r.checks[0].measured = 2500;
  r.checks[0].baseline = 2000;
  r.checks[1].limit_text = "+5%";
  r.checks[1].limit = 1075;
  r.checks[1].measured = 1000;
  const std::string t = BudgetResultToTable(r, false);
  CHECK_THAT(t, Catch::Contains("2.5 kB") && Catch::Contains(" 2 kB ") && Catch::Contains("+500 B (+25.0%)"));
  CHECK_THAT(t, Catch::Contains("1.0 KiB (+5%)"));
}

TEST_CASE("GitHub annotations: error and warning, escaped properties and data") {
  const std::string a = BudgetResultToGithubAnnotations(Sample());
  CHECK_THAT(a, Catch::StartsWith("::error file=ci/budget%2C v2.json,title=budget files[0].max%3Ajs/app.js::"));
  CHECK_THAT(a, Catch::Contains("line1%0Aline2 100%25"));
  CHECK_THAT(a, Catch::Contains("\n::warning file="));
  size_t lines = 0;
  for (char c : a) lines += c == '\n';
  CHECK(lines == 2);  // pass and skip are not annotated
}

TEST_CASE("Markdown summary lists failures first") {
  const std::string md = BudgetResultToMarkdown(Sample());
  CHECK_THAT(md, Catch::StartsWith("### pagebake budget: ❌ failed"));
  CHECK(md.find("| FAIL") < md.find("| WARN"));
  CHECK(md.find("| WARN") < md.find("| SKIP"));
  CHECK(md.find("| SKIP") < md.find("| PASS"));
  CHECK_THAT(md, Catch::Contains("js/\\<app\\>"));
}

}  // namespace
}  // namespace pagebake
