// Tridiagonal solve by elimination from both ends at once (a twisted factorization): the two
// dependency chains interleave, about twice as fast as the Thomas algorithm's single chain of
// divisions, with the same O(n) work. No pivoting: the finite-difference Jacobians it serves are
// (negated) diagonally dominant M-matrices, for which elimination without pivoting is stable.
#pragma once

#include <cstddef>
#include <vector>

namespace radbound::detail {

// Solves sub[i] x[i-1] + diag[i] x[i] + super[i] x[i+1] = rhs[i] (sub[0], super[n-1] unused,
// n >= 3) for two right-hand sides at once: the second shares the first's pivots, so it adds no
// division to the dependency chains. Each solution overwrites its right-hand side; `scratch` is
// reused storage, resized only when too small. Returns the largest |x| of each solution (NaN if
// it has a NaN), found off the dependency chains.
struct LargestSolutions {
  double first = 0.0, second = 0.0;
};

inline LargestSolutions solve_tridiagonal(const std::vector<double>& sub, const std::vector<double>& diag,
                              const std::vector<double>& super, std::vector<double>& rhs,
                              std::vector<double>& rhs2, std::vector<double>& scratch) {
  const std::size_t n = diag.size(), middle = n / 2;
  if (scratch.size() < n) scratch.resize(n);
  double* w = scratch.data();
  double* x = rhs.data();
  double* y = rhs2.data();
  // Rows above the middle become x_i + w_i x_{i+1} = x_i; rows below, x_i + w_i x_{i-1} = x_i.
  const auto eliminate = [&](std::size_t i, std::size_t from, double coupling, double other) {
    const double inverse = 1.0 / (diag[i] - coupling * w[from]);
    w[i] = other * inverse;
    x[i] = (x[i] - coupling * x[from]) * inverse;
    y[i] = (y[i] - coupling * y[from]) * inverse;
  };
  const auto eliminate_end = [&](std::size_t i, double other) {
    const double inverse = 1.0 / diag[i];
    w[i] = other * inverse;
    x[i] *= inverse;
    y[i] *= inverse;
  };
  eliminate_end(0, super[0]);
  eliminate_end(n - 1, sub[n - 1]);
  std::size_t i = 1, k = n - 2;
  for (; i < middle && k > middle; ++i, --k) {
    eliminate(i, i - 1, sub[i], super[i]);    // row i against row i - 1
    eliminate(k, k + 1, super[k], sub[k]);    // row k against row k + 1
  }
  for (; i < middle; ++i) eliminate(i, i - 1, sub[i], super[i]);
  for (; k > middle; --k) eliminate(k, k + 1, super[k], sub[k]);
  // The middle row meets both eliminations.
  const std::size_t m = middle;
  const double inverse = 1.0 / (diag[m] - sub[m] * w[m - 1] - super[m] * w[m + 1]);
  x[m] = (x[m] - sub[m] * x[m - 1] - super[m] * x[m + 1]) * inverse;
  y[m] = (y[m] - sub[m] * y[m - 1] - super[m] * y[m + 1]) * inverse;
  LargestSolutions largest;
  const auto keep_largest = [](double& largest, double v) {
    largest = std::fabs(v) > largest || v != v ? std::fabs(v) : largest;
  };
  const auto substitute = [&](std::size_t i, std::size_t from) {
    x[i] -= w[i] * x[from];
    y[i] -= w[i] * y[from];
    keep_largest(largest.first, x[i]);
    keep_largest(largest.second, y[i]);
  };
  keep_largest(largest.first, x[m]);
  keep_largest(largest.second, y[m]);
  std::size_t up = m, down = m;
  for (; up > 0 && down + 1 < n; --up, ++down) {
    substitute(up - 1, up);
    substitute(down + 1, down);
  }
  for (; up > 0; --up) substitute(up - 1, up);
  for (; down + 1 < n; ++down) substitute(down + 1, down);
  return largest;
}

}  // namespace radbound::detail
