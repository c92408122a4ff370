// Diagnostics: what a build says about the site. Each one names the file and, where there is
// one, the line:col. Thread-safe sink; the order of the final list is deterministic (sorted).
#ifndef PAGEBAKE_CORE_DIAGNOSTICS_H_
#define PAGEBAKE_CORE_DIAGNOSTICS_H_

#include <mutex>
#include <string>
#include <vector>

#include "pagebake/diagnostic.h"

namespace pagebake {

class DiagnosticSink {
 public:
  void Add(Diagnostic d);
  // Sorted by path, line, col, message: identical whatever the thread count.
  std::vector<Diagnostic> Sorted() const;
  int CountAtLeast(Severity s) const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> items_;
};

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_DIAGNOSTICS_H_
