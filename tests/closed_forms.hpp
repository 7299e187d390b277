// Closed-form solutions of the model where f and the end fluxes are linear (Nr = 0), written
// independently of the library's solvers, for tests of the numerical methods.
#pragma once

#include <cmath>
#include <functional>
#include <stdexcept>

#include "radbound/problem.hpp"

namespace radbound_test {

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

}  // namespace radbound_test
