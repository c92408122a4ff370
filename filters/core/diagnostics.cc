#include "filters/core/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace pagebake {

std::string Diagnostic::ToString() const {
  std::string out = path.empty() ? std::string("pagebake") : path;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (col > 0) out += ':' + std::to_string(col);
  }
  switch (severity) {
    case Severity::kNote: out += ": note: "; break;
    case Severity::kWarning: out += ": warning: "; break;
    case Severity::kError: out += ": error: "; break;
  }
  if (!filter_id.empty()) out += "[" + filter_id + "] ";
  out += message;
  return out;
}

void DiagnosticSink::Add(Diagnostic d) {
  std::lock_guard<std::mutex> lock(mu_);
  items_.push_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticSink::Sorted() const {
  std::vector<Diagnostic> v;
  {
    std::lock_guard<std::mutex> lock(mu_);
    v = items_;
  }
  std::stable_sort(v.begin(), v.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.line, a.col, a.filter_id, a.message) <
           std::tie(b.path, b.line, b.col, b.filter_id, b.message);
  });
  return v;
}

int DiagnosticSink::CountAtLeast(Severity s) const {
  std::lock_guard<std::mutex> lock(mu_);
  int n = 0;
  for (const auto& d : items_) n += d.severity >= s;
  return n;
}

}  // namespace pagebake
