// Internal to src/pipeline: the clock of the running counts the stages print on a terminal.
#pragma once

#include <chrono>

namespace cc::pipeline {

// A running count on a terminal is rewritten at most five times a second.
class ProgressClock {
 public:
  bool Due() {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ <= std::chrono::milliseconds(200)) return false;
    last_ = now;
    return true;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace cc::pipeline
