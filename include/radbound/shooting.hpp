// Shooting with Boost.Odeint from the well-conditioned end.
#pragma once

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

struct ShootingOptions {
  double tol = 1e-8;  // target max-norm error in u, checked by the reported error estimate
  void check_param() const;
};

Solution solve_shooting(const Problem& problem, const ShootingOptions& options = {});

}  // namespace radbound
