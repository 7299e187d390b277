// How often shooting's and exact's error estimates fall below their true error on random problems
// of the whole parameter space (tests/random_problems.hpp). Each is compared with an independent
// method at a tighter tolerance: shooting with exact where it applies, else fd; exact with fd. The
// error is the largest difference at 101 points and at the method's nodes and cell midpoints
// (where the interpolant strays most), against the method's estimate plus the reference's own.
// Usage: bench_methods_random_estimates [tol, 1e-8] [problems, 300 | plateaus] [seed, 7]
// (`plateaus`: a fixed set of 560 stiff plateaus instead of random problems)
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "radbound/exact.hpp"
#include "radbound/fd.hpp"
#include "radbound/shooting.hpp"
#include "../tests/random_problems.hpp"
#include "../tests/references.hpp"

namespace {

using radbound::Problem;
using radbound::Solution;

// The reference's tolerance: a thousandth of the run's, as far as fd's doubles follow.
double reference_tol(double tol) { return std::max(1e-3 * tol, 1e-14); }

Solution fd_reference(const Problem& p, double tol) {
  return radbound::solve_fd(p, {reference_tol(tol)});
}

Solution shooting_reference(const Problem& p, double tol) {
  if (radbound::exact_applies(p)) return radbound::solve_exact(p, {reference_tol(tol)});
  return fd_reference(p, tol);
}

struct Tally {
  int solved = 0, compared = 0, short_of_error = 0, over_tol = 0;
  double worst_ratio = 0.0;  // error / (estimate + reference's estimate)
};

void count(Tally& t, const Solution& s, const Solution& ref, double tol) {
  if (!s.ok()) return;
  ++t.solved;
  if (!ref.ok()) return;
  ++t.compared;
  const double e = radbound_test::max_error(s, [&](double x) { return ref.value(x); });
  const double allowed = s.error_estimate + ref.error_estimate;
  t.worst_ratio = std::max(t.worst_ratio, e / allowed);
  t.short_of_error += e > allowed;
  t.over_tol += e > tol + ref.error_estimate;
}

// Problems of the whole parameter space, each with a unique solution.
std::vector<Problem> random_problems(int count, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Problem> set;
  while (static_cast<int>(set.size()) < count) {
    const Problem p = radbound_test::random_problem(rng);
    try {
      p.check_param();
    } catch (const radbound::ParameterError&) {
      continue;  // no unique solution: refused by design
    }
    set.push_back(p);
  }
  return set;
}

// Stiff plateaus with a Dirichlet base at, near and away from the sink temperature, where few
// long cells rest at the equilibrium: Nr 1e6 to 1e8, four right ends.
std::vector<Problem> plateaus() {
  using radbound::BoundaryCondition;
  std::vector<Problem> set;
  for (double nr : {1e6, 3e6, 1e7, 3e7, 1e8})
    for (double theta_s : {0.3, 0.5, 0.916, 0.99})
      for (double base : {theta_s, theta_s * (1 + 1e-7), theta_s * (1 - 1e-7), theta_s + 1e-3,
                          theta_s - 1e-3, theta_s + 0.1, 1.0})
        for (const BoundaryCondition& right :
             {BoundaryCondition::radiative(1.0), BoundaryCondition::insulated(),
              BoundaryCondition::convective(2.0, 0.2), BoundaryCondition::dirichlet(theta_s)}) {
          Problem p;
          p.nr = nr;
          p.theta_s = theta_s;
          p.left = BoundaryCondition::dirichlet(base);
          p.right = right;
          set.push_back(p);
        }
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  const double tol = argc > 1 ? std::atof(argv[1]) : 1e-8;
  const std::string which = argc > 2 ? argv[2] : "300";
  const bool stiff = which == "plateaus";
  const std::vector<Problem> set =
      stiff ? plateaus()
            : random_problems(std::atoi(which.c_str()),
                              argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 7u);
  Tally shooting, exact;
  int applicable = 0;
  for (const Problem& p : set) {
    count(shooting, radbound::solve_shooting(p, {tol}), shooting_reference(p, tol), tol);
    if (!radbound::exact_applies(p)) continue;
    ++applicable;
    count(exact, radbound::solve_exact(p, {tol}), fd_reference(p, tol), tol);
  }
  fmt::print("tol {:g}, {} {} ({} with a Dirichlet end)\n\n", tol, set.size(),
             stiff ? "stiff plateaus" : "random problems", applicable);
  fmt::print("| method | ok | compared | estimate < error | worst error/estimate | error > tol |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|\n");
  for (const auto& [name, t] : {std::make_pair("shooting", shooting), std::make_pair("exact", exact)})
    fmt::print("| {} | {} | {} | {} | {:.2f} | {} |\n", name, t.solved, t.compared, t.short_of_error,
               t.worst_ratio, t.over_tol);
  return 0;
}
