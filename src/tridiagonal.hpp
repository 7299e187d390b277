// Tridiagonal solve by elimination from both ends at once (a twisted factorization): the two
// dependency chains interleave, about twice as fast as the Thomas algorithm's single chain of
// divisions, with the same O(n) work. The rows come in *folded* order: step j eliminates row j of
// the chain going down (from row 0) and row n - 1 - j of the chain going up (from row n - 1), one
// in each half of a DoublePair, so that one division gives both chains' pivots; the chains meet
// at the middle row (n odd), and the substitution runs outwards along both, again in pairs. The
// caller hands over each step's rows as it computes them (the finite-difference Newton step
// linearizes in the same pass), so that no row is stored and read back before its elimination.
// No pivoting: the finite-difference Jacobians it serves are (negated) diagonally dominant
// M-matrices, for which elimination without pivoting is stable. Two right-hand sides advance
// together: the second shares the first's pivots, so it adds no division to the chains.
// Not comparison.cpp's NodalSystem: it factors once for many right sides, rounding differently.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "double_pair.hpp"

namespace radbound::detail {

// The largest |entry| of each solution: NaN for a first solution that is not finite, infinity for
// a second.
struct LargestSolutions {
  double first = 0.0, second = 0.0;
};

// The rows of one step, the down chain's in the first halves, the up chain's in the second: the
// coefficients of the unknowns of the chain's previous row (`near`; 0 at step 0) and of its next
// row (`far`: the following step's, or the middle row's), the diagonal and both right-hand sides.
struct FoldedRows {
  DoublePair near, far, diagonal, rhs, rhs2;
};

// The rows of one step after elimination, in the same halves: x_i + w x_next = x for the first
// right-hand side, x_i + w x_next = y for the second.
struct EliminatedRows {
  DoublePair w, x, y;
};

// The rows of a step against the rows eliminated at the step before (zeros at step 0).
inline EliminatedRows eliminate(const FoldedRows& rows, const EliminatedRows& previous) {
  const DoublePair inverse = 1.0 / (rows.diagonal - rows.near * previous.w);
  return {rows.far * inverse, (rows.rhs - rows.near * previous.x) * inverse,
          (rows.rhs2 - rows.near * previous.y) * inverse};
}

// The middle row: its coefficients of the unknowns of rows m - 1 and m + 1.
struct MiddleRow {
  double sub = 0.0, diagonal = 0.0, super = 0.0, rhs = 0.0, rhs2 = 0.0;
};

// Solves the system of n = 2m + 1 rows (m >= 1) whose steps 0..m-1 are eliminated in `steps`,
// given its middle row: x (n entries, natural order) receives the first solution, and `stepped`
// from - x (for Newton: the full step's result, in the same pass); of the second solution only
// the largest |entry| is returned.
inline LargestSolutions meet_and_substitute(const MiddleRow& middle, const EliminatedRows* steps,
                                            std::size_t m, const double* from, double* x,
                                            double* stepped) {
  const EliminatedRows& last = steps[m - 1];
  const double inverse =
      1.0 / (middle.diagonal - middle.sub * last.w[0] - middle.super * last.w[1]);
  const DoublePair right = {middle.rhs, middle.rhs2};
  const DoublePair at_middle = (right - middle.sub * low_halves(last.x, last.y) -
                                middle.super * high_halves(last.x, last.y)) *
                               inverse;
  x[m] = at_middle[0];
  stepped[m] = from[m] - at_middle[0];
  // Both chains outwards from the middle, carrying their last values (xs: the first solution's,
  // ys: the second's). No branch per row reveals a NaN or an infinity: a value that is not finite
  // makes every value after it on its chain not finite (w x NaN is NaN, w x infinity an infinity
  // or NaN, even for w = 0), so the chains' last values tell, checked after.
  DoublePair xs = {at_middle[0], at_middle[0]}, ys = {at_middle[1], at_middle[1]};
  DoublePair largest_x = magnitude(xs), largest_y = magnitude(ys);
  // (Unrolled by two: the carried values alternate registers instead of being copied back.)
#pragma GCC unroll 2
  for (std::size_t j = m; j-- > 0;) {
    xs = steps[j].x - steps[j].w * xs;
    ys = steps[j].y - steps[j].w * ys;
    x[j] = xs[0];
    x[2 * m - j] = xs[1];
    const DoublePair result = DoublePair{from[j], from[2 * m - j]} - xs;
    stepped[j] = result[0];
    stepped[2 * m - j] = result[1];
    largest_x = larger(magnitude(xs), largest_x);  // (the maximum lands in largest's register)
    largest_y = larger(magnitude(ys), largest_y);
  }
  // A step that is not finite is a failure; a J^-1 c that is not finite only leaves the step
  // unproven. (z - z is 0 when finite, NaN for a NaN or an infinity.)
  const DoublePair finite_x = xs - xs, finite_y = ys - ys;
  const double second = finite_y[0] == 0.0 && finite_y[1] == 0.0
                            ? std::max(largest_y[0], largest_y[1])
                            : std::numeric_limits<double>::infinity();
  if (finite_x[0] != 0.0 || finite_x[1] != 0.0)
    return {std::numeric_limits<double>::quiet_NaN(), second};
  return {std::max(largest_x[0], largest_x[1]), second};
}

}  // namespace radbound::detail
