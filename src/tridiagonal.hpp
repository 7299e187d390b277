// Tridiagonal solve by elimination from both ends at once (a twisted factorization): the two
// dependency chains interleave, about twice as fast as the Thomas algorithm's single chain of
// divisions, with the same O(n) work. No pivoting: the finite-difference Jacobians it serves are
// (negated) diagonally dominant M-matrices, for which elimination without pivoting is stable.
#pragma once

#include <cstddef>
#include <vector>

namespace radbound::detail {

// Solves sub[i] x[i-1] + diag[i] x[i] + super[i] x[i+1] = rhs[i] (sub[0], super[n-1] unused,
// n >= 3). The solution overwrites rhs; `scratch` is reused storage, resized only when too small.
inline void solve_tridiagonal(const std::vector<double>& sub, const std::vector<double>& diag,
                              const std::vector<double>& super, std::vector<double>& rhs,
                              std::vector<double>& scratch) {
  const std::size_t n = diag.size(), middle = n / 2;
  if (scratch.size() < n) scratch.resize(n);
  double* w = scratch.data();
  double* x = rhs.data();
  // Rows above the middle become x_i + w_i x_{i+1} = x_i; rows below, x_i + w_i x_{i-1} = x_i.
  const auto eliminate_down = [&](std::size_t i) {  // row i against row i - 1
    const double inverse = 1.0 / (diag[i] - sub[i] * w[i - 1]);
    w[i] = super[i] * inverse;
    x[i] = (x[i] - sub[i] * x[i - 1]) * inverse;
  };
  const auto eliminate_up = [&](std::size_t k) {  // row k against row k + 1
    const double inverse = 1.0 / (diag[k] - super[k] * w[k + 1]);
    w[k] = sub[k] * inverse;
    x[k] = (x[k] - super[k] * x[k + 1]) * inverse;
  };
  w[0] = super[0] / diag[0];
  x[0] /= diag[0];
  w[n - 1] = sub[n - 1] / diag[n - 1];
  x[n - 1] /= diag[n - 1];
  std::size_t i = 1, k = n - 2;
  for (; i < middle && k > middle; ++i, --k) {
    eliminate_down(i);
    eliminate_up(k);
  }
  for (; i < middle; ++i) eliminate_down(i);
  for (; k > middle; --k) eliminate_up(k);
  // The middle row meets both eliminations.
  const std::size_t m = middle;
  x[m] = (x[m] - sub[m] * x[m - 1] - super[m] * x[m + 1]) /
         (diag[m] - sub[m] * w[m - 1] - super[m] * w[m + 1]);
  std::size_t up = m, down = m;
  for (; up > 0 && down + 1 < n; --up, ++down) {
    x[up - 1] -= w[up - 1] * x[up];
    x[down + 1] -= w[down + 1] * x[down];
  }
  for (; up > 0; --up) x[up - 1] -= w[up - 1] * x[up];
  for (; down + 1 < n; ++down) x[down + 1] -= w[down + 1] * x[down];
}

}  // namespace radbound::detail
