// Dirichlet values at both ends as a one-parameter search along a chain of orbits.
//
// With levels as offsets d0, d1 from the equilibrium, oriented so that |d0| ≥ |d1| when both lie
// on one side, u'(0) orders the candidate orbits: first those crossing the equilibrium with
// squared speed h (h from ∞ down to 0), then those turning at m between the equilibrium and d1 —
// with the turning point beyond x = 1 (a monotone profile) or inside (an interior extremum). The
// path length decides: the separatrix path longer than 1 means a crossing orbit; else the tangent
// orbit (m = d1) longer than 1 means the monotone case. The unknown is ln h or ln|m|, so orbits
// within 1e-300 of the separatrix stay distinct; below e^-700 the floor orbit is returned with a
// length below 1 (the caller fills the rest, where u is the equilibrium to that accuracy).
//
// Shared by the exact method (lengths by quadrature) and shooting (lengths by integrating the ODE
// outward from the orbit's slow point): `length(path)` is the x-length of a path.
#pragma once

#include <cmath>
#include <limits>

#include "orbit_path.hpp"
#include "roots.hpp"

namespace radbound {

struct ChainResult {
  Path path;
  double slow_level_spread;  // how far the final bracket's orbits differ at their slowest point
  int evaluations;
  bool converged;
};

template <class Length>
ChainResult solve_dirichlet_chain(const Primitive& F, double d0, double d1, Length&& length) {
  int evaluations = 0;
  const auto crossing = [&](double lambda) { return Orbit::passing(F, std::exp(lambda)); };
  const Path separatrix{crossing(kLogFloor), d0, d1, false};
  const bool same_side = d0 * d1 > 0.0;
  if (!same_side || length(separatrix) > 1.0) {
    // Length decreases with h; at most |d0 − d1|/√h, so h = 4 (d0 − d1)² is short enough.
    const auto excess = [&](double lambda) {
      ++evaluations;
      return capped(length(Path{crossing(lambda), d0, d1, false}) - 1.0);
    };
    const double r_floor = excess(kLogFloor);
    if (r_floor <= 0.0) return {separatrix, 0.0, evaluations, true};
    const double hi = std::log(4.0 * (d0 - d1) * (d0 - d1));
    const Root root = solve_bracketed(excess, kLogFloor, hi, r_floor, excess(hi));
    const double spread = std::sqrt(std::exp(root.hi)) - std::sqrt(std::exp(root.lo));
    return {Path{crossing(root.x), d0, d1, false}, spread, evaluations, root.converged};
  }
  const double side = d1 > 0.0 ? 1.0 : -1.0;
  // exp(ln|d1|) may round past |d1|, where the turning orbit no longer reaches d1.
  const auto turning = [&](double lambda) {
    return Orbit::turning(F, side * std::min(std::exp(lambda), std::fabs(d1)));
  };
  const double tangent = length(Path{Orbit::turning(F, d1), d0, d1, false});
  const bool inside = tangent < 1.0;
  const auto excess = [&](double lambda) {
    ++evaluations;
    return capped(length(Path{turning(lambda), d0, d1, inside}) - 1.0);
  };
  const double r_floor = excess(kLogFloor);
  const Path floor{turning(kLogFloor), d0, d1, inside};
  if (inside && r_floor <= 0.0) return {floor, 0.0, evaluations, true};
  const Root root =
      solve_bracketed(excess, kLogFloor, std::log(std::fabs(d1)), r_floor, tangent - 1.0);
  const double spread = std::exp(root.hi) - std::exp(root.lo);
  // A turning point within rounding of d1 (the tangent orbit falls short of 1 by less than the
  // resolution of m): the tangent path itself, its shortfall joined at the slow end.
  if (std::exp(root.lo) >= std::fabs(d1) * (1.0 - 4.0 * std::numeric_limits<double>::epsilon()))
    return {Path{Orbit::turning(F, d1), d0, d1, false}, spread, evaluations, true};
  return {Path{turning(root.x), d0, d1, inside}, spread, evaluations, root.converged};
}

}  // namespace radbound
