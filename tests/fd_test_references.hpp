// Independent reference solutions for the finite-difference tests: a closed form (Nr = 0), the first
// integral by double-exponential quadrature, and high-order shooting with Boost.Odeint; for random
// problems, the library's other methods. None shares code with the solver under test.
#pragma once

#include <algorithm>
#include <array>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/numeric/odeint.hpp>
#include <cmath>
#include <cstdint>
#include <functional>  // std::function, std::ref
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "radbound/exact.hpp"
#include "radbound/fd.hpp"
#include "radbound/problem.hpp"
#include "radbound/shooting.hpp"
#include "random_problems.hpp"
#include "radbound/solution.hpp"

namespace reference {

using radbound::BoundaryCondition;
using radbound::Problem;

// What the tests compare: u(0), u(1/2), u(1) and u'(0).
struct Values {
  double u_base, u_half, u_tip, slope_base;
};

// Root of a monotone function on [lo, hi] (which must bracket it) to full double precision.
inline double root_between(const std::function<double(double)>& fn, double lo, double hi) {
  const double at_lo = fn(lo), at_hi = fn(hi);
  if (at_lo == 0.0) return lo;
  if (at_hi == 0.0) return hi;
  if ((at_lo < 0.0) == (at_hi < 0.0)) throw std::runtime_error("reference root is not bracketed");
  std::uintmax_t iterations = 200;
  const auto r = boost::math::tools::toms748_solve(fn, lo, hi, at_lo, at_hi,
                                                   boost::math::tools::eps_tolerance<double>(52),
                                                   iterations);
  return 0.5 * (r.first + r.second);
}

// Root of an increasing function, bracketed by doubling away from `start`.
inline double increasing_root(const std::function<double(double)>& fn, double start) {
  double lo = start, hi = start, step = 1.0;
  if (fn(start) > 0.0)
    while (fn(lo) > 0.0) lo -= (step *= 2.0);
  else
    while (fn(hi) < 0.0) hi += (step *= 2.0);
  return root_between(fn, lo, hi);
}

// Mirror image x -> 1 - x: the ends swap and keep their kinds (outward fluxes are unchanged).
inline Problem mirrored(Problem p) {
  std::swap(p.left, p.right);
  return p;
}

// --- Closed form for Nr = 0, Nc > 0: u = u_inf + [(a - u_inf) sinh(m(1-x)) + (b - u_inf) sinh(m x)]
// / sinh(m) with m = sqrt(Nc), u_inf = theta_inf + Q/Nc and end values a, b fixed by the boundary
// conditions (scalar roots: the radiative flux is nonlinear).
inline Values linear_closed_form(const Problem& p) {
  const double m = std::sqrt(p.nc), far = p.theta_inf + p.q / p.nc;
  const double sh = std::sinh(m), ch = std::cosh(m);
  const auto slope0 = [&](double a, double b) { return m * (-(a - far) * ch + (b - far)) / sh; };
  const auto slope1 = [&](double a, double b) { return m * (-(a - far) + (b - far) * ch) / sh; };
  // Left end value for a given right end value (its residual decreases in a).
  const auto base_for = [&](double b) {
    if (p.left.is_dirichlet()) return p.left.value;
    return increasing_root([&](double a) { return p.outward_flux(p.left, a) - slope0(a, b); }, far);
  };
  const double b = p.right.is_dirichlet()
                       ? p.right.value
                       : increasing_root(
                             [&](double t) {
                               return slope1(base_for(t), t) + p.outward_flux(p.right, t);
                             },
                             far);
  const double a = base_for(b);
  const double half = far + ((a - far) + (b - far)) * std::sinh(0.5 * m) / sh;
  return {a, half, b, slope0(a, b)};
}

// --- First integral for a Dirichlet base V and a flux-type tip losing heat, with a decreasing
// profile: u'^2 = 2(F(u) - F(t)) + g(t)^2, t = u(1), and the distance from the tip to where u = w is
// X(w) = integral_t^w ds / sqrt(2(F(s) - F(t)) + g(t)^2); the substitution s = t + r^2 removes the
// square-root singularity at s = t, and F(s) - F(t) = (s - t) S(s, t) with S a polynomial.
class FirstIntegral {
 public:
  explicit FirstIntegral(const Problem& p) : p_(p) { find_lowest_tip(); }

  Values solve() const {
    const double v = p_.left.value, t = tip();
    const double slope = -std::sqrt(2.0 * (v - t) * secant(v, t) + square(tip_flux(t)));
    return {v, at(0.5, t), t, slope};
  }

  // u(x), given the tip value t from tip(): the w whose distance from the base is x. A profile
  // that crosses u_e (tip below it) lingers there beyond what the integrals resolve: from the
  // base it reaches u_e (to rounding), and from the tip likewise.
  double at(double x, double t) const {
    const double v = p_.left.value;
    if (x <= 0.0) return v;
    const bool crosses = t < equilibrium_ && equilibrium_ < v;
    const double low = crosses ? equilibrium_ : t, above = std::nextafter(low, v);
    if (from_base(above, t) > x)
      return root_between([&](double w) { return from_base(w, t) - x; }, above, v);
    if (!crosses) return t;  // within rounding of the tip
    const double below = std::nextafter(equilibrium_, t);
    if (distance(below, t) > 1.0 - x)
      return root_between([&](double w) { return distance(w, t) - (1.0 - x); }, t, below);
    return equilibrium_;
  }

  // The tip value t: distance(V, t) = 1, bracketed by stepping t geometrically towards the lowest
  // tip, where the distance diverges. When even the tip next to the lowest one representable gives
  // a distance below 1 (a layer far thinner than the fin), the tip sits within rounding of that
  // limit and the fin is semi-infinite to double precision.
  double tip() const {
    const double v = p_.left.value;
    double gap = v - lowest_;
    for (;;) {
      gap *= 0.5;
      const double t = lowest_ + gap;
      if (t == lowest_) {
        if (!diverges_) throw std::runtime_error("no decreasing profile: outside this reference");
        return lowest_;
      }
      if (distance(v, t) > 1.0)
        return root_between([&](double tip) { return distance(v, tip) - 1.0; }, t, v);
    }
  }

 private:
  static double square(double z) { return z * z; }
  // Radicands vanish only at a tip within rounding of the lowest one: keep them finite there.
  static constexpr double kTiny = std::numeric_limits<double>::min();
  double tip_flux(double t) const { return p_.outward_flux(p_.right, t); }

  // S(s, t) = (F(s) - F(t))/(s - t) for s, t >= 0.
  double secant(double s, double t) const {
    const double quartic = (s * s * s * s + s * s * s * t + s * s * t * t + s * t * t * t +
                            t * t * t * t) / 5.0;
    const double ts4 = std::pow(p_.theta_s, 4);
    return p_.nr * (quartic - ts4) + p_.nc * (0.5 * (s + t) - p_.theta_inf) - p_.q;
  }

  // Tanh-sinh quadrature between `peak` and `other` (either order), mapped onto [0, 1] with the
  // peak (a singularity or a near-singular crossing of u_e) at 0, where the abscissas cluster
  // doubly exponentially without being rounded onto the endpoint.
  template <class Integrand>
  static double integral(const Integrand& fn, double peak, double other) {
    if (peak == other) return 0.0;
    boost::math::quadrature::tanh_sinh<double> quadrature;
    const double length = std::fabs(other - peak);
    // The default termination (sqrt(eps) relative) can stop with errors near 1e-12: ask for more.
    return length * quadrature.integrate([&](double z) { return fn(peak + (other - peak) * z); },
                                         0.0, 1.0, 1e-15);
  }

  // Distance from the base (u = V) to where u = w > t.
  double from_base(double w, double t) const {
    const double g = tip_flux(t);
    const auto integrand = [&](double u) {
      return 1.0 / std::sqrt(std::max(2.0 * (u - t) * secant(u, t) + g * g, kTiny));
    };
    // The integrand peaks where the profile crosses u_e: split there.
    const double v = p_.left.value;
    if (w < equilibrium_ && equilibrium_ < v)
      return integral(integrand, equilibrium_, w) + integral(integrand, equilibrium_, v);
    return integral(integrand, w, v);
  }

  double distance(double w, double t) const {
    const double g = tip_flux(t);
    const auto integrand = [&](double r) {
      const double gr = r > 0.0 ? g / r : (g == 0.0 ? 0.0 : std::numeric_limits<double>::infinity());
      return 2.0 / std::sqrt(std::max(2.0 * secant(t + r * r, t) + gr * gr, kTiny));
    };
    const double end = std::sqrt(w - t);
    if (t < equilibrium_ && equilibrium_ < w) {
      const double split = std::sqrt(equilibrium_ - t);
      return integral(integrand, split, 0.0) + integral(integrand, split, end);
    }
    return integral(integrand, 0.0, end);
  }

  // The lowest tip of a decreasing profile: not below the ambient of a convective or radiative end
  // (its flux would turn inward), nor below where the radicand 2(F(u_e) - F(t)) + g(t)^2 touches
  // zero at u = u_e (increasing in t up to u_e); the distance diverges there.
  void find_lowest_tip() {
    equilibrium_ = increasing_root([&](double u) { return p_.f(u); }, 0.5);
    const double equilibrium = equilibrium_;
    const auto radicand = [&](double t) {
      return 2.0 * (equilibrium - t) * secant(equilibrium, t) + square(tip_flux(t));
    };
    double lo = equilibrium - 1.0;
    if (p_.right.kind == radbound::BoundaryKind::convective ||
        p_.right.kind == radbound::BoundaryKind::radiative) {
      lo = p_.ambient(p_.right);
      if (lo >= equilibrium || radicand(lo) > 0.0) {
        lowest_ = lo;
        return;
      }
    }
    // Temperatures stay >= 0 here (S is the polynomial of u^4, not of the model's u|u|^3).
    lo = std::max(lo, 0.0);
    diverges_ = radicand(lo) <= 0.0;
    lowest_ = diverges_ ? root_between(radicand, lo, equilibrium) : lo;
  }

  const Problem& p_;
  double equilibrium_ = 0.0;
  double lowest_ = 0.0;
  bool diverges_ = false;
};

inline Values first_integral(const Problem& p) { return FirstIntegral(p).solve(); }

// --- Shooting from the tip with a 7/8th-order Runge-Kutta-Fehlberg integrator at tolerance 1e-15:
// the unknown sigma is t = u(1) (then u'(1) = -g(t)) at a flux-type tip, u'(1) at a Dirichlet tip;
// integrate to x = 0 and find the root of the base condition in sigma, searched in [lo, hi].
inline Values shooting(const Problem& p, double lo, double hi) {
  // A vector state: with std::array, GCC warns inside odeint's steppers (maybe-uninitialized).
  using State = std::vector<double>;
  namespace odeint = boost::numeric::odeint;
  const auto system = [&](const State& y, State& dy, double) {
    dy[0] = y[1];
    dy[1] = p.f(y[0]);
  };
  auto stepper = odeint::make_controlled(1e-15, 1e-15, odeint::runge_kutta_fehlberg78<State>());
  const auto integrate = [&](State y, double from, double to) {
    odeint::integrate_adaptive(std::ref(stepper), system, y, from, to, (to - from) / 64);
    return y;
  };
  const auto at_tip = [&](double sigma) {
    if (p.right.is_dirichlet()) return State{p.right.value, sigma};
    return State{sigma, -p.outward_flux(p.right, sigma)};
  };
  const auto base_defect = [&](double sigma) {
    const State y = integrate(at_tip(sigma), 1.0, 0.0);
    return p.left.is_dirichlet() ? y[0] - p.left.value : y[1] - p.outward_flux(p.left, y[0]);
  };
  // Scan [lo, hi] for a sign change between finite defects (trials that blow up are skipped).
  constexpr int kTrials = 64;
  double previous = lo, previous_defect = base_defect(lo);
  for (int i = 1; i <= kTrials; ++i) {
    const double sigma = lo + (hi - lo) * i / kTrials, defect = base_defect(sigma);
    if (std::isfinite(previous_defect) && std::isfinite(defect) &&
        (previous_defect < 0.0) != (defect < 0.0)) {
      hi = sigma;
      lo = previous;
      break;
    }
    previous = sigma;
    previous_defect = defect;
  }
  const State tip = at_tip(root_between(base_defect, lo, hi));
  const State half = integrate(tip, 1.0, 0.5);
  const State base = integrate(half, 0.5, 0.0);
  return {base[0], half[0], tip[0], base[1]};
}

// --- Random problems (any pair of ends, no bracket known) are outside the routes above, which each
// need their class of problem or a bracket: there the library's exact quadrature where it applies,
// else its shooting, at `tol`. Both are independent of fd, and their own estimate is part of what a
// comparison allows.
inline radbound::Solution exact_or_shooting(const Problem& p, double tol) {
  if (radbound::exact_applies(p)) {
    radbound::ExactOptions options;
    options.tol = tol;
    return radbound::solve_exact(p, options);
  }
  radbound::ShootingOptions options;
  options.tol = tol;
  return radbound::solve_shooting(p, options);
}

// max |a(x) - b(x)| over `intervals` + 1 evenly spaced points of [0, 1].
inline double largest_difference(const radbound::Solution& a, const radbound::Solution& b,
                                 int intervals) {
  double worst = 0.0;
  for (int j = 0; j <= intervals; ++j) {
    const double x = j / static_cast<double>(intervals);
    worst = std::max(worst, std::fabs(a.value(x) - b.value(x)));
  }
  return worst;
}

// max |a(x_i) - b(x_i)| over the nodes x_i of a: where an answer for its nodes vouches.
inline double largest_nodal_difference(const radbound::Solution& a, const radbound::Solution& b) {
  double worst = 0.0;
  for (std::size_t i = 0; i < a.nodes(); ++i)
    worst = std::max(worst, std::fabs(a.u[i] - b.value(a.x[i])));
  return worst;
}

// fd with `options` on the random problems of radbound_test::random_problem (100 of seed 99) that
// have a reference (exact_or_shooting at 1e-11), each solved cold and from the solution of a
// neighbouring problem (Nr x 1.01, theta_s x 0.99, as a sweep starts it): calls
// check(problem, solution, reference) for both solutions, and returns how many problems had a
// reference.
template <class Check>
int fd_on_random_problems(const radbound::FdOptions& options, Check check) {
  std::mt19937 rng(99);
  int compared = 0;
  for (int tried = 0; tried < 100; ++tried) {
    const Problem p = radbound_test::random_problem(rng);
    const radbound::Solution ref = exact_or_shooting(p, 1e-11);
    if (!ref.ok()) continue;
    Problem near = p;
    near.nr *= 1.01;
    near.theta_s *= 0.99;
    const radbound::Solution neighbour = radbound::solve_fd(near, options);
    for (const radbound::Solution& s :
         {radbound::solve_fd(p, options), radbound::solve_fd(p, options, &neighbour)})
      check(p, s, ref);
    ++compared;
  }
  return compared;
}

}  // namespace reference
