// Specification of the shooting method (Boost.Odeint), checked against the public values of
// math-notes §7 and closed forms — never against itself.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "radbound/exact.hpp"
#include "radbound/shooting.hpp"
#include "references.hpp"

using radbound::BoundaryCondition;
using radbound::Problem;
using radbound::ShootingOptions;
using radbound::Solution;
using radbound::solve_shooting;
using radbound_test::closed_form_errors;
using radbound_test::fin;
using radbound_test::kPublicFinValues;
using radbound_test::linear_closed_form;
using radbound_test::linear_problem;
using radbound_test::max_error;

namespace {

// Every pair of linear ends, flux-type at both ends included (shooting's own domain).
std::vector<std::pair<BoundaryCondition, BoundaryCondition>> linear_end_pairs() {
  const std::vector<BoundaryCondition> ends = {
      BoundaryCondition::dirichlet(1.0),  BoundaryCondition::dirichlet(0.4),
      BoundaryCondition::insulated(),     BoundaryCondition::flux(-1.5),
      BoundaryCondition::convective(3.0), BoundaryCondition::convective(0.2, 1.4)};
  std::vector<std::pair<BoundaryCondition, BoundaryCondition>> pairs;
  for (const auto& l : ends)
    for (const auto& r : ends) pairs.emplace_back(l, r);
  return pairs;
}

}  // namespace

TEST_CASE("shooting reproduces the public 20-digit fin values at tol 1e-12", "[shooting]") {
  for (const auto& r : kPublicFinValues) {
    const Solution s = solve_shooting(fin(r.nr, r.theta_s), {1e-12});
    REQUIRE(s.ok());
    CHECK(s.method == "shooting");
    // Measured: u within 5e-15, u'(0) within 8e-14 relative.
    CHECK(std::fabs(s.u.back() - r.u1) <= 1e-12);
    CHECK(std::fabs(s.value(0.5) - r.u_mid) <= 1e-12);
    CHECK(std::fabs(s.du.front() - r.du0) <= 1e-12 * std::fabs(r.du0));
  }
}

TEST_CASE("shooting meets its tolerance against closed forms for every linear end pair",
          "[shooting]") {
  // Nr = 0 with Nc > 0 (Nc = 0 with two flux-type ends has no unique solution); the pairs
  // include two flux-type ends, mirrored flux ends and humps (Q > 0).
  for (double nc : {0.5, 40.0}) {
    for (double q : {0.0, 3.0}) {
      for (const auto& [left, right] : linear_end_pairs()) {
        const Problem p = linear_problem(nc, q, left, right);
        const double tol = 1e-10;
        const Solution s = solve_shooting(p, {tol});
        INFO("nc=" << nc << " q=" << q << " " << to_string(left) << " " << to_string(right) << " "
                   << s.message);
        REQUIRE(s.ok());
        const auto errors = closed_form_errors(p, s);
        CHECK(errors.u <= tol);
        CHECK(errors.u <= s.error_estimate + 1e-15);  // the estimate is honest
        CHECK(errors.du0 <= 1e-8);
      }
    }
  }
}

TEST_CASE("shooting with Nr = Nc = 0 shoots the parabola on the slope", "[shooting]") {
  Problem p = fin(0.0, 0.0);
  p.q = 3.0;
  p.right = BoundaryCondition::dirichlet(2.0);
  const Solution s = solve_shooting(p, {1e-12});
  REQUIRE(s.ok());
  CHECK(max_error(s, linear_closed_form(p).u) <= 1e-12);
}

TEST_CASE("shooting at Nr = 1e8 has the separatrix base flux sqrt(2 (F(1) - F(theta_s)))",
          "[shooting]") {
  for (double theta_s : {0.5, 0.99}) {
    const Problem p = fin(1e8, theta_s);
    const Solution s = solve_shooting(p, {1e-10});
    REQUIRE(s.ok());
    const double base_flux = -std::sqrt(2.0 * (p.F(1.0) - p.F(theta_s)));
    CHECK(std::fabs(s.du.front() - base_flux) <= 1e-10 * std::fabs(base_flux));
    CHECK(std::fabs(s.value(0.5) - theta_s) <= 1e-10);
  }
}

TEST_CASE("shooting at theta_s near 1 follows the linearised cosh profile", "[shooting]") {
  const double theta_s = 0.999999, nr = 2.0;
  const Solution s = solve_shooting(fin(nr, theta_s), {1e-12});
  REQUIRE(s.ok());
  CHECK(max_error(s, radbound_test::near_isothermal_fin(nr, theta_s)) <= 1e-11);
}

TEST_CASE("shooting with huge heat generation between two flux ends matches the closed form",
          "[shooting]") {
  // Q = 1e6 lifts u to ~4e5: tol is absolute.
  const Problem p =
      linear_problem(1.0, 1e6, BoundaryCondition::convective(5.0), BoundaryCondition::insulated());
  const Solution s = solve_shooting(p, {1e-6});
  REQUIRE(s.ok());
  CHECK(closed_form_errors(p, s).u <= 1e-6);
}

TEST_CASE("shooting through a thin layer at the flux end pins its temperature", "[shooting]") {
  // Nc = 1e4 with the convective tip's ambient far from θ∞: a layer of width 1e-2 at each end
  // around a flat stretch; shots from the tip diverge before the base.
  Problem p = fin(0.0, 0.0);
  p.nc = 1e4;
  p.theta_inf = 0.5;
  p.right = BoundaryCondition::convective(50.0, 0.0);
  const Solution s = solve_shooting(p, {1e-9});
  REQUIRE(s.ok());
  CHECK(max_error(s, linear_closed_form(p).u) <= 1e-9);
}

TEST_CASE("shooting stops runaway trials instead of overflowing (flux 1e3 drawn at the tip)",
          "[shooting]") {
  // u(1) is far below zero: every trial above it blows up within the interval.
  Problem p = fin(0.0, 0.0);
  p.nc = 1.0;
  p.right = BoundaryCondition::flux(1e3);
  const Solution s = solve_shooting(p, {1e-8});
  REQUIRE(s.ok());
  const double scale = 1e3;
  CHECK(max_error(s, linear_closed_form(p).u) <= 1e-8 * scale);
}

TEST_CASE("shooting keeps the steps it refines valid (Nr = 1e6, radiative tip, once a crash)",
          "[shooting]") {
  // Refining a step inserted a node into the trajectory while the step's start was still read
  // through a reference into it. Reference: the first-integral quadrature (exact) at 1e-12.
  Problem p;
  p.nr = 1e6;
  p.theta_s = 0.6;
  p.nc = 0.8;
  p.theta_inf = 0.3;
  p.q = 0.4;
  p.left = BoundaryCondition::dirichlet(1.3);
  p.right = BoundaryCondition::radiative(1.5, 0.4);
  const Solution s = solve_shooting(p, {1e-10});
  const Solution reference = radbound::solve_exact(p, {1e-12});
  REQUIRE(s.ok());
  REQUIRE(reference.ok());
  for (double x : {0.0, 0.5, 1.0}) CHECK(std::fabs(s.value(x) - reference.value(x)) <= 1e-10);
  CHECK(std::fabs(s.slope(0.0) / reference.slope(0.0) - 1.0) <= 1e-8);
}

TEST_CASE("shooting options name the field they reject", "[shooting][validation]") {
  try {
    ShootingOptions{-1.0}.check_param();
    FAIL("accepted a negative tolerance");
  } catch (const radbound::ParameterError& e) {
    CHECK(e.field() == "tol");
  }
}

TEST_CASE("shooting on a stiff plateau counts the rounding of u'' = f(u) its interpolant carries",
          "[shooting]") {
  // The interpolant takes u'' = f(u) computed at each node; across a long cell on a plateau,
  // f' times one ulp of u (and the rounding of f itself) is carried as h²/32 of it. Once returned
  // with two nodes and u(0.5) low by 1.4e-10 (estimate 3.6e-15); the linear case by 1.1e-11.
  SECTION("radiative ends at the sink temperature: u = theta_s exactly") {
    Problem p = fin(1.36e7, 0.916);
    p.left = BoundaryCondition::radiative(1.0);
    p.right = BoundaryCondition::radiative(1.0);
    const double tol = 1e-13;
    const Solution s = solve_shooting(p, {tol});
    REQUIRE(s.ok());
    const double error = max_error(s, [&](double) { return p.theta_s; });
    CHECK(error <= s.error_estimate);  // measured: 1.1e-16 against 1.6e-14
    CHECK(error <= tol);
  }
  SECTION("Nc = 1e7, Q = 1e6: a linear plateau at c = 0.4, which f does not reach in doubles") {
    const Problem p = linear_problem(1e7, 1e6, BoundaryCondition::dirichlet(0.4),
                                     BoundaryCondition::dirichlet(0.4));
    for (double tol : {1e-12, 1e-13}) {
      const Solution s = solve_shooting(p, {tol});
      REQUIRE(s.ok());
      const double error = max_error(s, linear_closed_form(p).u);
      CHECK(error <= s.error_estimate);  // measured: 2.1e-15 against 1.3e-13 at tol 1e-12
      CHECK(error <= tol);
    }
  }
}

TEST_CASE("shooting at Nr = 1e100 ends with a status, not an endless closed-form march",
          "[shooting]") {
  // sqrt(f') = 2e50 makes the equilibrium's closed-form steps 1e-50 long: before the march had a
  // step budget there, this solve ran for minutes and took gigabytes of nodes.
  Problem p{1e100, 1.0};
  p.left = BoundaryCondition::radiative(1.0);
  p.right = BoundaryCondition::radiative(2.0, 1.0);
  const radbound::Solution s = radbound::solve_shooting(p, ShootingOptions{1e-8});
  CHECK_FALSE(s.ok());
  CHECK_THAT(s.message, Catch::Contains("tolerance 1e-08"));
}
