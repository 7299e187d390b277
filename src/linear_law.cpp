#include "linear_law.hpp"

#include "radbound/problem.hpp"

#include <algorithm>
#include <cmath>

namespace radbound::detail {

namespace {

// A rate m >= 0 whose exact square never exceeds `slope_floor` (sqrt is correctly rounded, so the
// factor 1 - 4u more than absorbs its rounding and that of the product).
double rate_not_above(double slope_floor) {
  if (!(slope_floor > 0.0)) return 0.0;
  return std::sqrt(slope_floor) * (1 - 4 * kUnit);
}

// The exact real m^2.
Ball square(double m) { return Ball::exact(m) * Ball::exact(m); }

// Intercept of the line of slope kappa (exact real inside the ball, kappa <= h'(t)) that lies below
// h on [-t, inf): h(t) - h'(t) t - (h'(t) - kappa) t. Below on [0, inf) by convexity; on [-t, 0]
// because -s^4 >= 4 t^3 (-s) - 3 t^4 for 0 <= s <= t, and the slope deficit costs at most
// (h'(t) - kappa) t there.
double tangent_intercept(const ConvexLaw& h, double t, Ball kappa, int side = -1) {
  const double t4 = pow4(t), s4 = pow4(h.theta4);
  const double mid = -3.0 * h.a4 * t4 - h.a4 * s4 - h.c1 * h.theta1 - h.c0;
  const double size = 3.0 * h.a4 * std::fabs(t4) + h.a4 * s4 + h.c1 * h.theta1 + std::fabs(h.c0);
  const Ball base{mid, inflate(16 * kUnit * size)};  // same rounding count as ConvexLaw::value
  const Ball deficit = (h.slope(t) - kappa) * t;
  return side < 0 ? (base - deficit).lo() : (base - deficit).hi();
}

// Sup of h(y) - kappa y over y in [a, b] when that function is convex there (a >= 0, or h linear):
// it is attained at an end.
double chord_intercept(const ConvexLaw& h, double a, double b, Ball kappa) {
  const double at_a = (h.value(a) - kappa * a).hi();
  const double at_b = (h.value(b) - kappa * b).hi();
  return std::max(at_a, at_b);
}

// The largest slope K with h(b) + K (y - b) >= h(y) on [a, b] that we can certify when a < 0:
// the secant slope of pow4 from b is >= b^4 / (b - a) there, that of the linear part is c1.
double capped_slope(const ConvexLaw& h, double a, double b) {
  if (h.a4 == 0.0 || std::isinf(a) || b <= 0.0) return h.c1;
  const Ball secant = Ball{pow4(b), inflate(4 * kUnit * pow4(b))} / Ball::difference(b, a);
  return (Ball::exact(h.c1) + h.a4 * secant).lo();
}

}  // namespace

// Each term below takes at most five roundings and the sums two more, each of relative size u
// of a partial sum bounded by the sum of the terms' magnitudes: 16 u times that sum covers them with room.
Ball ConvexLaw::value(double y) const {
  const double y4 = pow4(y), t4 = pow4(theta4);
  const double mid = a4 * (y4 - t4) + c1 * (y - theta1) - c0;
  const double size = a4 * (std::fabs(y4) + t4) + c1 * (std::fabs(y) + theta1) + std::fabs(c0);
  // A law that is identically zero (an insulated end) is computed exactly: every term is 0 * y.
  if (size == 0.0) return Ball::exact(mid);
  return {mid, inflate(16 * kUnit * size)};
}

Ball ConvexLaw::slope(double y) const {
  const double mid = 4.0 * a4 * y * y * std::fabs(y) + c1;
  return {mid, inflate(16 * kUnit * mid)};
}

Line tangent_below(const ConvexLaw& h, double t) {
  Line line;
  line.slope = h.a4 == 0.0 ? h.c1 : std::max(0.0, h.slope(t).lo());
  line.intercept = tangent_intercept(h, t, Ball::exact(line.slope));
  if (h.a4 != 0.0) line.lo = -t;
  return line;
}

RateLine tangent_rate_above(const ConvexLaw& h, double t) {
  RateLine line;
  line.m = rate_not_above(h.slope(t).lo());
  line.intercept = tangent_intercept(h, t, square(line.m), +1);
  line.hi = -t;
  return line;
}

RateLine tangent_rate_below(const ConvexLaw& h, double t) {
  RateLine line;
  line.m = rate_not_above(h.a4 == 0.0 ? h.c1 : h.slope(t).lo());
  line.intercept = tangent_intercept(h, t, square(line.m));
  line.lo = -t;
  return line;
}

Line chord_above(const ConvexLaw& h, double a, double b) {
  Line line;
  if (h.a4 == 0.0) {  // h is the line itself: exact slope, and an intercept not below h's
    line.slope = h.c1;
    line.intercept = chord_intercept(h, b, b, Ball::exact(h.c1));
    return line;
  }
  line.lo = a;
  line.hi = b;
  if (a >= 0.0) {
    line.slope = (h.value(b) - h.value(a)).mid / std::max(b - a, 1e-300);
    if (!(line.slope >= 0.0)) line.slope = h.c1;
    line.intercept = chord_intercept(h, a, b, Ball::exact(line.slope));
    return line;
  }
  line.slope = capped_slope(h, a, b);
  line.intercept = (h.value(b) - Ball::exact(line.slope) * b).hi();
  return line;
}

RateLine chord_rate_above(const ConvexLaw& h, double a, double b) {
  RateLine line;
  line.lo = a;
  line.hi = b;
  if (a >= 0.0) {
    const double chord = b > a ? (h.value(b) - h.value(a)).mid / (b - a) : h.slope(b).mid;
    line.m = std::sqrt(std::max(chord, 0.0));
    line.intercept = chord_intercept(h, a, b, square(line.m));
    return line;
  }
  line.m = rate_not_above(capped_slope(h, a, b));
  line.intercept = (h.value(b) - square(line.m) * b).hi();
  return line;
}

}  // namespace radbound::detail
