#include "fd_system.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tridiagonal.hpp"

namespace radbound::detail {

namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

double max_abs(const std::vector<double>& v) {
  double m = 0.0;
  for (double e : v) m = std::max(m, std::fabs(e));
  return m;
}

}  // namespace

void FdSystem::set_grid(const Grid& grid) {
  grid_ = &grid;
  const std::vector<double>& x = grid.x;
  const std::size_t n = x.size();
  lower_.assign(n, 0.0);
  upper_.assign(n, 0.0);
  for (std::size_t i = 1; i + 1 < n; ++i) {
    const double hm = x[i] - x[i - 1], hp = x[i + 1] - x[i];
    lower_[i] = 2.0 / (hm * (hm + hp));
    upper_[i] = 2.0 / (hp * (hm + hp));
  }
  // At an end node the ghost value folds into the one neighbour: coefficient 2/(h- h+).
  upper_[0] = 2.0 / (grid.ghost_left * (x[1] - x[0]));
  lower_[n - 1] = 2.0 / ((x[n - 1] - x[n - 2]) * grid.ghost_right);
  sub_.resize(n);
  diag_.resize(n);
  super_.resize(n);
  r_.resize(n);
  step_.resize(n);
  trial_.resize(n);
}

// Residual of an end row: Dirichlet u - V, else the interior equation with the ghost eliminated,
// coupling (u_next - u_end) - ghost_weight g(u_end) - f(u_end).
double FdSystem::end_row(const BoundaryCondition& bc, double u_end, double u_next, double coupling,
                         double ghost_weight) const {
  if (bc.is_dirichlet()) return u_end - bc.value;
  return coupling * (u_next - u_end) - ghost_weight * problem_.outward_flux(bc, u_end) -
         problem_.f(u_end);
}

double FdSystem::residual(const std::vector<double>& u, std::vector<double>& r) {
  const std::size_t last = u.size() - 1;
  double norm = 0.0;
  for (std::size_t i = 1; i < last; ++i) {
    r[i] = lower_[i] * (u[i - 1] - u[i]) + upper_[i] * (u[i + 1] - u[i]) - problem_.f(u[i]);
    norm = std::max(norm, std::fabs(r[i]) / (lower_[i] + upper_[i] + problem_.df(u[i])));
  }
  r[0] = end_row(problem_.left, u[0], u[1], upper_[0], 2.0 / grid_->ghost_left);
  r[last] = end_row(problem_.right, u[last], u[last - 1], lower_[last], 2.0 / grid_->ghost_right);
  const double scale_left = problem_.left.is_dirichlet() ? 1.0 : upper_[0];
  const double scale_right = problem_.right.is_dirichlet() ? 1.0 : lower_[last];
  norm = std::max({norm, std::fabs(r[0]) / scale_left, std::fabs(r[last]) / scale_right});
  return std::isfinite(norm) ? norm : std::numeric_limits<double>::infinity();
}

void FdSystem::assemble_jacobian(const std::vector<double>& u) {
  const std::size_t last = u.size() - 1;
  for (std::size_t i = 1; i < last; ++i) {
    sub_[i] = lower_[i];
    super_[i] = upper_[i];
    diag_[i] = -lower_[i] - upper_[i] - problem_.df(u[i]);
  }
  const auto end_diagonal = [&](const BoundaryCondition& bc, double u_end, double coupling,
                                double ghost_weight) {
    if (bc.is_dirichlet()) return 1.0;
    return -coupling - ghost_weight * problem_.outward_flux_slope(bc, u_end) - problem_.df(u_end);
  };
  const bool left_fixed = problem_.left.is_dirichlet(), right_fixed = problem_.right.is_dirichlet();
  diag_[0] = end_diagonal(problem_.left, u[0], upper_[0], 2.0 / grid_->ghost_left);
  super_[0] = left_fixed ? 0.0 : upper_[0];
  diag_[last] = end_diagonal(problem_.right, u[last], lower_[last], 2.0 / grid_->ghost_right);
  sub_[last] = right_fixed ? 0.0 : lower_[last];
}

NewtonReport FdSystem::solve(std::vector<double>& u, const NewtonSettings& settings) {
  NewtonReport report;
  double norm = residual(u, r_);
  double previous_step = std::numeric_limits<double>::infinity();
  while (report.iterations < settings.max_iterations) {
    ++report.iterations;
    assemble_jacobian(u);
    for (std::size_t i = 0; i < u.size(); ++i) step_[i] = -r_[i];
    solve_tridiagonal(sub_, diag_, super_, step_, scratch_);
    const double step = max_abs(step_);
    if (!std::isfinite(step)) {
      report.message = "the Newton step is not finite";
      return report;
    }
    const double noise = 64.0 * kEpsilon * max_abs(u);
    // Damping: halve the step until the scaled residual decreases (or the step is at noise level).
    double damping = 1.0;
    for (;;) {
      for (std::size_t i = 0; i < u.size(); ++i) trial_[i] = u[i] + damping * step_[i];
      const double trial_norm = residual(trial_, r_);
      if (trial_norm < norm || damping * step <= noise) {
        norm = trial_norm;
        break;
      }
      damping *= 0.5;
      if (damping < 1.0 / 4096) {
        report.message = "damped Newton could not reduce the residual";
        return report;
      }
    }
    u.swap(trial_);
    if (damping < 1.0) {
      previous_step = std::numeric_limits<double>::infinity();
      continue;
    }
    // A contracting iteration leaves at most about 2 rate step still to go (rate = 1 when there is
    // no previous full step to compare with).
    const double rate = std::isfinite(previous_step) ? step / previous_step : 1.0;
    previous_step = step;
    if (step <= std::max(settings.step_tol, noise) ||
        (rate < 0.5 && 2.0 * rate * step <= settings.step_tol)) {
      report.converged = true;
      return report;
    }
  }
  report.message = "Newton did not converge in " + std::to_string(settings.max_iterations) +
                   " iterations";
  return report;
}

double FdSystem::slope(const std::vector<double>& u, int i) const {
  const std::vector<double>& x = grid_->x;
  const std::size_t k = static_cast<std::size_t>(i), last = x.size() - 1;
  if (k > 0 && k < last) return (u[k + 1] - u[k - 1]) / (x[k + 1] - x[k - 1]);
  if (k == 0) {
    if (!problem_.left.is_dirichlet()) return problem_.outward_flux(problem_.left, u[0]);
    return (u[1] - u[0]) / (x[1] - x[0]) - 0.5 * grid_->ghost_left * problem_.f(u[0]);
  }
  if (!problem_.right.is_dirichlet()) return -problem_.outward_flux(problem_.right, u[last]);
  return (u[last] - u[last - 1]) / (x[last] - x[last - 1]) +
         0.5 * grid_->ghost_right * problem_.f(u[last]);
}

}  // namespace radbound::detail
