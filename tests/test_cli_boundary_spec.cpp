// Boundary specs with grids inside (SPEC §1-2): kinds, arity, product order of their arguments.
#include <catch2/catch.hpp>
#include <cmath>

#include "boundary_spec.hpp"
#include "grid.hpp"

using radbound::BoundaryCondition;
using radbound::BoundaryKind;
using radbound::cli::parse_boundary_grid;
using radbound::cli::SyntaxError;

TEST_CASE("each kind takes its arguments", "[cli][boundary]") {
  const auto d = parse_boundary_grid("dirichlet:0.5");
  REQUIRE(d.size() == 1);
  CHECK(d[0].kind == BoundaryKind::dirichlet);
  CHECK(d[0].value == 0.5);
  const auto i = parse_boundary_grid("insulated");
  REQUIRE(i.size() == 1);
  CHECK(i[0].kind == BoundaryKind::insulated);
  const auto f = parse_boundary_grid("flux:-2");
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == BoundaryKind::flux);
  CHECK(f[0].value == -2);
  const auto c = parse_boundary_grid("convective:3");
  REQUIRE(c.size() == 1);
  CHECK(c[0].kind == BoundaryKind::convective);
  CHECK(c[0].value == 3);
  CHECK(c[0].has_default_theta());
  const auto r = parse_boundary_grid("radiative:0.5:0.2");
  REQUIRE(r.size() == 1);
  CHECK(r[0].kind == BoundaryKind::radiative);
  CHECK(r[0].value == 0.5);
  CHECK(r[0].theta == 0.2);
}

TEST_CASE("commas belong to the grid of their argument", "[cli][boundary]") {
  const auto list = parse_boundary_grid("convective:0.1,0.2:0.3");
  REQUIRE(list.size() == 2);
  CHECK(list[0].value == 0.1);
  CHECK(list[1].value == 0.2);
  CHECK(list[0].theta == 0.3);
  CHECK(list[1].theta == 0.3);
  const auto sequence = parse_boundary_grid("convective:linspace(0,2,5)");
  REQUIRE(sequence.size() == 5);
  for (std::size_t k = 0; k < 5; ++k) CHECK(sequence[k].value == 0.5 * static_cast<double>(k));
  CHECK(sequence[4].has_default_theta());
}

TEST_CASE("later arguments of a spec vary fastest", "[cli][boundary]") {
  const auto ends = parse_boundary_grid("radiative:1,2:linspace(0.1,0.2,2)");
  REQUIRE(ends.size() == 4);
  CHECK((ends[0].value == 1 && ends[0].theta == 0.1));
  CHECK((ends[1].value == 1 && ends[1].theta == 0.2));
  CHECK((ends[2].value == 2 && ends[2].theta == 0.1));
  CHECK((ends[3].value == 2 && ends[3].theta == 0.2));
}

TEST_CASE("unknown kinds, wrong arity and malformed arguments are refused", "[cli][boundary]") {
  for (const char* text :
       {"robin:1", "Dirichlet:1", "", "dirichlet", "dirichlet:1:2", "insulated:0", "flux",
        "flux:1:2", "convective", "convective:1:2:3", "radiative:1:2:3",
        "dirichlet:", "convective:1:", "dirichlet:abc", "convective:linspace(0,1)"}) {
    INFO("spec '" << text << "'");
    CHECK_THROWS_AS(parse_boundary_grid(text), SyntaxError);
  }
  CHECK_THROWS_WITH(parse_boundary_grid("robin:1"),
                    Catch::Contains("accepted are dirichlet:V, insulated, flux:G"));
  CHECK_THROWS_WITH(parse_boundary_grid("convective:1:2:3"),
                    Catch::Contains("accepted is convective:BI[:THETA]"));
}
