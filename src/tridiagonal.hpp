// Tridiagonal solve by elimination from both ends at once (a twisted factorization): the two
// dependency chains interleave, about twice as fast as the Thomas algorithm's single chain of
// divisions, with the same O(n) work. Each chain carries its last row in registers, so that no
// store-to-load round trip lengthens it. No pivoting: the finite-difference Jacobians it serves
// are (negated) diagonally dominant M-matrices, for which elimination without pivoting is stable.
// Not comparison.cpp's Tridiagonal: it factors once for many right sides, rounding differently.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace radbound::detail {

// The largest |entry| of each solution: NaN for a first solution that is not finite, infinity for
// a second.
struct LargestSolutions {
  double first = 0.0, second = 0.0;
};

// Solves sub[i] x[i-1] + diag[i] x[i] + super[i] x[i+1] = rhs[i] (sub[0], super[n-1] unused,
// n >= 3) for two right-hand sides at once: the second shares the first's pivots, so it adds no
// division to the dependency chains. Each solution overwrites its right-hand side; `scratch` is
// reused storage, resized only when too small.
inline LargestSolutions solve_tridiagonal(const std::vector<double>& sub,
                                          const std::vector<double>& diag,
                                          const std::vector<double>& super,
                                          std::vector<double>& rhs, std::vector<double>& rhs2,
                                          std::vector<double>& scratch) {
  const std::size_t n = diag.size(), middle = n / 2;
  if (scratch.size() < n) scratch.resize(n);
  double* w = scratch.data();
  double* x = rhs.data();
  double* y = rhs2.data();
  // The last row of one chain: x_i + w_i x_next = x_i (next: i + 1 going down, i - 1 going up).
  struct Row {
    double w, x, y;
  };
  // Row i against the chain's last row, `coupling` its coefficient of that row's unknown.
  const auto eliminate = [&](std::size_t i, const Row& from, double coupling, double other) {
    const double inverse = 1.0 / (diag[i] - coupling * from.w);
    const Row row{other * inverse, (x[i] - coupling * from.x) * inverse,
                  (y[i] - coupling * from.y) * inverse};
    w[i] = row.w;
    x[i] = row.x;
    y[i] = row.y;
    return row;
  };
  const Row none{0.0, 0.0, 0.0};
  Row down = eliminate(0, none, 0.0, super[0]);
  Row up = eliminate(n - 1, none, 0.0, sub[n - 1]);
  std::size_t i = 1, k = n - 2;
  for (; i < middle && k > middle; ++i, --k) {
    down = eliminate(i, down, sub[i], super[i]);
    up = eliminate(k, up, super[k], sub[k]);
  }
  for (; i < middle; ++i) down = eliminate(i, down, sub[i], super[i]);
  for (; k > middle; --k) up = eliminate(k, up, super[k], sub[k]);
  // The middle row meets both chains; then substitute outwards, again carrying the last value.
  const std::size_t m = middle;
  const double inverse = 1.0 / (diag[m] - sub[m] * down.w - super[m] * up.w);
  double xm = (x[m] - sub[m] * down.x - super[m] * up.x) * inverse;
  double ym = (y[m] - sub[m] * down.y - super[m] * up.y) * inverse;
  x[m] = xm;
  y[m] = ym;
  // The sums reveal a NaN or an infinity anywhere in x, or in y, without a branch per row.
  double largest_x = std::fabs(xm), largest_y = std::fabs(ym), sum_x = xm, sum_y = ym;
  const auto substitute = [&](std::size_t j, double& last_x, double& last_y) {
    last_x = x[j] - w[j] * last_x;
    last_y = y[j] - w[j] * last_y;
    x[j] = last_x;
    y[j] = last_y;
    largest_x = std::max(largest_x, std::fabs(last_x));
    largest_y = std::max(largest_y, std::fabs(last_y));
    sum_x += last_x;
    sum_y += last_y;
  };
  double above_x = xm, above_y = ym, below_x = xm, below_y = ym;
  std::size_t a = m, b = m;
  for (; a > 0 && b + 1 < n; --a, ++b) {
    substitute(a - 1, above_x, above_y);
    substitute(b + 1, below_x, below_y);
  }
  for (; a > 0; --a) substitute(a - 1, above_x, above_y);
  for (; b + 1 < n; ++b) substitute(b + 1, below_x, below_y);
  // A step that is not finite is a failure; a J^-1 c that is not finite only leaves the step
  // unproven.
  if (!std::isfinite(sum_x)) return {std::numeric_limits<double>::quiet_NaN(), largest_y};
  if (!std::isfinite(sum_y)) return {largest_x, std::numeric_limits<double>::infinity()};
  return {largest_x, largest_y};
}

}  // namespace radbound::detail
