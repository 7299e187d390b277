// The GRID grammar (SPEC §2): values equal numpy's, malformed grids refused with a reason.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "grid.hpp"

using radbound::cli::parse_grid;
using radbound::cli::SyntaxError;

namespace {

// Reference values printed by numpy 1.24 (np.linspace/logspace/geomspace, "%.17g") on its generic
// code path (NPY_DISABLE_CPU_FEATURES="AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL
// AVX512_ICL"), which calls the correctly rounded libm; numpy's AVX-512 path rounds 10^x
// differently in the last bit (it gives 0.09999999999999999 for geomspace(1e-2,1e2,41)[10]).
void require_exactly(const std::vector<double>& got, const std::vector<double>& numpy) {
  REQUIRE(got.size() == numpy.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("element " << i);
    CHECK(got[i] == numpy[i]);
  }
}

}  // namespace

TEST_CASE("a grid may be one number or a list of numbers", "[cli][grid]") {
  require_exactly(parse_grid("0.5"), {0.5});
  require_exactly(parse_grid("0.1,1,10"), {0.1, 1, 10});
  require_exactly(parse_grid(" -2 , +3e-2,1E3 "), {-2, 0.03, 1000});
}

TEST_CASE("linspace gives numpy's values bit for bit, the end value exactly", "[cli][grid]") {
  require_exactly(
      parse_grid("linspace(0.1,0.7,13)"),
      {0.10000000000000001, 0.14999999999999999, 0.20000000000000001, 0.25, 0.29999999999999999,
       0.34999999999999998, 0.40000000000000002, 0.44999999999999996, 0.5, 0.54999999999999993,
       0.59999999999999998, 0.64999999999999991, 0.69999999999999996});
  require_exactly(
      parse_grid("linspace(-3, 11, 7)"),
      {-3, -0.66666666666666652, 1.666666666666667, 4, 6.3333333333333339, 8.6666666666666679, 11});
  require_exactly(parse_grid("linspace(2,2,3)"), {2, 2, 2});
  require_exactly(parse_grid("linspace(5,9,1)"), {5});
}

TEST_CASE("logspace gives 10^a .. 10^b as numpy does", "[cli][grid]") {
  require_exactly(parse_grid("logspace(0.5,2.25,8)"),
                  {3.1622776601683795, 5.6234132519034912, 10, 17.782794100389228,
                   31.622776601683793, 56.234132519034908, 100, 177.82794100389228});
}

TEST_CASE("geomspace gives numpy's values with both ends exact", "[cli][grid]") {
  require_exactly(
      parse_grid("geomspace(0.3,70,9)"),
      {0.29999999999999999, 0.59308692917399142, 1.1725070185234507, 2.317995290170086,
       4.5825756949558389, 9.0595524887624297, 17.91034055083567, 35.407962925851812, 70});
  require_exactly(parse_grid("geomspace(-1,-1000,4)"), {-1, -10, -100, -1000});
  const std::vector<double> peer = parse_grid("geomspace(1e-2,1e2,41)");
  REQUIRE(peer.size() == 41);
  CHECK(peer[0] == 0.01);
  CHECK(peer[10] == 0.1);
  CHECK(peer[11] == 0.12589254117941676);
  CHECK(peer[29] == 7.9432823472428211);
  CHECK(peer[40] == 100);
}

TEST_CASE("grid items concatenate in order", "[cli][grid]") {
  require_exactly(parse_grid("0,linspace(1,2,3),geomspace(10,1000,3)"),
                  {0, 1, 1.5, 2, 10, 100, 1000});
}

TEST_CASE("non-finite numbers are read, for the model to refuse as invalid values", "[cli][grid]") {
  CHECK(std::isnan(parse_grid("nan")[0]));
  CHECK(std::isinf(parse_grid("inf")[0]));
  CHECK(std::isinf(parse_grid("1e999")[0]));
}

TEST_CASE("malformed grids are refused", "[cli][grid]") {
  for (const char* text : {"",
                           " ",
                           "abc",
                           "1 2",
                           "1,,2",
                           "1,",
                           ",1",
                           "0x10",
                           "--1",
                           "+-1",
                           "linspace(0,1)",
                           "linspace(0,1,2,3)",
                           "logspace(1,2,0)",
                           "linspace(0,1,2.5)",
                           "linspace(0,1,-3)",
                           "linspace(0,1,n)",
                           "linspace(0,1,3",
                           "linspace(0,1,3))",
                           "linspace(0,1,3)x",
                           "linspace(a,1,3)",
                           "range(0,1,3)",
                           "geomspace(0,1,3)",
                           "geomspace(-1,1,3)",
                           "linspace(0,linspace(0,1,2),3)",
                           "1:2"}) {
    INFO("grid '" << text << "'");
    CHECK_THROWS_AS(parse_grid(text), SyntaxError);
  }
}

TEST_CASE("a malformed grid's message says what is accepted", "[cli][grid]") {
  CHECK_THROWS_WITH(parse_grid("linspace(0,1)"),
                    Catch::Contains("takes 3 arguments (a,b,n), found 2"));
  CHECK_THROWS_WITH(parse_grid("logspace(1,2,0)"), Catch::Contains("whole number from 1"));
  CHECK_THROWS_WITH(parse_grid("foo(1,2,3)"), Catch::Contains("accepted are linspace(a,b,n)"));
  CHECK_THROWS_WITH(parse_grid("abc"), Catch::Contains("is not a number"));
}
