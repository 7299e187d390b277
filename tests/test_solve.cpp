// Specification of the solve entry point and the sweep-row summary.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "radbound/solve.hpp"
#include "random_problems.hpp"

using radbound::BoundaryCondition;
using radbound::Method;
using radbound::Problem;

namespace {

Problem convective_fin(double nc) {
  Problem p;
  p.nr = 0.0;
  p.nc = nc;
  return p;
}

}  // namespace

TEST_CASE("fin efficiency of a convective fin with insulated tip is tanh(m)/m", "[solve]") {
  for (double nc : {0.01, 1.0, 25.0}) {
    const Problem p = convective_fin(nc);
    const auto summary = radbound::summarize(p, radbound::solve(p, {Method::fd, 1e-11}));
    const double m = std::sqrt(nc);
    REQUIRE(summary.efficiency);
    CHECK(*summary.efficiency == Approx(std::tanh(m) / m).epsilon(1e-9));
  }
}

TEST_CASE("fin efficiency counts the heat lost through a convective tip", "[solve]") {
  // u'' = m^2 u, u(0) = 1, -u'(1) = bi u(1): base heat flow m (sinh m + (bi/m) cosh m) /
  // (cosh m + (bi/m) sinh m); the ideal fin loses m^2 + bi.
  Problem p = convective_fin(4.0);
  p.right = BoundaryCondition::convective(0.5);
  const double m = 2.0, b = 0.5 / m;
  const double heat = m * (std::sinh(m) + b * std::cosh(m)) / (std::cosh(m) + b * std::sinh(m));
  const auto summary = radbound::summarize(p, radbound::solve(p, {Method::fd, 1e-11}));
  REQUIRE(summary.efficiency);
  CHECK(*summary.efficiency == Approx(heat / (m * m + 0.5)).epsilon(1e-9));
}

TEST_CASE("efficiency is empty where the left end is not a fin base", "[solve]") {
  Problem p;
  p.left = BoundaryCondition::convective(1.0, 2.0);
  const auto summary = radbound::summarize(p, radbound::solve(p, {Method::fd, 1e-8}));
  CHECK(summary.status == radbound::Status::ok);
  CHECK_FALSE(summary.efficiency);
  p = Problem{};
  p.right = BoundaryCondition::dirichlet(0.5);
  CHECK_FALSE(radbound::summarize(p, radbound::solve(p, {Method::fd, 1e-8})).efficiency);
}

TEST_CASE("a solution below absolute zero is flagged unphysical and prints no numbers",
          "[solve]") {
  // u'' = 0 with u(0) = 1 and 2 units of heat drawn out at the tip: u = 1 - 2x < 0 past x = 1/2.
  Problem p;
  p.nr = 0.0;
  p.right = BoundaryCondition::flux(2.0);
  const auto result = radbound::solve(p, {Method::fd, 1e-8});
  CHECK(result.solution.status == radbound::Status::unphysical);
  const auto summary = radbound::summarize(p, result);
  CHECK(summary.status == radbound::Status::unphysical);
  CHECK_FALSE(summary.u1);
  CHECK_FALSE(summary.du0);
}

TEST_CASE("method none gives bounds and no numerical values", "[solve]") {
  const Problem p;
  const auto summary = radbound::summarize(p, radbound::solve(p, {Method::none, 1e-8}));
  CHECK(summary.status == radbound::Status::ok);
  CHECK_FALSE(summary.u1);
  REQUIRE(summary.u1_lo);
  REQUIRE(summary.u1_hi);
  // The public value u(1) = 0.77914516206145981924 for Nr = 1, theta_s = 0.
  CHECK(*summary.u1_lo <= 0.77914516206145981924);
  CHECK(*summary.u1_hi >= 0.77914516206145981924);
}

TEST_CASE("an invalid problem or tolerance is refused before any work", "[solve]") {
  Problem p;
  p.nr = -1.0;
  CHECK_THROWS_AS(radbound::solve(p, {Method::fd, 1e-8}), radbound::ParameterError);
  CHECK_THROWS_AS(radbound::solve(Problem{}, {Method::fd, 0.0}), radbound::ParameterError);
}

TEST_CASE("every method's solution has u'' = f(u) at every node, to the last bit", "[solve]") {
  // Solution::value interpolates with these u'' (and a sweep starts its next point from them):
  // they are the equation's, whichever method solved and wherever its end values were finished.
  std::mt19937 rng(5);
  int checked = 0;
  for (int k = 0; k < 12; ++k) {
    const Problem p = radbound_test::random_problem(rng);
    for (Method m : {Method::automatic, Method::fd, Method::shooting, Method::exact}) {
      const auto s = radbound::solve(p, {m, 1e-8}).solution;
      if (!s.ok()) continue;
      INFO(radbound::to_string(m) << " on problem " << k);
      REQUIRE(s.d2u.size() == s.u.size());
      for (std::size_t i = 0; i < s.u.size(); ++i) CHECK(s.d2u[i] == p.f(s.u[i]));
      ++checked;
    }
  }
  CHECK(checked >= 20);
}

TEST_CASE("no method hands back a non-finite value as ok", "[solve]") {
  // Everything at ambient 0: the solution is u = 0, a degenerate case for every method.
  Problem p;
  p.nr = 7.98;
  p.left = BoundaryCondition::radiative(17.27);
  for (Method m : {Method::automatic, Method::fd, Method::shooting, Method::exact}) {
    const auto s = radbound::solve(p, {m, 1e-8}).solution;
    if (!s.ok()) continue;
    INFO(radbound::to_string(m));
    CHECK(std::abs(s.value(0.5)) <= 1e-8);
    CHECK(std::abs(s.slope(0.0)) <= 1e-8);
  }
}

TEST_CASE("a recycled solution lends its storage, never its values, to the next solutions",
          "[solve]") {
  // A sweep recycles its previous point's solution: the next solutions reuse those vectors. Spares
  // of every size, full of NaNs, must leave each solution exactly as a solve without them gives it.
  std::mt19937 rng(8);
  int compared = 0;
  for (int k = 0; k < 8; ++k) {
    const Problem p = radbound_test::random_problem(rng);
    for (Method m : {Method::automatic, Method::fd, Method::shooting, Method::exact}) {
      radbound::Solution fresh;  // solved on a new thread, where nothing was ever recycled
      std::thread([&] { fresh = radbound::solve(p, {m, 1e-8}).solution; }).join();
      for (std::size_t size : {std::size_t{3}, std::size_t{4000}}) {
        radbound::Solution spent;
        for (std::vector<double>* v : {&spent.x, &spent.u, &spent.du, &spent.d2u})
          v->assign(size, std::nan(""));
        radbound::recycle(std::move(spent));
      }
      const radbound::Solution reused = radbound::solve(p, {m, 1e-8}).solution;
      INFO(radbound::to_string(m) << " on problem " << k);
      REQUIRE(reused.status == fresh.status);
      CHECK(reused.error_estimate == fresh.error_estimate);
      CHECK(reused.x == fresh.x);
      CHECK(reused.u == fresh.u);
      CHECK(reused.du == fresh.du);
      CHECK(reused.d2u == fresh.d2u);
      compared += fresh.ok();
    }
  }
  CHECK(compared >= 16);
}
