// The exact method: the first integral u'² = 2 (F(u) − F(a)) + h reduces the two-point problem to
// one scalar equation — the x-length of a path along an orbit equals 1 — solved by TOMS 748, with
// every length a tanh-sinh quadrature (see orbit.hpp, orbit_path.hpp, exact_profile.hpp).
//
// The unknown is chosen so that it stays representable however close the solution comes to the
// equilibrium: an offset from the equilibrium (a turning point, or the tip) or the squared speed
// at the equilibrium, each on a logarithmic scale down to e^-700. Closer than that, the orbit at
// the floor is used and the x-length it does not need is filled with the equilibrium.
#include "radbound/exact.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "dirichlet_chain.hpp"
#include "exact_profile.hpp"
#include "method_support.hpp"
#include "roots.hpp"

namespace radbound {

namespace {

// Offsets beyond e^60 would overflow F's fifth power or a radiative flux squared.
constexpr double kLogCeiling = 60.0;
// Searches compare path lengths with 1: beyond this the quadrature stops summing.
constexpr double kSearchLength = 4.0;
// A root's path is taken as it is when its length is 1 to this accuracy (steep roots, a tip just
// below the base, cannot do better between neighbouring doubles; the joining error of the
// profile accounts for the rest).
constexpr double kLengthMatch = 1e-6;

// Adds the root-finding uncertainty to the profile's error estimate and judges it against tol.
Solution finished(Solution s, double root_error, int evaluations, double tol) {
  s.iterations = evaluations;
  if (!s.ok()) return s;
  s.error_estimate += root_error;
  judge_against(s, "exact", tol);
  return s;
}

// A problem with at least one Dirichlet end whose parameters are already checked (a pinned tip
// may lie below zero: the model stays well posed there).
Solution solve_valid(const Problem& problem, const ExactOptions& options);

ProfileOptions profile_options(const ExactOptions& options) {
  return {options.tol / 4.0, options.max_nodes};
}

// Nr = Nc = 0: u'' = −Q, u = V + p x − Q x²/2 (quintic Hermite reproduces it exactly).
class Parabola {
 public:
  Parabola(const Problem& p, const ExactOptions& options) : p_(p), options_(options) {}

  Solution solve() const {
    const double v = p_.left.value, q = p_.q;
    double slope = 0.0;
    int evaluations = 0;
    if (p_.right.is_dirichlet()) {
      slope = p_.right.value - v + 0.5 * q;
    } else {
      // Right end: u'(1) + g(u(1)) = p − Q + g(V + p − Q/2) = 0, increasing in p (slope ≥ 1).
      const auto residual = [&](double p) {
        ++evaluations;
        return p - q + p_.outward_flux(p_.right, v + p - 0.5 * q);
      };
      double width = 1.0, lo = q - width, hi = q + width;
      while (residual(lo) > 0.0 || residual(hi) < 0.0) {
        width *= 2.0;
        lo = q - width;
        hi = q + width;
      }
      const Root root = solve_bracketed(residual, lo, hi, residual(lo), residual(hi));
      slope = root.x;
    }
    Solution s;
    s.method = "exact";
    s.status = Status::ok;
    for (int i = 0; i <= 10; ++i) {
      const double x = i / 10.0;
      s.x.push_back(x);
      s.u.push_back(v + slope * x - 0.5 * q * x * x);
      s.du.push_back(slope - q * x);
    }
    s.set_curvature(p_);
    const double scale = std::max({std::fabs(v), std::fabs(slope), std::fabs(q), 1.0});
    return finished(s, 8.0 * std::numeric_limits<double>::epsilon() * scale, evaluations,
                    options_.tol);
  }

 private:
  const Problem& p_;
  const ExactOptions& options_;
};

// u(0) = V (Dirichlet), u'(1) + g(u(1)) = 0 (flux-type). The unknown is the tip's offset from the
// equilibrium, dt = s e^λ on the side s found first. Shooting from the tip backward, u(0) grows
// with the tip temperature; a trial's residual has the sign of u(0) − V, computed from travel
// times (no integration to x = 0), and equals ±(1 − path length) near the root.
class DirichletFlux {
 public:
  DirichletFlux(const Problem& p, const ExactOptions& options)
      : p_(p), options_(options), F_(p), dv_(p.left.value - F_.center()) {}

  Solution solve() {
    const Trial at_center = trial(0.0);
    const OffsetRoot root = solve_offset([&](double dt) { return trial(dt).r; }, at_center.r,
                                         std::log(std::max(std::fabs(dv_), 1e-3)), kLogCeiling);
    switch (root.kind) {
      case OffsetRoot::Kind::at_zero:
        return profile(at_center, 0.0);
      case OffsetRoot::Kind::below_floor: {
        // The tip lies within e^-700 of the equilibrium: with a flux through it, the path from the
        // equilibrium is the answer; without, the floor orbit reaches the base in less than the
        // length and the tip region is the equilibrium.
        const bool flux_through =
            at_center.path && std::fabs(at_center.path->duration() - 1.0) <= kLengthMatch;
        return profile(flux_through ? at_center : trial(root.d), 0.0);
      }
      case OffsetRoot::Kind::found:
        return profile(trial(root.d), root.hi - root.lo, root.d);
      case OffsetRoot::Kind::unbracketed:
        break;
    }
    return unsolved("exact", Status::failed,
                    "exact: no tip temperature brackets the base temperature");
  }

 private:
  struct Trial {
    double r;                  // sign of u(0) − V for this tip; ±(1 − length) near the root
    std::optional<Path> path;  // the path whose length the residual measures
  };

  // The orbit through the tip, followed backward (direction sigma) toward x = 0: V is met on the
  // first stretch (before a turning point), on the second, or not at all.
  Trial trial(double dt) {
    ++evaluations_;
    const double gamma = p_.outward_flux(p_.right, F_.level(dt));  // = −u'(1): slope going back
    const Orbit orbit = Orbit::through(F_, dt, gamma * gamma);
    int sigma = gamma > 0.0 ? 1 : -1;
    if (gamma == 0.0) {
      if (dt == 0.0) return {-dv_, std::nullopt};  // resting at the equilibrium: u ≡ c
      sigma = dt > 0.0 ? 1 : -1;                   // pushed away from it by f
    }
    const double dm = orbit.anchor();
    const bool turn_ahead = orbit.is_turning() && sigma * (dm - dt) > 0.0;
    const bool v_ahead = sigma * (dv_ - dt) >= 0.0;
    const Path first{orbit, dv_, dt, false}, second{orbit, dv_, dt, true};
    if (turn_ahead && sigma * (dv_ - dm) > 0.0) {  // V beyond the turning point: never reached
      const double to_turn = orbit.time(dt, dm, kSearchLength);
      return {capped(-sigma * (std::fabs(1.0 - to_turn) + std::fabs(dv_ - dm))), std::nullopt};
    }
    if (turn_ahead && v_ahead) {  // V met twice: u(0) is beyond V between the two meetings
      const double r1 = 1.0 - first.duration(kSearchLength);
      const double r2 = second.duration(kSearchLength) - 1.0;
      return r1 <= r2 ? Trial{capped(sigma * r1), first} : Trial{capped(sigma * r2), second};
    }
    if (turn_ahead) return {capped(sigma * (second.duration(kSearchLength) - 1.0)), second};
    if (v_ahead) return {capped(sigma * (1.0 - first.duration(kSearchLength))), first};
    return {sigma * (1.0 + std::fabs(dt - dv_)), std::nullopt};  // moving away from V
  }

  // With the slow point inside, the orbit through the tip carries the cancellation of its energy
  // into that point; at a root on the separatrix (the sign change falls between neighbouring
  // doubles, where no trial path has length 1) it cannot be represented at all. The tip
  // temperature itself is pinned to a few ulps either way, so the profile is solved from the
  // interior with the tip as a Dirichlet end.
  Solution profile(const Trial& t, double tip_spread, double dt = 0.0) {
    if (!t.path || t.path->legs().size() == 2 ||
        !(std::fabs(t.path->duration() - 1.0) <= kLengthMatch)) {
      const Problem pinned = with_pinned_right(p_, F_.level(dt));
      Solution s = solve_valid(pinned, options_);
      if (s.ok()) s.error_estimate += tip_spread + pinned_right_error(p_, s);
      s.iterations += evaluations_;
      return finished(s, 0.0, s.iterations, options_.tol);
    }
    return finished(build_profile(p_, t.path->orbit, t.path->legs(), profile_options(options_)),
                    tip_spread, evaluations_, options_.tol);
  }

  const Problem& p_;
  const ExactOptions& options_;
  Primitive F_;
  double dv_;
  int evaluations_ = 0;
};

// u(0) = V0, u(1) = V1, oriented as dirichlet_chain.hpp requires.
class DirichletDirichlet {
 public:
  DirichletDirichlet(const Problem& p, const ExactOptions& options)
      : p_(p),
        options_(options),
        F_(p),
        d0_(p.left.value - F_.center()),
        d1_(p.right.value - F_.center()) {}

  Solution solve() const {
    if (d0_ == 0.0 && d1_ == 0.0) {  // both ends at the equilibrium: u ≡ c
      const Orbit rest = Orbit::turning(F_, 0.0);
      return finished(
          build_profile(p_, rest, {{0.0, 0.0, true}, {0.0, 0.0, false}}, profile_options(options_)),
          0.0, 0, options_.tol);
    }
    const ChainResult chain = solve_dirichlet_chain(
        F_, d0_, d1_, [](const Path& path) { return path.duration(kSearchLength); });
    if (!chain.converged)
      return unsolved("exact", Status::no_convergence,
                      "exact: the search for the orbit did not converge");
    return finished(
        build_profile(p_, chain.path.orbit, chain.path.legs(), profile_options(options_)),
        chain.slow_level_spread, chain.evaluations, options_.tol);
  }

 private:
  const Problem& p_;
  const ExactOptions& options_;
  Primitive F_;
  double d0_, d1_;
};

bool needs_mirror(const Problem& p) {
  if (!p.left.is_dirichlet()) return true;
  if (!p.right.is_dirichlet() || (p.nr == 0.0 && p.nc == 0.0)) return false;
  // Dirichlet at both ends: the end farther from the equilibrium goes left when both lie on one
  // side of it.
  const Primitive F(p);
  const double d0 = p.left.value - F.center(), d1 = p.right.value - F.center();
  return d0 * d1 > 0.0 && std::fabs(d0) < std::fabs(d1);
}

Solution solve_oriented(const Problem& p, const ExactOptions& options) {
  if (p.nr == 0.0 && p.nc == 0.0) return Parabola(p, options).solve();
  if (p.right.is_dirichlet()) return DirichletDirichlet(p, options).solve();
  return DirichletFlux(p, options).solve();
}

Solution solve_valid(const Problem& problem, const ExactOptions& options) {
  Solution s = needs_mirror(problem) ? reflected(solve_oriented(mirrored(problem), options))
                                     : solve_oriented(problem, options);
  finish_ends(problem, s);
  return s;
}

}  // namespace

void ExactOptions::check_param() const {
  check_tolerance(tol);
  check_count("max_nodes", max_nodes, 16);
}

bool exact_applies(const Problem& problem, std::string* why) {
  if (problem.left.is_dirichlet() || problem.right.is_dirichlet()) return true;
  if (why)
    *why =
        "method exact needs a dirichlet end (both ends here are flux-type); use --method fd "
        "or shooting";
  return false;
}

Solution solve_exact(const Problem& problem, const ExactOptions& options) {
  problem.check_param();
  options.check_param();
  std::string why;
  if (!exact_applies(problem, &why)) return unsolved("exact", Status::not_applicable, why);
  return guarded("exact", [&] { return solve_valid(problem, options); });
}

}  // namespace radbound
