// Smoothly graded meshes for the finite-difference solver.
//
// Nodes are x_i = phi(i/N) for one smooth (C-infinity) increasing map phi fixed per problem, so
// the truncation error of the 3-point scheme expands in even powers of 1/N and Richardson
// extrapolation over N, 2N, 4N applies. phi is defined beyond [0,1] because a flux-type end uses
// a ghost node at phi(-1/N) or phi(1 + 1/N).
#pragma once

#include <vector>

namespace radbound::detail {

// phi = (right grading) o (left grading), each the exponential map expm1(a s)/expm1(a) that puts
// nodes in geometric progression: near an end it is x = ((1 + c)^s - 1)/c with a = log(1 + c),
// which follows both exponential boundary layers and the algebraic (1 + c x)^(-2/3) decay of a
// strongly radiating fin. a = 0 is no grading at that end.
struct GradedMap {
  double left = 0.0;   // a >= 0 at x = 0: end spacing about a/expm1(a) times the uniform one
  double right = 0.0;  // the same at x = 1

  double operator()(double s) const;
};

// One level of the mesh: N cells, nodes x_0 = 0 < ... < x_N = 1, and the distances to the ghost
// nodes beyond each end.
struct Grid {
  std::vector<double> x;
  double ghost_left = 0.0;   // x_0 - phi(-1/N)
  double ghost_right = 0.0;  // phi(1 + 1/N) - x_N

  // Fills the nodes of level N (reusing storage).
  void build(const GradedMap& map, int cells);
  int cells() const { return static_cast<int>(x.size()) - 1; }
};

}  // namespace radbound::detail
