#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace radbound::cli {

namespace {

// A sweep shorter than this shows no progress at all; redraws are this far apart.
constexpr auto kFirstDraw = std::chrono::milliseconds(500);
constexpr auto kRedraw = std::chrono::milliseconds(250);

std::string duration_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, s / 60 % 60);
}

}  // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::uint64_t total, bool enabled)
    : total_(total), enabled_(enabled), start_(Clock::now()), last_draw_(start_) {}

void Progress::update(std::uint64_t done) {
  done_ = done;
  refresh();
}

void Progress::refresh() {
  const auto now = Clock::now();
  if (!enabled_ || now - start_ < kFirstDraw || now - last_draw_ < kRedraw) return;
  last_draw_ = now;
  shown_ = true;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = static_cast<double>(done_) / elapsed;
  const std::string eta =
      rate > 0 ? duration_text(static_cast<double>(total_ - done_) / rate) : std::string("?");
  fmt::print(stderr, "\rradbound: {}/{} points ({:.0f}%), {:.0f} points/s, ETA {}\x1b[K", done_,
             total_, 100.0 * static_cast<double>(done_) / static_cast<double>(total_), rate, eta);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!shown_) return;
  fmt::print(stderr, "\r\x1b[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace radbound::cli
