// The solution of a two-point problem as a path along one orbit, and joining its legs' profiles.
#pragma once

#include <string>
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
  // The x-length the path needs (by quadrature); 1 for the solution. Beyond `limit` the result
  // is only known to exceed it.
  double duration(double limit = Orbit::kNoLimit) const;
};

// A node of a leg's profile, in physical coordinates.
struct ProfileNode {
  double x, u, du;
};

// The profile through the legs of a path: `pieces[i]` holds the nodes of legs[i] in order from
// its physical end. Pieces that end at the same level (the anchor) and meet to 1e-9 in x, or
// overlap by less than half their last cells, share one node (the error of moving it is
// accounted); a wider gap (the slow passage needed less length than there was) becomes a stretch
// filled at the equilibrium, its error bounded by the levels at its ends; a single leg is closed
// at the other end the same way. Cells in the equilibrium's linear neighbourhood that are too long
// for the rounding of their nodes' curvature (fill_linear_cell) receive nodes in between.
// error_estimate receives the joining error; status is failed (with a message) when the pieces
// overlap by more.
Solution join_legs(const Problem& problem, const Primitive& model, double interpolation_tol,
                   const std::vector<Leg>& legs, std::vector<std::vector<ProfileNode>> pieces,
                   const std::string& method);

// The nodes to insert strictly inside the cell [a, b] so that the rounding of u'' = f(u) at the
// nodes (Primitive::curvature_rounding), which the quintic interpolant carries across a cell as
// h²/32 of it (curvature_response), stays within `tol`: none where it already does, or where
// the cell does not lie in the equilibrium's linear neighbourhood (both ends within
// Primitive::quadratic_radius). There u'' = κ² (u − c) to rounding, and the nodes take the
// closed form through the two end levels, (δa sinh κ(xb − x) + δb sinh κ(x − xa)) / sinh κh,
// equally spaced so that neither that rounding nor the interpolant's own error on the closed
// form, κ⁶ max|δ| h⁶/46080, exceeds tol.
std::vector<ProfileNode> fill_linear_cell(const Primitive& model, double tol, const ProfileNode& a,
                                          const ProfileNode& b);

}  // namespace radbound
