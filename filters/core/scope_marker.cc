// Scope announcements for the exact syscall tracer: see scope_marker.h for the protocol.
#include "filters/core/scope_marker.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "pagebake/syscall_trace.h"

namespace pagebake {
namespace internal {
bool g_scope_markers_on = false;
}  // namespace internal

namespace {
std::mutex g_ids_mu;
std::map<std::pair<std::string, int>, uint32_t>* g_ids = nullptr;  // lives until exit
}  // namespace

void InitScopeMarkers() {
  const char* v = std::getenv(kSyscallTraceEnv);
  if (v && *v) internal::g_scope_markers_on = true;
}

void SetScopeMarkersForTest(bool on) { internal::g_scope_markers_on = on; }

uint32_t ScopeMarkerId(std::string_view name, int kind) {
  std::lock_guard<std::mutex> l(g_ids_mu);
  if (!g_ids) g_ids = new std::map<std::pair<std::string, int>, uint32_t>();
  auto [it, added] = g_ids->try_emplace({std::string(name), kind}, 0);
  if (added) it->second = static_cast<uint32_t>(g_ids->size());
  return it->second;
}

void AnnounceScope(uint32_t id, std::string_view name, int kind, int meter_syscalls) {
  ::syscall(SYS_getppid, kScopeMarkerMagic, static_cast<unsigned long>(id), name.data(),
            static_cast<unsigned long>(name.size()),
            static_cast<unsigned long>(kind) | static_cast<unsigned long>(meter_syscalls) << 8);
}

}  // namespace pagebake
