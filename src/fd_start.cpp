#include "fd_start.hpp"

#include <algorithm>
#include <array>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>

namespace radbound::detail {

namespace {

// Root of an increasing function: expand a bracket from `guess` by doubling steps, then TOMS 748.
// The layer picture needs only a few digits.
template <class Function>
double increasing_root(Function fn, double guess) {
  double step = std::max(1.0, std::fabs(guess));
  double lo = guess, hi = guess;
  const double at_guess = fn(guess);
  if (at_guess == 0.0) return guess;
  if (at_guess > 0.0) {
    do {
      hi = lo;
      lo -= step;
      step *= 2.0;
    } while (fn(lo) > 0.0);
  } else {
    do {
      lo = hi;
      hi += step;
      step *= 2.0;
    } while (fn(hi) < 0.0);
  }
  std::uintmax_t max_iterations = 100;
  const auto root = boost::math::tools::toms748_solve(
      fn, lo, hi, boost::math::tools::eps_tolerance<double>(30), max_iterations);
  return 0.5 * (root.first + root.second);
}

// Integral of f from a to b, one-signed when f(a) = 0: three-point Gauss-Legendre on each side of
// 0 is exact for the quartic, so no cancellation as F(b) - F(a) would have.
double integral_of_f(const Problem& p, double a, double b) {
  const auto gauss3 = [&](double lo, double hi) {
    const double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
    const double node = half * std::sqrt(0.6);
    return half * (5.0 * p.f(mid - node) + 8.0 * p.f(mid) + 5.0 * p.f(mid + node)) / 9.0;
  };
  if (a < 0.0 && b > 0.0) return gauss3(a, 0.0) + gauss3(0.0, b);
  if (a > 0.0 && b < 0.0) return gauss3(a, 0.0) + gauss3(0.0, b);
  return gauss3(a, b);
}

// (1 + c xi)^(-2/3) bent to reach 0 at xi = 1: the fin profile for large c, linear for small c.
double layer_profile(double c, double xi) {
  return std::pow(1.0 + c * xi, -2.0 / 3.0) - std::pow(1.0 + c, -2.0 / 3.0) * xi;
}

// Without f' > 0 there is no equilibrium: anchor the level at the ends' own temperatures.
double anchor_temperature(const Problem& p) {
  for (const BoundaryCondition* bc : {&p.left, &p.right})
    if (bc->is_dirichlet()) return bc->value;
  for (const BoundaryCondition* bc : {&p.left, &p.right})
    if (bc->kind == BoundaryKind::convective || bc->kind == BoundaryKind::radiative)
      return p.ambient(*bc);
  return 0.0;
}

}  // namespace

LayerModel::LayerModel(const Problem& problem, double amplitude_floor) : problem_(problem) {
  has_equilibrium_ = problem.nr > 0.0 || problem.nc > 0.0;
  equilibrium_ = has_equilibrium_
                     ? increasing_root([&](double u) { return problem.f(u); },
                                       std::max({problem.theta_s, problem.theta_inf, 0.0}))
                     : anchor_temperature(problem);
  left_ = analyse(problem.left, amplitude_floor);
  right_ = analyse(problem.right, amplitude_floor);
}

EndLayer LayerModel::analyse(const BoundaryCondition& bc, double amplitude_floor) const {
  EndLayer layer;
  const double ue = equilibrium_;
  if (!has_equilibrium_) {
    layer.value = bc.is_dirichlet() ? bc.value : ue;
    return layer;
  }
  // Heat the semi-infinite profile brings to an end at temperature t (minus its outward flux).
  const auto inflow = [&](double t) {
    const double rise = std::sqrt(2.0 * std::max(0.0, integral_of_f(problem_, ue, t)));
    return t >= ue ? rise : -rise;
  };
  layer.value = bc.is_dirichlet()
                    ? bc.value
                    : increasing_root(
                          [&](double t) { return inflow(t) + problem_.outward_flux(bc, t); },
                          ue);
  const double amplitude = std::fabs(layer.value - ue);
  layer.strength = std::fabs(inflow(layer.value)) / std::max(amplitude, amplitude_floor);
  return layer;
}

GradedMap LayerModel::map() const { return {std::log1p(left_.strength), std::log1p(right_.strength)}; }

double LayerModel::start(double x) const {
  const double ue = equilibrium_;
  return ue + (left_.value - ue) * layer_profile(1.5 * left_.strength, x) +
         (right_.value - ue) * layer_profile(1.5 * right_.strength, 1.0 - x);
}

}  // namespace radbound::detail
