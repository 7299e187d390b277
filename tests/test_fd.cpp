// Specification of the finite-difference solver against independent references.
#include <catch2/catch.hpp>

#include <cmath>

#include "radbound/fd.hpp"

using radbound::FdOptions;
using radbound::Problem;
using radbound::Solution;

namespace {

struct Reference {
  double u_half, u_tip, slope_base;
};

void require_meets(const Solution& s, const Reference& ref) {
  REQUIRE(s.ok());
  CHECK(std::fabs(s.value(0.5) - ref.u_half) <= 1e-10);
  CHECK(std::fabs(s.u.back() - ref.u_tip) <= 1e-10);
  CHECK(std::fabs(s.du.front() / ref.slope_base - 1.0) <= 1e-8);
}

}  // namespace

TEST_CASE("fd meets the public reference values of math-notes section 7 at tol 1e-10", "[fd]") {
  FdOptions options;
  options.tol = 1e-10;
  SECTION("Nr = 1, theta_s = 0") {
    Problem p;
    require_meets(solve_fd(p, options), {0.82712541866088615805, 0.77914516206145981924,
                                         -0.53398921072543626712});
  }
  SECTION("Nr = 10, theta_s = 0.5") {
    Problem p;
    p.nr = 10.0;
    p.theta_s = 0.5;
    require_meets(solve_fd(p, options), {0.62481519958953915480, 0.56604408245764727456,
                                         -1.7958604874617909267});
  }
  SECTION("pure convection, Nc = 5, theta_inf = 0.3 (closed form)") {
    Problem p;
    p.nr = 0.0;
    p.nc = 5.0;
    p.theta_inf = 0.3;
    const double m = std::sqrt(5.0);
    require_meets(solve_fd(p, options), {0.3 + 0.7 * std::cosh(m / 2) / std::cosh(m),
                                         0.3 + 0.7 / std::cosh(m), -0.7 * m * std::tanh(m)});
  }
}
