// Diagnostics: what a build says about the site. Each one names the file and, where there is
// one, the line:col. Thread-safe sink; the order of the final list is deterministic (sorted).
#ifndef PAGEBAKE_CORE_DIAGNOSTICS_H_
#define PAGEBAKE_CORE_DIAGNOSTICS_H_

#include <mutex>
#include <string>
#include <vector>

namespace pagebake {

enum class Severity { kNote, kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kWarning;
  std::string path;       // root-relative path of the file the message is about
  int line = 0;           // 1-based; 0 when there is no position
  int col = 0;            // 1-based, in bytes
  std::string filter_id;  // the filter or stage that noticed it; may be empty
  std::string message;
  // "css/app.css:3:14: warning: [css-minify] unterminated string"
  std::string ToString() const;
};

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
