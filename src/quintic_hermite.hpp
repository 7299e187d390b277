// The quintic two-point Hermite interpolant, the one Solution::value evaluates: shared so that
// fd checks (and starts from) exactly the interpolant a solution returns.
#pragma once

#include <cstddef>

#include "double_pair.hpp"
#include "radbound/solution.hpp"

namespace radbound::detail {

// At t of a cell of width h, from u, u', u'' at both ends: s^3 (a0 + a1 t + a2 t^2) + t^3 (b0 + b1 s + b2 s^2), the
// a_n the first three terms of (L_0 + L_1 t + L_2 t^2)/(1-t)^3, the b_n alike. Both ends advance
// together in one DoublePair, with the roundings of two scalar computations.
inline double quintic_hermite(double h, double t, double u0, double du0, double d2u0, double u1,
                              double du1, double d2u1) {
  const double s = 1.0 - t;
  const DoublePair u = {u0, u1}, z = {t, s};
  const DoublePair first = DoublePair{h, -h} * DoublePair{du0, du1};  // {L_1, R_1}
  const DoublePair second = 0.5 * h * h * DoublePair{d2u0, d2u1};    // {L_2, R_2}
  const DoublePair ab = u + z * (first + 3.0 * u + z * (second + 3.0 * first + 6.0 * u));
  const DoublePair cubes = z * z * z;  // {t^3, s^3}, each as (t t) t and (s s) s
  const DoublePair ends = DoublePair{cubes[1], cubes[0]} * ab;
  return ends[0] + ends[1];
}

// A solution's interpolant at n rising points x of [0, 1], as Solution::value gives it there,
// from one forward walk over its cells instead of a search per point. The solution needs two or
// more nodes and u, du, d2u at each.
inline void interpolate_rising(const Solution& s, const double* x, std::size_t n, double* out) {
  const std::size_t last_cell = s.nodes() - 2;
  std::size_t j = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (j < last_cell && s.x[j + 1] <= x[i]) ++j;  // the cell of upper_bound, as value() finds
    const double h = s.x[j + 1] - s.x[j];
    out[i] = quintic_hermite(h, (x[i] - s.x[j]) / h, s.u[j], s.du[j], s.d2u[j], s.u[j + 1],
                             s.du[j + 1], s.d2u[j + 1]);
  }
}

}  // namespace radbound::detail
