// Checking Solution::value() between two nodes against a known value inside the cell.
#pragma once

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

}  // namespace radbound
