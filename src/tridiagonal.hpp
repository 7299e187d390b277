// Thomas algorithm for a tridiagonal system: O(n), no pivoting. The finite-difference Jacobians it
// serves are (negated) M-matrices, diagonally dominant, for which elimination without pivoting is
// stable.
#pragma once

#include <cstddef>
#include <vector>

namespace radbound::detail {

// Solves sub[i] x[i-1] + diag[i] x[i] + super[i] x[i+1] = rhs[i] (sub[0], super[n-1] unused).
// The solution overwrites rhs; `scratch` is reused storage (resized only when too small).
inline void solve_tridiagonal(const std::vector<double>& sub, const std::vector<double>& diag,
                              const std::vector<double>& super, std::vector<double>& rhs,
                              std::vector<double>& scratch) {
  const std::size_t n = diag.size();
  if (scratch.size() < n) scratch.resize(n);
  double pivot = diag[0];
  rhs[0] /= pivot;
  for (std::size_t i = 1; i < n; ++i) {
    scratch[i] = super[i - 1] / pivot;
    pivot = diag[i] - sub[i] * scratch[i];
    rhs[i] = (rhs[i] - sub[i] * rhs[i - 1]) / pivot;
  }
  for (std::size_t i = n - 1; i-- > 0;) rhs[i] -= scratch[i + 1] * rhs[i + 1];
}

}  // namespace radbound::detail
