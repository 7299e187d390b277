#include "linear_law.hpp"

#include "radbound/problem.hpp"

#include <algorithm>
#include <cmath>

namespace radbound::detail {

namespace {

// The helpers below take a double, or a DoublePair for two values at once (the tangents of two
// pieces), with the same roundings.

// A rate m >= 0 whose exact square never exceeds `slope_floor` (sqrt is correctly rounded, so the
// factor 1 - 4u more than absorbs its rounding and that of the product).
template <class T>
T rate_not_above(T slope_floor) {
  return slope_floor > 0.0 ? root(slope_floor) * (1 - 4 * kUnit) : 0.0;
}

// The rate m, or 0 where it is below kSmallestScale: every lemma holds for the slope 0
// (0 <= h'(t), 0 <= the capped slopes, any slope for a chord).
template <class T>
T usable_rate(T m) {
  return m >= kSmallestScale ? m : 0.0;
}

// A-priori bounds of the rounding, relative to the sum of the magnitudes of the terms computed
// (docs/bounds.md section 9, Lemma R1; kLawError, that of h(y), is in the header): of h(y) -
// kappa y and of a tangent's intercept, where kappa is a double slope or the computed fl(m m)
// standing for the exact m^2.
constexpr double kShiftedError = 20 * kUnit;
constexpr double kTangentError = 24 * kUnit;

// A slope not above h'(t) for the exact reals, from its computed value approx_slope(t): c1 itself
// for a linear law, else a lower bound of h'(t) (four roundings of nonnegative terms, well within
// kLawError, and a4 times the underflow of t^3, at most 2^-1074, well within kLawError a4 kTiny),
// at least 0.
template <class T>
T slope_not_above(const ConvexLaw& h, T slope) {
  if (h.a4 == 0.0) return filled<T>(h.c1);
  const T low = BasicBall<T>{slope, inflate(kLawError * (slope + h.a4 * kTiny))}.lo();
  return 0.0 < low ? low : 0.0;  // std::max(0.0, low)
}

// h(y) - kappa y for the exact slope kappa (or m^2 when kappa = fl(m m)), rounded up (above) or
// down (below), from h's terms at y.
// (y: a double, or a DoublePair for two points at once, with one slope or one each.)
template <class T, class Slope>
T shifted_bound(Terms<T> at_y, T y, Slope kappa, Position position) {
  const T value = at_y.value - kappa * y;
  const T radius = kShiftedError * (at_y.size + kappa * magnitude(y));
  return position == Position::above ? round_up(value + radius) : round_down(value - radius);
}

// h(t) - h'(t) t, the intercept of the tangent at t, in plain floating point.
template <class T>
T tangent_intercept_approx(const ConvexLaw& h, T t) {
  return -3.0 * h.a4 * quartic(t) - h.quartic_level - h.linear_level - h.c0;
}

// Intercept of the line of slope kappa (a double, or fl(m m) standing for the exact m^2, with
// kappa <= h'(t); `slope` is approx_slope(t)) that lies below h on [-t, inf) for t >= 0:
// h(t) - h'(t) t - (h'(t) - kappa) t. Below on [0, inf) by convexity; on [-t, 0] because
// -s^4 >= 4 t^3 (-s) - 3 t^4 for 0 <= s <= t, and the slope deficit costs at most
// (h'(t) - kappa) t there. The mirror image, above h on (-inf, -t] for t <= 0, is the same
// expression rounded up.
template <class T>
inline T tangent_intercept(const ConvexLaw& h, T t, T slope, T kappa, Position position) {
  const T value = tangent_intercept_approx(h, t) - (slope - kappa) * t;
  const T size = h.a4 * (3.0 * magnitude(quartic(t)) + h.theta4_pow4 + kTiny) + h.linear_level +
                 std::fabs(h.c0) + (slope + kappa) * magnitude(t);
  const T radius = kTangentError * size;
  return position == Position::below ? round_down(value - radius) : round_up(value + radius);
}

// The largest slope K with h(b) + K (y - b) >= h(y) on [a, b] that we can certify when a < 0:
// the secant slope of pow4 from b is >= b^4 / (b - a) there, that of the linear part is c1.
double capped_slope(const ConvexLaw& h, double a, double b, Use use) {
  if (h.a4 == 0.0 || std::isinf(a) || b <= 0.0) return h.c1;
  if (use == Use::trial) return h.c1 + h.a4 * pow4(b) / (b - a);
  const Ball secant = Ball{pow4(b), inflate(4 * kUnit * pow4(b))} / Ball::difference(b, a);
  return (Ball::exact(h.c1) + h.a4 * secant).lo();
}

// The mirror image: the largest slope K with h(a) + K (y - a) <= h(y) on [a, b] that we can
// certify when a < 0 < b: the secant slope of pow4 from a is >= a^4 / (b - a) there.
double capped_slope_from_below(const ConvexLaw& h, double a, double b, Use use) {
  if (h.a4 == 0.0 || b <= 0.0) return h.c1;
  if (use == Use::trial) return h.c1 + h.a4 * pow4(-a) / (b - a);
  const Ball secant = Ball{pow4(-a), inflate(4 * kUnit * pow4(-a))} / Ball::difference(b, a);
  return (Ball::exact(h.c1) + h.a4 * secant).lo();
}

// The slope of a line below h on [a, b], a < 0: the chord when b <= 0 (any slope would do, since
// h - k y is concave there), else the capped slope from below (which bounds it).
double slope_below(const ConvexLaw& h, double a, double b, Use use) {
  if (b > 0.0) return capped_slope_from_below(h, a, b, use);
  return std::max((h.approx_value(b) - h.approx_value(a)) / std::max(b - a, 1e-300), 0.0);
}

// The largest intercept we can certify for a line of slope kappa below h on [a, b], a < 0: the
// minimum of h(y) - kappa y over the ends when b <= 0 (concave), else its value at a, where the
// capped slope kappa makes h(a) + kappa (y - a) <= h(y) on [a, b].
double intercept_below(const ConvexLaw& h, double a, double b, double kappa) {
  const double at_a = shifted_bound(law_terms(h, a), a, kappa, Position::below);
  return b > 0.0 ? at_a : std::min(at_a, shifted_bound(law_terms(h, b), b, kappa, Position::below));
}

// The smallest intercept we can certify for a line of slope kappa above h on [a, b] when
// h - kappa y is convex there (a >= 0, or h linear): its maximum over the ends, both ends in
// one pair (h's terms at_ends there).
double intercept_above(Terms<DoublePair> at_ends, DoublePair ends, double kappa) {
  const DoublePair bound = shifted_bound(at_ends, ends, kappa, Position::above);
  return std::max(bound[0], bound[1]);
}

// The chord slope of h over [a, b], 0 <= a <= b, from h(a), h(b) (the derivative when they
// coincide), at least 0. Any slope gives a valid chord line (Lemma 3); this one makes it tight.
// (Doubles, or DoublePairs for two chords at once: both quotients are then computed and the
// derivative's where the ends coincide is taken.)
template <class T>
T chord_slope(const ConvexLaw& h, T h_a, T h_b, T a, T b) {
  const T slope = b > a ? (h_b - h_a) / (b - a) : h.approx_slope(b);
  return larger(slope, filled<T>(0.0));  // std::max(slope, 0.0)
}

}  // namespace

Line tangent(const ConvexLaw& h, double t, Position position, Use use) {
  Line line;
  if (h.a4 != 0.0) (position == Position::below ? line.lo : line.hi) = -t;
  if (use == Use::trial) {
    line.slope = h.approx_slope(t);
    line.intercept = tangent_intercept_approx(h, t);
    return line;
  }
  const double slope = h.approx_slope(t);
  line.slope = slope_not_above(h, slope);
  line.intercept = tangent_intercept(h, t, slope, line.slope, position);
  return line;
}

template <class T>
Lines<T> tangent_rate(const ConvexLaw& h, T t, Position position, Use use) {
  Lines<T> line;
  line.lo = position == Position::below ? -t : filled<T>(-kInf);
  line.hi = position == Position::below ? filled<T>(kInf) : -t;
  if (use == Use::trial) {
    line.m = usable_rate(root(h.approx_slope(t)));
    line.intercept = tangent_intercept_approx(h, t);
    return line;
  }
  const T slope = h.approx_slope(t);
  line.m = usable_rate(rate_not_above(slope_not_above(h, slope)));
  line.intercept = tangent_intercept(h, t, slope, line.m * line.m, position);
  return line;
}

template RateLine tangent_rate(const ConvexLaw&, double, Position, Use);
template Lines<DoublePair> tangent_rate(const ConvexLaw&, DoublePair, Position, Use);

Line chord_above(const ConvexLaw& h, double a, double b, Use use) {
  Line line;
  if (h.a4 == 0.0) {  // h is the line itself: exact slope, and an intercept not below h's
    line.slope = h.c1;
    line.intercept = use == Use::trial
                         ? h.approx_value(0.0)
                         : shifted_bound(law_terms(h, b), b, h.c1, Position::above);
    return line;
  }
  line.lo = a;
  line.hi = b;
  if (use == Use::trial) {
    const double h_b = h.approx_value(b);
    line.slope = a >= 0.0 ? chord_slope(h, h.approx_value(a), h_b, a, b) : capped_slope(h, a, b, use);
    line.intercept = h_b - line.slope * b;
    return line;
  }
  if (a >= 0.0) {
    const DoublePair ends = {a, b};
    const Terms<DoublePair> at_ends = law_terms(h, ends);
    line.slope = chord_slope(h, at_ends.value[0], at_ends.value[1], a, b);
    line.intercept = intercept_above(at_ends, ends, line.slope);
    return line;
  }
  line.slope = capped_slope(h, a, b, use);
  line.intercept = shifted_bound(law_terms(h, b), b, line.slope, Position::above);
  return line;
}

Line chord_below(const ConvexLaw& h, double a, double b, Use use) {
  Line line;
  line.lo = a;
  line.hi = b;
  line.slope = slope_below(h, a, b, use);
  line.intercept = use == Use::trial ? h.approx_value(a) - line.slope * a
                                     : intercept_below(h, a, b, line.slope);
  return line;
}

RateLine chord_rate_below(const ConvexLaw& h, double a, double b, Use use) {
  RateLine line;
  line.lo = a;
  line.hi = b;
  const double slope = slope_below(h, a, b, use);
  if (use == Use::trial) {
    line.m = usable_rate(std::sqrt(slope));
    line.intercept = h.approx_value(a) - slope * a;
    return line;
  }
  line.m = usable_rate(b <= 0.0 ? std::sqrt(slope) : rate_not_above(slope));
  line.intercept = intercept_below(h, a, b, line.m * line.m);
  return line;
}

RateLine chord_rate_above(const ConvexLaw& h, double a, double b, Use use) {
  RateLine line;
  line.lo = a;
  line.hi = b;
  if (use == Use::trial) {
    const double h_b = h.approx_value(b);
    const double slope =
        a >= 0.0 ? chord_slope(h, h.approx_value(a), h_b, a, b) : capped_slope(h, a, b, use);
    line.m = usable_rate(std::sqrt(slope));
    line.intercept = h_b - slope * b;
    return line;
  }
  if (a >= 0.0) return convex_chord_rate(h, a, b);
  line.m = usable_rate(rate_not_above(capped_slope(h, a, b, use)));
  line.intercept = shifted_bound(law_terms(h, b), b, line.m * line.m, Position::above);
  return line;
}

template <class T>
Lines<T> convex_chord_rate(const ConvexLaw& h, T a, T b) {
  const Terms<T> at_a = law_terms(h, a), at_b = law_terms(h, b);
  Lines<T> line;
  line.m = usable_rate(root(chord_slope(h, at_a.value, at_b.value, a, b)));
  // h - m^2 y is convex on [a, b]: its largest value there is at an end.
  const T kappa = line.m * line.m;
  line.intercept = larger(shifted_bound(at_a, a, kappa, Position::above),
                          shifted_bound(at_b, b, kappa, Position::above));
  line.lo = a;
  line.hi = b;
  return line;
}

template RateLine convex_chord_rate(const ConvexLaw&, double, double);
template Lines<DoublePair> convex_chord_rate(const ConvexLaw&, DoublePair, DoublePair);

}  // namespace radbound::detail
