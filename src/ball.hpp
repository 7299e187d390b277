// Midpoint-radius ("ball") arithmetic in round-to-nearest: every Ball holds the exact real result
// of the operations applied to exact inputs within [mid - rad, mid + rad].
//
// Why not switch rounding modes: the bounds run millions of times in a sweep, and the few steps
// that must be rigorous (checking a comparison function, evaluating it) need only a handful of
// operations each. A rounding error of one IEEE operation in round-to-nearest is at most
// kUnit * |computed result| (plus an underflow term), so each operation adds that to the radius;
// the radius itself is computed in round-to-nearest and then inflated by (1 + 8u), which covers
// the at most four roundings spent on it. Library exp/expm1 are assumed accurate to 4 ulp (glibc
// documents at most 1 ulp for both on x86-64); sqrt is correctly rounded by IEEE 754.
#pragma once

#include <cmath>
#include <limits>
#include <type_traits>

#include "double_pair.hpp"

namespace radbound::detail {

constexpr double kUnit = std::numeric_limits<double>::epsilon() / 2;  // unit roundoff u
constexpr double kTiny = 1e-300;  // covers underflow in any one operation
constexpr double kLibmError = 8 * kUnit;  // assumed relative error of exp, expm1 (4 ulp)
constexpr double kInf = std::numeric_limits<double>::infinity();

// The helpers below take a double, or a DoublePair (double_pair.hpp, with the helpers for both:
// magnitude(), larger(), filled(), at(), root()) to treat two doubles in one instruction each,
// with the same roundings as two scalar computations.

// The smaller of a and b in each half (a where either is a NaN), and for doubles, as std::min: the
// mirror image of larger().
template <class T>
inline T smaller(T a, T b) {
  return b < a ? b : a;
}

// Whether a comparison holds in either half of a pair (for a double's, whether it holds).
inline bool either(PairMask m) { return (m[0] | m[1]) != 0; }
inline bool either(bool holds) { return holds; }

// Loops over the pieces or nodes of a mesh two at a time: each(DoublePair{}, i) for indices i and
// i + 1 at once, i = first, first + 2, ... while both are below end, then each(0.0, end - 1) if
// one index is left over.
template <class Each>
inline void two_at_a_time(int first, int end, Each&& each) {
  int i = first;
  for (; i + 1 < end; i += 2) each(DoublePair{}, i);
  if (i < end) each(0.0, i);
}

// Whether a condition holds at every index of [first, end), tested two at a time as above:
// holds(DoublePair{}, i) is a PairMask for i and i + 1, holds(0.0, i) a bool. (Every pair is
// tested: the conditions are cheap and without side effects, and the loop then has no branch.)
template <class Holds>
inline bool holds_two_at_a_time(int first, int end, Holds&& holds) {
  PairMask pairs = {-1, -1};
  int i = first;
  for (; i + 1 < end; i += 2) pairs &= holds(DoublePair{}, i);
  return both(pairs) && (i >= end || holds(0.0, i));
}

// An upper bound of a nonnegative sum computed in round-to-nearest.
template <class T>
inline T inflate(T r) {
  return r * (1 + 8 * kUnit) + kTiny;
}

// Outward rounding of a real known to lie within one half-ulp of a computed double v: the step
// 2u|v| is at least one ulp of v, so the rounded sum moves at least one ulp outward.
template <class T>
inline T round_up(T v) {
  return v + (2 * kUnit * magnitude(v) + kTiny);
}
template <class T>
inline T round_down(T v) {
  return v - (2 * kUnit * magnitude(v) + kTiny);
}

// expm1(r) <= result for r >= 0 (used only to propagate radii, so it must never round low).
inline double expm1_upper(double r) {
  if (r < 1e-3) return r * (1 + r);  // expm1(r) = r + r^2/2 + ... <= r + r^2 for r <= 1
  return std::expm1(r) * (1 + 4 * kLibmError);
}

// No default member values: arrays of balls in the comparison functions are filled before use,
// and zero-filling them would dominate the cost of a bounds() call.
// BasicBall<DoublePair> is two balls, one in each half, for the few operations defined for it.
template <class T>
struct BasicBall {
  T mid;
  T rad;

  static BasicBall exact(double v) { return {v, 0.0}; }
  // The exact difference hi - lo of two doubles.
  static BasicBall difference(double hi, double lo) {
    const double d = hi - lo;
    return {d, inflate(kUnit * std::fabs(d))};
  }
  // Certain bounds of the enclosed set (outward rounded).
  T lo() const { return rad == 0.0 ? mid : round_down(mid - rad); }
  T hi() const { return rad == 0.0 ? mid : round_up(mid + rad); }
  // The largest |value| the ball admits.
  T mag() const { return round_up(magnitude(mid) + rad); }
};
using Ball = BasicBall<double>;

inline Ball operator+(Ball a, Ball b) {
  const double m = a.mid + b.mid;
  return {m, inflate(a.rad + b.rad + kUnit * std::fabs(m))};
}
template <class T>
inline BasicBall<T> operator-(BasicBall<T> a, BasicBall<T> b) {
  const T m = a.mid - b.mid;
  return {m, inflate(a.rad + b.rad + kUnit * magnitude(m))};
}
inline Ball operator-(Ball a) { return {-a.mid, a.rad}; }
inline Ball operator*(Ball a, Ball b) {
  const double m = a.mid * b.mid;
  return {m, inflate(std::fabs(a.mid) * b.rad + std::fabs(b.mid) * a.rad + a.rad * b.rad +
                     kUnit * std::fabs(m))};
}
inline Ball operator*(Ball a, double c) {
  const double m = a.mid * c;
  return {m, inflate(std::fabs(c) * a.rad + kUnit * std::fabs(m))};
}
inline Ball operator*(double c, Ball a) { return a * c; }
// Radius infinite when the divisor's ball contains zero.
inline Ball operator/(Ball a, Ball b) {
  const double q = a.mid / b.mid;
  const double floor = (std::fabs(b.mid) - b.rad) * (1 - 4 * kUnit);
  if (!(floor > 0.0)) return {q, kInf};
  return {q, inflate((a.rad + std::fabs(q) * (1 + 2 * kUnit) * b.rad) / floor * (1 + 2 * kUnit) +
                     kUnit * std::fabs(q))};
}
// Division by an exact nonzero double: the quotient of the enclosed reals moves by a.rad / |c|.
inline Ball operator/(Ball a, double c) {
  const double q = a.mid / c;
  return {q, inflate(a.rad / std::fabs(c) * (1 + 2 * kUnit) + kUnit * std::fabs(q))};
}

inline Ball exp(Ball a) {
  const double m = std::exp(a.mid);
  // |e^x - e^mid| <= e^mid * expm1(rad) and e^mid <= m (1 + libm error).
  return {m, inflate(m * (1 + 2 * kLibmError) * expm1_upper(a.rad) + kLibmError * m)};
}
inline Ball expm1(Ball a) {
  const double m = std::expm1(a.mid);
  const double growth = (1 + m) * (1 + 2 * kLibmError) + kLibmError;  // >= e^mid
  return {m, inflate(growth * expm1_upper(a.rad) + kLibmError * std::fabs(m))};
}
// sqrt of a ball clamped at zero from below (callers use it where the exact value is >= 0).
inline Ball sqrt_nonneg(Ball a) {
  const double lo = a.mid - a.rad;
  const double m = std::sqrt(a.mid > 0 ? a.mid : 0.0);
  double r = std::sqrt(inflate(a.rad));  // |sqrt x - sqrt y| <= sqrt|x - y|
  if (lo > 0.0) r = std::fmin(r, a.rad / std::sqrt(lo));
  return {m, inflate(r + kUnit * m)};
}

}  // namespace radbound::detail
