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

}  // namespace radbound::detail
