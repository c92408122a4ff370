// Scope announcements for the exact syscall tracer (`build --trace-syscalls`). When this process
// runs under pagebake's ptrace tracer (the environment variable kSyscallTraceEnv is set), the
// cost meter announces every change of the current row on a thread with ONE marker syscall that
// the tracer recognizes at syscall entry and does not count (kSyscallTraceEnv is in
// pagebake/syscall_trace.h):
//
//   getppid(kScopeMarkerMagic, id, name, name_len, kind | meter_syscalls << 8)
//
// getppid ignores its arguments, so the marker is harmless when nobody is tracing. `id` names
// the (row name, kind) the thread runs from now on (0: no scope, the "unattributed" row); the
// tracer reads `name` (name_len bytes, process_vm_readv) the first time it sees an id.
// `meter_syscalls` tells the tracer that the next N syscalls of this thread are the cost meter's
// own sample (read of the perf counter, pread of /proc/thread-self/io, getrusage): it charges
// them to the "meter" row, as the cheap counters do.
//
// Off (not traced), ScopeMarkersOn() is one load of a global bool that never changes: the branch
// around every announcement is perfectly predicted and nothing else runs.
#ifndef PAGEBAKE_CORE_SCOPE_MARKER_H_
#define PAGEBAKE_CORE_SCOPE_MARKER_H_

#include <cstdint>
#include <string_view>

namespace pagebake {

// First argument of a marker: "pbscope\0" as a little-endian integer.
inline constexpr uint64_t kScopeMarkerMagic = 0x0065706f63736270ULL;

namespace internal {
extern bool g_scope_markers_on;
}  // namespace internal

inline bool ScopeMarkersOn() { return internal::g_scope_markers_on; }
// Reads kSyscallTraceEnv once (the cost meter's constructor calls it, before any scope).
void InitScopeMarkers();
// Tests that trace a forked function turn markers on without the environment.
void SetScopeMarkersForTest(bool on);

// The id of a (row name, kind) for markers, assigned on first use (1, 2, ...). Only called when
// markers are on.
uint32_t ScopeMarkerId(std::string_view name, int kind);
// Issues the marker syscall (only call when ScopeMarkersOn()).
void AnnounceScope(uint32_t id, std::string_view name, int kind, int meter_syscalls);

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_SCOPE_MARKER_H_
