// A diagnostic: what a build says about one file of the site, with its position.
#ifndef PAGEBAKE_DIAGNOSTIC_H_
#define PAGEBAKE_DIAGNOSTIC_H_

#include <string>

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

}  // namespace pagebake

#endif  // PAGEBAKE_DIAGNOSTIC_H_
