// How often solve_fd's error estimate falls below its true error on random problems of the whole
// parameter space (as tests/test_fd.cpp draws them), cold, started from a neighbour's solution
// (Nr x 1.01, theta_s x 0.99) and from a misleading guess (the previous random problem's
// solution). The reference is the library's exact first-integral quadrature where it applies, else
// its shooting, at tol/1000 (reference::exact_or_shooting: the independent routes of the tests each
// need their class of problem or a bracket); the error is the largest difference over 2049 points,
// compared with fd's estimate plus the reference's own. With `nodes`, fd answers for its nodes
// only (Coverage::nodes, as for a sweep row), and the error is the largest over those nodes.
// Usage: bench_fd_random_estimates [tol, 1e-8] [problems, 1000] [seed, 7] [interval|nodes]
#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

#include "radbound/fd.hpp"
#include "../tests/fd_test_references.hpp"
#include "../tests/random_problems.hpp"

using radbound::Problem;
using radbound::Solution;

namespace {

// The largest error of `s` where it vouches for it: over 2049 points of the interval, or at its
// nodes.
double largest_error(const Solution& s, const Solution& ref) {
  if (s.coverage == radbound::Coverage::interval) return reference::largest_difference(s, ref, 2048);
  return reference::largest_nodal_difference(s, ref);
}

}  // namespace

int main(int argc, char** argv) {
  const double tol = argc > 1 ? std::atof(argv[1]) : 1e-8;
  const int count = argc > 2 ? std::atoi(argv[2]) : 1000;
  std::mt19937 rng(argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 7u);
  const bool nodes = argc > 4 && std::string(argv[4]) == "nodes";
  const char* names[3] = {"cold", "neighbour guess", "misleading guess"};
  std::array<double, 3> worst{}, worst_short{};  // error/estimate; error/tol where it is short
  std::array<int, 3> short_of_error{}, over_tol{}, solved{};
  Solution previous;
  for (int k = 0; k < count; ++k) {
    const Problem p = radbound_test::random_problem(rng);
    Problem near = p;
    near.nr *= 1.01;
    near.theta_s *= 0.99;
    radbound::FdOptions options;
    options.tol = tol;
    if (nodes) options.coverage = radbound::Coverage::nodes;
    const Solution ref = reference::exact_or_shooting(p, 1e-3 * tol);
    if (!ref.ok()) continue;
    const Solution neighbour = radbound::solve_fd(near, options);
    const std::array<Solution, 3> runs = {radbound::solve_fd(p, options),
                                          radbound::solve_fd(p, options, &neighbour),
                                          radbound::solve_fd(p, options, &previous)};
    for (std::size_t m = 0; m < runs.size(); ++m) {
      if (!runs[m].ok()) continue;
      ++solved[m];
      // The raw difference, against fd's estimate plus the reference's own.
      const double e = largest_error(runs[m], ref), allowed = runs[m].error_estimate + ref.error_estimate;
      worst[m] = std::max(worst[m], e / allowed);
      short_of_error[m] += e > allowed;
      if (e > allowed) worst_short[m] = std::max(worst_short[m], e / tol);
      over_tol[m] += e > tol;
    }
    if (runs[0].ok()) previous = runs[0];
  }
  fmt::print("tol {:g}, {} random problems, error over the {}\n\n", tol, count,
             nodes ? "nodes" : "interval");
  fmt::print(
      "| start | solved | estimate < error | worst error/estimate | largest such error / tol "
      "| error > tol |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|\n");
  for (std::size_t m = 0; m < 3; ++m)
    fmt::print("| {} | {} | {} | {:.2f} | {:.1e} | {} |\n", names[m], solved[m], short_of_error[m],
               worst[m], worst_short[m], over_tol[m]);
  return 0;
}
