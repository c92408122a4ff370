// The HTML summary of a verify run (see summary_html.h).
#include "filters/verify/summary_html.h"

#include <cstdio>

#include "filters/report/svg_chart.h"

namespace pagebake::verify {
namespace {

using report::Escape;  // the report family's HTML escaping (NUL-safe)

std::string Fmt(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), fmt, v);
  return buf;
}

std::string List(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  std::string out = "<ul>";
  for (const std::string& s : items) out += "<li><code>" + Escape(s) + "</code></li>";
  return out + "</ul>";
}

std::string ImageLink(const std::string& file, const char* label) {
  if (file.empty()) return "";
  return "<a href=\"" + Escape(file) + "\">" + label + "</a> ";
}

}  // namespace

std::string SummaryHtml(const VerifyOptions& options, const VerifyResult& result) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
      "<title>pagebake verify</title><style>"
      "body{font:14px system-ui,sans-serif;margin:2em;color:#222}"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
      "vertical-align:top;text-align:left}tr.bad{background:#fdecea}tr.ok td.s{color:#1a7f37}"
      "tr.bad td.s{color:#c62828;font-weight:bold}ul{margin:0;padding-left:1.2em}"
      "code{font-size:12px}td.n{text-align:right}</style></head><body>\n"
      "<h1>pagebake verify</h1>\n<p>Source <code>" + Escape(options.source_dir) +
      "</code>, output <code>" + Escape(options.output_dir) + "</code>: " +
      std::to_string(result.pages) + " pages, " + std::to_string(result.differing_pages) +
      " differ. A pixel counts as changed when a channel differs by more than " +
      std::to_string(options.channel_threshold) + "; a page differs above " +
      Fmt("%.4g", options.max_changed_fraction * 100) +
      "% changed, or with new console errors or failed requests. Animations " +
      (options.settle ? "settled (no animations or transitions)" : "not settled") + ".</p>\n"
      "<table><tr><th>page</th><th>viewport</th><th>status</th><th>changed</th>"
      "<th>new console errors</th><th>new failed requests</th><th>before ms</th>"
      "<th>after ms</th><th>images</th></tr>\n";
  for (const PageVerdict& v : result.verdicts) {
    h += std::string("<tr class=") + (v.differs ? "bad" : "ok") + "><td><code>" +
         Escape(v.page) + "</code></td><td>" + std::to_string(v.viewport.width) + "x" +
         std::to_string(v.viewport.height) + "</td><td class=s>" +
         (v.differs ? "differs" : "clean") + (v.error.empty() ? "" : ": " + Escape(v.error)) +
         "</td><td class=n>" + Fmt("%.4f%%", v.changed_fraction * 100) + " (" +
         std::to_string(v.changed_pixels) + " px)</td><td>" + List(v.new_console_errors) +
         "</td><td>" + List(v.new_failed_requests) + "</td><td class=n>" +
         Fmt("%.0f", v.before_ms) + "</td><td class=n>" + Fmt("%.0f", v.after_ms) + "</td><td>" +
         ImageLink(v.before_png, "before") + ImageLink(v.after_png, "after") +
         ImageLink(v.diff_png, "diff") + "</td></tr>\n";
  }
  h += "</table>\n<p>Wall time " + Fmt("%.1f", result.wall_ms / 1000) + " s.</p>\n</body></html>\n";
  return h;
}

}  // namespace pagebake::verify
