// The interpolant's errors on a cell: Solution::value() between two nodes checked against a known
// value inside the cell, and the part that rounding of the node data (u'' = f(u)) adds.
#pragma once

#include "primitive.hpp"
#include "radbound/solution.hpp"

namespace radbound {

struct HermiteNode {
  double x, u, du, d2u;
};

// The value at x of the quintic Hermite interpolant that Solution::value() uses on [a, b].
double hermite_between(const HermiteNode& a, const HermiteNode& b, double x);

// The interpolant's worst error on its cell, from the error `seen` at relative position t: the
// quintic Hermite error is u⁽⁶⁾(ξ)/720 (x − xa)³(x − xb)³, largest at t = 1/2, with a margin of
// 2 for the variation of u⁽⁶⁾ across the cell. t is kept inside [0.1, 0.9] so that a probe near a
// node does not inflate noise.
double worst_cell_error(double seen, double t);

// The interpolant's largest response on a cell of width h to errors da, db in the u'' it is given
// at the two ends: those enter as h²/2 (t²(1−t)³ da + t³(1−t)² db), at most h²/32 max(|da|, |db|)
// (at t = 1/2 when da = db). Solution::value carries u'' = f(u) computed at each node, rounding
// included: across a long cell on a stiff plateau that rounding (Primitive::curvature_rounding),
// amplified by h², can exceed the truncation error by orders of magnitude.
double curvature_response(double h, double da, double db);

// The part of the interpolant's error that the rounding of its nodes' data adds anywhere: the
// largest curvature_response over the cells, their u'' errors bounded by
// model.curvature_rounding(), plus the largest |u'| times half an ulp of its node's x (a node
// stands where its position rounded to: in a layer at x = 1, u' = 2e4 turns that 1.1e-16 into
// 2.5e-12).
double node_rounding_error(const Primitive& model, const Solution& s);

}  // namespace radbound
