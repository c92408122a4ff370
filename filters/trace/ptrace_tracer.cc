// The ptrace loop of the exact syscall tracer (see ptrace_tracer.h).
#include "filters/trace/ptrace_tracer.h"

#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstring>

#include "filters/core/cost.h"
#include "filters/core/scope_marker.h"
#include "filters/trace/syscall_names.h"

namespace pagebake::trace {
namespace {

// Bucket ids besides the announced ones (1, 2, ...; 0 is "no scope": unattributed).
constexpr uint32_t kStartup = 0xFFFFFFFFu;
constexpr uint32_t kMeter = 0xFFFFFFFEu;

// Syscall keys: x86-64 numbers as they are, i386 (compat) ones offset, anything else last.
constexpr uint32_t kCompatBase = 2048;
constexpr uint32_t kOutOfRange = 4095;
constexpr uint32_t kKeys = 4096;

uint32_t Key(uint32_t arch, uint64_t nr) {
  if (arch == AUDIT_ARCH_X86_64 && nr < kCompatBase) return static_cast<uint32_t>(nr);
  if (arch == AUDIT_ARCH_I386 && nr < kOutOfRange - kCompatBase)
    return kCompatBase + static_cast<uint32_t>(nr);
  return kOutOfRange;
}

std::string KeyName(uint32_t key) {
  if (key < kCompatBase) return SyscallName(key);
  if (key < kOutOfRange) return "i386_syscall_" + std::to_string(key - kCompatBase);
  return "syscall_out_of_range";
}

constexpr long kOptions = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |
                          PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;

std::string Errno(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

PtraceTracer::PtraceTracer(pid_t root) : root_(root) {
  Thread& t = Get(root);
  t.first_stop_pending = false;  // its SIGSTOP is the stop the caller waited for
  t.scope = kStartup;
}

PtraceTracer::Thread& PtraceTracer::Get(pid_t tid) {
  auto [it, added] = threads_.try_emplace(tid);
  if (added) ++threads_seen_;
  return it->second;
}

SyscallStat& PtraceTracer::Stat(uint32_t bucket, uint32_t key) {
  std::vector<SyscallStat>& v = stats_[bucket];
  if (v.empty()) v.resize(kKeys);
  return v[key];
}

Status PtraceTracer::Run() {
  if (::ptrace(PTRACE_SETOPTIONS, root_, nullptr, reinterpret_cast<void*>(kOptions)) != 0) {
    Status s = Status::Unimplemented(Errno("ptrace(PTRACE_SETOPTIONS)"));
    ::kill(root_, SIGKILL);
    int st;
    while (::waitpid(root_, &st, __WALL) < 0 && errno == EINTR) {
    }
    return s;
  }
  if (::ptrace(PTRACE_SYSCALL, root_, nullptr, nullptr) != 0)
    return Status::Internal(Errno("ptrace(PTRACE_SYSCALL)"));
  while (true) {
    int st = 0;
    pid_t tid = ::waitpid(-1, &st, __WALL);
    if (tid < 0) {
      if (errno == EINTR) continue;
      if (errno == ECHILD) break;  // every tracee is gone
      return Status::Internal(Errno("waitpid"));
    }
    const int64_t now = MonotonicNs();
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
      if (tid == root_) exit_code_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      threads_.erase(tid);
      continue;
    }
    if (!WIFSTOPPED(st)) continue;
    Thread& t = Get(tid);
    const int sig = WSTOPSIG(st);
    const int event = st >> 16;
    int inject = 0;
    if (sig == (SIGTRAP | 0x80)) {
      OnSyscallStop(tid, t, now);
    } else if (event != 0) {
      OnEvent(tid, t, event);
    } else if (sig == SIGSTOP && t.first_stop_pending) {
      t.first_stop_pending = false;  // a new tracee's attach stop: not the program's signal
    } else {
      inject = sig;  // a real signal: deliver it
    }
    // ESRCH: the thread was killed meanwhile (exit_group of another thread); its exit follows.
    ::ptrace(PTRACE_SYSCALL, tid, nullptr, reinterpret_cast<void*>(static_cast<long>(inject)));
  }
  return Status::OK();
}

void PtraceTracer::OnSyscallStop(pid_t tid, Thread& t, int64_t now) {
  __ptrace_syscall_info info;
  std::memset(&info, 0, sizeof info);
  if (::ptrace(PTRACE_GET_SYSCALL_INFO, tid, reinterpret_cast<void*>(sizeof info), &info) <= 0)
    return;
  if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
    t.made_syscalls = true;
    t.in_syscall = true;
    t.in_marker = info.arch == AUDIT_ARCH_X86_64 && info.entry.nr == SYS_getppid &&
                  info.entry.args[0] == kScopeMarkerMagic;
    if (t.in_marker) {
      OnMarker(tid, t, reinterpret_cast<const uint64_t*>(info.entry.args));
      return;
    }
    t.bucket = t.meter_left > 0 ? kMeter : t.scope;
    if (t.meter_left > 0) --t.meter_left;
    t.key = Key(info.arch, info.entry.nr);
    t.enter_ns = now;
    Stat(t.bucket, t.key).count += 1;
  } else if (info.op == PTRACE_SYSCALL_INFO_EXIT) {
    if (!t.in_syscall) return;  // an exit without its entry (a new thread's return from clone)
    t.in_syscall = false;
    if (t.in_marker) return;
    SyscallStat& s = Stat(t.bucket, t.key);
    if (info.exit.is_error) s.errors += 1;
    s.kernel_ns += now - t.enter_ns;
  }
}

void PtraceTracer::OnMarker(pid_t tid, Thread& t, const uint64_t args[6]) {
  ++markers_;
  const uint32_t id = static_cast<uint32_t>(args[1]);
  const uint64_t len = args[3];
  t.scope = id;
  t.meter_left = static_cast<int>((args[4] >> 8) & 0xff);
  if (id == 0 || scopes_.count(id)) return;
  Scope& scope = scopes_[id];
  scope.kind = static_cast<int>(args[4] & 0xff);
  std::string name(len < 4096 ? len : 4096, '\0');
  iovec local{name.data(), name.size()};
  iovec remote{reinterpret_cast<void*>(args[2]), name.size()};
  ssize_t n = name.empty() ? 0 : ::process_vm_readv(tid, &local, 1, &remote, 1, 0);
  if (n < 0) {
    // Fall back to word-sized peeks (process_vm_readv can be denied where ptrace is not).
    n = 0;
    for (size_t off = 0; off < name.size(); off += sizeof(long)) {
      errno = 0;
      long w = ::ptrace(PTRACE_PEEKDATA, tid, reinterpret_cast<void*>(args[2] + off), nullptr);
      if (errno != 0) break;
      const size_t take = std::min(sizeof(long), name.size() - off);
      std::memcpy(name.data() + off, &w, take);
      n = static_cast<ssize_t>(off + take);
    }
  }
  name.resize(static_cast<size_t>(n));
  scope.name = name.empty() ? "scope-" + std::to_string(id) : name;
}

void PtraceTracer::OnEvent(pid_t tid, Thread& t, int event) {
  unsigned long msg = 0;
  ::ptrace(PTRACE_GETEVENTMSG, tid, nullptr, &msg);
  const pid_t child = static_cast<pid_t>(msg);
  if (event == PTRACE_EVENT_CLONE || event == PTRACE_EVENT_FORK ||
      event == PTRACE_EVENT_VFORK) {
    Thread& c = Get(child);
    // A new thread runs no scope yet; a new process is a copy of this thread.
    if (event != PTRACE_EVENT_CLONE && !c.made_syscalls) c.scope = t.scope;
  } else if (event == PTRACE_EVENT_EXEC && child != tid) {
    // A non-leader thread exec'd: it now has the leader's id; keep its state under that id.
    auto it = threads_.find(child);
    if (it != threads_.end()) {
      Thread moved = it->second;
      threads_.erase(it);
      threads_[tid] = moved;
    }
  }
}

void PtraceTracer::Result(SyscallTraceResult* out) const {
  out->exit_code = exit_code_;
  out->markers = markers_;
  out->threads = threads_seen_;
  out->scopes.clear();
  for (auto& [bucket, stats] : stats_) {
    TracedScope s;
    if (bucket == kStartup) {
      s.name = "startup";
      s.kind = std::string(RowKindName(RowKind::kStage));
    } else if (bucket == kMeter) {
      s.name = "meter";
      s.kind = std::string(RowKindName(RowKind::kStage));
    } else if (bucket == 0) {
      s.name = "unattributed";
      s.kind = std::string(RowKindName(RowKind::kUnattributed));
    } else {
      auto it = scopes_.find(bucket);
      s.name = it != scopes_.end() ? it->second.name : "scope-" + std::to_string(bucket);
      s.kind = std::string(RowKindName(
          static_cast<RowKind>(it != scopes_.end() ? it->second.kind : 0)));
    }
    for (uint32_t key = 0; key < stats.size(); ++key)
      if (stats[key].count) s.syscalls[KeyName(key)] = stats[key];
    if (!s.syscalls.empty()) out->scopes.push_back(std::move(s));
  }
}

}  // namespace pagebake::trace
