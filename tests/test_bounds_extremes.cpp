// Specification of the bounds at the edges of double precision, where rounding rather than the
// mathematics decides: each case is one a referee found, with a reference that does not come from
// the library (long double arithmetic or a closed form).
#include <catch2/catch.hpp>

#include <cmath>

#include "radbound/bounds.hpp"

using radbound::BoundaryCondition;
using radbound::Bounds;
using radbound::Problem;

TEST_CASE("the semi-infinite fin lower bound stays below the fin profile where 1 + c x is huge",
          "[bounds]") {
  // Nr = 1e200 makes c = 3 sqrt(Nr / 10) about 9.5e99. The profile (1 + c x)^(-2/3) with the
  // smallest admissible c is itself a sub-solution, and here the solution lies within 1e-30
  // (relative) of it, so no valid lower bound can exceed it by more than that. A power taken
  // with the double nearest -2/3 overshoots it by about (u/3) ln(1 + c x), 40u at 1 + c x = 1e90.
  Problem p;
  p.nr = 1e200;
  p.q = 1e-90;
  const Bounds b = radbound::bounds(p);
  const long double c = 3.0L * std::sqrt(static_cast<long double>(p.nr) / 10.0L);
  for (double stretch : {1e30, 1e60, 1e90}) {
    const double x = static_cast<double>((stretch - 1.0L) / c);
    const long double profile = std::pow(1.0L + c * x, -2.0L / 3.0L);
    INFO("1 + c x = " << stretch);
    REQUIRE(b.lower(x).has_value());
    CHECK(static_cast<long double>(*b.lower(x)) <= profile * (1.0L + 1e-17L));
  }
}

TEST_CASE("a source whose terms all underflow is not taken for an exact zero", "[bounds]") {
  // f(u) = 1e-200 (u^4 - 1e-160) is negative (about -1e-360) at u = 1e-41 although every term
  // underflows in double, so u'' < 0: u is strictly concave between equal end values and lies
  // above them inside. An upper bound equal to the end value would be false.
  Problem p;
  p.nr = 1e-200;
  p.theta_s = 1e-40;
  p.left = BoundaryCondition::dirichlet(1e-41);
  p.right = BoundaryCondition::dirichlet(1e-41);
  const Bounds b = radbound::bounds(p);
  const auto upper = b.upper(0.5);
  if (upper) CHECK(*upper > 1e-41);
}

TEST_CASE("a radiation number below the smallest certified rate still gets tight bounds",
          "[bounds]") {
  // With Nr this small the problem is u'' = -Q to within 1e-240: u = 1 + Q (x - x^2 / 2), so
  // u(1) = 1.5 for Q = 1 and the bounds must pinch it (they did to 4e-12 before the a-priori
  // rounding bounds, which would otherwise reject the rates sqrt(4 Nr u^3) < 2^-400).
  for (double nr : {1e-250, 1e-300, 5e-324}) {
    Problem p;
    p.nr = nr;
    p.q = 1.0;
    const Bounds b = radbound::bounds(p);
    INFO("Nr = " << nr);
    REQUIRE(b.lower(1.0).has_value());
    REQUIRE(b.upper(1.0).has_value());
    CHECK(*b.lower(1.0) <= 1.5);
    CHECK(1.5 <= *b.upper(1.0));
    REQUIRE(b.max_gap().has_value());
    CHECK(*b.max_gap() < 1e-10);
  }
}

TEST_CASE("a sum of two doubles rounds to a positive number exactly when it is positive",
          "[bounds]") {
  // The comparison functions' range test skips the interior-extremum search where fl(p + r) <= 0
  // for a slope ball (p, r) (docs/bounds.md section 9, R3), relying on this: the exact sum is a
  // multiple of 2^-1074 and so never rounds to zero. A build that flushes subnormal results to
  // zero would break it; the reference is the exact comparison p > -r.
  const double tiny = std::ldexp(1.0, -1074), least_normal = std::ldexp(1.0, -1022);
  const double cases[][2] = {{tiny, 0.0},
                             {tiny, -0.0},
                             {2 * tiny, -tiny},
                             {least_normal, -least_normal + tiny},
                             {least_normal + tiny, -least_normal},
                             {-least_normal, least_normal - tiny},
                             {1.0, -1.0},
                             {1.0 + std::ldexp(1.0, -52), -1.0},
                             {3 * tiny, -least_normal}};
  for (const auto& c : cases) {
    volatile double p = c[0], r = c[1];  // computed at run time, as in the library
    const double sum = p + r;
    INFO("p = " << p << ", r = " << r);
    CHECK((sum > 0.0) == (p > -r));
    CHECK((sum < 0.0) == (p < -r));
  }
}
