// Syscall numbers to names for the exact syscall tracer: the x86-64 table generated at configure
// time from the kernel's asm/unistd_64.h (filters/trace/CMakeLists.txt).
#ifndef PAGEBAKE_TRACE_SYSCALL_NAMES_H_
#define PAGEBAKE_TRACE_SYSCALL_NAMES_H_

#include <string>

namespace pagebake::trace {

// "read", "openat", ...; "syscall_<nr>" for a number the table does not know (a syscall newer
// than the headers the tool was built with).
std::string SyscallName(long nr);
// How many names the generated table holds (0 where the header was missing).
int SyscallTableSize();

}  // namespace pagebake::trace

#endif  // PAGEBAKE_TRACE_SYSCALL_NAMES_H_
