// The sweep loop: solves the points of a model grid on worker threads (on the calling thread
// when one is asked for or there is one block only) and hands their formatted rows to the caller
// in index order.
//
// Continuation: a point starts from the solution of its neighbour one step back along the
// continuation axis, the finest grid (most values) among the axes whose stride in the product is
// at most kChainSteps; that neighbour lies `stride` indices back. Neighbours along a coarse axis
// make poor starts (a stiff fin started from another sink temperature can take longer than a cold
// start), so the finest axis it is. A start that fails is retried cold.
//
// Determinism with continuation: the product is cut into fixed global blocks of kChainSteps *
// stride consecutive indices. A block is always solved from its first point; its first `stride`
// points start cold. A block's rows are therefore a function of the block alone, whatever the
// number of threads, the shard or the resume point; a run that starts mid-block solves the block
// from its start and discards the rows before.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "model_grid.hpp"
#include "radbound/solve.hpp"

namespace radbound::cli {

// Steps along the continuation axis per block.
constexpr std::uint64_t kChainSteps = 64;

struct Chaining {
  std::uint64_t stride = 1;           // a point starts from the point `stride` indices back
  std::uint64_t block = kChainSteps;  // consecutive indices solved as one chain of chains
};

Chaining chaining_of(const ModelGrid& grid);

// One solved point, as a row formatter sees it.
struct PointResult {
  std::uint64_t index;
  const GridPoint& point;
  const Summary& summary;
  double seconds;  // wall time of the solve
};

// Formats one point as one whole line.
using RowFormatter = std::function<void(fmt::memory_buffer&, const PointResult&)>;

// How many rows have each word (a Status, a method's name), in order of first appearance: a block
// sees one or two words, so counting a row is one comparison.
template <class Word>
class WordCounts {
 public:
  void add(const Word& word) {
    for (auto& [w, n] : counts_)
      if (w == word) {
        ++n;
        return;
      }
    counts_.emplace_back(word, 1);
  }
  auto begin() const { return counts_.begin(); }
  auto end() const { return counts_.end(); }
  void clear() { counts_.clear(); }

 private:
  std::vector<std::pair<Word, std::uint64_t>> counts_;
};

// Consecutive rows, whole lines in index order.
struct RowBatch {
  std::uint64_t first = 0;          // index of the first row
  fmt::memory_buffer text;          // the rows, each ending with '\n'
  std::vector<std::size_t> ends;    // offset in `text` just past each row
  WordCounts<Status> statuses;      // how many rows have each status
  WordCounts<std::string> methods;  // how many rows each method answered
  bool complete = false;            // every point of the block was solved (not interrupted)

  // Empty, for the next block; the storage is kept.
  void clear() {
    first = 0;
    text.clear();
    ends.clear();
    statuses.clear();
    methods.clear();
    complete = false;
  }
};

struct SweepSettings {
  SolveOptions solve;
  Chaining chaining;
  unsigned threads = 1;
  bool timed = false;  // measure each point's seconds (the `seconds` column); else they are 0
  // Set from a signal handler: workers stop taking points, the rows done so far are kept.
  const std::atomic<bool>* interrupt = nullptr;
};

// Solves the rows [begin, end) of `grid` and calls `consume` with them, whole blocks at a time
// and in index order, on the calling thread; `idle` is called a few times a second while waiting
// for workers (progress display; never when the calling thread solves the blocks itself).
// Returns false when interrupted before `end`.
bool run_sweep(const ModelGrid& grid, std::uint64_t begin, std::uint64_t end,
               const SweepSettings& settings, const RowFormatter& format,
               const std::function<void(const RowBatch&)>& consume,
               const std::function<void()>& idle);

}  // namespace radbound::cli
