// A per-file time budget (Options::max_file_seconds: a pathological input must not stall the
// build). The pipeline starts one when it begins rewriting a file and checks it between filter
// passes; code that may run long inside one pass (a codec's encode loop, one fragment after
// another) polls Passed(), a vDSO clock read, and stops early. A passed deadline makes the
// pipeline report the file and copy it unchanged.
#ifndef PAGEBAKE_CORE_DEADLINE_H_
#define PAGEBAKE_CORE_DEADLINE_H_

#include <cstdint>
#include <limits>

namespace pagebake {

class Deadline {
 public:
  // Never passes.
  Deadline() = default;
  // `seconds` from now; seconds <= 0 means no limit.
  static Deadline After(double seconds);
  bool Passed() const;
  bool limited() const { return at_ns_ != std::numeric_limits<int64_t>::max(); }

 private:
  int64_t at_ns_ = std::numeric_limits<int64_t>::max();
};

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_DEADLINE_H_
