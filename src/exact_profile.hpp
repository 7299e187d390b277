// The exact method's profile: nodes along each leg placed by quadrature.
#pragma once

#include <vector>

#include "orbit_path.hpp"

namespace radbound {

struct ProfileOptions {
  double interpolation_tol;  // target for the quintic-Hermite error between nodes
  int max_nodes = 20000;
};

// The profile along `legs` of `orbit` at nodes chosen so that Solution::value() meets the
// tolerance between them, checked cell by cell against the exact level at an interior point, and
// joined by join_legs(). Fills x, u, du, d2u and error_estimate; status no_convergence when the
// node budget runs out.
Solution build_profile(const Problem& problem, const Orbit& orbit, const std::vector<Leg>& legs,
                       const ProfileOptions& options);

}  // namespace radbound
