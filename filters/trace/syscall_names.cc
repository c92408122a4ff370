// Syscall numbers to names (x86-64), from the table generated out of asm/unistd_64.h.
#include "filters/trace/syscall_names.h"

#include <algorithm>
#include <iterator>

namespace pagebake::trace {
namespace {

struct Entry {
  long nr;
  const char* name;
};

constexpr Entry kTable[] = {
#include "syscall_table.inc"
    {-1, nullptr},  // keeps the array non-empty where the header was missing
};

}  // namespace

std::string SyscallName(long nr) {
  // The generated table is in number order; search it anyway rather than trust the header's.
  auto it = std::find_if(std::begin(kTable), std::end(kTable),
                         [nr](const Entry& e) { return e.nr == nr && e.name; });
  if (it != std::end(kTable)) return it->name;
  return "syscall_" + std::to_string(nr);
}

int SyscallTableSize() { return static_cast<int>(std::size(kTable)) - 1; }

}  // namespace pagebake::trace
