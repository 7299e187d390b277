#include "primitive.hpp"

#include <algorithm>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

namespace radbound {

namespace {

// (x^k − y^k)/(x − y) for k = 1..5, by DD_k = x^(k−1) + y DD_(k−1).
std::array<double, 5> power_divided_differences(double x, double y) {
  std::array<double, 5> dd{};
  double xpow = 1.0;
  dd[0] = 1.0;
  for (int k = 1; k < 5; ++k) {
    xpow *= x;
    dd[k] = xpow + y * dd[k - 1];
  }
  return dd;
}

// The doubles of the root finder's final bracket compared for the smallest |f| (it spans a few).
constexpr int kRootScan = 16;

// The root of the strictly increasing f, bracketed by doubling outward from 0.
double find_equilibrium(const Problem& p) {
  const auto f = [&](double u) { return p.f(u); };
  double lo = 0.0, hi = 0.0;
  if (f(0.0) <= 0.0) {
    hi = 1.0;
    while (f(hi) <= 0.0) {
      lo = hi;
      hi *= 2.0;
    }
  } else {
    lo = -1.0;
    while (f(lo) >= 0.0) {
      hi = lo;
      lo *= 2.0;
    }
  }
  if (f(lo) == 0.0) return lo;
  if (f(hi) == 0.0) return hi;
  std::uintmax_t iterations = 200;
  const auto root = boost::math::tools::toms748_solve(
      f, lo, hi, boost::math::tools::eps_tolerance<double>(), iterations);
  // The bracket spans a few doubles: take the one with the smallest |f| (the root itself when it
  // is a double, as u = θs is for a pure radiator: there f vanishes exactly, and so does the
  // curvature a solution resting at the equilibrium stores).
  double best = root.second;
  double u = root.first;
  for (int i = 0; i < kRootScan && u < root.second; ++i) {
    if (std::fabs(f(u)) < std::fabs(f(best))) best = u;
    u = std::nextafter(u, root.second);
  }
  return best;
}

}  // namespace

Primitive::Primitive(const Problem& problem)
    : nr_(problem.nr),
      nc_(problem.nc),
      linear_(problem.nr * pow4(problem.theta_s) + problem.nc * problem.theta_inf + problem.q),
      constant_size_(problem.nr * std::fabs(pow4(problem.theta_s)) +
                     problem.nc * std::fabs(problem.theta_inf) + std::fabs(problem.q)),
      has_equilibrium_(nr_ > 0.0 || nc_ > 0.0) {
  center_ = has_equilibrium_ ? find_equilibrium(problem) : 0.0;
  upper_ = branch(+1, center_ >= 0.0 ? center_ : 0.0);
  lower_ = branch(-1, center_ < 0.0 ? center_ : 0.0);
  const Branch& b = equilibrium_branch();
  if (has_equilibrium_ && b.d[1] > 0.0) {
    // |d_k| r^(k-2) ≤ eps d_2 for every higher term; and no further than u = 0, where pow4
    // changes form.
    quadratic_radius_ = center_ != 0.0 ? std::fabs(center_) : std::numeric_limits<double>::max();
    for (int k = 3; k <= 5; ++k)
      if (b.d[k - 1] != 0.0)
        quadratic_radius_ = std::min(
            quadratic_radius_,
            std::pow(std::numeric_limits<double>::epsilon() * b.d[1] / std::fabs(b.d[k - 1]),
                     1.0 / (k - 2)));
  }
}

Primitive::Branch Primitive::branch(int sign, double at) const {
  const double s = sign, c = at;
  Branch b{at, {}};
  // At the equilibrium itself d1 = f(c) is rounding noise: setting it to zero makes c the exact
  // equilibrium of a model perturbed in the last bit, and keeps ΔF ≥ 0 around it.
  b.d[0] = has_equilibrium_ && at == center_ ? 0.0 : s * nr_ * c * c * c * c + nc_ * c - linear_;
  b.d[1] = 0.5 * (4.0 * s * nr_ * c * c * c + nc_);
  b.d[2] = 2.0 * s * nr_ * c * c;
  b.d[3] = s * nr_ * c;
  b.d[4] = s * nr_ / 5.0;
  return b;
}

const Primitive::Branch& Primitive::branch_of(double delta) const {
  return delta >= -center_ ? upper_ : lower_;
}

double Primitive::branch_divided_difference(const Branch& b, double dv, double da) const {
  const double shift = center_ - b.center;  // 0 for the branch that holds the equilibrium
  const auto dd = power_divided_differences(dv + shift, da + shift);
  double s = 0.0;
  for (int k = 4; k >= 0; --k) s += b.d[k] * dd[k];
  return s;
}

double Primitive::force(double d) const {
  const Branch& b = branch_of(d);
  const double x = d + (center_ - b.center);
  return (((5.0 * b.d[4] * x + 4.0 * b.d[3]) * x + 3.0 * b.d[2]) * x + 2.0 * b.d[1]) * x + b.d[0];
}

double Primitive::force_slope(double d) const {
  const Branch& b = branch_of(d);
  const double x = d + (center_ - b.center);
  return ((20.0 * b.d[4] * x + 12.0 * b.d[3]) * x + 6.0 * b.d[2]) * x + 2.0 * b.d[1];
}

double Primitive::rounding_at(double u) const {
  // Problem::f = nr (pow4(u) − pow4(θs)) + nc (u − θ∞) − Q: three products in each pow4, then a
  // subtraction, a product, a sum and a difference; at most seven roundings on any term's path,
  // each of at most half an epsilon of it (γ₇ < 8 u_unit).
  constexpr double kRelative = 8.0 * 0.5 * std::numeric_limits<double>::epsilon();
  const double a = std::fabs(u);
  const double terms = nr_ * a * a * a * a + nc_ * a + constant_size_;
  const double slope = 4.0 * nr_ * a * a * a + nc_;
  const double ulp = std::nextafter(a, std::numeric_limits<double>::infinity()) - a;
  return kRelative * terms + slope * ulp;
}

double Primitive::curvature_rounding(double d) const {
  return rounding_at(level(d)) + (has_equilibrium_ ? rounding_at(center_) : 0.0);
}

double Primitive::difference(double dv, double da) const {
  const Branch& bv = branch_of(dv);
  const Branch& ba = branch_of(da);
  if (&bv == &ba) return (dv - da) * branch_divided_difference(bv, dv, da);
  // The two levels straddle u = 0, where pow4 changes form: add the two one-branch pieces.
  const double zero = -center_;
  return (dv - zero) * branch_divided_difference(bv, dv, zero) +
         (zero - da) * branch_divided_difference(ba, zero, da);
}

double Primitive::divided_difference(double dv, double da) const {
  const Branch& bv = branch_of(dv);
  if (&bv == &branch_of(da)) return branch_divided_difference(bv, dv, da);
  if (dv == da) return force(dv);  // the two branches meet at u = 0 continuously
  return difference(dv, da) / (dv - da);
}

}  // namespace radbound
