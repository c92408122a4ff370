// Runs the builds of a filter experiment. The cost meter is per process and cumulative, so two
// builds in one process at once would mix their rows: parallel builds run in forked children
// (the child builds, then writes "OK\n" + its report JSON, or "ERR <code>\n<message>", to a pipe
// and _exits; the parent reads the pipes with poll() and reaps each child with wait4(), whose
// rusage is the build's CPU). Forking is only safe from a single-threaded process (Build() joins
// its workers before it returns); otherwise the builds run one after another in this process.
// Either way a build's filter rows are the difference of the meter's rows around it.
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "filters/report/experiment_internal.h"
#include "pagebake/pagebake.h"

namespace pagebake::experiment {
namespace {

int64_t NowNs() {
  timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double CpuMs(const rusage& ru) {
  auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
  return ms(ru.ru_utime) + ms(ru.ru_stime);
}

// The meter's filter rows so far (cumulative over this process).
std::map<std::string, ReportRow> FilterRowsNow() {
  BuildResult r;
  FinishReport(&r);
  std::map<std::string, ReportRow> rows;
  for (ReportRow& row : r.report.rows)
    if (row.kind == "filter") rows[row.name] = std::move(row);
  return rows;
}

// Builds and replaces the report's rows by this build's filter rows.
Status BuildMeasured(const Options& options, Report* out) {
  std::map<std::string, ReportRow> before = FilterRowsNow();
  BuildResult result;
  Status s = Build(options, &result);
  if (!s.ok()) return s;
  FinishReport(&result);
  std::vector<ReportRow> rows;
  for (ReportRow& row : result.report.rows) {
    if (row.kind != "filter") continue;
    if (auto it = before.find(row.name); it != before.end()) {
      const ReportRow& b = it->second;
      row.invocations -= b.invocations;
      row.files -= b.files;
      row.bytes_in -= b.bytes_in;
      row.bytes_out -= b.bytes_out;
      row.fallbacks -= b.fallbacks;
      row.cost.wall_ns -= b.cost.wall_ns;
      row.cost.cpu_user_ns -= b.cost.cpu_user_ns;
      row.cost.cpu_sys_ns -= b.cost.cpu_sys_ns;
    }
    if (row.invocations > 0) rows.push_back(std::move(row));
  }
  result.report.rows = std::move(rows);
  *out = std::move(result.report);
  return Status::OK();
}

Status StatusFrom(int code, std::string msg) {
  switch (StatusCode(code)) {
    case StatusCode::kInvalidArgument:
      return Status::InvalidArgument(std::move(msg));
    case StatusCode::kNotFound:
      return Status::NotFound(std::move(msg));
    case StatusCode::kIoError:
      return Status::IoError(std::move(msg));
    case StatusCode::kContentError:
      return Status::ContentError(std::move(msg));
    case StatusCode::kUnimplemented:
      return Status::Unimplemented(std::move(msg));
    case StatusCode::kLimitExceeded:
      return Status::LimitExceeded(std::move(msg));
    default:
      return Status::Internal(std::move(msg));
  }
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(size_t(n));
  }
  return true;
}

[[noreturn]] void ChildMain(const Options& options, int fd) {
  Report report;
  Status s = BuildMeasured(options, &report);
  std::string msg = s.ok() ? "OK\n" + ReportToJson(report)
                           : "ERR " + std::to_string(int(s.code())) + "\n" + s.message();
  ::_exit(WriteAll(fd, msg) ? 0 : 1);
}

struct Child {
  pid_t pid = -1;
  int fd = -1;
  size_t index = 0;
  int64_t start_ns = 0;
  std::string data;
};

// Reaps a child whose pipe reached EOF and decodes what it sent.
BuildOutcome Finish(Child& c) {
  ::close(c.fd);
  BuildOutcome out;
  int wstatus = 0;
  rusage ru{};
  while (::wait4(c.pid, &wstatus, 0, &ru) < 0 && errno == EINTR) {
  }
  out.wall_ms = double(NowNs() - c.start_ns) / 1e6;
  out.cpu_ms = CpuMs(ru);
  if (c.data.rfind("OK\n", 0) == 0 && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) {
    Result<Report> r = ReportFromJson(c.data.substr(3));
    if (r.ok()) {
      out.report = std::move(r).value();
    } else {
      out.status =
          Status::Internal("experiment: a build's report did not parse: " + r.status().message());
    }
  } else if (c.data.rfind("ERR ", 0) == 0) {
    size_t nl = c.data.find('\n');
    int code = std::atoi(c.data.c_str() + 4);
    out.status = StatusFrom(code, nl == std::string::npos ? "" : c.data.substr(nl + 1));
  } else if (WIFSIGNALED(wstatus)) {
    out.status = Status::Internal("experiment: the build crashed (signal " +
                                  std::to_string(WTERMSIG(wstatus)) + ")");
  } else {
    out.status = Status::Internal("experiment: the build process failed");
  }
  return out;
}

// On an error: no child is left running or unreaped.
Status Abandon(std::vector<Child>& running, std::string message) {
  for (Child& c : running) {
    ::close(c.fd);
    ::kill(c.pid, SIGKILL);
    while (::waitpid(c.pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  running.clear();
  return Status::IoError(std::move(message));
}

Status RunForked(const std::vector<BuildSpec>& specs, int parallel,
                 const std::function<void(size_t, BuildOutcome&)>& done) {
  std::vector<Child> running;
  size_t next = 0;
  while (next < specs.size() || !running.empty()) {
    while (next < specs.size() && int(running.size()) < parallel) {
      int fds[2];
      if (::pipe2(fds, O_CLOEXEC) != 0)
        return Abandon(running, std::string("experiment: pipe: ") + std::strerror(errno));
      std::fflush(nullptr);  // a child must not flush the parent's buffered output again
      Child c;
      c.start_ns = NowNs();
      c.pid = ::fork();
      if (c.pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return Abandon(running, std::string("experiment: fork: ") + std::strerror(errno));
      }
      if (c.pid == 0) {
        ::close(fds[0]);
        ChildMain(specs[next].options, fds[1]);
      }
      ::close(fds[1]);
      c.fd = fds[0];
      c.index = next++;
      running.push_back(std::move(c));
    }
    std::vector<pollfd> pfds;
    for (const Child& c : running) pfds.push_back({c.fd, POLLIN, 0});
    if (::poll(pfds.data(), pfds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return Abandon(running, std::string("experiment: poll: ") + std::strerror(errno));
    }
    for (size_t i = pfds.size(); i-- > 0;) {
      if (!(pfds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Child& c = running[i];
      char buf[65536];
      ssize_t n = ::read(c.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) {
        c.data.append(buf, size_t(n));
        continue;
      }
      BuildOutcome out = Finish(c);
      const size_t index = c.index;
      running.erase(running.begin() + i);
      done(index, out);
    }
  }
  return Status::OK();
}

}  // namespace

bool SingleThreaded() {
  DIR* d = ::opendir("/proc/self/task");
  if (!d) return false;
  int n = 0;
  while (dirent* e = ::readdir(d))
    if (e->d_name[0] != '.') ++n;
  ::closedir(d);
  return n == 1;
}

Status RunBuilds(const std::vector<BuildSpec>& specs, const RunnerConfig& config,
                 const std::function<void(size_t, BuildOutcome&)>& done) {
  if (config.fork) return RunForked(specs, std::max(1, config.parallel), done);
  for (size_t i = 0; i < specs.size(); ++i) {
    BuildOutcome out;
    rusage before{}, after{};
    ::getrusage(RUSAGE_SELF, &before);
    const int64_t start = NowNs();
    out.status = BuildMeasured(specs[i].options, &out.report);
    out.wall_ms = double(NowNs() - start) / 1e6;
    ::getrusage(RUSAGE_SELF, &after);
    out.cpu_ms = CpuMs(after) - CpuMs(before);
    done(i, out);
  }
  return Status::OK();
}

}  // namespace pagebake::experiment
