// The problem seen by the bounds: the convex source f, each end as a Dirichlet value or an outward
// flux law g, and the constant bounds that the maximum principle gives.
#pragma once

#include <optional>

#include "linear_law.hpp"
#include "radbound/problem.hpp"

namespace radbound::detail {

struct EndModel {
  bool dirichlet = false;
  double value = 0.0;  // Dirichlet value
  ConvexLaw flux;      // outward flux g(u) of a flux-type end (insulated: g = 0)
};

struct ModelLaws {
  ConvexLaw source;  // f
  EndModel left, right;
  std::optional<double> constant_lower, constant_upper;

  explicit ModelLaws(const Problem& problem);
};

// With flux-type ends only: the constant c whose heat balance closes, f(c) + g_L(c) + g_R(c) = 0
// (integrate u'' = f(u) over (0, 1)). A starting level for the iterations, not a bound.
std::optional<double> balanced_level(const ModelLaws& m);

}  // namespace radbound::detail
