// Small helpers for tests that use the real filesystem: a temp directory removed at the end,
// writing and reading files.
#ifndef PAGEBAKE_TESTS_CORE_TEST_UTIL_H_
#define PAGEBAKE_TESTS_CORE_TEST_UTIL_H_

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "filters/core/env.h"

namespace pagebake::testing {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/pagebake-test-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { (void)NewPosixEnv(IoStrategy::kRead)->RemoveAll(path_); }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

// Built with a sanitizer: its runtime makes syscalls and allocations of its own, so exact
// syscall counts only hold as lower bounds.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// Worker threads for pipeline tests: PAGEBAKE_TEST_JOBS when set (the ThreadSanitizer stage of
// `./build.sh sanitize` runs them with 4), else `fallback`.
inline int TestJobs(int fallback) {
  const char* env = std::getenv("PAGEBAKE_TEST_JOBS");
  return env && *env ? std::atoi(env) : fallback;
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::string dir = DirName(path);
  (void)NewPosixEnv(IoStrategy::kRead)->CreateDirs(dir);
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace pagebake::testing

#endif  // PAGEBAKE_TESTS_CORE_TEST_UTIL_H_
