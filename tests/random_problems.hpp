// Random problems over the whole parameter space, as the fd tests and the estimate benchmark draw
// them: Nr log-uniform in [1e-4, 1e8], theta_s up to 0.99, Nc (log-uniform in [1e-3, 1e3]) and Q
// (signed, magnitude log-uniform in [1e-2, 1e2]) each present half the time, and each end of any
// kind with random parameters.
#pragma once

#include <cmath>
#include <random>

#include "radbound/problem.hpp"

namespace radbound_test {

inline radbound::Problem random_problem(std::mt19937& rng) {
  using radbound::BoundaryCondition;
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const auto end = [&]() {
    switch (rng() % 5) {
      case 0:
        return BoundaryCondition::dirichlet(2 * uniform(rng));
      case 1:
        return BoundaryCondition::insulated();
      case 2:
        return BoundaryCondition::flux(4 * uniform(rng) - 2);
      case 3:
        return BoundaryCondition::convective(std::pow(10.0, 4 * uniform(rng) - 2));
      default:
        return BoundaryCondition::radiative(std::pow(10.0, 4 * uniform(rng) - 2));
    }
  };
  radbound::Problem p;
  p.nr = std::pow(10.0, 12 * uniform(rng) - 4);
  p.theta_s = 0.99 * uniform(rng);
  p.nc = uniform(rng) < 0.5 ? 0.0 : std::pow(10.0, 6 * uniform(rng) - 3);
  p.theta_inf = uniform(rng);
  p.q = uniform(rng) < 0.5 ? 0.0 : (2 * uniform(rng) - 1) * std::pow(10.0, 4 * uniform(rng) - 2);
  p.left = end();
  p.right = end();
  return p;
}

}  // namespace radbound_test
