#include "filters/budget/glob.h"

#include <vector>

namespace pagebake::budget {

bool HasGlobChars(std::string_view p) { return p.find_first_of("*?") != std::string_view::npos; }

bool GlobMatch(std::string_view pattern, std::string_view path) {
  if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  // Tokenize: '**' (optionally with its following '/'), '*', '?', literal chars.
  enum Kind { kLit, kStar, kStarStar, kQuest };
  struct Tok {
    Kind kind;
    char c;
  };
  std::vector<Tok> toks;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
      i += 1;
      // "**/" matches zero or more whole segments: "**/a.js" matches "a.js" and "x/y/a.js".
      if (i + 1 < pattern.size() && pattern[i + 1] == '/') ++i;
      toks.push_back({kStarStar, 0});
    } else if (c == '*') {
      toks.push_back({kStar, 0});
    } else if (c == '?') {
      toks.push_back({kQuest, 0});
    } else {
      toks.push_back({kLit, c});
    }
  }
  // dp[j]: tokens [0, i) match path [0, j).
  const size_t n = path.size();
  std::vector<char> dp(n + 1, 0), next(n + 1, 0);
  dp[0] = 1;
  for (const Tok& t : toks) {
    std::fill(next.begin(), next.end(), 0);
    switch (t.kind) {
      case kLit:
        for (size_t j = 0; j < n; ++j)
          if (dp[j] && path[j] == t.c) next[j + 1] = 1;
        break;
      case kQuest:
        for (size_t j = 0; j < n; ++j)
          if (dp[j] && path[j] != '/') next[j + 1] = 1;
        break;
      case kStar:
        for (size_t j = 0; j <= n; ++j) {
          if (dp[j]) next[j] = 1;
          if (j > 0 && next[j - 1] && path[j - 1] != '/') next[j] = 1;
        }
        break;
      case kStarStar:
        for (size_t j = 0; j <= n; ++j) {
          if (dp[j]) next[j] = 1;
          if (j > 0 && next[j - 1]) next[j] = 1;
        }
        break;
    }
    dp.swap(next);
  }
  return dp[n] != 0;
}

std::string ValidateRobotsPath(std::string_view p) {
  if (p.empty() || p.front() != '/') return "path should start with '/'";
  size_t stars = 0, dollars = 0;
  for (char c : p) {
    stars += c == '*';
    dollars += c == '$';
  }
  if (stars > 1) return "path should only contain one '*'";
  if (dollars > 1) return "path should only contain one '$'";
  if (dollars == 1 && p.back() != '$') return "'$' should only occur at the end of the path";
  return {};
}

bool RobotsPathMatch(std::string_view pattern, std::string_view url) {
  const bool dollar = !pattern.empty() && pattern.back() == '$';
  if (dollar) pattern.remove_suffix(1);
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return dollar ? url == pattern : url.starts_with(pattern);
  std::string_view before = pattern.substr(0, star), after = pattern.substr(star + 1);
  if (!url.starts_with(before)) return false;
  std::string_view rest = url.substr(before.size());
  if (dollar) return rest.ends_with(after);
  return rest.find(after) != std::string_view::npos;
}

}  // namespace pagebake::budget
