// What the *_perftest programs share: reading an input whole and naming it in a JSON line.
#ifndef PAGEBAKE_TESTS_PERFTEST_UTIL_H_
#define PAGEBAKE_TESTS_PERFTEST_UTIL_H_

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace pagebake::testing {

inline bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

// `s` as the inside of a JSON string.
inline std::string JsonEscape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      o.push_back('\\');
      o.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      o += b;
    } else {
      o.push_back(c);
    }
  }
  return o;
}

}  // namespace pagebake::testing

#endif  // PAGEBAKE_TESTS_PERFTEST_UTIL_H_
