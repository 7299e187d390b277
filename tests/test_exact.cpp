// Specification of the exact method (first integral + double-exponential quadrature), checked
// against the public values of math-notes §7 and closed forms — never against itself.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "radbound/exact.hpp"
#include "references.hpp"

using radbound::BoundaryCondition;
using radbound::ExactOptions;
using radbound::Problem;
using radbound::Solution;
using radbound::solve_exact;
using radbound_test::closed_form_errors;
using radbound_test::fin;
using radbound_test::kPublicFinValues;
using radbound_test::linear_closed_form;
using radbound_test::linear_problem;
using radbound_test::max_error;

namespace {

// Every pair of linear ends with at least one Dirichlet end (exact's domain), both orders.
std::vector<std::pair<BoundaryCondition, BoundaryCondition>> linear_end_pairs() {
  const std::vector<BoundaryCondition> others = {
      BoundaryCondition::dirichlet(0.4),  BoundaryCondition::insulated(),
      BoundaryCondition::flux(0.8),       BoundaryCondition::flux(-1.5),
      BoundaryCondition::convective(3.0), BoundaryCondition::convective(0.2, 1.4)};
  std::vector<std::pair<BoundaryCondition, BoundaryCondition>> pairs;
  for (const auto& other : others) {
    pairs.emplace_back(BoundaryCondition::dirichlet(1.0), other);
    pairs.emplace_back(other, BoundaryCondition::dirichlet(1.0));
  }
  return pairs;
}

}  // namespace

TEST_CASE("exact reproduces the public 20-digit fin values at tol 1e-13", "[exact]") {
  for (const auto& r : kPublicFinValues) {
    const Solution s = solve_exact(fin(r.nr, r.theta_s), {1e-13});
    REQUIRE(s.ok());
    CHECK(s.method == "exact");
    // Node values (tip, base slope) to a relative 1e-15 (measured: below 3e-16); the midpoint,
    // interpolated between nodes, within the tolerance (measured: below 4e-15).
    CHECK(std::fabs(s.u.back() - r.u1) <= 1e-15 * r.u1);
    CHECK(std::fabs(s.du.front() - r.du0) <= 1e-15 * std::fabs(r.du0));
    CHECK(std::fabs(s.value(0.5) - r.u_mid) <= 1e-13);
    CHECK(s.error_estimate <= 1e-13);
  }
}

TEST_CASE("exact reproduces the public convective fin (Nr = 0, Nc = 5, theta_inf = 0.3)",
          "[exact]") {
  Problem p = fin(0.0, 0.0);
  p.nc = 5.0;
  p.theta_inf = 0.3;
  const Solution s = solve_exact(p, {1e-13});
  REQUIRE(s.ok());
  const double m = std::sqrt(5.0);
  CHECK(std::fabs(s.u.back() - (0.3 + 0.7 / std::cosh(m))) <= 1e-15);
  CHECK(std::fabs(s.du.front() - (-0.7 * m * std::tanh(m))) <= 2e-15);
  CHECK(std::fabs(s.value(0.5) - (0.3 + 0.7 * std::cosh(m / 2) / std::cosh(m))) <= 1e-13);
}

TEST_CASE("exact meets its tolerance against closed forms for every linear end pair", "[exact]") {
  // Nr = 0: u'' = Nc (u − θ∞) − Q; with Nc = 0 a parabola. The pairs include profiles crossing
  // the equilibrium, turning inside (Q > 0 humps) and mirrored (flux end on the left).
  for (double nc : {0.0, 0.5, 40.0}) {
    for (double q : {0.0, 3.0, -2.0}) {
      for (const auto& [left, right] : linear_end_pairs()) {
        const Problem p = linear_problem(nc, q, left, right);
        for (double tol : {1e-8, 1e-12}) {
          const Solution s = solve_exact(p, {tol});
          INFO("nc=" << nc << " q=" << q << " " << to_string(left) << " " << to_string(right)
                     << " tol=" << tol << " " << s.message);
          REQUIRE(s.ok());
          const auto errors = closed_form_errors(p, s);
          CHECK(errors.u <= tol);
          CHECK(errors.u <= s.error_estimate + 1e-15);  // the estimate is honest
          CHECK(errors.du0 <= 1e-8);
        }
      }
    }
  }
}

TEST_CASE("exact at Nr = 1e8 has the separatrix base flux sqrt(2 (F(1) - F(theta_s)))", "[exact]") {
  // The tip sits within e^-7000 of the equilibrium θs: the base flux is that of the semi-infinite
  // fin, −sqrt(2 (F(1) − F(θs))), and the profile is θs from the thin layer on.
  for (double theta_s : {0.5, 0.99}) {
    const Problem p = fin(1e8, theta_s);
    const Solution s = solve_exact(p, {1e-10});
    REQUIRE(s.ok());
    const double base_flux = -std::sqrt(2.0 * (p.F(1.0) - p.F(theta_s)));
    CHECK(std::fabs(s.du.front() - base_flux) <= 1e-12 * std::fabs(base_flux));
    CHECK(std::fabs(s.value(0.5) - theta_s) <= 1e-10);
    CHECK(std::fabs(s.u.back() - theta_s) <= 1e-10);
  }
}

TEST_CASE("exact at theta_s near 1 follows the linearised cosh profile", "[exact]") {
  const double theta_s = 0.999999, nr = 2.0;
  const Solution s = solve_exact(fin(nr, theta_s), {1e-13});
  REQUIRE(s.ok());
  CHECK(max_error(s, radbound_test::near_isothermal_fin(nr, theta_s)) <= 1e-11);
}

TEST_CASE("exact with a tiny heat generation moves the classic fin by at most Q x(2-x)/2",
          "[exact]") {
  // −w'' + f'(u) w = 1, w(0) = 0, w'(1) = 0 has 0 ≤ w ≤ x(2−x)/2 (maximum principle): adding Q
  // raises the profile by at most Q/2 and lowers it by none.
  Problem p = fin(1.0, 0.0);
  p.q = 1e-6;
  const Solution s = solve_exact(p, {1e-13});
  REQUIRE(s.ok());
  const double u1 = 0.77914516206145981924;
  CHECK(s.u.back() >= u1);
  CHECK(s.u.back() - u1 <= 0.5e-6);
}

TEST_CASE("exact with huge heat generation matches the closed form (Q = 1e6)", "[exact]") {
  Problem p = fin(0.0, 0.0);
  p.nc = 2.0;
  p.q = 1e6;
  p.right = BoundaryCondition::convective(5.0);
  const Solution s = solve_exact(p, {1e-6});
  REQUIRE(s.ok());
  CHECK(max_error(s, linear_closed_form(p).u) <= 1e-6);
}

TEST_CASE("exact answers two flux-type ends with not_applicable naming fd and shooting",
          "[exact]") {
  Problem p = fin(1.0, 0.0);
  p.left = BoundaryCondition::convective(1.0, 2.0);
  std::string why;
  CHECK_FALSE(radbound::exact_applies(p, &why));
  const Solution s = solve_exact(p);
  CHECK(s.status == radbound::Status::not_applicable);
  CHECK(s.message.find("fd") != std::string::npos);
  CHECK(s.message.find("shooting") != std::string::npos);
  CHECK(s.x.empty());
}

TEST_CASE("exact options name the field they reject", "[exact][validation]") {
  const auto field = [](const ExactOptions& o) {
    try {
      o.check_param();
    } catch (const radbound::ParameterError& e) {
      return e.field();
    }
    return std::string();
  };
  CHECK(field({1e-8}).empty());
  CHECK(field({0.0}) == "tol");
  CHECK(field({1e-8, 4}) == "max_nodes");
}

TEST_CASE("exact on a stiff plateau counts the rounding of u'' = f(u) its interpolant carries",
          "[exact]") {
  // The quadrature places few nodes where the profile rests at the equilibrium; the interpolant
  // carries the rounding of u'' = f(u) at them across those cells as h²/32 of it. Once: errors up
  // to 6.6e-11 at tol 1e-12 with estimates of 3e-13 (Nc = 1e6), 6.4e-13 at tol 1e-13 (Nr = 1e8).
  SECTION("linear plateaus (Nc = 1e6 and 1e7, Q = 0.1 Nc: c = 0.4) against the closed form") {
    // The last cell of the layer reaches far onto the plateau; its interpolant, given the
    // curvature κ²δ of the layer's end, once overshot by 1.6e-8 at tol 1e-9 (estimate 3.2e-10).
    const std::vector<std::pair<BoundaryCondition, BoundaryCondition>> ends = {
        {BoundaryCondition::dirichlet(1.0), BoundaryCondition::insulated()},
        {BoundaryCondition::dirichlet(0.4000001), BoundaryCondition::convective(3.0)},
        {BoundaryCondition::dirichlet(0.4), BoundaryCondition::dirichlet(0.4)}};
    for (double nc : {1e6, 1e7}) {
      for (const auto& [left, right] : ends) {
        for (double tol : {1e-9, 1e-12, 1e-13}) {
          const Problem p = linear_problem(nc, 0.1 * nc, left, right);
          const Solution s = solve_exact(p, {tol});
          INFO("nc " << nc << " " << to_string(left) << " " << to_string(right) << " tol " << tol
                     << " " << s.message);
          REQUIRE(s.ok());
          const double error = max_error(s, linear_closed_form(p).u);
          CHECK(error <= s.error_estimate);  // measured: 1.2e-10 against 3.2e-10 at tol 1e-9
          CHECK(error <= tol);
        }
      }
    }
  }
  SECTION("Nr = 1.36e7 with the base at the sink temperature: u = theta_s exactly") {
    Problem p = fin(1.36e7, 0.916);
    p.left = BoundaryCondition::dirichlet(0.916);
    p.right = BoundaryCondition::radiative(1.0);
    const Solution s = solve_exact(p, {1e-13});
    REQUIRE(s.ok());
    CHECK(max_error(s, [&](double) { return p.theta_s; }) <= s.error_estimate);
  }
}
