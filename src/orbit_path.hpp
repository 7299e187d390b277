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
// at the other end the same way. Cells in the equilibrium's linear neighbourhood too long for
// the tolerance (fill_linear_cell) receive nodes in between. error_estimate receives the joining
// error and the largest linear_cell_truncation; status is failed (with a message) when the
// pieces overlap by more.
Solution join_legs(const Problem& problem, const Primitive& model, double interpolation_tol,
                   const std::vector<Leg>& legs, std::vector<std::vector<ProfileNode>> pieces,
                   const std::string& method);

// On a cell in the equilibrium's linear neighbourhood (both ends within
// Primitive::quadratic_radius), where u'' = κ² (u − c) to rounding and the profile is the closed
// form through the two end levels, (δa sinh κ(xb − x) + δb sinh κ(x − xa)) / sinh κh, the quintic
// interpolant's error on that form: at most κ⁶ max|δ| h⁶/46080 (|δ| peaks at an end). NaN for a
// cell outside the neighbourhood.
double linear_cell_truncation(const Primitive& model, const ProfileNode& a, const ProfileNode& b);

// The nodes to insert strictly inside a cell in the equilibrium's linear neighbourhood where the
// interpolant would miss `tol`: its error on the closed form (linear_cell_truncation) plus the
// rounding of u'' = f(u) at the nodes (Primitive::curvature_rounding), which the interpolant
// carries across a cell as h²/32 of it (curvature_response). The nodes take the closed form,
// equally spaced so that each part stays within tol/2; none where the cell already meets tol, lies
// outside the neighbourhood (a method's own refinement answers for those) or would need more than
// 8192 cells.
std::vector<ProfileNode> fill_linear_cell(const Primitive& model, double tol, const ProfileNode& a,
                                          const ProfileNode& b);

}  // namespace radbound
