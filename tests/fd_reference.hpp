// A test-only reference solution, independent of the bounds: second-order finite differences on a
// mesh clustered at both ends (tanh map), damped Newton, solved on N and 2N cells with nested nodes;
// the difference of the two gives the error estimate of the finer one.
#pragma once

#include <cmath>
#include <vector>

#include "radbound/problem.hpp"

namespace radbound_test {

struct FdReference {
  bool ok = false;
  std::vector<double> x, u;  // the finer solution at the check points
  double error = 0.0;        // estimated max error at the check points
};

namespace fd_detail {

inline double mapped(double xi, double beta) {
  return 0.5 * (1.0 + std::tanh(beta * (2.0 * xi - 1.0)) / std::tanh(beta));
}

// Solves on nodes x (size N+1) from the start values u; false if Newton does not converge.
inline bool newton(const radbound::Problem& p, const std::vector<double>& x, std::vector<double>& u) {
  const int n = static_cast<int>(x.size()) - 1;
  std::vector<double> a(n + 1), b(n + 1), c(n + 1), r(n + 1), cp(n + 1), dp(n + 1);
  const auto residual = [&](const std::vector<double>& v, bool jacobian) {
    double norm = 0.0;
    for (int j = 0; j <= n; ++j) {
      a[j] = b[j] = c[j] = 0.0;
      if (j == 0 || j == n) {
        const auto& bc = j == 0 ? p.left : p.right;
        if (bc.is_dirichlet()) {
          r[j] = v[j] - bc.value;
          b[j] = 1.0;
        } else {
          const int k = j == 0 ? 1 : n - 1;
          const double h = std::fabs(x[k] - x[j]);
          r[j] = (v[k] - v[j]) / h - p.outward_flux(bc, v[j]) - 0.5 * h * p.f(v[j]);
          b[j] = -1.0 / h - p.outward_flux_slope(bc, v[j]) - 0.5 * h * p.df(v[j]);
          (j == 0 ? c[j] : a[j]) = 1.0 / h;
        }
      } else {
        const double hl = x[j] - x[j - 1], hr = x[j + 1] - x[j], w = 2.0 / (hl + hr);
        r[j] = w * ((v[j + 1] - v[j]) / hr - (v[j] - v[j - 1]) / hl) - p.f(v[j]);
        a[j] = w / hl;
        c[j] = w / hr;
        b[j] = -w / hl - w / hr - p.df(v[j]);
      }
      norm = std::fmax(norm, std::fabs(r[j]) / (1.0 + std::fabs(b[j]) * std::fabs(v[j])));
    }
    (void)jacobian;
    return norm;
  };
  double norm = residual(u, true);
  std::vector<double> du(n + 1), trial(n + 1);
  for (int it = 0; it < 60; ++it) {
    // Thomas on J du = -r.
    cp[0] = c[0] / b[0];
    dp[0] = -r[0] / b[0];
    for (int j = 1; j <= n; ++j) {
      const double m = b[j] - a[j] * cp[j - 1];
      cp[j] = c[j] / m;
      dp[j] = (-r[j] - a[j] * dp[j - 1]) / m;
    }
    du[n] = dp[n];
    for (int j = n - 1; j >= 0; --j) du[j] = dp[j] - cp[j] * du[j + 1];
    double step = 1.0, step_size = 0.0;
    for (int halvings = 0; halvings < 30; ++halvings, step *= 0.5) {
      for (int j = 0; j <= n; ++j) trial[j] = u[j] + step * du[j];
      const double trial_norm = residual(trial, false);
      if (std::isfinite(trial_norm) && trial_norm < norm * (1 - 1e-4 * step) + 1e-300) {
        norm = trial_norm;
        break;
      }
    }
    for (int j = 0; j <= n; ++j) step_size = std::fmax(step_size, std::fabs(trial[j] - u[j]));
    u = trial;
    residual(u, true);
    double scale = 0.0;
    for (double v : u) scale = std::fmax(scale, std::fabs(v));
    // Converged to rounding level (far below the discretization error that the two meshes
    // estimate).
    if (step_size <= 1e-12 * (1.0 + scale)) return std::isfinite(norm);
  }
  return false;
}

}  // namespace fd_detail

// checks + 1 check points x = map(k / checks); `start(x)` gives Newton's starting values.
template <class Start>
FdReference fd_reference(const radbound::Problem& p, int checks, int cells_per_check, Start start) {
  using namespace fd_detail;
  const double beta = 4.0;
  FdReference ref;
  std::vector<std::vector<double>> solutions;
  std::vector<double> u;
  for (int level = 0; level < 2; ++level) {
    const int n = checks * cells_per_check << level;
    std::vector<double> x(n + 1);
    for (int j = 0; j <= n; ++j) x[j] = mapped(static_cast<double>(j) / n, beta);
    if (level == 0) {
      u.resize(n + 1);
      for (int j = 0; j <= n; ++j) u[j] = start(x[j]);
    } else {
      std::vector<double> fine(n + 1);
      for (int j = 0; j <= n; ++j)
        fine[j] = j % 2 == 0 ? u[j / 2] : 0.5 * (u[j / 2] + u[j / 2 + 1]);
      u = fine;
    }
    if (!newton(p, x, u)) return ref;
    std::vector<double> at_checks;
    ref.x.clear();
    for (int k = 0; k <= checks; ++k) {
      const int j = k * cells_per_check << level;
      at_checks.push_back(u[j]);
      ref.x.push_back(x[j]);
    }
    solutions.push_back(at_checks);
  }
  ref.u = solutions[1];
  for (int k = 0; k <= checks; ++k)
    ref.error = std::fmax(ref.error, std::fabs(solutions[1][k] - solutions[0][k]));
  ref.ok = true;
  return ref;
}

}  // namespace radbound_test
