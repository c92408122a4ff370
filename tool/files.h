// Small helpers every subcommand needs: whole-file text IO, comma-separated id lists, and the
// color decision (--color auto|always|never, NO_COLOR). Here once instead of in each cmd_*.cc.
#ifndef PAGEBAKE_TOOL_FILES_H_
#define PAGEBAKE_TOOL_FILES_H_

#include <string>
#include <vector>

namespace pagebake::tool {

// The whole file into `out`; false when it cannot be opened or read.
bool ReadText(const std::string& path, std::string* out);
// `text` into `path` (truncating, or appending); false when it cannot be written.
bool WriteText(const std::string& path, const std::string& text, bool append = false);
// {"a,b", "c"} -> {"a", "b", "c"}; empty items dropped.
std::vector<std::string> SplitIds(const std::vector<std::string>& in);
// "always" / "never", else auto: no when NO_COLOR is set and non-empty, else isatty(fd).
bool WantColor(const std::string& mode, int fd);

}  // namespace pagebake::tool

#endif  // PAGEBAKE_TOOL_FILES_H_
