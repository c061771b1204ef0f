// core/parallel.h: the cores a run may use, and the start-up loops that spread work over them.
#include <catch2/catch.hpp>

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

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
