// Where a sweep point's time goes: the 100x-denser scipy peer grid (Nr = geomspace(1e-2, 1e2,
// 4100) x theta_s in {0, 0.3, 0.6}, u(0) = 1, insulated tip, tol 1e-8), walked as `radbound
// sweep` walks it: chains of 64 consecutive Nr values at fixed theta_s, each point started from
// the previous point's solution. Reports processor microseconds per point of
//   fd      solve_fd alone (for its nodes, as a sweep row asks), with the neighbour's solution
//           as its guess;
//   bounds  bounds() alone;
//   bounds seeded  bounds() given the point's fd solution as its approximate solution (the fd
//           solutions are computed beforehand, outside the timing, and read from memory), and
//           in brackets the same computed right after each fd solve, as a sweep does: the time
//           of fd followed by seeded bounds, less the fd time;
//   solve   the library's solve() (auto method, for the nodes, bounds attached) followed by
//           summarize(): the library's whole share of a sweep row.
// Processor time (std::clock) is disturbed less than wall time by other jobs on the machine.
// Usage: bench_sweep_parts [repetitions of the grid, 1]
#include <fmt/core.h>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <optional>
#include <vector>

#include "radbound/fd.hpp"
#include "radbound/solve.hpp"

namespace {

using radbound::Problem;
using radbound::Solution;

constexpr int kNr = 4100;
constexpr int kChain = 64;  // as the command line's continuation blocks

std::vector<Problem> chain_order() {
  std::vector<Problem> points;
  for (int first = 0; first < kNr; first += kChain)
    for (double theta_s : {0.0, 0.3, 0.6})
      for (int i = first; i < std::min(first + kChain, kNr); ++i)
        points.push_back(Problem{1e-2 * std::pow(1e4, i / (kNr - 1.0)), theta_s});
  return points;
}

// Processor microseconds per point of `visit` over the points, `repeat` times.
double per_point(const std::vector<Problem>& points, int repeat,
                 const std::function<void(std::size_t, const Problem&)>& visit) {
  const std::clock_t start = std::clock();
  for (int r = 0; r < repeat; ++r)
    for (std::size_t i = 0; i < points.size(); ++i) visit(i, points[i]);
  return 1e6 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC /
         (static_cast<double>(repeat) * points.size());
}

// Whether point i of chain_order() starts a chain: the order lists, block by block, three chains
// (one per theta_s) of kChain points, those of the last block kNr % kChain long.
bool chain_start(std::size_t i) {
  const std::size_t block = i / (3 * kChain), full_blocks = kNr / kChain;
  if (block < full_blocks) return (i - block * 3 * kChain) % kChain == 0;
  const std::size_t last = kNr % kChain;  // the short final block
  return (i - full_blocks * 3 * kChain) % last == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int repeat = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1;
  const std::vector<Problem> points = chain_order();
  int failures = 0;
  double worst_estimate = 0.0;

  // A row prints u at x = 0, 1/2 and 1 only (as the command line, Coverage::nodes).
  radbound::FdOptions fd_options{1e-8};
  fd_options.coverage = radbound::Coverage::nodes;
  radbound::SolveOptions solve_options;
  solve_options.coverage = radbound::Coverage::nodes;

  // fd along the chains, optionally each point's bounds seeded with its fd solution right after
  // (as a sweep computes them: the solution is still in cache).
  std::optional<Solution> previous;
  const auto fd_chain = [&](bool then_bounds) {
    previous.reset();
    return per_point(points, repeat, [&](std::size_t i, const Problem& p) {
      if (chain_start(i)) previous.reset();
      Solution s = radbound::solve_fd(p, fd_options, previous ? &*previous : nullptr);
      failures += !s.ok();
      if (s.ok()) worst_estimate = std::max(worst_estimate, s.error_estimate);
      if (then_bounds) failures += !radbound::bounds(p, &s).upper(1.0);
      previous = std::move(s);
    });
  };
  const double fd = fd_chain(false);
  const double fd_then_seeded = fd_chain(true);

  const double bounds = per_point(points, repeat, [&](std::size_t, const Problem& p) {
    const radbound::Bounds b = radbound::bounds(p);
    failures += !b.upper(1.0);
  });

  std::vector<Solution> fd_solutions;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Solution* guess = chain_start(i) ? nullptr : &fd_solutions.back();
    fd_solutions.push_back(radbound::solve_fd(points[i], fd_options, guess));
  }
  const double seeded = per_point(points, repeat, [&](std::size_t i, const Problem& p) {
    const radbound::Bounds b = radbound::bounds(p, &fd_solutions[i]);
    failures += !b.upper(1.0);
  });

  previous.reset();
  const double solve = per_point(points, repeat, [&](std::size_t i, const Problem& p) {
    if (chain_start(i)) previous.reset();
    radbound::Result r = radbound::solve(p, solve_options, previous ? &*previous : nullptr);
    const radbound::Summary row = radbound::summarize(p, r);
    failures += !r.solution.ok() || !row.u1_hi;
    previous = std::move(r.solution);
  });

  fmt::print("points {} x {}: fd {:.2f} us, bounds {:.2f} us, bounds seeded {:.2f} us (after fd "
             "in the chain: {:.2f} us), solve+summarize {:.2f} us per point; worst fd estimate "
             "{:.2e}; failures {}\n",
             points.size(), repeat, fd, bounds, seeded, fd_then_seeded - fd, solve,
             worst_estimate, failures);
  return failures == 0 ? 0 : 1;
}
