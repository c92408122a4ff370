#include "filters/core/cost.h"

#include <fcntl.h>
#include <linux/perf_event.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "filters/core/scope_marker.h"

namespace pagebake {

struct CostMeter::Frame {
  std::string name;
  RowKind kind;
  std::string file;
  Counters self;
  EnvOpCounts env_self;
  int64_t start_ns = 0;
  uint64_t files = 1;
  uint64_t bytes_in = 0, bytes_out = 0, fallbacks = 0;
  CostMeter* meter = nullptr;
  uint32_t marker_id = 0;  // scope id announced to the syscall tracer (scope_marker.h)
};

namespace {

int64_t TimevalNs(const timeval& tv) { return int64_t(tv.tv_sec) * 1000000000 + tv.tv_usec * 1000; }

int64_t ParseField(const char* buf, const char* key) {
  const char* p = std::strstr(buf, key);
  if (!p) return 0;
  return std::strtoll(p + std::strlen(key), nullptr, 10);
}

int ReadTracepointId() {
  for (const char* path : {"/sys/kernel/tracing/events/raw_syscalls/sys_enter/id",
                           "/sys/kernel/debug/tracing/events/raw_syscalls/sys_enter/id"}) {
    FILE* f = std::fopen(path, "re");
    if (!f) continue;
    int id = -1;
    if (std::fscanf(f, "%d", &id) != 1) id = -1;
    std::fclose(f);
    if (id >= 0) return id;
  }
  return -1;
}

int OpenSyscallCounter(bool whole_process) {
  static const int id = ReadTracepointId();
  if (id < 0) return -1;
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.type = PERF_TYPE_TRACEPOINT;
  attr.size = sizeof attr;
  attr.config = static_cast<uint64_t>(id);
  attr.inherit = whole_process ? 1 : 0;
  int fd = static_cast<int>(
      ::syscall(SYS_perf_event_open, &attr, 0 /*this thread*/, -1, -1, PERF_FLAG_FD_CLOEXEC));
  return fd;
}

// Per-thread sampling state.
struct ThreadState {
  int io_fd = -2;    // -2: not opened yet; -1: unavailable
  int perf_fd = -2;
  int tid = 0;
  std::vector<CostMeter::Frame*> stack;
  Counters last;
  EnvOpCounts last_ops;
  bool calibrated = false;
  // Bytes the previous sample's pread of /proc/thread-self/io returned: the next interval's
  // rchar includes them.
  int64_t last_io_bytes = 0;
  ~ThreadState() {
    if (io_fd >= 0) ::close(io_fd);
    if (perf_fd >= 0) ::close(perf_fd);
  }
};
thread_local ThreadState tls;

// The meter's own cost, process-wide: samples taken and the bytes their io reads returned.
std::atomic<int64_t> g_samples{0};
std::atomic<int64_t> g_sample_read_calls{0};
std::atomic<int64_t> g_sample_read_bytes{0};
std::atomic<int64_t> g_sample_syscalls{0};

Counters Sample(ThreadState& t) {
  Counters c;
  if (t.perf_fd == -2) {
    t.perf_fd = OpenSyscallCounter(false);
    g_sample_syscalls.fetch_add(1, std::memory_order_relaxed);
  }
  if (t.io_fd == -2) {
    t.io_fd = ::open("/proc/thread-self/io", O_RDONLY | O_CLOEXEC);
    g_sample_syscalls.fetch_add(1, std::memory_order_relaxed);
  }
  g_samples.fetch_add(1, std::memory_order_relaxed);
  g_sample_syscalls.fetch_add(1 + (t.perf_fd >= 0) + (t.io_fd >= 0), std::memory_order_relaxed);
  g_sample_read_calls.fetch_add((t.perf_fd >= 0) + (t.io_fd >= 0), std::memory_order_relaxed);
  if (t.perf_fd >= 0) g_sample_read_bytes.fetch_add(8, std::memory_order_relaxed);
  if (t.perf_fd >= 0) {
    uint64_t v = 0;
    if (::read(t.perf_fd, &v, sizeof v) == sizeof v) c.syscalls = static_cast<int64_t>(v);
  }
  if (t.io_fd >= 0) {
    char buf[512];
    ssize_t n = ::pread(t.io_fd, buf, sizeof buf - 1, 0);
    t.last_io_bytes = n > 0 ? n : 0;
    g_sample_read_bytes.fetch_add(t.last_io_bytes, std::memory_order_relaxed);
    if (n > 0) {
      buf[n] = 0;
      c.rchar = ParseField(buf, "rchar: ");
      c.wchar = ParseField(buf, "wchar: ");
      c.syscr = ParseField(buf, "syscr: ");
      c.syscw = ParseField(buf, "syscw: ");
    }
  }
  rusage ru;
  ::getrusage(RUSAGE_THREAD, &ru);
  c.cpu_user_ns = TimevalNs(ru.ru_utime);
  c.cpu_sys_ns = TimevalNs(ru.ru_stime);
  c.minor_faults = ru.ru_minflt;
  c.major_faults = ru.ru_majflt;
  c.vol_ctx_switches = ru.ru_nvcsw;
  c.invol_ctx_switches = ru.ru_nivcsw;
  c.wall_ns = MonotonicNs();
  return c;
}

void Calibrate(ThreadState& t) {
  if (t.calibrated) return;
  t.calibrated = true;
  Sample(t);  // opens the fds
  t.tid = static_cast<int>(::syscall(SYS_gettid));
}

int64_t Clamp0(int64_t v) { return v < 0 ? 0 : v; }

// The syscalls one Sample() makes once the thread is calibrated (the tracer charges them to the
// meter row).
int SampleSyscalls(const ThreadState& t) { return 1 + (t.perf_fd >= 0) + (t.io_fd >= 0); }

// Charges what happened since the last sample to the innermost open frame.
//
// The meter's own syscalls are subtracted exactly. A sample does, in order: read(perf fd) —
// counted by the tracepoint at entry, so included in the value it returns —, pread(io fd) —
// its own syscr/rchar are accounted after it returns, so not in the values it reads —, and
// getrusage. So each interval between two samples holds: 3 sampling syscalls (pread and
// getrusage of the previous sample, read of this one), 2 read-class syscalls (the previous
// pread, this perf read) and their bytes (the previous pread's length + 8).
void ChargeTop(ThreadState& t, const Counters& now, int64_t prev_io_bytes) {
  Counters d = now - t.last;
  const bool perf = t.perf_fd >= 0, io = t.io_fd >= 0;
  // Under the syscall tracer, the interval also holds the scope marker issued before this sample.
  d.syscalls = Clamp0(d.syscalls - (perf ? 3 + ScopeMarkersOn() : 0));
  d.syscr = Clamp0(d.syscr - (perf ? 1 : 0) - (io ? 1 : 0));
  d.rchar = Clamp0(d.rchar - (perf ? 8 : 0) - (io ? prev_io_bytes : 0));
  EnvOpCounts ops = ThreadEnvOps() - t.last_ops;
  if (!t.stack.empty()) {
    t.stack.back()->self += d;
    t.stack.back()->env_self += ops;
  }
  t.last = now;
  t.last_ops = ThreadEnvOps();
}

}  // namespace

int64_t MonotonicNs() {
  timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

Counters SampleThread() { return Sample(tls); }

Counters MeterSelfCost() {
  Counters c;
  c.syscalls = g_sample_syscalls.load();
  c.syscr = g_sample_read_calls.load();
  c.rchar = g_sample_read_bytes.load();
  return c;
}

std::string_view RowKindName(RowKind k) {
  switch (k) {
    case RowKind::kFilter: return "filter";
    case RowKind::kStage: return "stage";
    case RowKind::kUnattributed: return "unattributed";
  }
  return "?";
}

Counters& Counters::operator+=(const Counters& o) {
  wall_ns += o.wall_ns;
  cpu_user_ns += o.cpu_user_ns;
  cpu_sys_ns += o.cpu_sys_ns;
  minor_faults += o.minor_faults;
  major_faults += o.major_faults;
  vol_ctx_switches += o.vol_ctx_switches;
  invol_ctx_switches += o.invol_ctx_switches;
  syscr += o.syscr;
  syscw += o.syscw;
  rchar += o.rchar;
  wchar += o.wchar;
  syscalls += o.syscalls;
  return *this;
}

Counters Counters::operator-(const Counters& o) const {
  Counters r;
  r.wall_ns = wall_ns - o.wall_ns;
  r.cpu_user_ns = cpu_user_ns - o.cpu_user_ns;
  r.cpu_sys_ns = cpu_sys_ns - o.cpu_sys_ns;
  r.minor_faults = minor_faults - o.minor_faults;
  r.major_faults = major_faults - o.major_faults;
  r.vol_ctx_switches = vol_ctx_switches - o.vol_ctx_switches;
  r.invol_ctx_switches = invol_ctx_switches - o.invol_ctx_switches;
  r.syscr = syscr - o.syscr;
  r.syscw = syscw - o.syscw;
  r.rchar = rchar - o.rchar;
  r.wchar = wchar - o.wchar;
  r.syscalls = syscalls - o.syscalls;
  return r;
}

CostMeter::CostMeter() {
  InitScopeMarkers();
  // Under the tracer: what the thread did before this point is the "startup" row.
  if (ScopeMarkersOn()) AnnounceScope(0, {}, static_cast<int>(RowKind::kUnattributed), 0);
  start_ns_ = MonotonicNs();
  startup_ = ProcessTotals();
  startup_.syscalls = 0;  // not countable before the counter exists
  startup_.wall_ns = 0;
  // Process start time (field 22 of /proc/self/stat, in clock ticks since boot).
  if (FILE* f = std::fopen("/proc/self/stat", "re")) {
    char buf[1024];
    size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    std::fclose(f);
    const char* p = std::strrchr(buf, ')');
    int field = 2;
    while (p && *p && field < 22) {
      if (*p == ' ') ++field;
      ++p;
    }
    if (p && field == 22) {
      long long ticks = std::strtoll(p, nullptr, 10);
      timespec boot;
      ::clock_gettime(CLOCK_BOOTTIME, &boot);
      int64_t now_boot = int64_t(boot.tv_sec) * 1000000000 + boot.tv_nsec;
      int64_t started = ticks * (1000000000 / ::sysconf(_SC_CLK_TCK));
      if (now_boot > started) startup_.wall_ns = now_boot - started;
    }
  }
  process_perf_fd_ = OpenSyscallCounter(true);
  Calibrate(tls);
  main_tid_ = tls.tid;
  syscalls_known_ = tls.perf_fd >= 0 && process_perf_fd_ >= 0;
}

int64_t CostMeter::main_thread_wall_ns() const {
  std::lock_guard<std::mutex> l(mu_);
  return main_wall_ns_;
}

CostMeter::~CostMeter() {
  if (process_perf_fd_ >= 0) ::close(process_perf_fd_);
}

void CostMeter::NameThread(std::string name) {
  Calibrate(tls);
  std::lock_guard<std::mutex> l(mu_);
  thread_names_[tls.tid] = std::move(name);
}

void CostMeter::Commit(const Frame& f, int64_t end_ns, int tid) {
  std::lock_guard<std::mutex> l(mu_);
  CostRow& row = rows_[{f.name, f.kind}];
  if (row.name.empty()) {
    row.name = f.name;
    row.kind = f.kind;
  }
  if (tid == main_tid_) main_wall_ns_ += f.self.wall_ns;
  row.invocations += 1;
  row.files += f.files;
  row.counters += f.self;
  row.env_ops += f.env_self;
  row.bytes_in += f.bytes_in;
  row.bytes_out += f.bytes_out;
  row.fallbacks += f.fallbacks;
  if (trace_) {
    TraceEvent e;
    e.name = f.name;
    e.kind = f.kind;
    e.file = f.file;
    e.tid = tid;
    e.start_ns = f.start_ns - start_ns_;
    e.dur_ns = end_ns - f.start_ns;
    e.self = f.self;
    e.bytes_in = f.bytes_in;
    e.bytes_out = f.bytes_out;
    events_.push_back(std::move(e));
  }
}

std::vector<CostRow> CostMeter::Rows() const {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<CostRow> v;
  for (auto& [k, r] : rows_) v.push_back(r);
  return v;
}

std::vector<TraceEvent> CostMeter::TraceEvents() const {
  std::lock_guard<std::mutex> l(mu_);
  return events_;
}

std::map<int, std::string> CostMeter::ThreadNames() const {
  std::lock_guard<std::mutex> l(mu_);
  return thread_names_;
}

Counters CostMeter::ProcessTotals() const {
  Counters c;
  rusage ru;
  ::getrusage(RUSAGE_SELF, &ru);
  c.cpu_user_ns = TimevalNs(ru.ru_utime);
  c.cpu_sys_ns = TimevalNs(ru.ru_stime);
  c.minor_faults = ru.ru_minflt;
  c.major_faults = ru.ru_majflt;
  c.vol_ctx_switches = ru.ru_nvcsw;
  c.invol_ctx_switches = ru.ru_nivcsw;
  if (FILE* f = std::fopen("/proc/self/io", "re")) {
    char buf[512];
    size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    std::fclose(f);
    c.rchar = ParseField(buf, "rchar: ");
    c.wchar = ParseField(buf, "wchar: ");
    c.syscr = ParseField(buf, "syscr: ");
    c.syscw = ParseField(buf, "syscw: ");
  }
  if (process_perf_fd_ >= 0) {
    uint64_t v = 0;
    if (::read(process_perf_fd_, &v, sizeof v) == sizeof v) c.syscalls = static_cast<int64_t>(v);
  }
  c.wall_ns = MonotonicNs() - start_ns_;
  return c;
}

CostScope::CostScope(CostMeter* meter, std::string_view name, RowKind kind,
                     std::string_view file)
    : meter_(meter) {
  if (!meter_) return;
  ThreadState& t = tls;
  Calibrate(t);
  frame_ = std::make_unique<CostMeter::Frame>();
  frame_->name = std::string(name);
  frame_->kind = kind;
  if (meter_->trace_) frame_->file = std::string(file);
  frame_->meter = meter;
  if (ScopeMarkersOn()) {
    frame_->marker_id = ScopeMarkerId(frame_->name, static_cast<int>(kind));
    AnnounceScope(frame_->marker_id, frame_->name, static_cast<int>(kind), SampleSyscalls(t));
  }
  int64_t prev_io = t.last_io_bytes;
  Counters now = Sample(t);
  if (t.stack.empty()) {
    t.last = now;
    t.last_ops = ThreadEnvOps();
  } else {
    ChargeTop(t, now, prev_io);
  }
  frame_->start_ns = now.wall_ns;
  t.stack.push_back(frame_.get());
}

CostScope::~CostScope() {
  if (!meter_) return;
  ThreadState& t = tls;
  if (ScopeMarkersOn()) {  // back to the parent scope, or to none
    const CostMeter::Frame* up = t.stack.size() >= 2 ? t.stack[t.stack.size() - 2] : nullptr;
    AnnounceScope(up ? up->marker_id : 0, up ? std::string_view(up->name) : std::string_view(),
                  static_cast<int>(up ? up->kind : RowKind::kUnattributed), SampleSyscalls(t));
  }
  int64_t prev_io = t.last_io_bytes;
  Counters now = Sample(t);
  ChargeTop(t, now, prev_io);
  t.stack.pop_back();
  if (!meter_->syscalls_known_) frame_->self.syscalls = 0;
  meter_->Commit(*frame_, now.wall_ns, t.tid);
}

void CostScope::AddBytes(uint64_t in, uint64_t out) {
  if (!frame_) return;
  frame_->bytes_in += in;
  frame_->bytes_out += out;
}

void CostScope::AddFallbacks(uint64_t n) {
  if (frame_) frame_->fallbacks += n;
}

void CostScope::SetFiles(uint64_t n) {
  if (frame_) frame_->files = n;
}

}  // namespace pagebake
