// Path patterns of budget files. Two dialects, each from where the rule came from:
// - pagebake globs on root-relative output (or source) paths: `*` and `?` stay inside one path
//   segment, `**` spans segments ("**/*.js", "img/**", "blog/*/index.html"); a leading '/' is
//   ignored. Matched without recursion (a DP over pattern x path), so no input can blow the stack.
// - Lighthouse `path`: robots.txt style on the URL path ("/blog", "/*.html$"): a prefix match,
//   at most one `*`, `$` only at the end; validated like Lighthouse does.
#ifndef PAGEBAKE_BUDGET_GLOB_H_
#define PAGEBAKE_BUDGET_GLOB_H_

#include <string>
#include <string_view>

namespace pagebake::budget {

bool GlobMatch(std::string_view pattern, std::string_view path);
bool HasGlobChars(std::string_view pattern);

// Empty when valid, else why not (Lighthouse's own rules).
std::string ValidateRobotsPath(std::string_view pattern);
// `url_path` starts with '/' ("/blog/index.html").
bool RobotsPathMatch(std::string_view pattern, std::string_view url_path);

}  // namespace pagebake::budget

#endif  // PAGEBAKE_BUDGET_GLOB_H_
