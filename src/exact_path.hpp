// The solution of a two-point problem as a path along one orbit, and its profile at nodes.
#pragma once

#include <vector>

#include "orbit.hpp"
#include "radbound/solution.hpp"

namespace radbound {

// A monotone stretch of a path, from a physical end toward the orbit's anchor (or to the other
// end). Its x-positions are measured from its own end, so that the time spent near the slow
// anchor — the part quadrature resolves worst and the profile is least sensitive to — only
// shifts where the two stretches meet.
struct Leg {
  double end;      // level (offset from the equilibrium) at the physical end
  double inner;    // level where the stretch stops
  bool from_left;  // the end is x = 0 (else x = 1)
};

// u(0) = c + left, u(1) = c + right on `orbit`; `turns`: the path goes through the orbit's
// turning point in between (an interior extremum).
struct Path {
  Orbit orbit;
  double left, right;
  bool turns;

  std::vector<Leg> legs() const;
  // The x-length the path needs; 1 for the solution.
  double duration() const;
};

struct ProfileOptions {
  double interpolation_tol;  // target for the quintic-Hermite error between nodes
  int max_nodes = 20000;
};

// The profile along `legs` of `orbit` (one leg from each end, or one leg spanning [0, 1]) at nodes
// chosen so that Solution::value() meets the tolerance between them, checked cell by cell against
// the exact level at an interior point. Where two legs stop short of an equilibrium they only
// reach asymptotically, the cell between them is filled by interpolation and its error bounded by
// the levels at its ends. Fills x, u, du, d2u and error_estimate; status ok, or failed with a
// message when the legs overlap or the node budget runs out.
Solution build_profile(const Problem& problem, const Orbit& orbit, const std::vector<Leg>& legs,
                       const ProfileOptions& options);

}  // namespace radbound
