// A fixed pool of worker threads for ParallelFor. The calling thread takes part as worker 0, so
// -j N means N threads doing work, and the main thread's time is work, not waiting. Each worker
// has a stable index, which the pipeline uses to give every worker its own filter instances
// (filters are never shared between threads).
#ifndef PAGEBAKE_CORE_WORKER_POOL_H_
#define PAGEBAKE_CORE_WORKER_POOL_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pagebake {

class CostMeter;

class WorkerPool {
 public:
  // `threads` >= 1 in total, including the caller.
  WorkerPool(int threads, CostMeter* meter);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;

  int size() const { return static_cast<int>(threads_.size()) + 1; }
  // Runs fn(index, worker) for every index in [0, count); returns when all are done. Indices
  // are handed out in increasing order. `on_main_item` runs on the calling thread after each
  // item it finished (progress reporting).
  void ParallelFor(size_t count, const std::function<void(size_t, int)>& fn,
                   const std::function<void()>& on_main_item = {});

 private:
  void WorkerLoop(int worker);
  void RunItems(int worker, const std::function<void()>* on_item);

  CostMeter* meter_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_work_, cv_done_;
  uint64_t generation_ = 0;
  bool stop_ = false;
  const std::function<void(size_t, int)>* fn_ = nullptr;
  size_t count_ = 0;
  std::atomic<size_t> next_{0};
  int active_ = 0;
};

}  // namespace pagebake

#endif  // PAGEBAKE_CORE_WORKER_POOL_H_
