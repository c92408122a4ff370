// The views of a BudgetResult: JSON (schema pagebake-budget-result/1; fields are added, never
// renamed), JUnit XML, the terminal table, GitHub Actions annotations and the step summary.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "filters/budget/units.h"
#include "filters/text/position.h"
#include "pagebake/budget.h"

namespace pagebake {
namespace {

using budget::FormatQuantity;

// Sizes are shown in the unit family the budget author chose: a limit written in kB/MB is read
// against decimal numbers, one in KiB/MiB (or Lighthouse's KiB) against binary ones.
bool Decimal(const BudgetCheck& c) {
  const std::string& t = c.limit_text;
  return t.find("kB") != std::string::npos || t.find("MB") != std::string::npos ||
         t.find("GB") != std::string::npos;
}

std::string Quantity(const BudgetCheck& c, int64_t v) {
  if (c.unit == "bytes" && Decimal(c)) {
    char buf[64];
    const double a = static_cast<double>(v < 0 ? -v : v);
    const char* sign = v < 0 ? "-" : "";
    if (a < 1000) std::snprintf(buf, sizeof buf, "%s%.0f B", sign, a);
    else if (a < 1e6) std::snprintf(buf, sizeof buf, "%s%.1f kB", sign, a / 1e3);
    else std::snprintf(buf, sizeof buf, "%s%.2f MB", sign, a / 1e6);
    return buf;
  }
  return FormatQuantity(c.unit, v);
}

std::string Measured(const BudgetCheck& c) { return c.measured ? Quantity(c, *c.measured) : "-"; }

// As written; a relative limit also shows what it resolved to.
std::string LimitCell(const BudgetCheck& c) {
  if (c.limit_text.empty()) return c.limit ? Quantity(c, *c.limit) : "-";
  if (c.limit && c.limit_text.find('%') != std::string::npos)
    return Quantity(c, *c.limit) + " (" + c.limit_text + ")";
  return c.limit_text;
}

std::string Delta(const BudgetCheck& c) {
  if (!c.measured || !c.baseline) return "";
  const int64_t d = *c.measured - *c.baseline;
  std::string s = (d > 0 ? "+" : d < 0 ? "-" : "±") + Quantity(c, d < 0 ? -d : d);
  if (*c.baseline != 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, " (%+.1f%%)", 100.0 * static_cast<double>(d) / *c.baseline);
    s += pct;
  }
  return s;
}

std::string Upper(const char* s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

// Bytes that are not valid UTF-8 or not allowed in XML 1.0 become '?': the report must parse.
std::string Sanitize(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    if (ch < 0x80) {
      out.push_back(ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' ? '?' : s[i]);
      ++i;
      continue;
    }
    size_t n = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
    if (i + n <= s.size() && n > 1 && text::IsValidUtf8(std::string_view(s).substr(i, n))) {
      out.append(s, i, n);
      i += n;
    } else {
      out.push_back('?');
      ++i;
    }
  }
  return out;
}

std::string XmlEscape(const std::string& raw) {
  std::string out;
  for (char ch : Sanitize(raw)) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: out.push_back(ch);
    }
  }
  return out;
}

// One line explaining the verdict, used by JUnit, annotations and the summary.
std::string Explain(const BudgetCheck& c) {
  std::string s = c.subject + ": " + c.metric;
  if (!c.encoding.empty()) s += " (" + c.encoding + ")";
  if (c.measured) s += " " + Measured(c);
  if (c.limit) s += (c.status == CheckStatus::kPass ? " <= " : " > ") + LimitCell(c);
  const std::string d = Delta(c);
  if (!d.empty()) s += ", " + d + " vs baseline";
  if (!c.message.empty()) s += " — " + c.message;
  return s;
}

// GitHub workflow command escaping (data, and property values which also escape ':' and ',').
std::string GhEscape(const std::string& s, bool property) {
  std::string out;
  for (char ch : s) {
    if (ch == '%') out += "%25";
    else if (ch == '\r') out += "%0D";
    else if (ch == '\n') out += "%0A";
    else if (property && ch == ':') out += "%3A";
    else if (property && ch == ',') out += "%2C";
    else out.push_back(ch);
  }
  return out;
}

std::string MdEscape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|' || ch == '`' || ch == '*' || ch == '_' || ch == '<' || ch == '>') out.push_back('\\');
    out.push_back(ch == '\n' ? ' ' : ch);
  }
  return out;
}

}  // namespace

std::string BudgetResultToJson(const BudgetResult& r) {
  using nlohmann::ordered_json;
  auto opt = [](const std::optional<int64_t>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); };
  ordered_json j;
  j["schema"] = kBudgetResultSchema;
  j["budget"] = Sanitize(r.budget_path);
  j["output"] = Sanitize(r.output_dir);
  j["format"] = r.format;
  j["summary"] = {{"passed", r.passed}, {"warned", r.warned}, {"failed", r.failed},
                  {"skipped", r.skipped}, {"exit_code", r.ExitCode()}};
  ordered_json checks = ordered_json::array();
  for (const BudgetCheck& c : r.checks) {
    ordered_json o;
    o["id"] = Sanitize(c.id);
    o["kind"] = c.kind;
    o["status"] = CheckStatusName(c.status);
    o["level"] = c.level == BudgetLevel::kError ? "error" : "warn";
    o["subject"] = Sanitize(c.subject);
    o["rule"] = c.rule;
    o["metric"] = c.metric;
    o["unit"] = c.unit;
    o["encoding"] = c.encoding.empty() ? ordered_json(nullptr) : ordered_json(c.encoding);
    o["measured"] = opt(c.measured);
    o["limit"] = opt(c.limit);
    o["limit_text"] = c.limit_text;
    o["baseline"] = opt(c.baseline);
    o["delta"] = c.measured && c.baseline ? ordered_json(*c.measured - *c.baseline) : ordered_json(nullptr);
    o["message"] = Sanitize(c.message);
    checks.push_back(std::move(o));
  }
  j["checks"] = std::move(checks);
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string BudgetResultToJunit(const BudgetResult& r) {
  // One <testsuite> per check kind, so CI UIs group them.
  std::vector<std::string> kinds;
  for (const BudgetCheck& c : r.checks)
    if (std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end()) kinds.push_back(c.kind);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"pagebake budget\" tests=\"" + std::to_string(r.checks.size()) +
         "\" failures=\"" + std::to_string(r.failed) + "\" skipped=\"" + std::to_string(r.skipped) +
         "\" errors=\"0\">\n";
  for (const std::string& kind : kinds) {
    int tests = 0, failures = 0, skipped = 0;
    for (const BudgetCheck& c : r.checks) {
      if (c.kind != kind) continue;
      ++tests;
      failures += c.status == CheckStatus::kFail;
      skipped += c.status == CheckStatus::kSkip;
    }
    out += "  <testsuite name=\"" + XmlEscape(kind) + "\" tests=\"" + std::to_string(tests) +
           "\" failures=\"" + std::to_string(failures) + "\" skipped=\"" + std::to_string(skipped) +
           "\" errors=\"0\">\n";
    for (const BudgetCheck& c : r.checks) {
      if (c.kind != kind) continue;
      out += "    <testcase classname=\"pagebake.budget." + XmlEscape(kind) + "\" name=\"" +
             XmlEscape(c.id) + "\" file=\"" + XmlEscape(r.budget_path) + "\"";
      const std::string why = Explain(c);
      switch (c.status) {
        case CheckStatus::kPass:
          out += "/>\n";
          break;
        case CheckStatus::kWarn:
          out += ">\n      <system-out>WARN " + XmlEscape(why) + "</system-out>\n    </testcase>\n";
          break;
        case CheckStatus::kFail:
          out += ">\n      <failure type=\"budget\" message=\"" + XmlEscape(why) + "\">" +
                 XmlEscape(c.rule + ": " + why) + "</failure>\n    </testcase>\n";
          break;
        case CheckStatus::kSkip:
          out += ">\n      <skipped message=\"" + XmlEscape(why) + "\"/>\n    </testcase>\n";
          break;
      }
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

std::string BudgetResultToTable(const BudgetResult& r, bool color) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"STATUS", "CHECK", "PATH / PAGE", "MEASURED", "LIMIT", "ENC", "Δ BASELINE", "NOTE"});
  for (const BudgetCheck& c : r.checks)
    rows.push_back({Upper(CheckStatusName(c.status)), c.kind + " " + c.metric, c.subject,
                    Measured(c), LimitCell(c), c.encoding, Delta(c), c.message});
  // Display width: count UTF-8 lead bytes, not bytes ("Δ", "±").
  auto width = [](const std::string& s) {
    size_t w = 0;
    for (unsigned char ch : s) w += (ch & 0xC0) != 0x80;
    return w;
  };
  std::vector<size_t> w(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i + 1 < row.size(); ++i) w[i] = std::max(w[i], width(row[i]));
  std::string out;
  for (size_t k = 0; k < rows.size(); ++k) {
    const auto& row = rows[k];
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      std::string cell = row[i];
      if (i + 1 < row.size()) cell += std::string(w[i] - width(row[i]) + 2, ' ');
      if (i == 0 && k > 0 && color) {
        const char* code = cell[0] == 'P' ? "32" : cell[0] == 'W' ? "33" : cell[0] == 'F' ? "31;1" : "2";
        cell = std::string("\033[") + code + "m" + row[i] + "\033[0m" +
               std::string(w[i] - width(row[i]) + 2, ' ');
      }
      line += cell;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  char summary[160];
  std::snprintf(summary, sizeof summary, "budget: %d passed, %d warned, %d failed, %d skipped — %s\n",
                r.passed, r.warned, r.failed, r.skipped, r.failed ? "FAILED" : "ok");
  out += summary;
  return out;
}

std::string BudgetResultToGithubAnnotations(const BudgetResult& r) {
  std::string out;
  for (const BudgetCheck& c : r.checks) {
    if (c.status != CheckStatus::kFail && c.status != CheckStatus::kWarn) continue;
    out += c.status == CheckStatus::kFail ? "::error" : "::warning";
    out += " file=" + GhEscape(r.budget_path, true) + ",title=" +
           GhEscape("budget " + c.id, true) + "::" + GhEscape(c.rule + ": " + Explain(c), false) + "\n";
  }
  return out;
}

std::string BudgetResultToMarkdown(const BudgetResult& r) {
  std::string out = "### pagebake budget: ";
  out += r.failed ? "❌ failed" : r.warned ? "⚠️ passed with warnings" : "✅ passed";
  out += "\n\n" + std::to_string(r.passed) + " passed, " + std::to_string(r.warned) + " warned, " +
         std::to_string(r.failed) + " failed, " + std::to_string(r.skipped) + " skipped (`" +
         MdEscape(r.budget_path) + "` on `" + MdEscape(r.output_dir) + "`)\n\n";
  if (r.checks.empty()) return out;
  out += "| Status | Check | Path / page | Measured | Limit | Enc | Δ baseline | Note |\n";
  out += "|---|---|---|---:|---:|---|---:|---|\n";
  // Failures first: a long summary is read from the top.
  constexpr size_t kMaxRows = 300;
  size_t shown = 0;
  for (CheckStatus s : {CheckStatus::kFail, CheckStatus::kWarn, CheckStatus::kSkip, CheckStatus::kPass}) {
    for (const BudgetCheck& c : r.checks) {
      if (c.status != s || shown >= kMaxRows) continue;
      ++shown;
      out += "| " + Upper(CheckStatusName(c.status)) + " | " + MdEscape(c.kind + " " + c.metric) +
             " | " + MdEscape(c.subject) + " | " + Measured(c) + " | " + MdEscape(LimitCell(c)) +
             " | " + c.encoding + " | " + Delta(c) + " | " + MdEscape(c.message) + " |\n";
    }
  }
  if (shown < r.checks.size())
    out += "\n" + std::to_string(r.checks.size() - shown) + " more checks (see --json / --junit)\n";
  return out;
}

}  // namespace pagebake
