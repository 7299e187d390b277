// Specification of the model: f, f', F, outward fluxes, and parameter validation.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "radbound/problem.hpp"

using radbound::BoundaryCondition;
using radbound::ParameterError;
using radbound::Problem;

namespace {

Problem sample_problem() {
  Problem p;
  p.nr = 2.0;
  p.theta_s = 0.5;
  p.nc = 3.0;
  p.theta_inf = 0.25;
  p.q = 0.75;
  return p;
}

std::string field_of_error(const Problem& p) {
  try {
    p.check_param();
  } catch (const ParameterError& e) {
    return e.field();
  }
  return "";
}

}  // namespace

TEST_CASE("f is the radiation, convection and generation balance", "[model]") {
  const Problem p = sample_problem();
  // 2 (0.8^4 - 0.5^4) + 3 (0.8 - 0.25) - 0.75 = 2*0.3471 + 1.65 - 0.75
  CHECK(p.f(0.8) == Approx(0.6942 + 1.65 - 0.75).epsilon(1e-15));
  CHECK(p.df(0.8) == Approx(4 * 2 * 0.512 + 3).epsilon(1e-15));
}

TEST_CASE("F is a primitive of f (central differences agree)", "[model]") {
  const Problem p = sample_problem();
  for (double u : {0.0, 0.3, 1.0, 1.7}) {
    const double h = 1e-5;
    CHECK((p.F(u + h) - p.F(u - h)) / (2 * h) == Approx(p.f(u)).epsilon(1e-9));
  }
  CHECK(p.F(0.0) == 0.0);
}

TEST_CASE("f stays increasing below zero so Newton iterates never meet a non-monotone model",
          "[model]") {
  const Problem p = sample_problem();
  CHECK(p.f(-0.5) < p.f(-0.4));
  CHECK(p.df(-0.5) > 0.0);
}

TEST_CASE("outward fluxes follow the boundary kind and default ambient", "[model]") {
  const Problem p = sample_problem();
  CHECK(p.outward_flux(BoundaryCondition::insulated(), 0.9) == 0.0);
  CHECK(p.outward_flux(BoundaryCondition::flux(1.5), 0.9) == 1.5);
  CHECK(p.outward_flux(BoundaryCondition::convective(2.0), 0.75) == Approx(2.0 * 0.5));
  CHECK(p.outward_flux(BoundaryCondition::convective(2.0, 0.5), 0.75) == Approx(0.5));
  CHECK(p.outward_flux(BoundaryCondition::radiative(2.0), 1.0) == Approx(2.0 * (1 - 0.0625)));
  CHECK(p.outward_flux(BoundaryCondition::radiative(2.0, 1.0), 1.0) == 0.0);
  CHECK(p.outward_flux_slope(BoundaryCondition::radiative(2.0), 0.5) == Approx(1.0));
}

TEST_CASE("boundary specs print canonically", "[model]") {
  CHECK(to_string(BoundaryCondition::dirichlet(1.0)) == "dirichlet:1");
  CHECK(to_string(BoundaryCondition::insulated()) == "insulated");
  CHECK(to_string(BoundaryCondition::convective(0.5)) == "convective:0.5");
  // SPEC §2's example row: the shortest text that reads back as the same double.
  CHECK(to_string(BoundaryCondition::convective(0.5, 0.3)) == "convective:0.5:0.3");
  CHECK(to_string(BoundaryCondition::radiative(1.0 / 3.0)) == "radiative:0.3333333333333333");
}

TEST_CASE("validation names the field that is out of range", "[model][validation]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  Problem p;
  CHECK(field_of_error(p).empty());
  p.nr = -1;
  CHECK(field_of_error(p) == "nr");
  p = Problem{};
  p.theta_s = nan;
  CHECK(field_of_error(p) == "theta_s");
  p = Problem{};
  p.nc = inf;
  CHECK(field_of_error(p) == "nc");
  p = Problem{};
  p.theta_inf = -0.1;
  CHECK(field_of_error(p) == "theta_inf");
  p = Problem{};
  p.q = nan;
  CHECK(field_of_error(p) == "q");
  p = Problem{};
  p.left = BoundaryCondition::dirichlet(-1);
  CHECK(field_of_error(p) == "left");
  p = Problem{};
  p.right = BoundaryCondition::radiative(-2);
  CHECK(field_of_error(p) == "right");
  p = Problem{};
  p.right = BoundaryCondition::convective(1, -0.5);
  CHECK(field_of_error(p) == "right");
}

TEST_CASE("a problem without a unique solution is refused", "[model][validation]") {
  Problem p;
  p.nr = 0;
  p.left = BoundaryCondition::insulated();
  p.right = BoundaryCondition::flux(1.0);
  CHECK(field_of_error(p) == "problem");
  p.right = BoundaryCondition::convective(0.0);
  CHECK(field_of_error(p) == "problem");
  p.right = BoundaryCondition::convective(0.1);
  CHECK(field_of_error(p).empty());
  p.right = BoundaryCondition::flux(1.0);
  p.nc = 1e-3;
  CHECK(field_of_error(p).empty());
}

TEST_CASE("the error message names the value and the accepted range", "[model][validation]") {
  Problem p;
  p.nr = -2.5;
  try {
    p.check_param();
    FAIL("no error");
  } catch (const ParameterError& e) {
    const std::string what = e.what();
    CHECK(what.find("nr") != std::string::npos);
    CHECK(what.find("-2.5") != std::string::npos);
    CHECK(what.find(">= 0") != std::string::npos);
  }
}
