#include "radbound/fd.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "fd_grid.hpp"
#include "fd_start.hpp"
#include "fd_system.hpp"

namespace radbound {

namespace {

using detail::FdSystem;
using detail::Grid;

constexpr int kLevels = 3;      // N, 2N, 4N cells: sixth order after extrapolation
constexpr int kFirstCells = 16; // first mesh without a guess

// One mesh level: its grid, discrete system and solution.
struct Level {
  Grid grid;
  FdSystem system;
  std::vector<double> u;
  explicit Level(const Problem& p) : system(p) {}
};

// Cubic interpolation in the mesh parameter s (uniform) from the coarser level: every other node
// is shared, the midpoints come from the four nearest coarse values (three at the ends).
void prolong(const std::vector<double>& coarse, std::vector<double>& fine) {
  const std::size_t n = coarse.size() - 1;
  fine.resize(2 * n + 1);
  for (std::size_t i = 0; i <= n; ++i) fine[2 * i] = coarse[i];
  for (std::size_t i = 0; i < n; ++i) {
    double mid;
    if (i == 0)
      mid = (3.0 * coarse[0] + 6.0 * coarse[1] - coarse[2]) / 8.0;
    else if (i == n - 1)
      mid = (3.0 * coarse[n] + 6.0 * coarse[n - 1] - coarse[n - 2]) / 8.0;
    else
      mid = (9.0 * (coarse[i] + coarse[i + 1]) - coarse[i - 1] - coarse[i + 2]) / 16.0;
    fine[2 * i + 1] = mid;
  }
}

// Richardson table for values whose error expands in h^2, h^4, ...: from the values on N, 2N, 4N
// cells, the sixth-order value and its distance from the fourth-order one on the finest pair.
struct Extrapolated {
  double value;
  double spread;
};

Extrapolated extrapolate(double on_n, double on_2n, double on_4n) {
  const double fourth_coarse = on_2n + (on_2n - on_n) / 3.0;
  const double fourth_fine = on_4n + (on_4n - on_2n) / 3.0;
  const double sixth = fourth_fine + (fourth_fine - fourth_coarse) / 15.0;
  return {sixth, std::fabs(sixth - fourth_fine)};
}

Solution failure(Status status, std::string message, int iterations) {
  Solution s;
  s.method = "fd";
  s.status = status;
  s.message = std::move(message);
  s.iterations = iterations;
  return s;
}

// The extrapolated solution on the coarse nodes, and its error estimate.
Solution assemble(const Problem& problem, const std::array<Level, kLevels>& levels) {
  Solution s;
  s.method = "fd";
  const std::size_t n = levels[0].u.size() - 1;
  s.x = levels[0].grid.x;
  s.u.resize(n + 1);
  s.du.resize(n + 1);
  double estimate = 0.0;
  for (std::size_t j = 0; j <= n; ++j) {
    const Extrapolated u = extrapolate(levels[0].u[j], levels[1].u[2 * j], levels[2].u[4 * j]);
    const int i = static_cast<int>(j);
    const Extrapolated du = extrapolate(levels[0].system.slope(levels[0].u, i),
                                        levels[1].system.slope(levels[1].u, 2 * i),
                                        levels[2].system.slope(levels[2].u, 4 * i));
    s.u[j] = u.value;
    s.du[j] = du.value;
    estimate = std::max(estimate, u.spread);
  }
  // A flux-type end satisfies its boundary condition exactly.
  if (!problem.left.is_dirichlet()) s.du.front() = problem.outward_flux(problem.left, s.u.front());
  if (!problem.right.is_dirichlet()) s.du.back() = -problem.outward_flux(problem.right, s.u.back());
  s.set_curvature(problem);
  // Between nodes the interpolant answers: compare it at the cell midpoints (nodes of the 2N mesh)
  // with the fourth-order values there.
  for (std::size_t j = 0; j < n; ++j) {
    const double on_2n = levels[1].u[2 * j + 1], on_4n = levels[2].u[4 * j + 2];
    const double fourth = on_4n + (on_4n - on_2n) / 3.0;
    estimate = std::max(estimate, std::fabs(s.value(levels[1].grid.x[2 * j + 1]) - fourth));
  }
  s.error_estimate = estimate;
  s.status = std::isfinite(estimate) ? Status::ok : Status::failed;
  if (!s.ok()) s.message = "the extrapolated solution is not finite";
  return s;
}

bool usable(const Solution* guess) { return guess && guess->ok() && guess->nodes() >= 5; }

// Cells for the next attempt: the estimate falls like N^-4 (the fourth-order values it measures).
int next_cells(int cells, double estimate, double tol) {
  const double factor = std::pow(estimate / (0.3 * tol), 0.25);
  return static_cast<int>(std::ceil(cells * std::clamp(factor, 1.25, 8.0)));
}

}  // namespace

void FdOptions::check_param() const {
  check_tolerance(tol);
  if (max_cells < 16)
    throw ParameterError("max_cells", "max_cells = " + std::to_string(max_cells) +
                                          " is not accepted: it must be an integer >= 16");
  if (max_newton_iterations < 1)
    throw ParameterError("max_newton_iterations",
                         "max_newton_iterations = " + std::to_string(max_newton_iterations) +
                             " is not accepted: it must be an integer >= 1");
}

Solution solve_fd(const Problem& problem, const FdOptions& options, const Solution* guess) {
  problem.check_param();
  options.check_param();
  const detail::LayerModel model(problem, options.tol);
  const detail::GradedMap map = model.map();
  const detail::NewtonSettings newton{0.01 * options.tol, options.max_newton_iterations};
  std::array<Level, kLevels> levels{Level(problem), Level(problem), Level(problem)};
  int cells = usable(guess) ? static_cast<int>(guess->nodes()) - 1 : kFirstCells;
  int iterations = 0;
  for (;;) {
    if (cells << (kLevels - 1) > options.max_cells)
      return failure(Status::no_convergence,
                     "the error estimate did not reach tol = " + std::to_string(options.tol) +
                         " within max_cells = " + std::to_string(options.max_cells),
                     iterations);
    for (int k = 0; k < kLevels; ++k) {
      Level& level = levels[static_cast<std::size_t>(k)];
      level.grid.build(map, cells << k);
      level.system.set_grid(level.grid);
      if (k > 0) {
        prolong(levels[static_cast<std::size_t>(k - 1)].u, level.u);
      } else {
        level.u.resize(level.grid.x.size());
        for (std::size_t i = 0; i < level.u.size(); ++i)
          level.u[i] = usable(guess) ? guess->value(level.grid.x[i]) : model.start(level.grid.x[i]);
      }
      const detail::NewtonReport report = level.system.solve(level.u, newton);
      iterations += report.iterations;
      if (!report.converged)
        return failure(Status::no_convergence,
                       report.message + " on " + std::to_string(cells << k) + " cells", iterations);
    }
    Solution s = assemble(problem, levels);
    s.iterations = iterations;
    if (!s.ok() || s.error_estimate <= options.tol) return s;
    cells = next_cells(cells, s.error_estimate, options.tol);
  }
}

}  // namespace radbound
