// The cost meter: exclusive nesting, known syscalls land in the scope that made them, the
// meter's own cost is subtracted, rows add up.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <ctime>
#include <thread>

#include "filters/core/cost.h"
#include "tests/core/test_util.h"

namespace pagebake {
namespace {

const CostRow* FindRow(const std::vector<CostRow>& rows, const std::string& name) {
  for (const CostRow& r : rows)
    if (r.name == name) return &r;
  return nullptr;
}
// Rows() returns a copy: a pointer into a temporary would dangle (found by ASan).
const CostRow* FindRow(std::vector<CostRow>&& rows, const std::string& name) = delete;

void ReadDevZero(int times) {
  int fd = ::open("/dev/zero", O_RDONLY);
  char buf[64];
  for (int i = 0; i < times; ++i) REQUIRE(::read(fd, buf, sizeof buf) == sizeof buf);
  ::close(fd);
}

TEST_CASE("known read syscalls are attributed to the scope that made them") {
  CostMeter meter;
  {
    CostScope outer(&meter, "outer", RowKind::kStage);
    ReadDevZero(10);
    {
      CostScope inner(&meter, "inner", RowKind::kFilter);
      ReadDevZero(100);
    }
    ReadDevZero(5);
  }
  auto rows = meter.Rows();
  const CostRow* outer = FindRow(rows, "outer");
  const CostRow* inner = FindRow(rows, "inner");
  REQUIRE(outer);
  REQUIRE(inner);
  // /proc/thread-self/io counts read-class syscalls exactly; the meter's own reads subtracted.
  CHECK(inner->counters.syscr == 100);
  CHECK(outer->counters.syscr == 15);
  CHECK(inner->counters.rchar == 100 * 64);
  CHECK(outer->counters.rchar == 15 * 64);
  if (meter.syscalls_known()) {
    // open/close are syscalls too: 100 reads + open + close; outer: two ReadDevZero calls.
    CHECK(inner->counters.syscalls == 102);
    if (testing::kSanitized)
      CHECK(outer->counters.syscalls >= 19);  // plus the sanitizer allocator's mmaps
    else
      CHECK(outer->counters.syscalls == 19);
  } else {
    WARN("syscall tracepoint counters unavailable here; syscalls unchecked");
  }
  CHECK(inner->invocations == 1);
}

TEST_CASE("nested scopes are exclusive: wall adds up to the outer's inclusive time") {
  CostMeter meter;
  meter.set_trace(true);
  {
    CostScope outer(&meter, "outer", RowKind::kStage);
    for (int i = 0; i < 3; ++i) {
      CostScope inner(&meter, "inner", RowKind::kFilter, "f.txt");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  auto rows = meter.Rows();
  const CostRow* outer = FindRow(rows, "outer");
  const CostRow* inner = FindRow(rows, "inner");
  REQUIRE(inner->invocations == 3);
  CHECK(inner->counters.wall_ns >= 15'000'000);
  CHECK(outer->counters.wall_ns < inner->counters.wall_ns);
  auto events = meter.TraceEvents();
  REQUIRE(events.size() == 4);
  int64_t outer_dur = 0, inner_sum = 0;
  for (auto& e : events) {
    if (e.name == "outer") outer_dur = e.dur_ns;
    else inner_sum += e.dur_ns;
  }
  // Exclusive parts add up to the inclusive duration.
  CHECK(outer->counters.wall_ns + inner->counters.wall_ns == outer_dur);
  CHECK(inner_sum <= outer_dur);
}

TEST_CASE("cpu time is charged to the thread that burns it") {
  CostMeter meter;
  std::thread t([&] {
    CostScope s(&meter, "spin", RowKind::kFilter);
    // Spin on the thread's own CPU clock, so a loaded machine cannot shorten it.
    auto cpu_ns = [] {
      timespec ts;
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    };
    volatile uint64_t x = 0;
    const int64_t end = cpu_ns() + 50'000'000;
    while (cpu_ns() < end) x = x + 1;
  });
  t.join();
  const std::vector<CostRow> rows = meter.Rows();
  const CostRow* spin = FindRow(rows, "spin");
  REQUIRE(spin);
  // getrusage has clock-tick granularity on some kernels: allow one 10 ms tick of slack.
  CHECK(spin->counters.cpu_user_ns + spin->counters.cpu_sys_ns >= 40'000'000);
}

TEST_CASE("env ops are attributed per scope") {
  CostMeter meter;
  {
    CostScope s(&meter, "ops", RowKind::kStage);
    ThreadEnvOps()[EnvOp::kOpen] += 3;
    ThreadEnvOps().bytes_read += 42;
  }
  const std::vector<CostRow> rows = meter.Rows();
  const CostRow* r = FindRow(rows, "ops");
  REQUIRE(r);
  CHECK(r->env_ops[EnvOp::kOpen] == 3);
  CHECK(r->env_ops.bytes_read == 42);
}

TEST_CASE("process totals cover the rows") {
  CostMeter meter;
  {
    CostScope s(&meter, "work", RowKind::kStage);
    ReadDevZero(1000);
  }
  Counters p = meter.ProcessTotals();
  const std::vector<CostRow> rows = meter.Rows();
  const CostRow* w = FindRow(rows, "work");
  CHECK(p.syscr >= w->counters.syscr);
  CHECK(p.cpu_user_ns + p.cpu_sys_ns >= w->counters.cpu_user_ns + w->counters.cpu_sys_ns);
  if (meter.syscalls_known()) CHECK(p.syscalls >= w->counters.syscalls);
}

}  // namespace
}  // namespace pagebake
