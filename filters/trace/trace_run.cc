// Running a child under the exact syscall tracer (pagebake/syscall_trace.h): fork, the child
// asks to be traced (PTRACE_TRACEME) and stops itself, then runs a function or execs a command;
// the parent runs the ptrace loop. Also the untraced comparison run of the overhead figure.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "filters/core/cost.h"
#include "filters/core/scope_marker.h"
#include "filters/trace/ptrace_tracer.h"
#include "pagebake/syscall_trace.h"

extern char** environ;

namespace pagebake {
namespace {

// What the child sends back through a close-on-exec pipe when it cannot be traced or exec.
struct ChildError {
  int stage;  // 1: PTRACE_TRACEME, 2: execve
  int err;
};

void SendError(int fd, int stage) {
  ChildError e{stage, errno};
  (void)!::write(fd, &e, sizeof e);
}

int WaitRetrying(pid_t pid, int* st, int flags) {
  pid_t r;
  while ((r = ::waitpid(pid, st, flags)) < 0 && errno == EINTR) {
  }
  return r;
}

// `body` runs in the traced child (after its SIGSTOP) and returns its exit code; it gets the
// pipe to report an exec failure on.
Status ForkTraced(const std::function<int(int err_fd)>& body, SyscallTraceResult* out) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return Status::IoError(std::string("pipe2: ") + std::strerror(errno));
  const int64_t start = MonotonicNs();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Status::IoError(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    if (::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != 0) {
      SendError(fds[1], 1);
      ::_exit(127);
    }
    ::raise(SIGSTOP);
    ::_exit(body(fds[1]));
  }
  ::close(fds[1]);
  int st = 0;
  WaitRetrying(pid, &st, __WALL);
  ChildError e{0, 0};
  if (!WIFSTOPPED(st)) {
    const bool got = ::read(fds[0], &e, sizeof e) == sizeof e;
    ::close(fds[0]);
    if (!WIFEXITED(st) && !WIFSIGNALED(st)) WaitRetrying(pid, &st, __WALL);
    return Status::Unimplemented(
        std::string("ptrace(PTRACE_TRACEME) refused: ") +
        (got && e.stage == 1 ? std::strerror(e.err) : "the child did not stop") +
        " (Yama ptrace_scope, a seccomp filter, or this process is itself traced)");
  }
  trace::PtraceTracer tracer(pid);
  Status s = tracer.Run();
  out->wall_ns = MonotonicNs() - start;
  const bool got = ::read(fds[0], &e, sizeof e) == sizeof e;
  ::close(fds[0]);
  if (!s.ok()) return s;
  tracer.Result(out);
  if (got && e.stage == 2) return Status::IoError(std::string("execve: ") + std::strerror(e.err));
  return Status::OK();
}

std::vector<char*> CStrings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (std::string& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

uint64_t TracedScope::total() const {
  uint64_t n = 0;
  for (auto& [name, st] : syscalls) n += st.count;
  return n;
}

uint64_t SyscallTraceResult::total_syscalls() const {
  uint64_t n = 0;
  for (const TracedScope& s : scopes) n += s.total();
  return n;
}

std::map<std::string, SyscallStat> SyscallTraceResult::ByName() const {
  std::map<std::string, SyscallStat> out;
  for (const TracedScope& s : scopes) {
    for (auto& [name, st] : s.syscalls) {
      SyscallStat& o = out[name];
      o.count += st.count;
      o.errors += st.errors;
      o.kernel_ns += st.kernel_ns;
    }
  }
  return out;
}

Status CheckPtraceAllowed() {
  SyscallTraceResult ignored;
  return ForkTraced([](int) { return 0; }, &ignored);
}

Status TraceFunction(const std::function<int()>& child, SyscallTraceResult* out) {
  return ForkTraced(
      [&child](int) {
        SetScopeMarkersForTest(true);
        return child();
      },
      out);
}

Status TraceCommand(const std::vector<std::string>& argv, const std::vector<std::string>& env_add,
                    SyscallTraceResult* out) {
  if (argv.empty()) return Status::InvalidArgument("TraceCommand: empty argv");
  // Everything the child needs is built before the fork.
  std::vector<std::string> args = argv, env;
  const std::string trace_prefix = std::string(kSyscallTraceEnv) + "=";
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, trace_prefix.c_str(), trace_prefix.size()) != 0) env.push_back(*e);
  env.insert(env.end(), env_add.begin(), env_add.end());
  std::vector<char*> c_args = CStrings(args), c_env = CStrings(env);
  return ForkTraced(
      [&](int err_fd) {
        ::execve(c_args[0], c_args.data(), c_env.data());
        SendError(err_fd, 2);
        return 127;
      },
      out);
}

Status TimeCommand(const std::vector<std::string>& argv, int64_t* wall_ns, int* exit_code) {
  if (argv.empty()) return Status::InvalidArgument("TimeCommand: empty argv");
  std::vector<std::string> args = argv;
  std::vector<char*> c_args = CStrings(args);
  const int64_t start = MonotonicNs();
  const pid_t pid = ::fork();
  if (pid < 0) return Status::IoError(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    const int null_fd = ::open("/dev/null", O_WRONLY);
    if (null_fd >= 0) {
      ::dup2(null_fd, 1);
      ::dup2(null_fd, 2);
    }
    ::execv(c_args[0], c_args.data());
    ::_exit(127);
  }
  int st = 0;
  if (WaitRetrying(pid, &st, 0) < 0)
    return Status::Internal(std::string("waitpid: ") + std::strerror(errno));
  *wall_ns = MonotonicNs() - start;
  *exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return Status::OK();
}

std::string SyscallTraceChildReportPath() {
  const char* v = std::getenv(kSyscallTraceEnv);
  return v ? std::string(v) : std::string();
}

}  // namespace pagebake
