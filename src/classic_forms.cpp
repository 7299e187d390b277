#include "classic_forms.hpp"

#include "radbound/problem.hpp"

#include <algorithm>
#include <cmath>

namespace radbound::detail {

namespace {

// Relative error allowed for X^(-2/3) and a few products (docs/bounds.md section 6).
constexpr double kPowError = 32 * kUnit;

// X^(-2/3) for X >= 1 as 1 / cbrt(X)^2: pow(X, -2.0 / 3.0) would raise X to the double nearest
// -2/3, which differs from it by about u/3 and so errs by X^(u/3) - 1, without bound in X. With
// cbrt within 4 ulp (8u) this is within 19u of the exact power.
double inverse_two_thirds(double x) {
  const double root = std::cbrt(x);
  return 1.0 / (root * root);
}

// V (1 - alpha x (2 - x)), enclosed and rounded up.
double parabola_value(double base, double alpha, double x) {
  const Ball w = Ball::exact(base) * (Ball::exact(1.0) - Ball::exact(alpha) * Ball::exact(x) *
                                                            Ball::difference(2.0, x));
  return w.hi();
}

}  // namespace

double SemiInfiniteFin::value(double x) const {
  if (x == 1.0) return tip_value;  // computed with the far-end check, by the same expression
  if (x == 0.0) return round_down(base * (1 - kPowError));  // 1 / cbrt(1)^2 is exactly 1
  return round_down(base * inverse_two_thirds(1.0 + rate * x) * (1 - kPowError));
}

double SemiInfiniteFin::slope(double x) const {
  return slope_at_base() * std::pow(1.0 + rate * x, -5.0 / 3.0);
}

double Parabola::value(double x) const {
  if (x == 0.0) return at_base;  // the ends, which every sweep row reads
  if (x == 1.0) return at_tip;
  return parabola_value(base, alpha, x);
}

double Parabola::slope(double x) const { return -2.0 * alpha * base * (1.0 - x); }

std::optional<SemiInfiniteFin> semi_infinite_fin(const ModelLaws& laws) {
  const ConvexLaw& f = laws.source;
  const double v = laws.left.value;
  if (!laws.left.dirichlet || !(v > 0.0) || !(f.a4 > 0.0)) return std::nullopt;
  // f(u) - Nr u^4 = -Nr theta_s^4 + Nc (u - theta_inf) - Q is nondecreasing: check it at u = V.
  const Ball rest = -(f.a4 * (Ball::exact(f.theta4) * f.theta4 * f.theta4 * f.theta4)) +
                    Ball::exact(f.c1) * Ball::difference(v, f.theta1) - Ball::exact(f.c0);
  if (!(rest.hi() <= 0.0)) return std::nullopt;
  SemiInfiniteFin fin{v, 3.0 * std::sqrt(f.a4 * v * v * v / 10.0) * (1 + 16 * kUnit)};
  // Far end: v(1) <= V_R, or v'(1) + g(v(1)) <= 0 with v(1), v'(1) bounded from above; one
  // power gives both, v'(1) = -(2/3) rate v(1) / (1 + rate) (within 26u, and v'(1) < 0).
  const double tip = v * inverse_two_thirds(1.0 + fin.rate);
  fin.tip_value = round_down(tip * (1 - kPowError));  // value(1.0), bit for bit
  const double tip_hi = round_up(tip * (1 + kPowError));
  const double slope_hi = -2.0 / 3.0 * fin.rate * tip / (1.0 + fin.rate) * (1 - kPowError);
  const bool far_end_ok = laws.right.dirichlet
                              ? tip_hi <= laws.right.value
                              : (laws.right.flux.value(tip_hi) + Ball::exact(slope_hi)).hi() <= 0.0;
  if (!far_end_ok) return std::nullopt;
  return fin;
}

std::optional<Parabola> parabola(const ModelLaws& laws) {
  const ConvexLaw& f = laws.source;
  const double v = laws.left.value;
  if (!laws.left.dirichlet || !(v > 0.0)) return std::nullopt;
  // phi(alpha) = f(V (1 - alpha)) - 2 alpha V is convex and decreasing on [0, 1]: Newton from 0
  // climbs monotonically to its root.
  double alpha = 0.0;
  for (int k = 0; k < 60; ++k) {
    const double y = v * (1.0 - alpha);
    const double phi = f.approx_value(y) - 2.0 * alpha * v;
    const double dphi = -v * f.approx_slope(y) - 2.0 * v;
    const double next = std::min(1.0, alpha - phi / dphi);  // 1 on a NaN, as fmin, but inline
    if (!(next > alpha)) break;
    alpha = next;
  }
  const auto bottom = [v](double a) { return v * (1.0 - a) * (1 - 4 * kUnit); };
  const auto certified = [&](double a) {
    return (f.value(bottom(a)) - Ball::exact(2.0 * a) * v).lo() >= 0.0;
  };
  bool ok = alpha > 0.0 && certified(alpha);
  double growth = 1.0;  // 1e3^attempt, exact as a running product (no library pow)
  for (int attempt = 0; attempt < 4 && !ok; ++attempt, growth *= 1e3) {
    alpha *= 1.0 - 1e-12 * growth;
    ok = alpha > 0.0 && certified(alpha);
  }
  if (!ok) return std::nullopt;
  const double tip_lo = bottom(alpha);
  const bool far_end_ok = laws.right.dirichlet ? tip_lo >= laws.right.value
                                               : laws.right.flux.value(tip_lo).lo() >= 0.0;
  if (!far_end_ok) return std::nullopt;
  return Parabola{v, alpha, parabola_value(v, alpha, 0.0), parabola_value(v, alpha, 1.0)};
}

}  // namespace radbound::detail
