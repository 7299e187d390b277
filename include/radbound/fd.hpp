// Finite-difference solver: graded mesh, Newton with a tridiagonal Jacobian, Richardson extrapolation.
#pragma once

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

struct FdOptions {
  double tol = 1e-8;  // target max-norm error in u, checked by the reported error estimate
  void check_param() const;
};

// Solves the problem by finite differences. `guess` (optional) is an earlier solution of a nearby
// problem used as the Newton starting point.
Solution solve_fd(const Problem& problem, const FdOptions& options = {},
                  const Solution* guess = nullptr);

}  // namespace radbound
