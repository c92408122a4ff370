// The one assertion the fuzz targets use: an invariant that fails prints what and where, then
// aborts, so libFuzzer saves the input as a crash. Plain assert() would vanish under NDEBUG.
#ifndef PAGEBAKE_TESTS_FUZZ_FUZZ_CHECK_H_
#define PAGEBAKE_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                           \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                \
    }                                                                              \
  } while (0)

#endif  // PAGEBAKE_TESTS_FUZZ_FUZZ_CHECK_H_
