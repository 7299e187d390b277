// SIGINT and SIGTERM as a request to stop cleanly (SPEC §3: exit 130, completed rows kept).
#pragma once

#include <atomic>

namespace radbound::cli {

// While a guard lives, SIGINT and SIGTERM set flag() instead of ending the process. Each handler
// is reset by its first signal, so a second Ctrl-C ends the process at once (the whole rows
// already flushed to FILE.partial stay resumable).
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  const std::atomic<bool>& flag() const;
};

}  // namespace radbound::cli
