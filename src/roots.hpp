// Bracketed scalar root finding shared by the exact and shooting methods (Boost.Math TOMS 748).
#pragma once

#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

namespace radbound {

// e^-700 ≈ 1e-304: the smallest offset from the equilibrium (or squared speed through it) the
// log-scale searches go down to; a profile closer to the equilibrium than that is filled.
constexpr double kLogFloor = -700.0;
// Largest |residual| a trial reports: far from the root only its sign matters, and a capped value
// keeps TOMS 748's interpolation finite where a trial misses by an unbounded amount (an escaped
// shot, a path of infinite length) while still pointing its secant steps toward the root.
constexpr double kResidualCap = 1e6;

inline double capped(double r) {
  return std::isnan(r) ? r : std::fmax(-kResidualCap, std::fmin(kResidualCap, r));
}

struct Root {
  double x;        // the middle of the final bracket
  double lo, hi;   // the final bracket
  bool converged;  // the bracket shrank to full precision, or to 1e-6 relative where the
                   // function flattens into its own rounding noise (the caller's error estimate
                   // then carries the bracket's width)
};

// Root of f on [a, b] where f(a) and f(b) differ in sign, to a bracket of width
// `relative_width`·max(1, |x|) — by default full double precision, also for roots near zero in an
// absolute sense.
template <class F>
Root solve_bracketed(F f, double a, double b, double fa, double fb,
                     double relative_width = 4.0 * std::numeric_limits<double>::epsilon(),
                     int max_evaluations = 100) {
  if (fa == 0.0) return {a, a, a, true};
  if (fb == 0.0) return {b, b, b, true};
  const auto done = [relative_width](double lo, double hi) {
    return std::fabs(hi - lo) <=
           relative_width * std::fmax(1.0, std::fmin(std::fabs(lo), std::fabs(hi)));
  };
  std::uintmax_t iterations = static_cast<std::uintmax_t>(max_evaluations);
  const auto bracket = boost::math::tools::toms748_solve(f, a, b, fa, fb, done, iterations);
  const double width = std::fabs(bracket.second - bracket.first);
  const double scale = std::fmax(1.0, std::fabs(bracket.first));
  return {0.5 * (bracket.first + bracket.second), bracket.first, bracket.second,
          done(bracket.first, bracket.second) || width <= 1e-6 * scale};
}

// A root of an increasing r(d) searched on a logarithmic scale of the offset d from zero, so
// that a root 1e-250 from zero is found as readily as one at 1: the side s is read from r(0),
// then d = s e^λ with λ from kLogFloor up to where r changes sign (at most e^ceiling), and the
// bracket shrunk to `relative_width` in λ.
struct OffsetRoot {
  enum class Kind { at_zero, found, below_floor, unbracketed };
  Kind kind;
  double d;       // the root (0 for at_zero; the floor offset s e^kLogFloor for below_floor)
  double lo, hi;  // the final bracket in d
};

template <class R>
OffsetRoot solve_offset(R r, double r_at_zero, double start_log, double ceiling_log,
                        double relative_width = 4.0 * std::numeric_limits<double>::epsilon()) {
  if (r_at_zero == 0.0) return {OffsetRoot::Kind::at_zero, 0.0, 0.0, 0.0};
  const double side = r_at_zero < 0.0 ? 1.0 : -1.0;
  const auto along = [&](double lambda) { return side * r(side * std::exp(lambda)); };
  const double floor_offset = side * std::exp(kLogFloor);
  const double r_floor = along(kLogFloor);
  if (r_floor >= 0.0) return {OffsetRoot::Kind::below_floor, floor_offset, 0.0, floor_offset};
  // A NaN residual (an overflow far out) leaves the root unbracketed rather than mis-bracketed.
  if (!(r_floor < 0.0)) return {OffsetRoot::Kind::unbracketed, 0.0, 0.0, 0.0};
  double hi = std::fmax(start_log, kLogFloor + 1.0), r_hi = along(hi);
  while (r_hi <= 0.0 && hi < ceiling_log) r_hi = along(++hi);
  if (!(r_hi > 0.0)) return {OffsetRoot::Kind::unbracketed, 0.0, 0.0, 0.0};
  const Root root = solve_bracketed(along, kLogFloor, hi, r_floor, r_hi, relative_width);
  const double a = side * std::exp(root.lo), b = side * std::exp(root.hi);
  return {OffsetRoot::Kind::found, side * std::exp(root.x), std::fmin(a, b), std::fmax(a, b)};
}

// A root of the increasing f near x0, where a cheaper search put it within about `width`: the
// bracket [x0 − w, x0 + w] is widened (doubling w, at most `widenings` times) until it holds a
// sign change, then solved by TOMS 748 to `relative_width`. converged = false when no bracket
// was found.
template <class F>
Root solve_near(F f, double x0, double width, double relative_width, int widenings = 20) {
  double w = width;
  for (int i = 0; i <= widenings; ++i, w *= 2.0) {
    const double a = x0 - w, b = x0 + w;
    const double fa = f(a), fb = f(b);
    if (fa <= 0.0 && fb >= 0.0) return solve_bracketed(f, a, b, fa, fb, relative_width);
  }
  return {x0, x0, x0, false};
}

}  // namespace radbound
