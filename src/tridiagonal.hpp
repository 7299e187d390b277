// Tridiagonal solve by elimination from both ends at once (a twisted factorization): the two
// dependency chains interleave, about twice as fast as the Thomas algorithm's single chain of
// divisions, with the same O(n) work. Each chain carries its last row in registers, so that no
// store-to-load round trip lengthens it. No pivoting: the finite-difference Jacobians it serves
// are (negated) diagonally dominant M-matrices, for which elimination without pivoting is stable.
// Two right-hand sides advance together, one in each half of a DoublePair.
// Not comparison.cpp's NodalSystem: it factors once for many right sides, rounding differently.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "double_pair.hpp"

namespace radbound::detail {

// The largest |entry| of each solution: NaN for a first solution that is not finite, infinity for
// a second.
struct LargestSolutions {
  double first = 0.0, second = 0.0;
};

// A right-hand side equal on all rows but the first and the last.
struct EndsAndInterior {
  double first = 0.0, interior = 0.0, last = 0.0;
};

// Storage of solve_tridiagonal, reused from call to call (grown only when too small).
struct TridiagonalWorkspace {
  std::vector<double> w;
  std::vector<DoublePair> xy;
};

// Solves sub[i] x[i-1] + diag[i] x[i] + super[i] x[i+1] = rhs[i] (sub[0], super[n-1] unused,
// n >= 3) for two right-hand sides at once: the second shares the first's pivots, so it adds no
// division to the dependency chains. The first solution overwrites rhs; of the second only the
// largest |entry| is returned.
inline LargestSolutions solve_tridiagonal(const std::vector<double>& sub,
                                          const std::vector<double>& diag,
                                          const std::vector<double>& super,
                                          std::vector<double>& rhs, const EndsAndInterior& rhs2,
                                          TridiagonalWorkspace& work) {
  const std::size_t n = diag.size(), middle = n / 2;
  if (work.w.size() < n) {
    work.w.resize(n);
    work.xy.resize(n);
  }
  double* w = work.w.data();
  DoublePair* xy = work.xy.data();
  double* x = rhs.data();
  // The last row of one chain: x_i + w_i x_next = x_i (next: i + 1 going down, i - 1 going up).
  struct Row {
    double w;
    DoublePair xy;
  };
  // Row i against the chain's last row, `coupling` its coefficient of that row's unknown.
  const auto eliminate = [&](std::size_t i, const Row& from, double coupling, double other,
                             double y) {
    const double inverse = 1.0 / (diag[i] - coupling * from.w);
    const DoublePair right = {x[i], y};
    const Row row{other * inverse, (right - coupling * from.xy) * inverse};
    w[i] = row.w;
    xy[i] = row.xy;
    return row;
  };
  const Row none{0.0, DoublePair{0.0, 0.0}};
  Row down = eliminate(0, none, 0.0, super[0], rhs2.first);
  Row up = eliminate(n - 1, none, 0.0, sub[n - 1], rhs2.last);
  const double y = rhs2.interior;
  std::size_t i = 1, k = n - 2;
  for (; i < middle && k > middle; ++i, --k) {
    down = eliminate(i, down, sub[i], super[i], y);
    up = eliminate(k, up, super[k], sub[k], y);
  }
  for (; i < middle; ++i) down = eliminate(i, down, sub[i], super[i], y);
  for (; k > middle; --k) up = eliminate(k, up, super[k], sub[k], y);
  // The middle row meets both chains; then substitute outwards, again carrying the last value.
  const std::size_t m = middle;
  const double inverse = 1.0 / (diag[m] - sub[m] * down.w - super[m] * up.w);
  const DoublePair right = {x[m], y};
  const DoublePair at_middle = (right - sub[m] * down.xy - super[m] * up.xy) * inverse;
  x[m] = at_middle[0];
  // No branch per row reveals a NaN or an infinity: `largest` keeps an infinity (or a NaN in the
  // middle), and a NaN anywhere else runs on to the end of its chain (w x NaN is NaN, even for
  // w = 0), which is checked after.
  DoublePair largest = magnitude(at_middle);
  const auto substitute = [&](std::size_t j, DoublePair& last) {
    last = xy[j] - w[j] * last;
    x[j] = last[0];
    largest = larger(largest, magnitude(last));
  };
  DoublePair above = at_middle, below = at_middle;
  std::size_t a = m, b = m;
  for (; a > 0 && b + 1 < n; --a, ++b) {
    substitute(a - 1, above);
    substitute(b + 1, below);
  }
  for (; a > 0; --a) substitute(a - 1, above);
  for (; b + 1 < n; ++b) substitute(b + 1, below);
  // A step that is not finite is a failure; a J^-1 c that is not finite only leaves the step
  // unproven. (above - above is 0 when finite, NaN for a NaN or an infinity.)
  const DoublePair finite = largest - largest + (above - above) + (below - below);
  if (finite[0] != 0.0) return {std::numeric_limits<double>::quiet_NaN(), largest[1]};
  if (finite[1] != 0.0) return {largest[0], std::numeric_limits<double>::infinity()};
  return {largest[0], largest[1]};
}

}  // namespace radbound::detail
