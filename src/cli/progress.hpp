// The progress line of a long sweep on a terminal: points done, rate and ETA on stderr.
#pragma once

#include <chrono>
#include <cstdint>

namespace radbound::cli {

class Progress {
 public:
  // `enabled` is false when stderr is not a terminal or --quiet was given: nothing is printed.
  Progress(std::uint64_t total, bool enabled);

  // `done` rows of `total` are finished; redraws the line when it is due.
  void update(std::uint64_t done);
  // Redraws with the last count (the rate and ETA change while a slow block runs).
  void refresh();
  // Erases the line.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::uint64_t total_, done_ = 0;
  bool enabled_, shown_ = false;
  Clock::time_point start_, last_draw_;
};

// Whether stderr is a terminal (progress goes there only then).
bool stderr_is_terminal();

}  // namespace radbound::cli
