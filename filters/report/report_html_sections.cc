// The chart sections of the HTML report: cost per filter/stage, cost vs benefit, the per-syscall
// breakdown and the per-page weight.
#include <algorithm>
#include <cinttypes>
#include <map>
#include <unordered_map>

#include "filters/report/report_html_internal.h"
#include "filters/report/svg_chart.h"

namespace pagebake::report {
namespace {

constexpr size_t kMaxPagesCharted = 40;
constexpr size_t kMaxSyscallColumns = 12;
constexpr const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
                                    "#1f77b4", "#8c564b", "#7f7f7f"};

std::vector<const ReportRow*> ByWall(const Report& r) {
  std::vector<const ReportRow*> rows;
  for (const ReportRow& row : r.rows) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const ReportRow* a, const ReportRow* b) {
    return a->cost.wall_ns > b->cost.wall_ns;
  });
  return rows;
}

// The resource types of the page-weight breakdown, from the output's content type.
enum Kind { kHtml, kCss, kJs, kImage, kFont, kOther, kKinds };
constexpr const char* kKindNames[kKinds] = {"html", "css", "js", "image", "font", "other"};
constexpr const char* kKindColors[kKinds] = {"#4e79a7", "#f28e2b", "#e15759",
                                             "#59a14f", "#b07aa1", "#bab0ac"};

Kind KindOf(const std::string& content_type) {
  auto has = [&](const char* s) { return content_type.find(s) != std::string::npos; };
  if (has("html")) return kHtml;
  if (has("css")) return kCss;
  if (has("javascript") || has("ecmascript")) return kJs;
  if (content_type.rfind("image/", 0) == 0) return kImage;
  if (content_type.rfind("font/", 0) == 0 || has("woff") || has("opentype") || has("truetype"))
    return kFont;
  return kOther;
}

}  // namespace

std::string CostChartsSection(const Report& r) {
  const std::vector<const ReportRow*> rows = ByWall(r);
  std::vector<Bar> wall, cpu, sys;
  bool syscalls_known = !rows.empty();
  for (const ReportRow* row : rows) syscalls_known = syscalls_known && row->cost.syscalls;
  for (const ReportRow* row : rows) {
    const CostCounters& c = row->cost;
    wall.push_back({row->name, static_cast<double>(c.wall_ns), Ms(c.wall_ns) + " ms"});
    cpu.push_back({row->name, static_cast<double>(c.cpu_user_ns + c.cpu_sys_ns),
                   Ms(c.cpu_user_ns + c.cpu_sys_ns) + " ms"});
    const int64_t n = syscalls_known ? *c.syscalls : c.io_syscalls();
    sys.push_back({row->name, static_cast<double>(n), Fmt("%" PRId64, n)});
  }
  std::string s = "<section id=\"charts\"><h2>Cost per filter and stage</h2>\n";
  s += BarChartSvg("Wall time (ms)", wall, "#4e79a7");
  s += BarChartSvg("CPU time, user + sys (ms)", cpu, "#f28e2b");
  if (syscalls_known) {
    s += BarChartSvg(r.exact ? "Syscalls (exact, traced)" : "Syscalls", sys, "#e15759");
  } else {
    s += "<p class=\"note\">Syscalls were not counted on this run (no perf counter, no "
         "--trace-syscalls); the chart shows read/write-class syscalls from "
         "/proc/thread-self/io instead.</p>\n";
    s += BarChartSvg("Read/write-class syscalls", sys, "#e15759");
  }
  return s + "</section>\n";
}

std::string BenefitSection(const Report& r) {
  std::vector<Point> points;
  for (const ReportRow& row : r.rows) {
    if (row.kind != "filter") continue;
    points.push_back({row.name, static_cast<double>(row.cost.wall_ns) / 1e6,
                      static_cast<double>(row.bytes_in) - static_cast<double>(row.bytes_out)});
  }
  std::string s = "<section id=\"benefit\"><h2>Cost vs benefit per filter</h2>\n";
  if (points.empty()) return s + "<p class=\"note\">No filter ran.</p></section>\n";
  s += "<p class=\"note\">Build time spent by each filter against the bytes it saved (input "
       "minus output bytes of the files it rewrote). Up and to the left pays off; red points "
       "made their output larger.</p>\n";
  s += ScatterSvg("Build ms vs bytes saved", "build time (ms)", "bytes saved", points);
  return s + "</section>\n";
}

std::string SyscallSection(const Report& r) {
  std::map<std::string, uint64_t> totals;
  std::vector<const ReportRow*> rows;
  for (const ReportRow* row : ByWall(r)) {
    if (row->syscalls_by_name.empty()) continue;
    rows.push_back(row);
    for (auto& [name, n] : row->syscalls_by_name) totals[name] += n;
  }
  if (rows.empty()) return "";
  std::vector<std::pair<std::string, uint64_t>> names(totals.begin(), totals.end());
  std::stable_sort(names.begin(), names.end(),
                   [](auto& a, auto& b) { return a.second > b.second; });
  const bool has_other = names.size() > kMaxSyscallColumns;
  if (has_other) names.resize(kMaxSyscallColumns);

  std::vector<Series> series;
  for (size_t i = 0; i < names.size(); ++i) series.push_back({names[i].first, kPalette[i]});
  if (has_other) series.push_back({"other", kPalette[kMaxSyscallColumns]});
  std::vector<Stack> stacks;
  uint64_t max_cell = 1;
  for (const ReportRow* row : rows)
    for (auto& [name, n] : row->syscalls_by_name) max_cell = std::max(max_cell, n);

  std::string table = "<table class=\"sortable\" id=\"syscall-table\"><thead><tr>"
                      "<th data-key=\"name\">filter / stage</th>";
  for (const Series& se : series)
    table += "<th class=\"num\" data-key=\"sc-" + Escape(se.name) + "\">" + Escape(se.name) + "</th>";
  table += "<th class=\"num\" data-key=\"sc-total\">total</th></tr></thead>\n<tbody>\n";
  for (const ReportRow* row : rows) {
    Stack st{row->name, {}, ""};
    uint64_t total = 0, named = 0;
    table += "<tr><td class=\"t\">" + Escape(row->name) + "</td>";
    for (auto& [name, unused] : names) {
      auto it = row->syscalls_by_name.find(name);
      const uint64_t n = it == row->syscalls_by_name.end() ? 0 : it->second;
      named += n;
      st.parts.push_back(static_cast<double>(n));
      // Shade each cell by its count so the hot spots stand out in a wide table.
      table += Fmt("<td data-v=\"%" PRIu64 "\" style=\"background:rgba(225,87,89,%.2f)\">%" PRIu64
                   "</td>",
                   n, 0.6 * static_cast<double>(n) / static_cast<double>(max_cell), n);
    }
    for (auto& [name, n] : row->syscalls_by_name) total += n;
    if (has_other) {
      st.parts.push_back(static_cast<double>(total - named));
      table += Fmt("<td data-v=\"%" PRIu64 "\">%" PRIu64 "</td>", total - named, total - named);
    }
    table += Fmt("<td data-v=\"%" PRIu64 "\">%" PRIu64 "</td></tr>\n", total, total);
    st.value_text = Fmt("%" PRIu64, total);
    stacks.push_back(std::move(st));
  }
  table += "</tbody></table>\n";
  return "<section id=\"syscalls\"><h2>Syscalls by name per filter and stage</h2>\n" +
         StackedBarSvg("Syscalls by name", series, stacks) + table + "</section>\n";
}

std::string PageWeightSection(const Report& r) {
  std::unordered_map<std::string, const OutputFile*> by_path;
  for (const OutputFile& f : r.outputs) by_path.emplace(f.path, &f);
  struct Page {
    const OutputFile* file;
    uint64_t bytes[kKinds] = {};
    uint64_t total = 0;
    size_t requests = 1;
    size_t unknown = 0;  // loads that are not in the output (external or missing)
  };
  std::vector<Page> pages;
  for (const OutputFile& f : r.outputs) {
    if (KindOf(f.content_type) != kHtml && f.loads.empty()) continue;
    Page p{&f};
    p.bytes[KindOf(f.content_type)] += f.bytes;
    for (const std::string& l : f.loads) {
      auto it = by_path.find(l);
      if (it == by_path.end()) {
        ++p.unknown;
        continue;
      }
      ++p.requests;
      p.bytes[KindOf(it->second->content_type)] += it->second->bytes;
    }
    for (uint64_t b : p.bytes) p.total += b;
    pages.push_back(p);
  }
  std::string s = "<section id=\"pages\"><h2>Page weight</h2>\n";
  if (pages.empty()) return s + "<p class=\"note\">No pages in the output.</p></section>\n";
  std::stable_sort(pages.begin(), pages.end(),
                   [](const Page& a, const Page& b) { return a.total > b.total; });
  s += "<p class=\"note\">Raw bytes of each page and of every output resource it loads, by "
       "type. Heaviest first.</p>\n";
  std::vector<Series> series;
  for (int k = 0; k < kKinds; ++k) series.push_back({kKindNames[k], kKindColors[k]});
  std::vector<Stack> stacks;
  for (size_t i = 0; i < pages.size() && i < kMaxPagesCharted; ++i) {
    Stack st{pages[i].file->path, {}, Kib(static_cast<int64_t>(pages[i].total)) + " KiB"};
    for (uint64_t b : pages[i].bytes) st.parts.push_back(static_cast<double>(b));
    stacks.push_back(std::move(st));
  }
  s += StackedBarSvg(pages.size() > kMaxPagesCharted
                         ? Fmt("Page weight (the %zu heaviest of %zu pages)", kMaxPagesCharted,
                               pages.size())
                         : std::string("Page weight"),
                     series, stacks);
  s += "<table class=\"sortable\" id=\"page-table\"><thead><tr><th data-key=\"page\">page</th>"
       "<th class=\"num\" data-key=\"requests\">requests</th>";
  for (int k = 0; k < kKinds; ++k)
    s += Fmt("<th class=\"num\" data-key=\"%s\">%s KiB</th>", kKindNames[k], kKindNames[k]);
  s += "<th class=\"num\" data-key=\"total\">total KiB</th>"
       "<th class=\"num\" data-key=\"unresolved\">not in output</th></tr></thead>\n<tbody>\n";
  for (const Page& p : pages) {
    s += "<tr><td class=\"t\">" + Escape(p.file->path) + "</td>" +
         Fmt("<td data-v=\"%zu\">%zu</td>", p.requests, p.requests);
    for (uint64_t b : p.bytes)
      s += Fmt("<td data-v=\"%" PRIu64 "\">", b) + Kib(static_cast<int64_t>(b)) + "</td>";
    s += Fmt("<td data-v=\"%" PRIu64 "\">", p.total) + Kib(static_cast<int64_t>(p.total)) +
         "</td>" + Fmt("<td data-v=\"%zu\">%zu</td></tr>\n", p.unknown, p.unknown);
  }
  return s + "</tbody></table></section>\n";
}

}  // namespace pagebake::report
