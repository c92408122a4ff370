#include "filters/core/deadline.h"

#include "filters/core/cost.h"

namespace pagebake {

Deadline Deadline::After(double seconds) {
  Deadline d;
  // Beyond ~290 years the sum would overflow: that is no limit too.
  if (seconds > 0 && seconds < 9e9) d.at_ns_ = MonotonicNs() + static_cast<int64_t>(seconds * 1e9);
  return d;
}

bool Deadline::Passed() const { return limited() && MonotonicNs() >= at_ns_; }

}  // namespace pagebake
