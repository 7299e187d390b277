// Shooting with Boost.Odeint, always integrating in the direction in which the solution grows.
//
// A flux-type end: its temperature t is the unknown; integrating from it toward the other end
// follows the growing mode, and u(0) (or the other end's flux residual) is monotone in t. The
// offset t − c is searched on a log scale (TOMS 748: trials that run away are stopped by an
// observer and count by their direction), then polished by Newton with the variational equation.
//
// That is well conditioned when the flux end is slow (|u'| small there). When it is not — a thin
// layer at the flux end, in front of a flat stretch at the equilibrium — the trials diverge before
// reaching the other end, but they still pin t to a few ulps; the end is then treated as
// Dirichlet at that t.
//
// Dirichlet at both ends: integrating from an end into a layer is the decaying direction, so
// instead the shot starts at the orbit's slowest point (its turning point, or where it crosses
// the equilibrium) and runs outward to both ends; the unknown is that point's offset (or speed),
// found by the chain search of dirichlet_chain.hpp with lengths measured by integration.
//
// Every solve runs twice, at ODE tolerances 32 apart: the difference of the two profiles is the
// reported error estimate (of the coarser run; the finer is returned).
#include "radbound/shooting.hpp"

#include <algorithm>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "hermite_probe.hpp"
#include "method_support.hpp"
#include "orbit_path.hpp"
#include "roots.hpp"
#include "trajectory.hpp"

namespace radbound {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// ODE tolerances relative to the target: the coarse run at tol/10, the fine one 32 times tighter,
// neither below what double-precision steps can deliver.
constexpr double kCoarseFactor = 0.1;
constexpr double kFineRatio = 1.0 / 32.0;
constexpr double kOdeTolFloor = 2e-15;
// Offsets beyond e^60 put u⁵ near overflow.
constexpr double kLogCeiling = 60.0;
// Halvings of the largest step tried before the interpolant is declared unattainable.
constexpr int kMaxStepHalvings = 12;
// The scouting search: an ODE tolerance enough for the residual's sign away from the root, and
// the relative width in λ it stops at.
constexpr double kScoutTol = 1e-7;
constexpr double kScoutWidth = 1e-6;
// The re-bracketing at the run's tolerance stops at this relative width in λ; Newton does the
// rest, to a relative 2^-bits a little beyond the ODE tolerance (its integration noise).
constexpr double kSharpWidth = 1e-10;

Solution profile_of(const Problem& p, const Primitive& F, const std::vector<TrajectoryPoint>& pts) {
  Solution s;
  s.method = "shooting";
  s.status = Status::ok;
  for (const TrajectoryPoint& point : pts) {
    if (!s.x.empty() && !(point.x > s.x.back())) continue;
    s.x.push_back(point.x);
    s.u.push_back(F.level(point.y[0]));
    s.du.push_back(point.y[1]);
  }
  s.x.front() = 0.0;
  s.x.back() = 1.0;
  s.set_curvature(p);
  return s;
}

// The size of the temperatures a problem involves: the equilibrium, Dirichlet values, ambients.
double temperature_scale(const Problem& p, const Primitive& F) {
  double scale = std::max(1.0, std::fabs(F.center()));
  for (const BoundaryCondition* bc : {&p.left, &p.right})
    scale = std::max(scale, std::fabs(bc->is_dirichlet() ? bc->value : p.ambient(*bc)));
  return scale;
}

// The right end's state for a value of the shooting parameter: {δ, u', ∂δ/∂s, ∂u'/∂s}.
using EndState = std::function<FinState(double)>;

// One solve at a fixed ODE tolerance.
class ShootingRun {
 public:
  // `hint`: the search result of an earlier run of the same problem (skips the scouting);
  // `record_hint`: where this run leaves its own.
  ShootingRun(const Problem& p, const Primitive& F, double ode_tol, double hermite_tol,
              const OffsetRoot* hint, OffsetRoot* record_hint)
      : p_(p),
        F_(F),
        system_(F),
        ode_tol_(ode_tol),
        hermite_tol_(hermite_tol),
        u_scale_(temperature_scale(p, F)),
        hint_(hint),
        record_hint_(record_hint) {}

  int evaluations() const { return evaluations_; }
  double tip() const { return tip_; }

  // The right end is flux-type (the left Dirichlet or flux-type): the unknown is its offset from
  // the equilibrium.
  Solution from_flux_end() {
    // A trajectory beyond every level the ends can impose (Dirichlet values, ambients, fluxes) by
    // a wide margin is running away.
    scale_ = 1.0 + std::fabs(F_.center()) + std::fabs(left_offset()) + end_scale(p_.left) +
             end_scale(p_.right);
    const EndState tip = [&](double dt) {
      const double t = F_.level(dt);
      return FinState{dt, -p_.outward_flux(p_.right, t), 1.0, -p_.outward_flux_slope(p_.right, t)};
    };
    Solution s = shoot_from_right(tip, 1.0, std::log(scale_));
    tip_ = F_.level(settled_offset_);
    return s;
  }

  // Dirichlet at both ends, oriented so that |d0| ≥ |d1| when both lie on one side.
  Solution dirichlet_both() {
    const double d0 = p_.left.value - F_.center(), d1 = p_.right.value - F_.center();
    scale_ = std::fabs(d0) + std::fabs(d1);
    if (!F_.has_equilibrium()) return slope_shot(d0, d1);
    if (d0 == 0.0 && d1 == 0.0) return at_rest();
    if (d0 * d1 <= 0.0) return from_slow_point(d0, d1, false);
    // The tangent orbit (u'(1) = 0) reaching d0 within the length means an interior extremum.
    const double side = d1 > 0.0 ? 1.0 : -1.0;
    const March tangent = march(system_, 1.0, {d1, 0.0, 0.0, 0.0}, 0.0, options(false), &d0);
    if (tangent.end == March::End::level) return from_slow_point(d0, d1, true);
    // Monotone: shot from x = 1, the slow end, on the slope u'(1) = −side·q, q ≥ 0.
    const EndState slope = [&](double q) { return FinState{d1, -side * q, 0.0, -side}; };
    return shoot_from_right(slope, side, std::log(scale_));
  }

 private:
  struct Trial {
    double residual;  // increasing in the shooting parameter; 0 at the solution; ±inf escaped
    double slope;  // its derivative with respect to ln|s| (variational equation); 0 after an escape
    March march;
  };

  // The levels and slopes a flux-type end can impose: its ambient's offset, its flux.
  double end_scale(const BoundaryCondition& bc) const {
    if (bc.kind == BoundaryKind::flux) return std::fabs(bc.value);
    if (bc.kind == BoundaryKind::convective || bc.kind == BoundaryKind::radiative)
      return std::fabs(p_.ambient(bc) - F_.center());
    return 0.0;
  }

  // Offset of the left end's level where it is Dirichlet, else 0.
  double left_offset() const { return p_.left.is_dirichlet() ? p_.left.value - F_.center() : 0.0; }

  // Relative precision (bits) in λ = ln|s| for Newton: the start moves by |s|·δλ, which must stay
  // well below the interpolation tolerance, and not much beyond the ODE tolerance (its noise).
  int newton_bits(double s) const {
    const double lambda = std::fabs(std::log(std::fabs(s)));
    const double needed = 0.1 * hermite_tol_ / (std::fabs(s) * std::max(1.0, lambda));
    const double bits = std::ceil(-std::log2(std::min(needed, ode_tol_))) + 4;
    return static_cast<int>(std::min<double>(bits, std::numeric_limits<double>::digits - 2));
  }

  // The stepper's tolerance is relative; the target is an absolute error in u, so it is divided
  // by the size of the temperatures involved (floored where doubles cannot follow).
  MarchOptions options(bool record) const {
    const double tol = std::max(kOdeTolFloor, ode_tol_ / u_scale_);
    return {tol, record ? hermite_tol_ : 0.0, record ? max_step_ : 1.0, escape_bound_};
  }

  // From the right end back to x = 0. Residual: orientation·(u(0) − V) at a Dirichlet left end,
  // g(u(0)) − u'(0) at a flux-type one.
  Trial trial(const EndState& end, double s, double orientation, bool record) {
    ++evaluations_;
    // The variation is taken with respect to ln|s|: it starts at the size of s itself, so that a
    // shot from 1e-290 off the equilibrium does not overflow its variation on the way out.
    FinState start = end(s);
    start[2] *= s;
    start[3] *= s;
    escape_bound_ = 8.0 * (scale_ + std::fabs(start[0]) + std::fabs(start[1]));
    Trial t{0.0, 0.0, march(system_, 1.0, start, 0.0, options(record))};
    if (t.march.end != March::End::reached) {
      t.residual = orientation * t.march.direction * kInfinity;
      return t;
    }
    const FinState& y = t.march.points.back().y;
    if (p_.left.is_dirichlet()) {
      t.residual = orientation * (y[0] - left_offset());
      t.slope = orientation * y[2];
    } else {
      const double u0 = F_.level(y[0]);
      t.residual = p_.outward_flux(p_.left, u0) - y[1];
      t.slope = p_.outward_flux_slope(p_.left, u0) * y[2] - y[3];
    }
    return t;
  }

  // Shooting parameter searched on a log scale (TOMS 748) at a loose scouting tolerance (or taken
  // from the previous run's `hint`), re-bracketed nearby at the run's tolerance, then polished by
  // Newton with the variational derivative; the trajectory of the root is the profile.
  Solution shoot_from_right(const EndState& end, double orientation, double start_log) {
    const auto residual = [&](double s) {
      return capped(trial(end, s, orientation, false).residual);
    };
    OffsetRoot root = scout(residual, start_log);
    switch (root.kind) {
      case OffsetRoot::Kind::unbracketed:
        return unsolved("shooting", Status::failed,
                        "shooting: no end value matches the other end's condition");
      case OffsetRoot::Kind::below_floor:
        settled_offset_ = root.d;
        return settled(end(root.d));
      case OffsetRoot::Kind::at_zero:
      case OffsetRoot::Kind::found:
        break;
    }
    if (root.kind == OffsetRoot::Kind::found) root = sharpen(residual, root, kSharpWidth);
    if (root.kind == OffsetRoot::Kind::unbracketed)
      return unsolved("shooting", Status::failed,
                      "shooting: the root moved away at the run's tolerance");
    // After Newton the far end's residual measures what is left of the root's uncertainty.
    const double s = root.lo == root.hi ? root.d : polish(end, orientation, root);
    settled_offset_ = end(s)[0];
    return final_trajectory(end, s, orientation, 0.0);
  }

  // The log-scale search, at a tolerance loose enough to be cheap: only the bracket is kept.
  template <class Residual>
  OffsetRoot scout(const Residual& residual, double start_log) {
    if (hint_ && hint_->kind != OffsetRoot::Kind::unbracketed) return *hint_;
    const double precise = ode_tol_;
    ode_tol_ = std::max(ode_tol_, kScoutTol);
    const OffsetRoot root =
        solve_offset(residual, residual(0.0), start_log, kLogCeiling, kScoutWidth);
    ode_tol_ = precise;
    if (record_hint_) *record_hint_ = root;
    return root;
  }

  // The scouted root re-bracketed in λ = ln|s| at the run's own tolerance, to a relative `width`.
  template <class Residual>
  OffsetRoot sharpen(const Residual& residual, const OffsetRoot& scouted, double width_in_log) {
    const double side = scouted.d > 0.0 ? 1.0 : -1.0;
    const auto along = [&](double lambda) { return side * residual(side * std::exp(lambda)); };
    const double a = std::log(std::fabs(scouted.lo)), b = std::log(std::fabs(scouted.hi));
    const double center = std::log(std::fabs(scouted.d));
    const double width = std::max(std::fabs(b - a), kScoutWidth * std::max(1.0, std::fabs(center)));
    const Root root = solve_near(along, center, width, width_in_log);
    if (!root.converged) return {OffsetRoot::Kind::unbracketed, 0.0, 0.0, 0.0};
    const double lo = side * std::exp(root.lo), hi = side * std::exp(root.hi);
    return {OffsetRoot::Kind::found, side * std::exp(root.x), std::min(lo, hi), std::max(lo, hi)};
  }

  // Newton in λ = ln|s| (the scale the search used) within the bracket.
  double polish(const EndState& end, double orientation, const OffsetRoot& root) {
    const double side = root.d > 0.0 ? 1.0 : -1.0;
    const auto newton = [&](double lambda) {
      const Trial t = trial(end, side * std::exp(lambda), orientation, false);
      return std::make_pair(t.residual, t.slope);
    };
    const double a = std::log(std::fabs(root.lo)), b = std::log(std::fabs(root.hi));
    std::uintmax_t iterations = 20;
    const double lambda = boost::math::tools::newton_raphson_iterate(
        newton, std::log(std::fabs(root.d)), std::fmin(a, b), std::fmax(a, b), newton_bits(root.d),
        iterations);
    return side * std::exp(lambda);
  }

  // The trajectory of the root, recorded with nodes fine enough for the interpolant.
  Solution final_trajectory(const EndState& end, double s, double orientation, double spread) {
    for (int halving = 0; halving <= kMaxStepHalvings; ++halving, max_step_ *= 0.5) {
      const Trial t = trial(end, s, orientation, true);
      if (t.march.end != March::End::reached)
        return unsolved("shooting", Status::no_convergence,
                        "shooting: the trajectory of the root runs away before the far end "
                        "(the shooting end sits in a thin layer)");
      if (t.march.too_coarse) continue;
      Solution sol = profile_of(p_, F_, {t.march.points.rbegin(), t.march.points.rend()});
      // The far end misses its condition by |residual|: the root is off by about
      // |residual / slope| in λ, which moves the profile by that times the largest variation.
      double variation = 0.0;
      for (const TrajectoryPoint& point : t.march.points)
        variation = std::max(variation, std::fabs(point.y[2]));
      const double off = t.slope != 0.0 ? std::fabs(t.residual / t.slope) : 0.0;
      sol.error_estimate = off * variation + spread + t.march.interpolation_error;
      return sol;
    }
    return unsolved("shooting", Status::no_convergence,
                    "shooting: no step size makes the interpolant accurate");
  }

  // The start lies within e^-700 of the equilibrium with u' ≈ 0: its trajectory reaches the
  // left level before x = 0; the profile is that trajectory moved to start at x = 0, and the
  // equilibrium after it.
  Solution settled(const FinState& start) {
    if (!p_.left.is_dirichlet())
      return unsolved("shooting", Status::failed, "shooting: both ends settle at the equilibrium");
    const double level = left_offset();
    for (int halving = 0; halving <= kMaxStepHalvings; ++halving, max_step_ *= 0.5) {
      const March m = march(system_, 1.0, start, -1.0, options(true), &level);
      if (m.end != March::End::level)
        return unsolved("shooting", Status::failed,
                        "shooting: the settled end does not reach the other");
      if (m.too_coarse) continue;
      std::vector<ProfileNode> leg;
      const double shift = -m.points.back().x;  // moves the level crossing to x = 0
      for (auto it = m.points.rbegin(); it != m.points.rend(); ++it)
        leg.push_back({it->x + shift, F_.level(it->y[0]), it->y[1]});
      Solution sol = join_legs(p_, F_, hermite_tol_, {Leg{level, start[0], true}}, {leg}, "shooting");
      sol.error_estimate += m.interpolation_error;
      return sol;
    }
    return unsolved("shooting", Status::no_convergence,
                    "shooting: no step size makes the interpolant accurate");
  }

  // Both ends at the equilibrium: u ≡ c, at nodes close enough for the rounding of f(c).
  Solution at_rest() {
    const ProfileNode rest{0.0, F_.center(), 0.0};
    return join_legs(p_, F_, hermite_tol_, {Leg{0.0, 0.0, true}, Leg{0.0, 0.0, false}},
                     {{rest}, {{1.0, rest.u, 0.0}}}, "shooting");
  }

  // Nr = Nc = 0: u'' = −Q, shot from x = 0 on the slope (the map slope → u(1) is linear).
  Solution slope_shot(double d0, double d1) {
    escape_bound_ = kInfinity;
    const auto shot = [&](double slope, bool record) {
      ++evaluations_;
      return march(system_, 0.0, FinState{d0, slope, 0.0, 1.0}, 1.0, options(record));
    };
    const auto newton = [&](double slope) {
      const FinState y = shot(slope, false).points.back().y;
      return std::make_pair(y[0] - d1, y[2]);
    };
    const double bound = 4.0 * (std::fabs(d1 - d0) + std::fabs(p_.q) + 1.0);
    std::uintmax_t iterations = 20;
    const double slope = boost::math::tools::newton_raphson_iterate(
        newton, 0.0, -bound, bound, std::numeric_limits<double>::digits - 2, iterations);
    for (int halving = 0; halving <= kMaxStepHalvings; ++halving, max_step_ *= 0.5) {
      const March m = shot(slope, true);
      if (m.too_coarse) continue;
      Solution sol = profile_of(p_, F_, m.points);
      sol.error_estimate = m.interpolation_error;
      return sol;
    }
    return unsolved("shooting", Status::no_convergence,
                    "shooting: no step size makes the interpolant accurate");
  }

  // Length from the orbit's slowest point to `level` on its side, by integrating outward;
  // infinite beyond 4 (only the comparison with 1 matters).
  double from_anchor(const Orbit& orbit, double level, March* record = nullptr) {
    const double a = orbit.anchor();
    const int sigma = side_of(level, a);
    const FinState start{a, sigma * std::sqrt(orbit.anchor_speed2()), 0.0, 0.0};
    if (level == a) {
      if (record) *record = March{{{0.0, start}}, March::End::level, 0, false};
      return 0.0;
    }
    escape_bound_ = kInfinity;  // the march ends at the level
    March m = march(system_, 0.0, start, 4.0, options(record != nullptr), &level);
    const double t = m.end == March::End::level ? m.points.back().x : kInfinity;
    if (record) *record = std::move(m);
    return t;
  }

  // An interior slow point: the turning point m (between the equilibrium and d1, `turning`) or
  // the crossing of the equilibrium with speed √h; shot outward to both ends, the unknown on a
  // log scale; the two lengths add up to 1.
  Solution from_slow_point(double d0, double d1, bool turning) {
    const double side = d1 > 0.0 ? 1.0 : -1.0;
    // exp(ln|d1|) may round past |d1|, where the turning orbit no longer reaches d1.
    const auto orbit = [&](double k) {
      return turning ? Orbit::turning(F_, side * std::min(k, std::fabs(d1)))
                     : Orbit::passing(F_, k);
    };
    const auto shortfall = [&](double k) {
      ++evaluations_;
      const Orbit o = orbit(k);
      return capped(1.0 - from_anchor(o, d0) - from_anchor(o, d1));
    };
    const double start_log =
        turning ? std::log(std::fabs(d1)) : std::log(4.0 * (d0 - d1) * (d0 - d1));
    OffsetRoot root = scout(shortfall, start_log);
    // No Newton here (the variation of a length is not integrated): to full precision.
    if (root.kind == OffsetRoot::Kind::found)
      root = sharpen(shortfall, root, 4.0 * std::numeric_limits<double>::epsilon());
    if (root.kind == OffsetRoot::Kind::unbracketed)
      return unsolved("shooting", Status::failed, "shooting: no slow point matches both ends");
    const Path path{orbit(root.d), d0, d1, true};
    Solution s = anchored_profile(path);
    s.error_estimate += turning ? root.hi - root.lo : std::sqrt(root.hi) - std::sqrt(root.lo);
    return s;
  }

  // Each leg recorded from the anchor outward and placed measured from its own end.
  Solution anchored_profile(const Path& path) {
    const std::vector<Leg> legs = path.legs();
    for (int halving = 0; halving <= kMaxStepHalvings; ++halving, max_step_ *= 0.5) {
      std::vector<std::vector<ProfileNode>> pieces;
      bool coarse = false;
      double interpolation = 0.0;
      for (const Leg& leg : legs) {
        March m;
        const double reach = from_anchor(path.orbit, leg.end, &m);
        coarse = coarse || m.too_coarse || !(reach < kInfinity);
        interpolation = std::max(interpolation, m.interpolation_error);
        std::vector<ProfileNode> piece;
        for (auto it = m.points.rbegin(); it != m.points.rend(); ++it) {
          const double from_end = reach - it->x;
          const double x = leg.from_left ? from_end : 1.0 - from_end;
          piece.push_back({x, F_.level(it->y[0]), leg.from_left ? -it->y[1] : it->y[1]});
        }
        pieces.push_back(std::move(piece));
      }
      if (coarse) continue;
      Solution sol = join_legs(p_, F_, hermite_tol_, legs, std::move(pieces), "shooting");
      sol.error_estimate += interpolation;
      return sol;
    }
    return unsolved("shooting", Status::no_convergence,
                    "shooting: no step size makes the interpolant accurate");
  }

  const Problem& p_;
  const Primitive& F_;
  FinSystem system_;
  double ode_tol_, hermite_tol_;
  double u_scale_;
  double max_step_ = 0.0625;
  double scale_ = 1.0;
  double escape_bound_ = kInfinity;
  double settled_offset_ = 0.0;
  double tip_ = 0.0;
  int evaluations_ = 0;
  const OffsetRoot* hint_;
  OffsetRoot* record_hint_;
};

// Runs the solve at two ODE tolerances; the fine run is returned, with the difference of the two
// at the coarse run's nodes (where the coarse values are not interpolated) added to its estimate:
// an overestimate of the fine run's node error, the fine interpolant being checked separately,
// and so is the rounding of its nodes' data, u'' and x (node_rounding_error).
template <class Solve>
Solution twice(double tol, const Primitive& F, Solve solve) {
  const double coarse_tol = std::max(kOdeTolFloor, kCoarseFactor * tol);
  const double fine_tol = std::max(kOdeTolFloor, kFineRatio * coarse_tol);
  Solution coarse = solve(coarse_tol);
  if (!coarse.ok()) return coarse;
  Solution fine = solve(fine_tol);
  if (!fine.ok()) return fine;
  double difference = 0.0, size = 1.0;
  for (std::size_t i = 0; i < coarse.x.size(); ++i) {
    difference = std::max(difference, std::fabs(fine.value(coarse.x[i]) - coarse.u[i]));
    size = std::max(size, std::fabs(coarse.u[i]));
  }
  // Two runs that agree to the last bits still carry the rounding of the steps themselves.
  fine.error_estimate += difference + 16.0 * std::numeric_limits<double>::epsilon() * size +
                         node_rounding_error(F, fine);
  fine.iterations += coarse.iterations;
  return fine;
}

Solution judged(Solution s, double tol) {
  judge_against(s, "shooting", tol);
  return s;
}

bool flux_type(const BoundaryCondition& bc) { return !bc.is_dirichlet(); }

// Solves with the shooting end on the right (or Dirichlet at both ends); `tip` receives u(1)
// found by the flux-end search (NaN when there was none).
Solution solve_oriented(const Problem& p, double tol, double* tip) {
  const Primitive F(p);
  const double hermite_tol = tol / 8.0;
  *tip = std::numeric_limits<double>::quiet_NaN();
  // The first run's search result seeds the second.
  OffsetRoot found{OffsetRoot::Kind::unbracketed, 0.0, 0.0, 0.0};
  bool first = true;
  const auto run_at = [&](double ode_tol) {
    ShootingRun run(p, F, ode_tol, hermite_tol, first ? nullptr : &found, first ? &found : nullptr);
    first = false;
    return run;
  };
  if (!flux_type(p.right))
    return twice(tol, F, [&](double ode_tol) {
      ShootingRun run = run_at(ode_tol);
      Solution s = run.dirichlet_both();
      s.iterations = run.evaluations();
      return s;
    });
  return twice(tol, F, [&](double ode_tol) {
    ShootingRun run = run_at(ode_tol);
    Solution s = run.from_flux_end();
    s.iterations = run.evaluations();
    *tip = run.tip();
    return s;
  });
}

// Dirichlet at both ends on one side of the equilibrium: the end farther from it goes left.
bool needs_mirror_for_chain(const Problem& p) {
  const Primitive F(p);
  if (!F.has_equilibrium()) return false;
  const double d0 = p.left.value - F.center(), d1 = p.right.value - F.center();
  return d0 * d1 > 0.0 && std::fabs(d0) < std::fabs(d1);
}

Solution solve_dirichlet_both(const Problem& p, double tol) {
  double unused = 0.0;
  if (needs_mirror_for_chain(p)) return reflected(solve_oriented(mirrored(p), tol, &unused));
  return solve_oriented(p, tol, &unused);
}

// A flux-type right end whose own shot was not accurate: its temperature, pinned by the search,
// becomes a Dirichlet value (the profile moves by at most the change of an end value).
Solution with_pinned_tip(const Problem& p, double tip, double tol) {
  Problem pinned = with_pinned_right(p, tip);
  if (flux_type(p.left)) {
    double left_tip = 0.0;
    Solution s = solve_oriented(mirrored(pinned), tol, &left_tip);
    if (judged(s, tol).ok() || std::isnan(left_tip)) return reflected(s);
    pinned.left = BoundaryCondition::dirichlet(left_tip);
  }
  return solve_dirichlet_both(pinned, tol);
}

Solution solve_flux_right(const Problem& p, double tol) {
  double tip = 0.0;
  Solution s = solve_oriented(p, tol, &tip);
  if (judged(s, tol).ok() || std::isnan(tip)) return s;
  Solution pinned = with_pinned_tip(p, tip, tol);
  if (!pinned.ok()) return s;
  pinned.error_estimate += pinned_right_error(p, pinned);
  return pinned;
}

}  // namespace

void ShootingOptions::check_param() const { check_tolerance(tol); }

Solution solve_shooting(const Problem& problem, const ShootingOptions& options) {
  problem.check_param();
  options.check_param();
  Solution s = guarded("shooting", [&] {
    if (flux_type(problem.right)) return solve_flux_right(problem, options.tol);
    if (flux_type(problem.left)) return reflected(solve_flux_right(mirrored(problem), options.tol));
    return solve_dirichlet_both(problem, options.tol);
  });
  s.method = "shooting";
  finish_ends(problem, s);
  return judged(s, options.tol);
}

}  // namespace radbound
