// Independent references for tests of the numerical methods: the public fin values of
// math-notes §7, and closed-form solutions where f and the end fluxes are linear (Nr = 0),
// written without the library's solvers.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <vector>

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound_test {

// The classic fin: u(0) = 1, insulated tip, Nc = Q = 0.
inline radbound::Problem fin(double nr, double theta_s) {
  radbound::Problem p;
  p.nr = nr;
  p.theta_s = theta_s;
  return p;
}

// math-notes §7, 20 digits: u(1), u'(0), u(0.5) of fin(nr, theta_s).
struct PublicFinValue {
  double nr, theta_s, u1, du0, u_mid;
};
inline const PublicFinValue kPublicFinValues[] = {
    {1.0, 0.0, 0.77914516206145981924, -0.53398921072543626712, 0.82712541866088615805},
    {10.0, 0.5, 0.56604408245764727456, -1.7958604874617909267, 0.62481519958953915480},
};

// u(x) and u'(x) of a closed-form solution.
struct ClosedForm {
  std::function<double(double)> u, du;
};

// An end condition as a linear relation a·u + b·u' = c (Dirichlet: u = V; flux-type, with outward
// flux g(u) = k u + g0: at the left u' − k u = g0, at the right u' + k u = −g0).
struct LinearEnd {
  double a, b, c;
};

inline LinearEnd linear_end(const radbound::Problem& p, const radbound::BoundaryCondition& bc,
                            bool left) {
  using radbound::BoundaryKind;
  double k = 0.0, g0 = 0.0;
  switch (bc.kind) {
    case BoundaryKind::dirichlet:
      return {1.0, 0.0, bc.value};
    case BoundaryKind::insulated:
      break;
    case BoundaryKind::flux:
      g0 = bc.value;
      break;
    case BoundaryKind::convective:
      k = bc.value;
      g0 = -bc.value * p.ambient(bc);
      break;
    case BoundaryKind::radiative:
      throw std::invalid_argument("a radiative end is not linear");
  }
  return left ? LinearEnd{-k, 1.0, g0} : LinearEnd{k, 1.0, -g0};
}

// u = s + A φ1(x) + B φ2(x) with φ1 = e^(−m x), φ2 = e^(−m (1 − x)) for Nc = m² > 0 (a basis
// that does not overflow or cancel for large m), 1 and x for Nc = 0, and s a particular
// solution; A, B from the two end relations.
inline ClosedForm linear_closed_form(const radbound::Problem& p) {
  if (p.nr != 0.0) throw std::invalid_argument("closed forms need nr = 0");
  const double nc = p.nc, m = std::sqrt(nc);
  const double q = p.q, theta = p.theta_inf;
  // particular solution and its derivative
  const auto s = [=](double x) { return nc > 0.0 ? theta + q / nc : -0.5 * q * x * x; };
  const auto ds = [=](double x) { return nc > 0.0 ? 0.0 : -q * x; };
  const auto phi1 = [=](double x) { return nc > 0.0 ? std::exp(-m * x) : 1.0; };
  const auto dphi1 = [=](double x) { return nc > 0.0 ? -m * std::exp(-m * x) : 0.0; };
  const auto phi2 = [=](double x) { return nc > 0.0 ? std::exp(-m * (1.0 - x)) : x; };
  const auto dphi2 = [=](double x) { return nc > 0.0 ? m * std::exp(-m * (1.0 - x)) : 1.0; };
  const LinearEnd l = linear_end(p, p.left, true), r = linear_end(p, p.right, false);
  // l.a u(0) + l.b u'(0) = l.c ; r.a u(1) + r.b u'(1) = r.c
  const double a11 = l.a * phi1(0) + l.b * dphi1(0), a12 = l.a * phi2(0) + l.b * dphi2(0);
  const double a21 = r.a * phi1(1) + r.b * dphi1(1), a22 = r.a * phi2(1) + r.b * dphi2(1);
  const double b1 = l.c - (l.a * s(0) + l.b * ds(0)), b2 = r.c - (r.a * s(1) + r.b * ds(1));
  const double det = a11 * a22 - a12 * a21;
  const double A = (b1 * a22 - a12 * b2) / det, B = (a11 * b2 - a21 * b1) / det;
  return {[=](double x) { return s(x) + A * phi1(x) + B * phi2(x); },
          [=](double x) { return ds(x) + A * dphi1(x) + B * dphi2(x); }};
}

// Largest |u − u_ref| over 101 points, the nodes of the solution and their midpoints.
inline double max_error(const radbound::Solution& s, const std::function<double(double)>& u) {
  double worst = 0.0;
  std::vector<double> xs;
  for (int i = 0; i <= 100; ++i) xs.push_back(i / 100.0);
  for (std::size_t i = 0; i + 1 < s.x.size(); ++i) {
    xs.push_back(s.x[i]);
    xs.push_back(0.5 * (s.x[i] + s.x[i + 1]));
  }
  for (double x : xs) worst = std::max(worst, std::fabs(s.value(x) - u(x)));
  return worst;
}

// Nr = 0 with Nc = nc, θ∞ = 0.3, Q = q and the given ends: a case with a closed form.
inline radbound::Problem linear_problem(double nc, double q,
                                        const radbound::BoundaryCondition& left,
                                        const radbound::BoundaryCondition& right) {
  radbound::Problem p = fin(0.0, 0.0);
  p.nc = nc;
  p.theta_inf = 0.3;
  p.q = q;
  p.left = left;
  p.right = right;
  return p;
}

// How far a solution of a linear_problem is from its closed form: max |u − u_ref| (max_error)
// and |u'(0) − u_ref'(0)| relative to max(1, |u_ref'(0)|).
struct ClosedFormErrors {
  double u, du0;
};

inline ClosedFormErrors closed_form_errors(const radbound::Problem& p,
                                           const radbound::Solution& s) {
  const ClosedForm exact = linear_closed_form(p);
  const double du0 = exact.du(0.0);
  return {max_error(s, exact.u), std::fabs(s.du.front() - du0) / std::max(1.0, std::fabs(du0))};
}

// The classic fin with θs near 1 (u(0) = 1 close to θs): u − θs is small and
// u'' ≈ 4 Nr θs³ (u − θs), whose solution is θs + (1 − θs) cosh(k (1 − x)) / cosh(k); the
// linearisation's error is O(f''(θs) (u − θs)²) relative to the curvature (≈ 1e-12 for
// θs = 0.999999, Nr = 2).
inline std::function<double(double)> near_isothermal_fin(double nr, double theta_s) {
  const double k = std::sqrt(4.0 * nr * theta_s * theta_s * theta_s);
  return
      [=](double x) { return theta_s + (1.0 - theta_s) * std::cosh(k * (1.0 - x)) / std::cosh(k); };
}

}  // namespace radbound_test
