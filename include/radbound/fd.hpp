// Finite-difference solver: graded mesh, Newton with a tridiagonal Jacobian, Richardson extrapolation.
//
// The mesh x_i = phi(i/N) follows a smooth map fixed per problem that concentrates nodes in the
// boundary layers. On it the 3-point scheme has an error expanding in even powers of 1/N, so the
// solutions for N, 2N and 4N cells extrapolate to sixth order; the gap between the fourth- and
// sixth-order values, and between the interpolant and the extrapolated values at cell midpoints,
// is the reported error estimate. N grows until that estimate is below `tol`.
#pragma once

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

struct FdOptions {
  double tol = 1e-8;              // target max-norm error in u, checked by the reported estimate
  int max_cells = 1 << 20;        // cells of the finest mesh allowed before giving up, >= 16
  int max_newton_iterations = 60; // per mesh level (with damping), >= 1

  // Throws ParameterError naming the field ("tol", "max_cells", "max_newton_iterations").
  void check_param() const;
};

// Solves the problem by finite differences. `guess` (optional) is an earlier solution of a nearby
// problem used as the Newton starting point and to choose the first mesh. Throws ParameterError for
// invalid options or problem; any failure to reach `tol` is reported in `status` and `message`,
// with no numbers.
Solution solve_fd(const Problem& problem, const FdOptions& options = {},
                  const Solution* guess = nullptr);

}  // namespace radbound
