#include "radbound/fd.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "fd_ladder.hpp"
#include "fd_output.hpp"
#include "fd_start.hpp"
#include "method_support.hpp"
#include "quintic_hermite.hpp"
#include "solution_storage.hpp"

namespace radbound {

namespace {

using detail::Ladder;
using detail::Output;

constexpr int kFirstCells = 4;    // coarsest mesh of the ladder
// for_each_midpoint (prolong() and FdSystem::start_from) takes a finer level's odd nodes two at
// a time.
static_assert(kFirstCells >= 4 && kFirstCells % 2 == 0);
constexpr int kKeptCells = 4096;  // levels a cached ladder keeps between solves
// An estimate that stops halving for kStallLevels levels while below kRoundingScale times the
// solution's size is rounding noise, not truncation error (which, before the asymptotic regime of
// a stiff problem, can also stall for a few levels, but far above this).
constexpr int kStallLevels = 3;
constexpr double kRoundingScale = 1e-11;

Solution failure(Status status, std::string message, int iterations) {
  Solution s;
  s.method = "fd";
  s.status = status;
  s.message = std::move(message);
  s.iterations = iterations;
  return s;
}

// Ladders are reused per thread, a few at a time: no allocation, and a sweep whose points share a
// mesh map (the grading is rounded for that) reuses the meshes, even when points of different maps
// alternate (a sweep over theta_s inside one over Nr). Levels above kKeptCells are released after
// each solve, so that the cache stays small. A new map takes the ladder idle longest, and a ladder
// idle for more than kIdleSolves solves before an unused one: the maps a sweep alternates between
// (at most kLadders of them) are each used within that many solves, and a map it has moved past
// (along Nr) leaves its storage to the next, instead of every map the sweep meets holding
// storage of its own (each page of it faults when first touched).
Ladder& cached_ladder(const detail::GradedMap& map) {
  constexpr std::size_t kLadders = 8;
  constexpr unsigned long kIdleSolves = 2 * kLadders;
  thread_local std::array<Ladder, kLadders> ladders;
  thread_local std::array<unsigned long, kLadders> last_use{};  // 0: never used
  thread_local unsigned long uses = 0;
  ++uses;
  const auto idle = [&](std::size_t k) {
    return last_use[k] == 0 ? kIdleSolves : uses - last_use[k];
  };
  std::size_t pick = 0;
  for (std::size_t k = 0; k < kLadders; ++k) {
    if (last_use[k] != 0 && ladders[k].map() == map) {
      pick = k;
      break;
    }
    if (idle(k) > idle(pick)) pick = k;
  }
  last_use[pick] = uses;
  return ladders[pick];
}

bool usable(const Solution* guess) {
  return guess && guess->ok() && guess->nodes() >= 2 && guess->u.size() == guess->nodes() &&
         guess->du.size() == guess->nodes() && guess->d2u.size() == guess->nodes();
}

// Newton on the coarsest level from the guess when there is one (in a sweep the neighbouring
// point's solution, closer than the layer model's profile): from its own solution on this mesh
// when it has one, else from its values here; else from the model's profile, which is also the
// fallback should Newton fail from the guess (the finer levels then go on without the guess's
// levels: they would start as far off). The discrete solution is unique, so the guess changes the
// answer only within Newton's tolerance on each level (tol/100): the answer is a function of
// (problem, options, guess), never of what was solved before.
detail::NewtonReport solve_coarsest(Ladder& ladder, detail::Level& level,
                                    const detail::LayerModel& model, const Solution* guess,
                                    const detail::NewtonSettings& newton) {
  const std::vector<double>& x = level.grid.x;
  level.u.resize(x.size());
  int tried = 0;
  if (usable(guess)) {
    if (level.guess_u)
      std::copy(level.guess_u, level.guess_u + x.size(), level.u.begin());
    else
      detail::interpolate_rising(*guess, x.data(), x.size(), level.u.data());
    const detail::NewtonReport report = level.system.solve(level.u, newton);
    if (report.converged) return report;
    tried = report.iterations;
    ladder.forget_guess();
  }
  std::transform(x.begin(), x.end(), level.u.begin(), [&](double xi) { return model.start(xi); });
  detail::NewtonReport report = level.system.solve(level.u, newton);
  report.iterations += tried;
  return report;
}

// Watches the estimate for rounding noise: while the levels converge as h^2 should, it stops
// halving, below kRoundingScale times the solution's size. (Before a layer is resolved the
// levels do not yet converge as h^2, and the estimate can be accidentally small and then grow.)
class StallWatch {
 public:
  bool stalled(double estimate, double size, bool asymptotic) {
    const bool noise = asymptotic && estimate >= 0.5 * best_ &&
                       estimate <= kRoundingScale * (1.0 + size);
    levels_ = noise ? levels_ + 1 : 0;
    best_ = std::min(best_, estimate);
    latest_ = estimate;
    return levels_ >= kStallLevels;
  }
  double latest() const { return latest_; }

 private:
  double best_ = INFINITY, latest_ = INFINITY;
  int levels_ = 0;
};

// Adds levels to the ladder until the extrapolated solution's estimate meets tol, or a budget or
// the rounding limit stops it.
Solution climb(const Problem& problem, const FdOptions& options, const detail::LayerModel& model,
               const Solution* guess, Ladder& ladder, Output& output) {
  const detail::NewtonSettings newton{0.01 * options.tol, options.max_newton_iterations};
  int iterations = 0;
  StallWatch watch;
  output.begin(problem, ladder, options.tol);
  // The output is tried on the guess's mesh size first: in a sweep the neighbour needed that many
  // cells, and a coarser output mesh would most likely fail the interpolant check.
  const std::size_t least_output_cells = usable(guess) ? guess->nodes() - 1 : 0;
  for (int cells = kFirstCells; cells <= options.max_cells; cells *= 2) {
    detail::Level& level = ladder.add(cells);
    detail::NewtonReport report = ladder.size() == 1
                                      ? solve_coarsest(ladder, level, model, guess, newton)
                                      : level.system.solve(level.u, newton);
    if (!report.converged && ladder.size() > 1 && level.guess_u) {
      // The guess's levels only ever speed a solve up: failing from them, the level starts as
      // it would without them.
      iterations += report.iterations;
      ladder.start_afresh();
      report = level.system.solve(level.u, newton);
    }
    iterations += report.iterations;
    if (!report.converged)
      return failure(Status::no_convergence,
                     report.message + " on " + std::to_string(cells) + " cells", iterations);
    if (ladder.size() < 3) continue;
    const std::size_t first =
        ladder.size() - std::min<std::size_t>(ladder.size(), detail::kMaxDepth + 1);
    output.set_window(first);
    const bool asymptotic = output.asymptotic(0.1 * options.tol);
    double estimate = output.nodal_estimate();
    // (A window whose node values alone leave more than tol cannot succeed: not tried.)
    if (asymptotic && output.least_estimate() <= options.tol) {
      Solution s = options.coverage == Coverage::nodes ? output.solve_nodes(least_output_cells)
                                                        : output.solve(least_output_cells);
      s.iterations = iterations;
      if (!s.ok() || s.error_estimate <= options.tol) return s;
      estimate = s.error_estimate;
      recycle(std::move(s));
    }
    if (watch.stalled(estimate, output.largest_value(), asymptotic))
      return failure(Status::no_convergence,
                     "the error estimate stalls near " + brief(watch.latest()) + ", above tol = " +
                         brief(options.tol) + " (the rounding limit of this problem)",
                     iterations);
  }
  return failure(Status::no_convergence,
                 "the error estimate did not reach tol = " + brief(options.tol) +
                     " within max_cells = " + std::to_string(options.max_cells),
                 iterations);
}

}  // namespace

void FdOptions::check_param() const {
  check_tolerance(tol);
  check_count("max_cells", max_cells, 16);
  check_count("max_newton_iterations", max_newton_iterations, 1);
}

Solution solve_fd(const Problem& problem, const FdOptions& options, const Solution* guess) {
  problem.check_param();
  options.check_param();
  const detail::LayerModel model(problem, options.tol);
  const detail::GradedMap map = model.map();
  Ladder& ladder = cached_ladder(map);
  ladder.reset(problem, map, usable(guess) ? &guess->fd_levels : nullptr);
  thread_local Output output;  // storage only: begin() resets everything else
  Solution s = climb(problem, options, model, guess, ladder, output);
  ladder.forget_guess();
  // The solution keeps the levels a ladder keeps between solves: finer ones would make every
  // solution of a stiff sweep megabytes.
  if (s.ok()) {
    s.fd_levels.u = detail::spare_vector(detail::Spare::fd_levels);
    ladder.keep(s.fd_levels, kKeptCells);
  }
  ladder.release_above(kKeptCells);
  return s;
}

}  // namespace radbound
