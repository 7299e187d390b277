// How often shooting's and exact's error estimates fall below their true error on random problems
// of the whole parameter space (tests/random_problems.hpp). Each is compared with an independent
// method at a tighter tolerance: shooting with exact where it applies, else fd; exact with fd. The
// error is the largest difference at 101 points and at the method's nodes and cell midpoints
// (where the interpolant strays most), against the method's estimate plus the reference's own.
// Usage: bench_methods_random_estimates [tol, 1e-8] [problems, 300] [seed, 7]
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

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

}  // namespace

int main(int argc, char** argv) {
  const double tol = argc > 1 ? std::atof(argv[1]) : 1e-8;
  const int problems = argc > 2 ? std::atoi(argv[2]) : 300;
  std::mt19937 rng(argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 7u);
  Tally shooting, exact;
  int drawn = 0, applicable = 0;
  while (drawn < problems) {
    const Problem p = radbound_test::random_problem(rng);
    try {
      p.check_param();
    } catch (const radbound::ParameterError&) {
      continue;  // no unique solution: refused by design
    }
    ++drawn;
    count(shooting, radbound::solve_shooting(p, {tol}), shooting_reference(p, tol), tol);
    if (!radbound::exact_applies(p)) continue;
    ++applicable;
    count(exact, radbound::solve_exact(p, {tol}), fd_reference(p, tol), tol);
  }
  fmt::print("tol {:g}, {} random problems ({} with a Dirichlet end)\n\n", tol, drawn, applicable);
  fmt::print("| method | ok | compared | estimate < error | worst error/estimate | error > tol |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|\n");
  for (const auto& [name, t] : {std::make_pair("shooting", shooting), std::make_pair("exact", exact)})
    fmt::print("| {} | {} | {} | {} | {:.2f} | {} |\n", name, t.solved, t.compared, t.short_of_error,
               t.worst_ratio, t.over_tol);
  return 0;
}
