#include "filters/core/worker_pool.h"

#include "filters/core/cost.h"

namespace pagebake {

WorkerPool::WorkerPool(int threads, CostMeter* meter) : meter_(meter) {
  for (int i = 1; i < threads; ++i) threads_.emplace_back([this, i] { WorkerLoop(i); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_work_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::RunItems(int worker, const std::function<void()>* on_item) {
  for (;;) {
    size_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= count_) break;
    (*fn_)(i, worker);
    if (on_item && *on_item) (*on_item)();
  }
}

void WorkerPool::WorkerLoop(int worker) {
  if (meter_) meter_->NameThread("worker-" + std::to_string(worker));
  uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_work_.wait(l, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    RunItems(worker, nullptr);
    {
      std::lock_guard<std::mutex> l(mu_);
      if (--active_ == 0) cv_done_.notify_all();
    }
  }
}

void WorkerPool::ParallelFor(size_t count, const std::function<void(size_t, int)>& fn,
                             const std::function<void()>& on_main_item) {
  if (count == 0) return;
  if (threads_.empty() || count == 1) {
    for (size_t i = 0; i < count; ++i) {
      fn(i, 0);
      if (on_main_item) on_main_item();
    }
    return;
  }
  {
    std::lock_guard<std::mutex> l(mu_);
    fn_ = &fn;
    count_ = count;
    next_.store(0);
    active_ = static_cast<int>(threads_.size());
    ++generation_;
  }
  cv_work_.notify_all();
  RunItems(0, &on_main_item);
  // What is left of the main thread's time is waiting for the slowest worker: its own row.
  CostScope wait(meter_, "wait", RowKind::kStage);
  std::unique_lock<std::mutex> l(mu_);
  cv_done_.wait(l, [&] { return active_ == 0; });
}

}  // namespace pagebake
