// Accuracy of solve_fd against the independent references of the tests (closed forms,
// first-integral quadrature, Odeint shooting): errors at x = 0, 1/2 and 1, relative error of u'(0),
// the reported estimate, returned nodes and processor time per solve. Prints markdown tables.
// Usage: bench_fd_accuracy [tol, 1e-10].
#include <fmt/core.h>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "../tests/fd_test_references.hpp"
#include "radbound/fd.hpp"

namespace {

using radbound::BoundaryCondition;
using radbound::Problem;
using radbound::Solution;
using reference::Values;

double microseconds_per_solve(const Problem& p, const radbound::FdOptions& options) {
  constexpr int kBatch = 16;
  long repetitions = 0;
  const std::clock_t start = std::clock();
  do {
    for (int i = 0; i < kBatch; ++i) radbound::solve_fd(p, options);
    repetitions += kBatch;
  } while (std::clock() - start < CLOCKS_PER_SEC / 20);
  return 1e6 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC / repetitions;
}

void row(const std::string& name, const Problem& p, const Values& ref, double tol) {
  radbound::FdOptions options;
  options.tol = tol;
  const Solution s = radbound::solve_fd(p, options);
  if (!s.ok()) {
    fmt::print("| {} | {} | | | | | | |\n", name, radbound::to_string(s.status));
    return;
  }
  const double slope_error = ref.slope_base == 0.0
                                 ? std::fabs(s.slope(0.0))
                                 : std::fabs(s.slope(0.0) / ref.slope_base - 1.0);
  fmt::print("| {} | {:.1e} | {:.1e} | {:.1e} | {:.1e} | {:.1e} | {} | {:.1f} |\n", name,
             std::fabs(s.value(0.0) - ref.u_base), std::fabs(s.value(0.5) - ref.u_half),
             std::fabs(s.value(1.0) - ref.u_tip), slope_error, s.error_estimate, s.nodes(),
             microseconds_per_solve(p, options));
}

void fins(double tol) {
  const Values nr1{1.0, 0.82712541866088615805, 0.77914516206145981924, -0.53398921072543626712};
  const Values nr10{1.0, 0.62481519958953915480, 0.56604408245764727456, -1.7958604874617909267};
  row("math-notes 7: Nr 1, theta_s 0", Problem{1.0, 0.0}, nr1, tol);
  row("math-notes 7: Nr 10, theta_s 0.5", Problem{10.0, 0.5}, nr10, tol);
  Problem convection{0.0, 0.0};
  convection.nc = 5.0;
  convection.theta_inf = 0.3;
  const double m = std::sqrt(5.0);
  row("math-notes 7: Nc 5, theta_inf 0.3", convection,
      {1.0, 0.3 + 0.7 * std::cosh(m / 2) / std::cosh(m), 0.3 + 0.7 / std::cosh(m),
       -0.7 * m * std::tanh(m)},
      tol);
  for (int decade = -4; decade <= 8; ++decade)
    for (double theta_s : {0.0, 0.5, 0.99}) {
      const Problem p{std::pow(10.0, decade), theta_s};
      row(fmt::format("fin Nr 1e{}, theta_s {}", decade, theta_s), p, reference::first_integral(p),
          tol);
    }
}

void end_kinds(double tol) {
  const std::vector<BoundaryCondition> tips = {
      BoundaryCondition::insulated(), BoundaryCondition::flux(0.3),
      BoundaryCondition::convective(2.0, 0.1), BoundaryCondition::radiative(1.5, 0.2)};
  for (double nr : {1e-2, 5.0, 1e3})
    for (const BoundaryCondition& tip : tips) {
      const Problem p{nr, 0.3, 1.0, 0.2, 0.5, BoundaryCondition::dirichlet(1.2), tip};
      const Values ref = reference::first_integral(p);
      row(fmt::format("Nr {:g}, Nc 1, Q 0.5: dirichlet:1.2 / {}", nr, to_string(tip)), p, ref, tol);
      const Values mirrored{ref.u_tip, ref.u_half, ref.u_base, p.outward_flux(tip, ref.u_tip)};
      row(fmt::format("Nr {:g}, Nc 1, Q 0.5: {} / dirichlet:1.2", nr, to_string(tip)),
          reference::mirrored(p), mirrored, tol);
    }
  const Problem both{5.0, 0.3, 1.0, 0.2, 0.5, BoundaryCondition::flux(-0.8),
                     BoundaryCondition::radiative(1.5, 0.2)};
  row("Nr 5, Nc 1, Q 0.5: flux:-0.8 / radiative:1.5:0.2", both, reference::shooting(both, 0.1, 0.6),
      tol);
}

}  // namespace

int main(int argc, char** argv) {
  const double tol = argc > 1 ? std::atof(argv[1]) : 1e-10;
  fmt::print("solve_fd at tol {:g} against independent references\n\n", tol);
  fmt::print("| case | err u(0) | err u(0.5) | err u(1) | rel err u'(0) | estimate | nodes | us |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  fins(tol);
  end_kinds(tol);
  return 0;
}
