// core/parallel.h and core/ordered_pool.h: the cores a run may use, the start-up loops that
// spread work over them, and the pool that works on items in order.
#include <catch2/catch.hpp>

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/ordered_pool.h"
#include "core/parallel.h"

using namespace cc;

TEST_CASE("the usable cores are those of the CPU affinity, not all the machine's", "[parallel]") {
  cpu_set_t saved;
  REQUIRE(sched_getaffinity(0, sizeof(saved), &saved) == 0);
  CHECK(UsableCores() == static_cast<unsigned>(CPU_COUNT(&saved)));
  CHECK(UsableCores() <= std::max(1u, std::thread::hardware_concurrency()));
  // Pinned to one of its cores (as taskset or a container's cpuset would), this thread has one.
  int first = -1;
  for (int c = 0; c < CPU_SETSIZE && first < 0; ++c)
    if (CPU_ISSET(c, &saved)) first = c;
  REQUIRE(first >= 0);
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  REQUIRE(sched_setaffinity(0, sizeof(one), &one) == 0);
  unsigned pinned = UsableCores();
  REQUIRE(sched_setaffinity(0, sizeof(saved), &saved) == 0);
  CHECK(pinned == 1);
}

TEST_CASE("ParallelForInOrder consumes every piece once, in order, after its work", "[parallel]") {
  for (size_t n : {0, 1, 2, 7, 100}) {
    INFO("n = " << n);
    std::vector<std::atomic<int>> worked(n);
    std::vector<size_t> consumed;
    bool all_done_first = true;
    ParallelForInOrder(
        n,
        [&](size_t i) {
          // Early pieces slowest, so that later ones are often done before them.
          if (i < 3) std::this_thread::sleep_for(std::chrono::milliseconds(3 - static_cast<int>(i)));
          worked[i]++;
        },
        [&](size_t i) {
          all_done_first = all_done_first && worked[i] == 1;
          consumed.push_back(i);
        });
    std::vector<size_t> want(n);
    for (size_t i = 0; i < n; ++i) want[i] = i;
    CHECK(consumed == want);
    CHECK(all_done_first);
    for (size_t i = 0; i < n; ++i) CHECK(worked[i] == 1);
  }
}

TEST_CASE("ParallelForInOrder: the other threads take pieces in the order given, the caller the one it needs", "[parallel]") {
  const size_t n = 24;
  std::vector<size_t> first(n);
  for (size_t i = 0; i < n; ++i) first[i] = n - 1 - i;  // the last piece first
  std::mutex m;
  std::vector<size_t> by_others, by_caller;
  std::vector<size_t> consumed;
  const auto caller = std::this_thread::get_id();
  ParallelForInOrder(
      n,
      [&](size_t i) {
        {
          std::lock_guard<std::mutex> lock(m);
          (std::this_thread::get_id() == caller ? by_caller : by_others).push_back(i);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(300));
      },
      [&](size_t i) { consumed.push_back(i); }, first);
  std::vector<size_t> want(n);
  for (size_t i = 0; i < n; ++i) want[i] = i;
  CHECK(consumed == want);
  CHECK(by_caller.size() + by_others.size() == n);
  REQUIRE_FALSE(by_caller.empty());
  CHECK(by_caller.front() == 0);  // the piece it consumes first, which the others take last
  // The others' pieces, in the order they took them, are in the order of `first`.
  CHECK(std::is_sorted(by_others.begin(), by_others.end(), std::greater<size_t>()));
  if (ParallelThreads(n) > 1) CHECK(!by_others.empty());
}

TEST_CASE("ParallelForInOrder: an exception from consuming leaves after the work in flight", "[parallel]") {
  std::atomic<int> running{0}, finished{0};
  auto run = [&] {
    ParallelForInOrder(
        50,
        [&](size_t) {
          running++;
          std::this_thread::sleep_for(std::chrono::microseconds(200));
          running--;
          finished++;
        },
        [&](size_t i) {
          if (i == 3) throw std::runtime_error("bad file");
        });
  };
  CHECK_THROWS_WITH(run(), "bad file");
  CHECK(running == 0);  // no thread still working on a piece when the exception arrived
  CHECK(finished == 50);
}

TEST_CASE("OrderedPool consumes every item once, in the order pushed, after its work", "[parallel]") {
  for (unsigned threads : {0u, 1u, 2u, 5u}) {
    for (size_t wake_run : {size_t{1}, size_t{16}}) {
      INFO("threads = " << threads << ", wake_run = " << wake_run);
      std::vector<int> consumed;
      std::atomic<int> worked{0};
      std::atomic<bool> bad_worker{false};
      OrderedPool<std::pair<int, int>>::Options opt;
      opt.threads = threads;
      opt.max_items = 7;
      opt.wake_run = wake_run;
      {
        OrderedPool<std::pair<int, int>> pool(
            opt,
            [&](std::pair<int, int>& item, unsigned worker) {
              if (worker >= std::max(1u, threads)) bad_worker = true;
              if (item.first % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50));
              item.second = item.first * 2;
              ++worked;
            },
            [&](std::pair<int, int>& item) {
              CHECK(item.second == item.first * 2);  // worked on before it is consumed
              consumed.push_back(item.first);
            });
        for (int i = 0; i < 200; ++i) pool.Push({i, -1});
        pool.Drain();
        CHECK(pool.peak_items() <= 7);
      }
      CHECK(worked == 200);
      CHECK_FALSE(bad_worker);
      REQUIRE(consumed.size() == 200);
      for (int i = 0; i < 200; ++i) CHECK(consumed[static_cast<size_t>(i)] == i);
    }
  }
}

TEST_CASE("OrderedPool holds at most max_weight, or one item heavier than that", "[parallel]") {
  OrderedPool<int>::Options opt;
  opt.threads = 2;
  opt.max_weight = 100;
  std::vector<int> consumed;
  OrderedPool<int> pool(opt, [](int&, unsigned) { std::this_thread::sleep_for(std::chrono::microseconds(20)); },
                        [&](int& i) { consumed.push_back(i); });
  for (int i = 0; i < 50; ++i) pool.Push(i, i == 25 ? 500 : 30);
  pool.Drain();
  CHECK(pool.peak_weight() == 500);  // the heavy one, alone
  CHECK(consumed.size() == 50);
  OrderedPool<int> light(opt, [](int&, unsigned) {}, [](int&) {});
  for (int i = 0; i < 50; ++i) light.Push(i, 30);
  light.Drain();
  CHECK(light.peak_weight() <= 100);
}

TEST_CASE("OrderedPool rethrows a work's exception where that item is consumed", "[parallel]") {
  for (unsigned threads : {0u, 2u}) {
    INFO("threads = " << threads);
    std::vector<int> consumed;
    OrderedPool<int>::Options opt;
    opt.threads = threads;
    opt.max_items = 4;
    auto pool = std::make_unique<OrderedPool<int>>(
        opt,
        [](int& i, unsigned) {
          if (i == 10) throw std::runtime_error("ten");
        },
        [&](int& i) { consumed.push_back(i); });
    bool thrown = false;
    try {
      for (int i = 0; i < 100; ++i) pool->Push(i);
      pool->Drain();
    } catch (const std::runtime_error& e) {
      thrown = std::string(e.what()) == "ten";
    }
    CHECK(thrown);
    REQUIRE(consumed.size() == 10);  // everything before it, nothing after
    for (int i = 0; i < 10; ++i) CHECK(consumed[static_cast<size_t>(i)] == i);
    pool.reset();  // the workers stop; what they had not taken is dropped
  }
}
