// Two-point Hermite interpolation of any order from derivatives the differential equation supplies.
//
// Along a solution of u'' = f(u) every derivative follows from u and u': u''' = f'(u) u',
// u'''' = f''(u) u'^2 + f'(u) f(u), u^(5) = f'''(u) u'^3 + 3 f''(u) u' u'' + f'(u) u'''. With u..u^(5)
// at both ends of a cell, the two-point Hermite polynomial of degree 11 is twelfth-order accurate;
// dropping u^(5) gives degree 9, whose distance from it estimates the interpolation error. The
// solver uses them to place accurate values between its extrapolated nodes.
#pragma once

#include <array>

#include "fd_system.hpp"

namespace radbound::detail {

// u, u', ..., u^(5) at one point.
using Jet = std::array<double, 6>;
constexpr int kJetOrder = 5;

inline Jet jet(const Source& source, double u, double du) {
  const double magnitude = u < 0 ? -u : u;
  const double f = source.value(u), df = source.slope(u);
  const double d2f = 12.0 * source.nr * u * magnitude, d3f = 24.0 * source.nr * magnitude;
  const double d3u = df * du;
  return {u, du, f, d3u, d2f * du * du + df * f, d3f * du * du * du + 3.0 * d2f * du * f + df * d3u};
}

// Two-point Hermite polynomials at one point t of a cell of width h (t = (x - x_left)/h,
// derivatives with respect to x): the polynomial of order m matches derivatives 0..m of `left` at
// t = 0 and of `right` at t = 1,
//   (1-t)^(m+1) sum_k left_k h^k/k! t^k S_k(t) + t^(m+1) sum_k right_k (-h)^k/k! (1-t)^k S_k(1-t),
//   S_k(z) = sum_{j <= m-k} C(m+j, j) z^j,
// each S_k one term longer than S_(k+1), so each order costs O(m) once the powers are known.
class HermiteAt {
 public:
  HermiteAt(double h, double t) {
    const double s = 1.0 - t;
    tp_[0] = sp_[0] = scale_[0] = 1.0;
    for (std::size_t k = 0; k + 1 < tp_.size(); ++k) {
      tp_[k + 1] = tp_[k] * t;
      sp_[k + 1] = sp_[k] * s;
      scale_[k + 1] = scale_[k] * h / static_cast<double>(k + 1);
    }
  }

  // The polynomial of `order` through derivatives first..first+order of the jets: first = 1
  // interpolates u' from u', u'', ... (order <= kJetOrder - 1).
  double operator()(const Jet& left, const Jet& right, int first, int order) const {
    // C(m + j, j) for m, j <= kJetOrder.
    static constexpr double kBinomial[kJetOrder + 1][kJetOrder + 1] = {
        {1, 1, 1, 1, 1, 1},     {1, 2, 3, 4, 5, 6},      {1, 3, 6, 10, 15, 21},
        {1, 4, 10, 20, 35, 56}, {1, 5, 15, 35, 70, 126}, {1, 6, 21, 56, 126, 252}};
    double sum_left = 0.0, sum_right = 0.0, series_t = 0.0, series_s = 0.0;
    const double* binomial = kBinomial[order];
    for (int k = order; k >= 0; --k) {
      const std::size_t i = static_cast<std::size_t>(k), j = static_cast<std::size_t>(order - k);
      series_t += binomial[j] * tp_[j];
      series_s += binomial[j] * sp_[j];
      const std::size_t d = static_cast<std::size_t>(first + k);
      const double signed_scale = k % 2 == 0 ? scale_[i] : -scale_[i];
      sum_left += scale_[i] * left[d] * tp_[i] * series_t;
      sum_right += signed_scale * right[d] * sp_[i] * series_s;
    }
    const std::size_t top = static_cast<std::size_t>(order + 1);
    return sp_[top] * sum_left + tp_[top] * sum_right;
  }

 private:
  std::array<double, kJetOrder + 2> tp_{}, sp_{}, scale_{};  // t^k, (1-t)^k, h^k/k!
};

}  // namespace radbound::detail
