// The quintic two-point Hermite interpolant, the one Solution::value evaluates: shared so that
// fd checks (and starts from) exactly the interpolant a solution returns.
#pragma once

#include <cstddef>

#include "radbound/solution.hpp"

namespace radbound::detail {

// At t of a cell of width h, from u, u', u'' at both ends: s^3 (a0 + a1 t + a2 t^2) + t^3 (b0 + b1 s + b2 s^2), the
// a_n the first three terms of (L_0 + L_1 t + L_2 t^2)/(1-t)^3, the b_n alike.
inline double quintic_hermite(double h, double t, double u0, double du0, double d2u0, double u1,
                              double du1, double d2u1) {
  const double s = 1.0 - t, l1 = h * du0, l2 = 0.5 * h * h * d2u0, r1 = -h * du1,
               r2 = 0.5 * h * h * d2u1;
  const double a = u0 + t * (l1 + 3.0 * u0 + t * (l2 + 3.0 * l1 + 6.0 * u0));
  const double b = u1 + s * (r1 + 3.0 * u1 + s * (r2 + 3.0 * r1 + 6.0 * u1));
  return s * s * s * a + t * t * t * b;
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
