// Two-point Hermite interpolation of any order from derivatives the differential equation supplies.
//
// Along a solution of u'' = f(u) every derivative follows from u and u': u''' = f'(u) u',
// u'''' = f''(u) u'^2 + f'(u) f(u), u^(5) = f'''(u) u'^3 + 3 f''(u) u' u'' + f'(u) u'''. With u..u^(5)
// at both ends of a cell, the two-point Hermite polynomial of degree 11 is twelfth-order accurate;
// dropping u^(5) gives degree 9, whose distance from it estimates the interpolation error. The
// solver uses them to place accurate values between its extrapolated nodes.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>

#include "double_pair.hpp"
#include "fd_system.hpp"
#include "quintic_hermite.hpp"

namespace radbound::detail {

// u, u', ..., u^(5) at one point.
using Jet = std::array<double, 6>;
constexpr int kJetOrder = 5;

// 1/n for n = 1..kJetOrder + 1 (index 0 unused): the factorials' steps.
constexpr double kReciprocal[kJetOrder + 2] = {0.0,     1.0,     1.0 / 2, 1.0 / 3,
                                               1.0 / 4, 1.0 / 5, 1.0 / 6};

// The jet of u and u' (Real = double), or the jets of two points at once (Real = DoublePair, in
// pairs {first point, second point}, the same roundings).
template <class Real>
std::array<Real, kJetOrder + 1> jet(const Source& source, Real u, Real du) {
  // f as Source::value, f' as Source::slope rounds it: (4 Nr u) u |u| + Nc.
  const Real f = source.value(u, Source::abs_cube(u));
  const Real df = 4.0 * source.nr * u * u * magnitude(u) + source.nc;
  const Real absolute = u < 0.0 ? -u : u;  // (here -0 stays -0, as it always has)
  const Real d2f = 12.0 * source.nr * u * absolute, d3f = 24.0 * source.nr * absolute;
  const Real d3u = df * du;
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
      scale_[k + 1] = scale_[k] * h * kReciprocal[k + 1];
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

// The Taylor coefficients of both ends of a cell from derivatives first..first+N-1 of the jets,
// in pairs {L_k, R_k}: L_k = left_(first+k) h^k/k! in t = (x - x_left)/h, R_k =
// right_(first+k) (-h)^k/k! in s = 1 - t. (Both ends advance together in one DoublePair, with
// the roundings of two scalar computations.)
template <std::size_t N>
void end_coefficients(const Jet& left, const Jet& right, double h, std::size_t first,
                      std::array<DoublePair, N>& c) {
  // {h^k/k!, (-h)^k/k!}: the scalar powers h^k/k! and their signed copies (negation is exact).
  DoublePair scale = {1.0, 1.0};
  const DoublePair step = {h, -h};
  for (std::size_t k = 0; k < N; ++k) {
    c[k] = DoublePair{left[first + k], right[first + k]} * scale;
    scale *= step * kReciprocal[k + 1];
  }
}

// The first N terms of c(z)/(1-z)^power, in place: `power` passes of running sums.
template <std::size_t N>
void divide_by_one_minus(std::size_t power, std::array<DoublePair, N>& c) {
  for (std::size_t pass = 0; pass < power; ++pass)
    for (std::size_t n = 1; n < N; ++n) c[n] += c[n - 1];
}

// Both polynomials of c at once: the first at z[0], the second at z[1].
template <std::size_t N>
DoublePair horner(const std::array<DoublePair, N>& c, DoublePair z) {
  DoublePair sum = c[N - 1];
  for (std::size_t n = N - 1; n-- > 0;) sum = sum * z + c[n];
  return sum;
}

// The top-order polynomial of one cell, reduced to a few coefficients so that each point costs
// two short Horner sums (in one DoublePair). With L_k = left_k h^k/k!, R_k = right_k (-h)^k/k! and
// s = 1 - t, the order-5 polynomial is s^6 a(t) + t^6 b(s), a(t) = sum_(k<=5) L_k t^k S_k(t) being
// the first six terms of L(t)/(1-t)^6 (six running sums of the L_k), b alike from R. The
// difference from order 4 vanishes to order 5 at both ends: it is t^5 s^5 (alpha s + beta t),
// alpha the fifth Taylor coefficient at t = 0 that order 4 misses, alpha = L_5 +
// sum_(k<5) C(9-k, 5-k) L_k - sum_(k<5) C(9-k, 4-k) R_k, and beta the same with L and R exchanged.
class CellHermite {
 public:
  CellHermite() = default;
  CellHermite(const Jet& left, const Jet& right, double h) {
    static constexpr double kSame[kJetOrder] = {126, 70, 35, 15, 5};  // C(9-k, 5-k)
    static constexpr double kOther[kJetOrder] = {126, 56, 21, 6, 1};  // C(9-k, 4-k)
    end_coefficients(left, right, h, 0, ab_);
    DoublePair alpha_beta = ab_[kJetOrder];
    for (std::size_t k = 0; k < kJetOrder; ++k) {
      const DoublePair exchanged = {ab_[k][1], ab_[k][0]};
      alpha_beta += kSame[k] * ab_[k] - kOther[k] * exchanged;
    }
    size_ = magnitude(alpha_beta);
    divide_by_one_minus(kJetOrder + 1, ab_);
  }

  // The polynomial of order 5 (degree 11) at t.
  double value(double t) const {
    const DoublePair z = {t, 1.0 - t}, cubes = z * z * z, sixth = cubes * cubes;  // {t^6, s^6}
    const DoublePair ends = DoublePair{sixth[1], sixth[0]} * horner(ab_, z);
    return ends[0] + ends[1];
  }
  // A bound of |order 5 - order 4| at t (t in [0, 1]): the estimate of value(t).
  // (The bound |α| s + |β| t rather than |α s + β t|: the latter vanishes where α and β differ in
  // sign, and a chance zero would pass for an exact value.)
  double gap(double t) const {
    const double s = 1.0 - t, ts = t * s, ts2 = ts * ts;
    return ts2 * ts2 * ts * (size_[0] * s + size_[1] * t);
  }

 private:
  std::array<DoublePair, kJetOrder + 1> ab_{};  // {a_n, b_n}
  DoublePair size_{};  // {|alpha|, |beta|}
};

// u' between the nodes of one cell, by the same reduction: the order-4 polynomial through
// u'..u^(5) at both ends is s^5 a(t) + t^5 b(s), a the first five terms of D(t)/(1-t)^5 with
// D_k = left_(k+1) h^k/k!, b alike from the right end with (-h)^k.
class CellSlope {
 public:
  CellSlope() = default;
  CellSlope(const Jet& left, const Jet& right, double h) {
    end_coefficients(left, right, h, 1, ab_);
    divide_by_one_minus(kJetOrder, ab_);
  }

  double operator()(double t) const {
    const DoublePair z = {t, 1.0 - t}, squares = z * z, fifth = squares * squares * z;  // {t^5, s^5}
    const DoublePair ends = DoublePair{fifth[1], fifth[0]} * horner(ab_, z);
    return ends[0] + ends[1];
  }

 private:
  std::array<DoublePair, kJetOrder> ab_{};  // {a_n, b_n}
};

}  // namespace radbound::detail
