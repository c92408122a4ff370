#include "filters/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace pagebake::report {
namespace {

constexpr int kWidth = 760;
constexpr int kLabelWidth = 230;
constexpr int kBarArea = 410;
constexpr int kRowHeight = 18;
constexpr int kTop = 28;
constexpr size_t kMaxLabelChars = 36;

// Long page paths would push the bars off the chart: keep the end (the file name is the part
// that tells pages apart) and put the whole label in the hover <title>. Cuts only at a UTF-8
// character boundary.
std::string ShortLabel(const std::string& s) {
  if (s.size() <= kMaxLabelChars) return s;
  size_t start = s.size() - (kMaxLabelChars - 1);
  while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
  return "\xE2\x80\xA6" + s.substr(start);  // "…"
}

std::string Header(std::string_view title, int height) {
  return Fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" "
             "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
             kWidth, height, kWidth, height) +
         Escape(title) + "\"><text class=\"ct\" x=\"0\" y=\"16\">" + Escape(title) + "</text>";
}

std::string Label(const std::string& label, int y) {
  return Fmt("<text class=\"cl\" x=\"%d\" y=\"%d\" text-anchor=\"end\">", kLabelWidth - 6,
             y + 13) +
         "<title>" + Escape(label) + "</title>" + Escape(ShortLabel(label)) + "</text>";
}

double Finite(double v) { return std::isfinite(v) ? v : 0; }

}  // namespace

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\0': out += "\xEF\xBF\xBD"; break;  // NUL is a parse error in HTML text
      default: out += c;
    }
  }
  return out;
}

std::string Fmt(const char* f, ...) {
  va_list ap;
  va_start(ap, f);
  va_list ap2;
  va_copy(ap2, ap);
  int n = std::vsnprintf(nullptr, 0, f, ap);
  va_end(ap);
  std::string out(n > 0 ? static_cast<size_t>(n) : 0, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, f, ap2);
  va_end(ap2);
  return out;
}

std::string BarChartSvg(std::string_view title, const std::vector<Bar>& bars,
                        std::string_view color) {
  double max = 0;
  for (const Bar& b : bars) max = std::max(max, Finite(b.value));
  const int height = kTop + static_cast<int>(bars.size()) * kRowHeight + 6;
  std::string out = Header(title, height);
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int y = kTop + static_cast<int>(i) * kRowHeight;
    const double v = std::max(0.0, Finite(b.value));
    const double w = max > 0 ? v / max * kBarArea : 0;
    out += Label(b.label, y);
    out += Fmt("<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"", kLabelWidth,
               y + 2, w, kRowHeight - 4) +
           Escape(color) + "\"><title>" + Escape(b.label) + ": " + Escape(b.value_text) +
           "</title></rect>";
    out += Fmt("<text class=\"cv\" x=\"%.1f\" y=\"%d\">", kLabelWidth + w + 4, y + 13) +
           Escape(b.value_text) + "</text>";
  }
  return out + "</svg>";
}

std::string ScatterSvg(std::string_view title, std::string_view x_label,
                       std::string_view y_label, const std::vector<Point>& points) {
  constexpr int kLeft = 90, kPlotW = 600, kPlotH = 300, kPlotTop = 34;
  double max_x = 0, min_y = 0, max_y = 0;
  for (const Point& p : points) {
    max_x = std::max(max_x, Finite(p.x));
    min_y = std::min(min_y, Finite(p.y));
    max_y = std::max(max_y, Finite(p.y));
  }
  if (max_x <= 0) max_x = 1;
  if (max_y - min_y <= 0) max_y = min_y + 1;
  auto px = [&](double x) { return kLeft + Finite(x) / max_x * kPlotW; };
  auto py = [&](double y) { return kPlotTop + (max_y - Finite(y)) / (max_y - min_y) * kPlotH; };
  const int height = kPlotTop + kPlotH + 40;
  std::string out = Header(title, height);
  // Axes, the zero line, and the extreme values as tick labels.
  out += Fmt("<line class=\"ax\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", kLeft, kPlotTop, kLeft,
             kPlotTop + kPlotH);
  out += Fmt("<line class=\"ax\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", kLeft, py(0),
             kLeft + kPlotW, py(0));
  out += Fmt("<text class=\"cl\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>", kLeft - 4,
             py(max_y) + 4, max_y);
  out += Fmt("<text class=\"cl\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>", kLeft - 4,
             py(0) + 4);
  if (min_y < 0)
    out += Fmt("<text class=\"cl\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>", kLeft - 4,
               py(min_y) + 4, min_y);
  out += Fmt("<text class=\"cl\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1f</text>", kLeft + kPlotW,
             kPlotTop + kPlotH + 16, max_x);
  out += Fmt("<text class=\"cl\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">", kLeft + kPlotW / 2,
             kPlotTop + kPlotH + 32) +
         Escape(x_label) + "</text>";
  out += Fmt("<text class=\"cl\" x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
             "text-anchor=\"middle\">",
             kPlotTop + kPlotH / 2, kPlotTop + kPlotH / 2) +
         Escape(y_label) + "</text>";
  for (const Point& p : points) {
    const bool loss = p.y < 0;
    out += Fmt("<g class=\"pt\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\">", px(p.x),
               py(p.y), loss ? "#c0392b" : "#2e7d32") +
           "<title>" + Escape(p.label) + Fmt(": %.1f ms, %.0f bytes saved", p.x, p.y) +
           "</title></circle>";
    out += Fmt("<text class=\"cl\" x=\"%.1f\" y=\"%.1f\">", px(p.x) + 7, py(p.y) - 6) +
           Escape(ShortLabel(p.label)) + "</text></g>";
  }
  return out + "</svg>";
}

std::string StackedBarSvg(std::string_view title, const std::vector<Series>& series,
                          const std::vector<Stack>& stacks) {
  double max = 0;
  for (const Stack& s : stacks) {
    double sum = 0;
    for (double v : s.parts) sum += std::max(0.0, Finite(v));
    max = std::max(max, sum);
  }
  const int legend = 20;
  const int height = kTop + legend + static_cast<int>(stacks.size()) * kRowHeight + 6;
  std::string out = Header(title, height);
  int lx = kLabelWidth;
  for (const Series& s : series) {
    out += Fmt("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"", lx, kTop) +
           Escape(s.color) + "\"/>";
    out += Fmt("<text class=\"cl\" x=\"%d\" y=\"%d\">", lx + 14, kTop + 9) + Escape(s.name) +
           "</text>";
    lx += 20 + 8 * static_cast<int>(s.name.size());
  }
  for (size_t i = 0; i < stacks.size(); ++i) {
    const Stack& s = stacks[i];
    const int y = kTop + legend + static_cast<int>(i) * kRowHeight;
    out += Label(s.label, y);
    double x = kLabelWidth;
    for (size_t k = 0; k < s.parts.size() && k < series.size(); ++k) {
      const double v = std::max(0.0, Finite(s.parts[k]));
      const double w = max > 0 ? v / max * kBarArea : 0;
      if (w <= 0) continue;
      out += Fmt("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"", x, y + 2, w,
                 kRowHeight - 4) +
             Escape(series[k].color) + "\"><title>" + Escape(series[k].name) +
             Fmt(": %.0f bytes", v) + "</title></rect>";
      x += w;
    }
    out += Fmt("<text class=\"cv\" x=\"%.1f\" y=\"%d\">", x + 4, y + 13) + Escape(s.value_text) +
           "</text>";
  }
  return out + "</svg>";
}

}  // namespace pagebake::report
