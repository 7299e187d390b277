#include "sweep_runner.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace radbound::cli {

namespace {

using Clock = std::chrono::steady_clock;

// How many blocks workers may run ahead of the writer: bounds memory when one block is slow.
constexpr std::uint64_t kBlocksAheadPerThread = 4;
constexpr auto kIdleInterval = std::chrono::milliseconds(200);

// Solves one point, starting from the previous point's solution when there is one. A start that
// fails is retried cold: continuation may make a sweep faster, never a point fail. An exception
// (none is expected after validation) is a failed point, which never stops the sweep.
Summary solve_point(const Problem& problem, const SolveOptions& options,
                    std::optional<Solution>& previous) {
  try {
    Result result = solve(problem, options, previous ? &*previous : nullptr);
    if (previous && !result.solution.ok()) result = solve(problem, options);
    Summary summary = summarize(problem, result);
    if (result.solution.ok() && !result.solution.x.empty()) {
      if (previous) recycle(std::move(*previous));
      previous = std::move(result.solution);
    }
    return summary;
  } catch (const std::exception&) {
    Summary failed;
    failed.status = Status::failed;
    failed.method = to_string(options.method);
    return failed;
  }
}

class Sweep {
 public:
  Sweep(const ModelGrid& grid, std::uint64_t begin, std::uint64_t end,
        const SweepSettings& settings, const RowFormatter& format)
      : grid_(grid),
        begin_(begin),
        end_(end),
        settings_(settings),
        format_(format),
        block_(settings.chaining.block),
        first_block_(begin / block_),
        end_block_((end + block_ - 1) / block_),
        next_block_(first_block_),
        written_block_(first_block_) {}

  ~Sweep() {
    stop_ = true;
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  bool run(const std::function<void(const RowBatch&)>& consume, const std::function<void()>& idle) {
    const auto threads = std::min<std::uint64_t>(settings_.threads, end_block_ - first_block_);
    if (threads == 1) return run_here(consume);
    for (std::uint64_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
    for (std::uint64_t b = first_block_; b < end_block_; ++b) {
      RowBatch batch;
      if (!wait_for_block(b, batch, idle) || !batch.complete) return false;
      consume(batch);
    }
    return true;
  }

 private:
  const ModelGrid& grid_;
  const std::uint64_t begin_, end_;
  const SweepSettings& settings_;
  const RowFormatter& format_;
  const std::uint64_t block_, first_block_, end_block_;

  std::mutex mutex_;
  std::condition_variable cv_;
  std::uint64_t next_block_;     // the next block a worker takes
  std::uint64_t written_block_;  // the next block the writer hands on
  std::map<std::uint64_t, RowBatch> done_;
  std::exception_ptr error_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> workers_;

  // One worker: the calling thread solves the blocks itself. A thread of its own would only add
  // its start, its stack and its malloc arena to the run (page faults are dear on small VMs).
  // Nothing waits, so nothing idles: the caller hears of progress through `consume`. Each block
  // is consumed before the next is solved, so one batch serves them all: its text's pages are
  // touched once (a new text per block, a little longer than the last, would not fit where the
  // last was freed, and the heap would grow by a few blocks' texts before it found room).
  bool run_here(const std::function<void(const RowBatch&)>& consume) {
    std::size_t block_bytes = 0;
    RowBatch batch;
    for (std::uint64_t b = first_block_; b < end_block_; ++b) {
      solve_block(b, block_bytes, batch);
      if (!batch.complete) return false;
      consume(batch);
    }
    return true;
  }

  bool interrupted() const { return settings_.interrupt && settings_.interrupt->load(); }

  // Takes block b off the finished ones; false when the sweep stopped before it was taken.
  bool wait_for_block(std::uint64_t b, RowBatch& batch, const std::function<void()>& idle) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (done_.count(b) == 0) {
      if (error_) std::rethrow_exception(error_);
      if (interrupted() && !stop_) {
        stop_ = true;
        cv_.notify_all();
      }
      if (stop_ && next_block_ <= b) return false;
      if (cv_.wait_for(lock, kIdleInterval) == std::cv_status::timeout) {
        lock.unlock();
        idle();
        lock.lock();
      }
    }
    batch = std::move(done_.at(b));
    done_.erase(b);
    written_block_ = b + 1;
    cv_.notify_all();
    return true;
  }

  void work() {
    try {
      std::size_t block_bytes = 0;  // of the last block's text: the next one is about as long
      for (;;) {
        std::uint64_t b;
        {
          std::unique_lock<std::mutex> lock(mutex_);
          const std::uint64_t ahead = kBlocksAheadPerThread * settings_.threads;
          cv_.wait(lock, [&] {
            return stop_ || next_block_ == end_block_ || next_block_ < written_block_ + ahead;
          });
          if (stop_ || next_block_ == end_block_) return;
          b = next_block_++;
        }
        RowBatch batch;
        solve_block(b, block_bytes, batch);
        {
          std::lock_guard<std::mutex> lock(mutex_);
          done_.emplace(b, std::move(batch));
        }
        cv_.notify_all();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = std::current_exception();
      stop_ = true;
      cv_.notify_all();
    }
  }

  // Solves block b from its first point and formats its rows in [begin_, end_) into `batch`
  // (emptied first, its storage kept). Its text is reserved for a quarter more than `block_bytes`
  // (the last block's text, updated to this one's when the block completes) unless it already
  // holds that many (a batch reused), or for the first block once its first row is written, a
  // quarter more than its rows at that length: one allocation and no regrowth (rows differ in
  // length by a few digits).
  void solve_block(std::uint64_t b, std::size_t& block_bytes, RowBatch& batch) const {
    const std::uint64_t first = b * block_;
    const std::uint64_t last = std::min(first + block_, end_);
    const std::uint64_t stride = settings_.chaining.stride;
    batch.clear();
    batch.first = std::max(first, begin_);
    if (batch.text.capacity() < block_bytes) batch.text.reserve(block_bytes + block_bytes / 4);
    batch.ends.reserve(last - batch.first);
    // The last ok solution of each chain (index modulo stride) in this block.
    std::vector<std::optional<Solution>> previous(stride);
    for (std::uint64_t i = first; i < last; ++i) {
      if (stop_ || interrupted()) return;
      const GridPoint point = grid_.at(i);
      const auto start = settings_.timed ? Clock::now() : Clock::time_point{};
      const Summary summary = solve_point(point.problem, settings_.solve, previous[i % stride]);
      const double seconds =
          settings_.timed ? std::chrono::duration<double>(Clock::now() - start).count() : 0.0;
      if (i < begin_) continue;
      format_(batch.text, PointResult{i, point, summary, seconds});
      batch.ends.push_back(batch.text.size());
      if (block_bytes == 0 && batch.ends.size() == 1) {
        const std::size_t expected = batch.text.size() * (last - batch.first);
        batch.text.reserve(expected + expected / 4);
      }
      batch.statuses.add(summary.status);
      batch.methods.add(summary.method);
    }
    batch.complete = true;
    block_bytes = batch.text.size();
  }
};

}  // namespace

Chaining chaining_of(const ModelGrid& grid) {
  const auto& extents = grid.extents();
  std::uint64_t stride = 1, best_stride = 1;
  std::size_t best_extent = 1;
  for (std::size_t axis = extents.size(); axis-- > 0 && stride <= kChainSteps;) {
    if (extents[axis] > best_extent) {
      best_extent = extents[axis];
      best_stride = stride;
    }
    stride *= extents[axis];
  }
  return {best_stride, kChainSteps * best_stride};
}

bool run_sweep(const ModelGrid& grid, std::uint64_t begin, std::uint64_t end,
               const SweepSettings& settings, const RowFormatter& format,
               const std::function<void(const RowBatch&)>& consume,
               const std::function<void()>& idle) {
  if (begin >= end) return true;
  Sweep sweep(grid, begin, end, settings, format);
  return sweep.run(consume, idle);
}

}  // namespace radbound::cli
