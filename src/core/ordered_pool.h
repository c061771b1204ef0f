// OrderedPool: items pushed in order are worked on by worker threads and handed back, in the
// order they were pushed, to the thread that pushes them, so that making items, working on
// them and consuming them overlap while the result does not depend on the number of threads.
// `check -j N` extracts articles on it (src/pipeline/add.cpp) and checks fact partitions on it
// (src/pipeline/check.cpp).
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace cc {

template <typename T>
class OrderedPool {
 public:
  struct Options {
    // Worker threads, started by the first Push. 0: Push works on the item and consumes it at
    // once, on the calling thread.
    unsigned threads = 0;
    // Before it adds an item, Push consumes (waiting for the work to finish) until fewer than
    // `max_items` items are in the pool and their weights and the new one's add up to at most
    // `max_weight` (or the pool is empty): memory stays bounded however far ahead the caller is.
    size_t max_items = std::numeric_limits<size_t>::max();
    size_t max_weight = std::numeric_limits<size_t>::max();
    // When Push or Drain has to wait, it waits until this many items at the head are done (or
    // all there are, if fewer), then consumes every done item at the head: one wake-up per run
    // rather than per item.
    size_t wake_run = 1;
  };
  // Runs on worker thread `worker` (0 to threads - 1; 0, the calling thread, when there are no
  // threads). What it throws is rethrown by the Push or Drain that consumes the item.
  using Work = std::function<void(T& item, unsigned worker)>;
  // Runs on the pushing thread, once per item, in the order pushed. What it throws leaves
  // Push or Drain; the pool may then only be destroyed.
  using Consume = std::function<void(T& item)>;

  OrderedPool(Options options, Work work, Consume consume)
      : options_(options), work_(std::move(work)), consume_(std::move(consume)) {}
  // Stops the workers: items not taken yet are dropped (after an error), those taken finish.
  ~OrderedPool() { Stop(); }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // Adds an item of `weight` (see Options), after consuming the done items at the head when the
  // pool is full, and then every done item at the head.
  void Push(T item, size_t weight = 0) {
    auto slot = std::make_unique<Slot>();
    slot->item = std::move(item);
    slot->weight = weight;
    if (threads_.empty() && options_.threads > 0)
      for (unsigned t = 0; t < options_.threads; ++t) threads_.emplace_back([this, t] { Run(t); });
    if (threads_.empty()) {
      peak_items_ = std::max<size_t>(peak_items_, 1);
      peak_weight_ = std::max(peak_weight_, weight);
      work_seconds_ += WorkOn(*slot, 0);
      Finish(*slot);
      return;
    }
    std::unique_lock<std::mutex> lock(m_);
    while (!slots_.empty() && (slots_.size() >= options_.max_items || weight_ + weight > options_.max_weight))
      ConsumeHead(lock, true);
    weight_ += weight;
    slots_.push_back(std::move(slot));
    peak_items_ = std::max(peak_items_, slots_.size());
    peak_weight_ = std::max(peak_weight_, weight_);
    ++pushed_;
    work_ready_.notify_one();
    while (!slots_.empty() && slots_.front()->done) ConsumeHead(lock, false);
  }

  // Consumes every item still in the pool, in order, waiting for their work.
  void Drain() {
    std::unique_lock<std::mutex> lock(m_);
    while (!slots_.empty()) ConsumeHead(lock, true);
  }

  // Seconds spent in `work`, summed over the threads (some may still be working after an error).
  double work_seconds() {
    std::lock_guard<std::mutex> lock(m_);
    return work_seconds_;
  }
  // Seconds spent in `consume`.
  double consume_seconds() const { return consume_seconds_; }
  // The most items, and the most weight, in the pool at once.
  size_t peak_items() const { return peak_items_; }
  size_t peak_weight() const { return peak_weight_; }

 private:
  struct Slot {
    T item;
    size_t weight = 0;
    std::exception_ptr error;
    bool done = false;
  };

  // Works on one item; returns the seconds it took.
  double WorkOn(Slot& s, unsigned worker) {
    auto t0 = std::chrono::steady_clock::now();
    try {
      work_(s.item, worker);
    } catch (...) {
      s.error = std::current_exception();
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  void Finish(Slot& s) {
    if (s.error) std::rethrow_exception(s.error);
    auto t0 = std::chrono::steady_clock::now();
    consume_(s.item);
    consume_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  bool HeadRunDone() const {
    size_t n = std::min(options_.wake_run, slots_.size());
    for (size_t i = 0; i < n; ++i)
      if (!slots_[i]->done) return false;
    return true;
  }

  // Consumes the first item (waiting, when `wait`, for a run of done items at the head, and
  // then consuming the whole run), without the lock while consuming.
  void ConsumeHead(std::unique_lock<std::mutex>& lock, bool wait) {
    if (wait) {
      waiting_ = true;
      done_.wait(lock, [&] { return HeadRunDone(); });
      waiting_ = false;
      do ConsumeFront(lock);
      while (!slots_.empty() && slots_.front()->done);
      return;
    }
    ConsumeFront(lock);
  }

  void ConsumeFront(std::unique_lock<std::mutex>& lock) {
    auto slot = std::move(slots_.front());
    slots_.pop_front();
    ++popped_;
    weight_ -= slot->weight;
    lock.unlock();
    try {
      Finish(*slot);
    } catch (...) {
      lock.lock();
      throw;
    }
    lock.lock();
  }

  void Run(unsigned worker) {
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      work_ready_.wait(lock, [&] { return stop_ || taken_ < pushed_; });
      if (taken_ == pushed_) return;  // stopping, nothing left
      Slot* s = slots_[taken_ - popped_].get();
      ++taken_;
      lock.unlock();
      double dt = WorkOn(*s, worker);
      lock.lock();
      work_seconds_ += dt;
      s->done = true;
      if (waiting_ && HeadRunDone()) done_.notify_all();
    }
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
      pushed_ = taken_;  // what is not taken yet is dropped; what is taken finishes
    }
    work_ready_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

  const Options options_;
  Work work_;
  Consume consume_;
  std::vector<std::thread> threads_;
  std::mutex m_;
  std::condition_variable work_ready_, done_;
  std::deque<std::unique_ptr<Slot>> slots_;     // pushed, not consumed yet, in order
  size_t weight_ = 0;                           // of slots_
  size_t peak_items_ = 0, peak_weight_ = 0;
  size_t pushed_ = 0, taken_ = 0, popped_ = 0;  // counts of slots ever pushed, taken, popped
  bool stop_ = false;
  bool waiting_ = false;  // the consuming thread waits on done_
  double work_seconds_ = 0, consume_seconds_ = 0;
};

}  // namespace cc
