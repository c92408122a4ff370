// Inline SVG charts for the HTML report, generated here so the page needs no script library and
// no network. Every label is escaped; numbers are formatted with a fixed locale-free printf.
#ifndef PAGEBAKE_FILTERS_REPORT_SVG_CHART_H_
#define PAGEBAKE_FILTERS_REPORT_SVG_CHART_H_

#include <string>
#include <string_view>
#include <vector>

namespace pagebake::report {

// Escapes text for an HTML/SVG text node or a quoted attribute value.
std::string Escape(std::string_view s);

// printf into a std::string (charts need many small formatted numbers).
std::string Fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));

struct Bar {
  std::string label;
  double value = 0;
  std::string value_text;  // shown after the bar, e.g. "12.3 ms"
};

// Horizontal bars, one per entry in the given order, scaled to the largest value. Negative
// values are drawn as zero-length bars (costs are never negative; this only guards bad input).
std::string BarChartSvg(std::string_view title, const std::vector<Bar>& bars,
                        std::string_view color);

struct Point {
  std::string label;
  double x = 0;  // build cost, ms
  double y = 0;  // benefit, bytes saved (may be negative: a filter that grew its output)
};

// Cost vs benefit: x from 0 to the largest x, y spanning the smallest (or 0) to the largest
// value (or 0), with the y = 0 line drawn so a negative benefit is visible as such.
std::string ScatterSvg(std::string_view title, std::string_view x_label,
                       std::string_view y_label, const std::vector<Point>& points);

struct Stack {
  std::string label;
  std::vector<double> parts;  // one per series, same order as StackedBarSvg's series
  std::string value_text;
};

struct Series {
  std::string name;
  std::string color;
};

// Horizontal stacked bars (one per stack) with a legend of the series.
std::string StackedBarSvg(std::string_view title, const std::vector<Series>& series,
                          const std::vector<Stack>& stacks);

}  // namespace pagebake::report

#endif  // PAGEBAKE_FILTERS_REPORT_SVG_CHART_H_
