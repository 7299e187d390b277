#include "trajectory.hpp"

#include <algorithm>
#include <boost/numeric/odeint.hpp>
#include <cmath>

#include "escape_guard.hpp"
#include "hermite_probe.hpp"
#include "roots.hpp"

namespace radbound {

namespace {

namespace odeint = boost::numeric::odeint;

// A march longer than this many steps is not converging to anything useful.
constexpr int kMaxSteps = 2000000;
// Keeps the error norm defined where the state is exactly zero; far below any real scale.
constexpr double kAbsoluteFloor = 1e-300;
// e-folds of one closed-form step resting at the equilibrium (cosh 32 ≈ 4e13: no overflow).
constexpr double kRestingSpan = 32.0;

// Error control on the profile (δ, u') only. The variation (w, w') feeds Newton's derivative,
// whose accuracy only affects convergence speed; held to the same relative tolerance, a variation
// that sits near zero (f' ≈ 0 where u ≈ 0) would force the steps down to its rounding noise.
class ProfileErrorChecker {
 public:
  using value_type = double;
  using algebra_type = odeint::array_algebra;
  using operations_type = odeint::default_operations;

  ProfileErrorChecker(double eps_abs, double eps_rel) : eps_abs_(eps_abs), eps_rel_(eps_rel) {}

  template <class State, class Deriv, class Err, class Time>
  double error(algebra_type&, const State& x, const Deriv& dxdt, Err& err, Time dt) const {
    double worst = 0.0;
    for (int i = 0; i < 2; ++i) {
      const double scale = eps_abs_ + eps_rel_ * (std::fabs(x[i]) + std::fabs(dt * dxdt[i]));
      worst = std::max(worst, std::fabs(err[i]) / scale);
    }
    return worst;
  }

 private:
  double eps_abs_, eps_rel_;
};

using Dopri5 = odeint::runge_kutta_dopri5<FinState>;
using ControlledStepper = odeint::controlled_runge_kutta<Dopri5, ProfileErrorChecker>;
using DenseStepper = odeint::dense_output_runge_kutta<ControlledStepper>;

DenseStepper dense_stepper(double tol, double max_step) {
  return DenseStepper(ControlledStepper(ProfileErrorChecker(kAbsoluteFloor, tol),
                                        odeint::default_step_adjuster<double, double>(max_step)));
}

HermiteNode node_of(const FinSystem& system, double x, const FinState& y) {
  return {x, y[0], y[1], system.model().force(y[0])};
}

// Compares the interpolant of one step with the dense output inside it; adds the step's midpoint
// as a node where the interpolant is not good enough, the rounding of the u'' it will carry at the
// nodes included (curvature_response; the solver adds that part to its estimate separately).
class StepChecker {
 public:
  StepChecker(const FinSystem& system, double tol) : system_(system), tol_(tol) {}

  // a and b are copies: they usually live in out.points, which the insertion below may move.
  void check(const DenseStepper& stepper, const TrajectoryPoint a, const TrajectoryPoint b,
             March& out) const {
    if (tol_ <= 0.0) return;
    const TrajectoryPoint mid = at(stepper, 0.5 * (a.x + b.x));
    const double whole = error(a, b, mid);
    if (whole + rounding(a, b) <= tol_) {
      out.interpolation_error = std::max(out.interpolation_error, whole);
      return;
    }
    out.points.insert(out.points.end() - 1, mid);
    const double first = error(a, mid, at(stepper, 0.75 * a.x + 0.25 * b.x));
    const double second = error(mid, b, at(stepper, 0.25 * a.x + 0.75 * b.x));
    out.interpolation_error = std::max({out.interpolation_error, first, second});
    if (first + rounding(a, mid) > tol_ || second + rounding(mid, b) > tol_) out.too_coarse = true;
  }

 private:
  static TrajectoryPoint at(const DenseStepper& stepper, double x) {
    TrajectoryPoint p{x, {}};
    stepper.calc_state(x, p.y);
    return p;
  }

  double rounding(const TrajectoryPoint& a, const TrajectoryPoint& b) const {
    const Primitive& model = system_.model();
    return curvature_response(std::fabs(b.x - a.x), model.curvature_rounding(a.y[0]),
                              model.curvature_rounding(b.y[0]));
  }

  double error(const TrajectoryPoint& a, const TrajectoryPoint& b, const TrajectoryPoint& m) const {
    const double seen = std::fabs(
        hermite_between(node_of(system_, a.x, a.y), node_of(system_, b.x, b.y), m.x) - m.y[0]);
    return worst_cell_error(seen, (m.x - a.x) / (b.x - a.x));
  }

  const FinSystem& system_;
  double tol_;
};

// Where δ crosses `level` inside the last step, located on the dense output.
// The state at x (inside the last step) integrated from the step's start with the stepper's own
// accuracy: the dense output's interpolant is an order lower than the steps.
TrajectoryPoint integrated(const FinSystem& system, const TrajectoryPoint& from, double x,
                           double tol) {
  TrajectoryPoint p{x, from.y};
  if (x > from.x)
    odeint::integrate_adaptive(ControlledStepper(ProfileErrorChecker(kAbsoluteFloor, tol)), system,
                               p.y, from.x, x, x - from.x);
  return p;
}

// Where δ crosses `level` inside the last step: located on the dense output, then integrated to
// and moved onto the level by one Newton step on x (u' is the slope there).
TrajectoryPoint crossing(const FinSystem& system, const DenseStepper& stepper,
                         const TrajectoryPoint& from, double x_new, double level, double tol) {
  FinState y;
  const auto offset = [&](double x) {
    stepper.calc_state(x, y);
    return y[0] - level;
  };
  const Root root = solve_bracketed(offset, from.x, x_new, offset(from.x), offset(x_new));
  TrajectoryPoint p = integrated(system, from, root.x, tol);
  if (p.y[1] != 0.0) p = integrated(system, from, p.x + (level - p.y[0]) / p.y[1], tol);
  p.y[0] = level;
  return p;
}

// A march toward smaller x runs forward in s = x0 − x, where the equation keeps its form and
// only the derivatives change sign (Boost 1.74's step limit would otherwise flip the direction).
FinState turned(const FinState& y) { return {y[0], -y[1], y[2], -y[3]}; }

// Within the equilibrium's linear neighbourhood (Primitive::quadratic_radius) the equation is
// u'' = κ² (u − c) to rounding, and so is its variation: steps of one e-fold, 1/κ, are exact
// there, where an error-controlled stepper would need hundreds per e-fold to keep its relative
// accuracy on a solution growing from 1e-300. Marches start there (at a slow point or a tip
// settled on the equilibrium) and leave it for good.
class LinearRegion {
 public:
  explicit LinearRegion(const Primitive& model)
      : model_(&model),
        kappa_(std::sqrt(model.equilibrium_stiffness())),
        radius_(model.quadratic_radius()) {}

  // Whether one e-fold step from y stays inside (|δ(s)| ≤ cosh(1)·(|δ| + |u'|/κ) on it). The
  // variation is linear whatever its size.
  bool holds(const FinState& y) const {
    if (!(kappa_ > 0.0)) return false;
    return std::exp(1.0) * (std::fabs(y[0]) + std::fabs(y[1]) / kappa_) <= radius_;
  }

  // Where within a step of length s from y the profile reaches `level` (it does by the step's end).
  double crossing(const FinState& y, double level, double s) const {
    const auto offset = [&](double t) { return advance(y, t)[0] - level; };
    return solve_bracketed(offset, 0.0, s, offset(0.0), offset(s)).x;
  }

  // One e-fold (kRestingSpan of them at the equilibrium itself, where the profile stays 0: the
  // variation beside it must stay finite), shortened where the profile must be interpolated to
  // `hermite_tol`: the quintic Hermite error on a step h of A cosh(κx + φ) is at most
  // 2 (κh)⁶/46080 times its size |δ| + |u'|/κ (interpolation_error() of that step), and the
  // rounding of u'' = f(u) at its ends, ρ, enters as h²/32 ρ (curvature_response; the level
  // barely moves within the region).
  double step_length(const FinState& y, double hermite_tol) const {
    const double size = std::fabs(y[0]) + std::fabs(y[1]) / kappa_;
    double h = (size > 0.0 ? 1.0 : kRestingSpan) / kappa_;
    if (hermite_tol > 0.0 && size > 0.0)
      h = std::min(h, std::pow(23040.0 * hermite_tol / size, 1.0 / 6.0) / kappa_);
    if (hermite_tol > 0.0)
      h = std::min(h, std::sqrt(32.0 * hermite_tol / model_->curvature_rounding(y[0])));
    return h;
  }

  double interpolation_error(const FinState& y, double h) const {
    const double size = std::fabs(y[0]) + std::fabs(y[1]) / kappa_;
    return size * std::pow(kappa_ * h, 6) / 23040.0;
  }

  FinState advance(const FinState& y, double s) const {
    const double c = std::cosh(kappa_ * s), sh = std::sinh(kappa_ * s);
    return {y[0] * c + y[1] * sh / kappa_, y[0] * kappa_ * sh + y[1] * c,
            y[2] * c + y[3] * sh / kappa_, y[2] * kappa_ * sh + y[3] * c};
  }

 private:
  const Primitive* model_;
  double kappa_, radius_;
};

March march_forward(const FinSystem& system, double x0, const FinState& y0, double x1,
                    const MarchOptions& options, const double* level) {
  DenseStepper stepper = dense_stepper(options.tol, options.max_step);
  const double first_step = std::fmin(options.max_step, 1e-3 * (x1 - x0));
  const EscapeGuard guard(options.escape_bound);
  const StepChecker checker(system, options.hermite_tol);
  const LinearRegion linear(system.model());
  March out;
  out.points.push_back({x0, y0});
  while (linear.holds(out.points.back().y) && out.points.back().x < x1) {
    const TrajectoryPoint last = out.points.back();
    double s =
        std::min({linear.step_length(last.y, options.hermite_tol), options.max_step, x1 - last.x});
    // Closed-form steps as short as 1/sqrt(f') (Nr = 1e100: 1e-50) would never reach x1, and each
    // keeps a node: the same budget as the integrator's, and a step must move x.
    if (out.points.size() > static_cast<std::size_t>(kMaxSteps) || !(last.x + s > last.x)) {
      out.end = March::End::stalled;
      return out;
    }
    FinState next = linear.advance(last.y, s);
    const bool crossed = level && (last.y[0] - *level) * (next[0] - *level) <= 0.0;
    if (crossed) {
      s = linear.crossing(last.y, *level, s);
      next = linear.advance(last.y, s);
    }
    out.interpolation_error =
        std::max(out.interpolation_error, linear.interpolation_error(last.y, s));
    out.points.push_back({last.x + s, next});
    if (crossed) {
      out.points.back().y[0] = *level;
      out.end = March::End::level;
      return out;
    }
  }
  if (out.points.back().x >= x1) return out;
  stepper.initialize(out.points.back().y, out.points.back().x, first_step);
  try {
    for (int step = 0; step < kMaxSteps; ++step) {
      const auto span = stepper.do_step(system);
      // A step that no longer advances x: the solution is blowing up faster than the steps can
      // shrink.
      if (!(span.second > span.first)) throw odeint::step_adjustment_error("step underflow");
      const TrajectoryPoint from = out.points.back();
      TrajectoryPoint next{span.second, stepper.current_state()};
      const bool passed_end = span.second >= x1;
      if (passed_end) next = integrated(system, from, x1, options.tol);
      const bool crossed = level && (from.y[0] - *level) * (next.y[0] - *level) <= 0.0;
      if (crossed) next = crossing(system, stepper, from, next.x, *level, options.tol);
      out.points.push_back(next);
      checker.check(stepper, out.points[out.points.size() - 2], next, out);
      guard(next.y, next.x);
      if (crossed) {
        out.end = March::End::level;
        return out;
      }
      if (passed_end) return out;
    }
    out.end = March::End::stalled;
  } catch (const Escaped& escaped) {
    out.end = March::End::escaped;
    out.direction = escaped.direction;
  } catch (const odeint::step_adjustment_error&) {
    out.end = March::End::escaped;  // steps shrank to nothing: a blow-up
    out.direction = out.points.back().y[0] > 0.0 ? 1 : -1;
  }
  return out;
}

}  // namespace

March march(const FinSystem& system, double x0, const FinState& y0, double x1,
            const MarchOptions& options, const double* level) {
  if (x1 >= x0) return march_forward(system, x0, y0, x1, options, level);
  March out = march_forward(system, 0.0, turned(y0), x0 - x1, options, level);
  for (TrajectoryPoint& p : out.points) {
    p.x = x0 - p.x;
    p.y = turned(p.y);
  }
  return out;
}

}  // namespace radbound
