// Benchmark of solve_fd: time per solve for each decade of Nr from 1e-4 to 1e8 (classic fin,
// u(0) = 1, insulated tip) at tol 1e-8 and 1e-12, and the per-point time of the sweep that
// /work/shared/peers/scipy_fin_sweep.py times for scipy's solve_bvp (Nr = geomspace(1e-2, 1e2, 41)
// x theta_s in {0, 0.3, 0.6}), each point started from its neighbour.
//
// Times are processor time (std::clock) divided by the repetitions, which a machine shared with
// other jobs disturbs less than wall time. Usage: bench_fd [milliseconds per measurement, 200].
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "radbound/fd.hpp"

namespace {

using radbound::FdOptions;
using radbound::Problem;
using radbound::Solution;

struct Timing {
  double microseconds = 0.0;
  Solution solution;
};

// Repeats solve_fd for about `budget_ms` of processor time, reading the clock (a system call)
// only every kBatch solves so that it does not weigh on microsecond solves.
Timing time_solve(const Problem& p, double tol, double budget_ms, const Solution* guess = nullptr) {
  constexpr int kBatch = 32;
  FdOptions options;
  options.tol = tol;
  Timing t;
  long repetitions = 0;
  const std::clock_t start = std::clock();
  const std::clock_t budget = static_cast<std::clock_t>(budget_ms * CLOCKS_PER_SEC / 1000.0);
  do {
    for (int i = 0; i < kBatch; ++i) t.solution = radbound::solve_fd(p, options, guess);
    repetitions += kBatch;
  } while (std::clock() - start < budget);
  t.microseconds = 1e6 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC / repetitions;
  return t;
}

void decade_table(double budget_ms) {
  fmt::print("Classic fin, one solve per row (no guess): microseconds, returned nodes, estimate\n\n");
  fmt::print("| Nr | theta_s | us @1e-8 | nodes | estimate | us @1e-12 | nodes | estimate |\n");
  fmt::print("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (int decade = -4; decade <= 8; ++decade)
    for (double theta_s : {0.0, 0.5}) {
      const Problem p{std::pow(10.0, decade), theta_s};
      const Timing loose = time_solve(p, 1e-8, budget_ms), tight = time_solve(p, 1e-12, budget_ms);
      fmt::print("| 1e{} | {} | {:.1f} | {} | {:.1e} | {:.1f} | {} | {:.1e} |\n", decade, theta_s,
                 loose.microseconds, loose.solution.nodes(), loose.solution.error_estimate,
                 tight.microseconds, tight.solution.nodes(), tight.solution.error_estimate);
    }
}

void scipy_sweep(double tol, double budget_ms) {
  std::vector<double> times;
  int failures = 0;
  for (double theta_s : {0.0, 0.3, 0.6}) {
    Solution previous;
    for (int i = 0; i < 41; ++i) {
      const Problem p{std::pow(10.0, -2.0 + 4.0 * i / 40), theta_s};
      const Timing t = time_solve(p, tol, budget_ms / 20, i > 0 ? &previous : nullptr);
      times.push_back(t.microseconds);
      failures += !t.solution.ok();
      previous = t.solution;
    }
  }
  std::sort(times.begin(), times.end());
  fmt::print("| {:g} | {} | {:.2f} | {:.2f} | {:.2f} | {} |\n", tol, times.size(),
             times[times.size() / 2], times.front(), times.back(), failures);
}

}  // namespace

int main(int argc, char** argv) {
  const double budget_ms = argc > 1 ? std::atof(argv[1]) : 200.0;
  decade_table(budget_ms);
  fmt::print("\nThe scipy_fin_sweep.py points (123), microseconds per point\n\n");
  fmt::print("| tol | points | median | min | max | failures |\n|---:|---:|---:|---:|---:|---:|\n");
  for (double tol : {1e-8, 1e-12}) scipy_sweep(tol, budget_ms);
  return 0;
}
