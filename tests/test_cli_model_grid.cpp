// The sweep product (SPEC §2): its order, shards of it, and the errors of its options.
#include <catch2/catch.hpp>

#include "exit_code.hpp"
#include "model_grid.hpp"
#include "option_values.hpp"
#include "sweep_runner.hpp"

using radbound::cli::CliError;
using radbound::cli::ModelGrid;
using radbound::cli::ModelText;
using radbound::cli::Shard;

TEST_CASE("the product runs in MODEL order with later options varying fastest", "[cli][product]") {
  ModelText text;
  text.nr = "1,2";
  text.q = "0,5";
  text.right = "convective:0.5,1";
  const ModelGrid grid(text);
  REQUIRE(grid.size() == 8);
  // index = 4*nr + 2*q + right
  const double nr[] = {1, 1, 1, 1, 2, 2, 2, 2};
  const double q[] = {0, 0, 5, 5, 0, 0, 5, 5};
  const double bi[] = {0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1};
  const char* right[] = {"convective:0.5", "convective:1"};
  for (std::uint64_t i = 0; i < 8; ++i) {
    INFO("index " << i);
    const auto p = grid.at(i);
    CHECK(p.problem.nr == nr[i]);
    CHECK(p.problem.q == q[i]);
    CHECK(p.problem.right.value == bi[i]);
    CHECK(p.right == right[i % 2]);
    CHECK(p.left == "dirichlet:1");
  }
}

TEST_CASE("the defaults are SPEC's radiating fin with an insulated tip", "[cli][product]") {
  const ModelGrid grid{ModelText{}};
  REQUIRE(grid.size() == 1);
  const auto p = grid.at(0);
  CHECK(p.problem.nr == 1);
  CHECK(p.problem.theta_s == 0);
  CHECK(p.problem.nc == 0);
  CHECK(p.problem.theta_inf == 0);
  CHECK(p.problem.q == 0);
  CHECK(p.left == "dirichlet:1");
  CHECK(p.right == "insulated");
}

namespace {

// The error `act` throws: it must be a CliError.
template <class Act>
CliError cli_error_of(Act act) {
  try {
    act();
  } catch (const CliError& e) {
    return e;
  }
  FAIL("no CliError thrown");
  return CliError(radbound::cli::exit_ok, "");
}

}  // namespace

TEST_CASE("malformed model text is a usage error naming the option", "[cli][product]") {
  ModelText text;
  text.theta_inf = "linspace(0,1)";
  const CliError e = cli_error_of([&] { ModelGrid grid(text); });
  CHECK(e.code() == radbound::cli::exit_usage);
  CHECK_THAT(e.what(), Catch::StartsWith("--theta-inf linspace(0,1): "));
}

TEST_CASE("an invalid point is a model error naming the option and value", "[cli][product]") {
  ModelText text;
  text.nr = "1,-2";
  const CliError e = cli_error_of([&] { ModelGrid(text).validate(); });
  CHECK(e.code() == radbound::cli::exit_invalid);
  CHECK_THAT(e.what(), Catch::StartsWith("--nr 1,-2: ") && Catch::Contains("-2"));
}

TEST_CASE("an ill-posed point is a model error showing the whole point", "[cli][product]") {
  ModelText text;
  text.nr = "1,0";
  text.left = "flux:1";
  const CliError e = cli_error_of([&] { ModelGrid(text).validate(); });
  CHECK(e.code() == radbound::cli::exit_invalid);
  CHECK_THAT(e.what(),
             Catch::Contains("--nr 0 ") && Catch::Contains("--left flux:1 --right insulated"));
}

TEST_CASE("shards are contiguous, cover the product and differ in size by at most one",
          "[cli][shard]") {
  const std::uint64_t starts[] = {0, 4, 7, 10};
  for (std::uint64_t i = 0; i < 3; ++i) {
    const Shard shard{i, 3};
    CHECK(shard.begin(10) == starts[i]);
    CHECK(shard.end(10) == starts[i + 1]);
  }
  const Shard last{4, 5};
  CHECK(last.begin(3) == 3);
  CHECK(last.end(3) == 3);
}

TEST_CASE("option --shard is I/N with 0 <= I < N", "[cli][shard]") {
  const Shard s = radbound::cli::parse_shard("2/7");
  CHECK(s.index == 2);
  CHECK(s.count == 7);
  for (const char* text : {"3/3", "1", "-1/3", "a/b", "1/0", "1/", "/3", "1/3/5"})
    CHECK_THROWS_AS(radbound::cli::parse_shard(text), radbound::cli::SyntaxError);
}

TEST_CASE("continuation runs along the finest axis whose stride is at most 64", "[cli][product]") {
  using radbound::cli::chaining_of;
  ModelText fin;
  fin.nr = "geomspace(1e-2,1e2,4100)";
  fin.theta_s = "0,0.3,0.6";
  CHECK(chaining_of(ModelGrid(fin)).stride == 3);  // along nr, 3 indices apart
  CHECK(chaining_of(ModelGrid(fin)).block == 64 * 3);
  ModelText tip;
  tip.nr = "linspace(1,2,10)";
  tip.right = "convective:linspace(0,2,100)";
  CHECK(chaining_of(ModelGrid(tip)).stride == 1);  // along the tip's Biot number
  ModelText coarse_fast;
  coarse_fast.nr = "linspace(1,2,1000)";
  coarse_fast.q = "linspace(0,1,100)";
  CHECK(chaining_of(ModelGrid(coarse_fast)).stride == 1);  // nr is 100 apart: too far
  CHECK(chaining_of(ModelGrid(ModelText{})).stride == 1);
}
