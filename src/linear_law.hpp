// Straight lines below (tangents) and above (chords) the convex parts of the model, with
// intercepts rounded so that the stated inequality holds for the exact reals.
#pragma once

#include <type_traits>

#include "ball.hpp"
#include "radbound/problem.hpp"

namespace radbound::detail {

// A trial line or function only guides the next linearization: plain floating point, no
// rounding control. A bound's line holds its stated inequality for the exact reals.
enum class Use { trial, bound };

// h(y) = a4 (pow4(y) - theta4^4) + c1 (y - theta1) - c0 with a4, c1 >= 0: the source f of the
// differential equation, or the outward flux g of an end. Nondecreasing everywhere and convex on
// y >= 0 (pow4 is y^4 there).
struct ConvexLaw {
  ConvexLaw() = default;  // h = 0 (an insulated end)
  ConvexLaw(double a4, double theta4, double c1, double theta1, double c0)
      : a4(a4), theta4(theta4), c1(c1), theta1(theta1), c0(c0), theta4_pow4(pow4(theta4)),
        quartic_level(a4 * theta4_pow4), linear_level(c1 * theta1) {}

  const double a4 = 0.0, theta4 = 0.0, c1 = 0.0, theta1 = 0.0, c0 = 0.0;
  // pow4(theta4), a4 pow4(theta4) and c1 theta1, once (the same doubles as computed in place).
  const double theta4_pow4 = 0.0, quartic_level = 0.0, linear_level = 0.0;

  Ball value(double y) const;
  // The same in plain floating point, for trial lines, and h'(y) (y a double, or a DoublePair
  // for two points).
  double approx_value(double y) const;
  template <class T>
  T approx_slope(T y) const;
};

// pow4(y), also for the two halves of a DoublePair.
template <class T>
inline T quartic(T y) {
  return y * y * y * (y < 0.0 ? -y : y);
}

// h(y) in floating point and the sum S of its terms' magnitudes (every theta is >= 0), plus
// a4 kTiny: pow4 may underflow, by at most 2^-1074 each, and a4 multiplies that error, so the
// radius 16u S (and the larger ones built on S) must cover a4 2^-1073 (docs/bounds.md, R1).
// Inline, as value(): the constant bounds and the classic forms evaluate laws a dozen times per
// bounds() call. y is a double, or a DoublePair for h at two points at once (a chord's ends),
// with the same roundings.
template <class T>
struct Terms {
  T value, size;
};

template <class T>
inline Terms<T> law_terms(const ConvexLaw& h, T y) {
  const T y4 = quartic(y);
  const double t4 = h.theta4_pow4;
  return {h.a4 * (y4 - t4) + h.c1 * (y - h.theta1) - h.c0,
          h.a4 * (magnitude(y4) + t4 + kTiny) + h.c1 * (magnitude(y) + h.theta1) +
              std::fabs(h.c0)};
}

// The a-priori bound of the rounding of h(y) relative to S (docs/bounds.md section 9, Lemma R1):
// each term takes at most five roundings and the sums two more, each of relative size u of a
// partial sum bounded by S: 16 u S covers them with room.
constexpr double kLawError = 16 * kUnit;

// Inline: the parabola's Newton iteration and the trial lines call these in loops.
inline double ConvexLaw::approx_value(double y) const { return law_terms(*this, y).value; }

template <class T>
inline T ConvexLaw::approx_slope(T y) const {
  return 4.0 * a4 * y * y * magnitude(y) + c1;
}

inline Ball ConvexLaw::value(double y) const {
  // A law that is identically zero (an insulated end) is exactly zero. Decided from the
  // coefficients: a zero sum of magnitudes may also be every term underflowing.
  if (a4 == 0.0 && c1 == 0.0 && c0 == 0.0) return Ball::exact(0.0);
  const Terms<double> t = law_terms(*this, y);
  return {t.value, inflate(kLawError * t.size)};
}

// The line y -> slope * y + intercept, valid (below or above h, as built) for y in [lo, hi].
struct Line {
  double slope = 0.0;
  double intercept = 0.0;
  double lo = -kInf, hi = kInf;
};

// The smallest width of a piece and the smallest nonzero rate for which the comparison function's
// rounding bounds are proved (docs/bounds.md section 9, R2; rates up to 1 / kSmallestScale).
constexpr double kSmallestScale = 0x1p-400;

// The same for the differential equation, whose linear operator needs the rate m = sqrt(slope):
// y -> m^2 y + intercept, with m a double so that the closed form is exact in m. A certified rate
// is 0 or at least kSmallestScale: a smaller one is replaced by 0, which every lemma admits since
// h is nondecreasing.

// No default member values (as Ball): every function returning one sets all four, and a
// Linearization holds an array of them that would otherwise be filled on every bounds() call.
// Lines<DoublePair> are two lines, one in each half.
template <class T>
struct Lines {
  T m;
  T intercept;
  T lo, hi;
};
using RateLine = Lines<double>;

// A field of line i in a double, or of lines i and i + 1 in a DoublePair.
template <class T>
T line_field(const RateLine* lines, int i, double RateLine::*field) {
  if constexpr (std::is_same_v<T, double>) {
    return lines[i].*field;
  } else {
    return T{lines[i].*field, lines[i + 1].*field};
  }
}

enum class Position { below, above };

// The tangent at t: below h on [-t, inf) for t >= 0, or above h on (-inf, -t] for t <= 0, where
// pow4 is concave (the mirror image). A Line of a linear h has the exact slope and holds
// everywhere.
Line tangent(const ConvexLaw& h, double t, Position position, Use use);
// (t a double, or a DoublePair for the tangents at two points, as two lines in one.)
template <class T>
Lines<T> tangent_rate(const ConvexLaw& h, T t, Position position, Use use);

// Below h on [a, b] for a < 0 (pow4 is concave below zero): the chord when b <= 0, else the line
// through (a, h(a)) with its slope capped as in chord_above, mirrored.
Line chord_below(const ConvexLaw& h, double a, double b, Use use);
RateLine chord_rate_below(const ConvexLaw& h, double a, double b, Use use);

// Above h on [a, b], a <= b. a may be -inf (then the line is f(b) + c1 (y - b)). Where a >= 0 the
// line is the chord of the convex part; where a < 0 (pow4 is concave there) its slope is capped so
// that it still lies above h. An end law h that is linear gives itself, valid everywhere.
Line chord_above(const ConvexLaw& h, double a, double b, Use use);
RateLine chord_rate_above(const ConvexLaw& h, double a, double b, Use use);
// Its bound line for 0 <= a (the chord of the convex part), for a double or for two ranges at
// once (a DoublePair each), as two lines in one.
template <class T>
Lines<T> convex_chord_rate(const ConvexLaw& h, T a, T b);

// Half k (0 or 1) of two lines held as one.
inline RateLine half(const Lines<DoublePair>& two, int k) {
  return {two.m[k], two.intercept[k], two.lo[k], two.hi[k]};
}

// A line to lines[0], or two held as one to lines[0] and lines[1].
inline void store_lines(RateLine* lines, const RateLine& one) { lines[0] = one; }
inline void store_lines(RateLine* lines, const Lines<DoublePair>& two) {
  lines[0] = half(two, 0);
  lines[1] = half(two, 1);
}

}  // namespace radbound::detail
