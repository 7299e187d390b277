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
  double x;       // the middle of the final bracket
  double lo, hi;  // the final bracket
  int evaluations;
  bool converged;  // the bracket shrank to full precision, or to 1e-6 relative where the
                   // function flattens into its own rounding noise (the caller's error estimate
                   // then carries the bracket's width)
};

// Root of f on [a, b] where f(a) and f(b) differ in sign, to a bracket of relative width
// 4·eps·max(1, |x|) — full double precision, also for roots near zero in an absolute sense.
template <class F>
Root solve_bracketed(F f, double a, double b, double fa, double fb, int max_evaluations = 100) {
  constexpr double eps = std::numeric_limits<double>::epsilon();
  if (fa == 0.0) return {a, a, a, 0, true};
  if (fb == 0.0) return {b, b, b, 0, true};
  const auto done = [](double lo, double hi) {
    return std::fabs(hi - lo) <= 4.0 * eps * std::fmax(1.0, std::fmin(std::fabs(lo), std::fabs(hi)));
  };
  std::uintmax_t iterations = static_cast<std::uintmax_t>(max_evaluations);
  const auto bracket = boost::math::tools::toms748_solve(f, a, b, fa, fb, done, iterations);
  const double width = std::fabs(bracket.second - bracket.first);
  const double scale = std::fmax(1.0, std::fabs(bracket.first));
  return {0.5 * (bracket.first + bracket.second), bracket.first, bracket.second,
          static_cast<int>(iterations),
          done(bracket.first, bracket.second) || width <= 1e-6 * scale};
}

// A root of an increasing r(d) searched on a logarithmic scale of the offset d from zero, so
// that a root 1e-250 from zero is found as readily as one at 1: the side s is read from r(0),
// then d = s e^λ with λ from kLogFloor up to where r changes sign (at most e^ceiling).
struct OffsetRoot {
  enum class Kind { at_zero, found, below_floor, unbracketed };
  Kind kind;
  double d;       // the root (0 for at_zero; the floor offset s e^kLogFloor for below_floor)
  double lo, hi;  // the final bracket in d
  int evaluations;
};

template <class R>
OffsetRoot solve_offset(R r, double r_at_zero, double start_log, double ceiling_log) {
  if (r_at_zero == 0.0) return {OffsetRoot::Kind::at_zero, 0.0, 0.0, 0.0, 0};
  const double side = r_at_zero < 0.0 ? 1.0 : -1.0;
  int evaluations = 0;
  const auto along = [&](double lambda) {
    ++evaluations;
    return side * r(side * std::exp(lambda));
  };
  const double floor_offset = side * std::exp(kLogFloor);
  const double r_floor = along(kLogFloor);
  if (r_floor >= 0.0)
    return {OffsetRoot::Kind::below_floor, floor_offset, 0.0, floor_offset, evaluations};
  double hi = std::fmax(start_log, kLogFloor + 1.0), r_hi = along(hi);
  while (r_hi <= 0.0 && hi < ceiling_log) r_hi = along(++hi);
  if (r_hi <= 0.0) return {OffsetRoot::Kind::unbracketed, 0.0, 0.0, 0.0, evaluations};
  const Root root = solve_bracketed(along, kLogFloor, hi, r_floor, r_hi);
  const double a = side * std::exp(root.lo), b = side * std::exp(root.hi);
  return {OffsetRoot::Kind::found, side * std::exp(root.x), std::fmin(a, b), std::fmax(a, b),
          evaluations + root.evaluations};
}

}  // namespace radbound

