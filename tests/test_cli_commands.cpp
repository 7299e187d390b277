// The radbound binary (SPEC §2-3): commands, columns, help, and an exit code and a one-line
// message naming the option for every bad input, with no output file left behind.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "cli_process.hpp"
#include "references.hpp"

using radbound::test::lines_of;
using radbound::test::run_radbound;
using radbound::test::TempDir;

namespace {

const std::string kSweepHeader =
    "index,nr,theta_s,nc,theta_inf,q,left,right,status,u0,u1,du0,du1,u_mid,u0_lo,u0_hi,u1_lo,"
    "u1_hi,du0_lo,du0_hi,gap,efficiency,err_est";

struct BadInput {
  const char* args;
  int code;
  const char* names;  // the option (and value) the message must name
};

// Each is run with -o out.csv: the message is one line naming the option, nothing is written.
const BadInput kBadInputs[] = {
    {"sweep --nr -1", 65, "--nr -1"},
    {"sweep --nr abc", 64, "--nr abc"},
    {"sweep --nr nan", 65, "--nr nan"},
    {"sweep --theta-s inf", 65, "--theta-s inf"},
    {"sweep --theta-inf -0.5", 65, "--theta-inf -0.5"},
    {"sweep --q nan", 65, "--q nan"},
    {"sweep --nc 1,-1", 65, "--nc 1,-1"},
    {"sweep --left robin:1", 64, "--left robin:1"},
    {"sweep --left dirichlet", 64, "--left dirichlet"},
    {"sweep --right insulated:1", 64, "--right insulated:1"},
    {"sweep --right convective:1:2:3", 64, "--right convective:1:2:3"},
    {"sweep --right convective:-1", 65, "--right convective:-1"},
    {"sweep --left dirichlet:-1", 65, "--left dirichlet:-1"},
    {"sweep --nr 'linspace(0,1)'", 64, "--nr linspace(0,1)"},
    {"sweep --nr 'logspace(1,2,0)'", 64, "--nr logspace(1,2,0)"},
    {"sweep --nr 'geomspace(0,1,3)'", 64, "--nr geomspace(0,1,3)"},
    {"sweep --tol 0", 64, "--tol 0"},
    {"sweep --tol -1e-8", 64, "--tol -1e-8"},
    {"sweep --tol nan", 64, "--tol nan"},
    {"sweep --method magic", 64, "--method magic"},
    {"sweep --format xml", 64, "--format xml"},
    {"sweep --precision 0", 64, "--precision 0"},
    {"sweep --precision 18", 64, "--precision 18"},
    {"sweep --threads 0", 64, "--threads 0"},
    {"sweep --shard 3/3", 64, "--shard 3/3"},
    {"sweep --columns index,bogus", 64, "--columns index,bogus"},
    {"sweep --columns seconds", 64, "--columns seconds"},
    {"sweep --nr 0 --left flux:1 --right insulated", 65, "--left flux:1 --right insulated"},
    {"sweep --bogus 1", 64, "--bogus"},
    {"solve --points 0", 64, "--points 0"},
    {"solve --points 1", 64, "--points 1"},
    {"solve --points 2.5", 64, "--points 2.5"},
    {"solve --nr 1,2", 64, "--nr 1,2"},
    {"solve --nr -1", 65, "--nr -1"},
    {"solve --nr 0 --nc 0 --left insulated --right flux:1", 65, "--left insulated --right flux:1"},
    {"solve --tol 0", 64, "--tol 0"},
    {"solve --method bogus", 64, "--method bogus"},
    {"solve --format yaml", 64, "--format yaml"},
    {"frobnicate", 64, "frobnicate"},
};

}  // namespace

TEST_CASE("every bad input exits with its code and one line naming the option, writing nothing",
          "[cli][errors]") {
  for (const BadInput& bad : kBadInputs) {
    TempDir dir;
    const auto r = run_radbound(dir, std::string(bad.args) + " -o out.csv");
    INFO("radbound " << bad.args << "\nstderr: " << r.err);
    CHECK(r.code == bad.code);
    CHECK(r.out.empty());
    CHECK(lines_of(r.err).size() == 1);
    CHECK_THAT(r.err, Catch::StartsWith("radbound: ") && Catch::Contains(bad.names));
    CHECK(dir.files().empty());
  }
}

TEST_CASE("messages say what would be accepted", "[cli][errors]") {
  TempDir dir;
  CHECK_THAT(run_radbound(dir, "sweep --nr -1").err, Catch::Contains("finite number >= 0"));
  CHECK_THAT(run_radbound(dir, "sweep --method magic").err,
             Catch::Contains("accepted are auto, fd, shooting, exact, none"));
  CHECK_THAT(run_radbound(dir, "sweep --left robin:1").err,
             Catch::Contains("convective:BI[:THETA]"));
  CHECK_THAT(run_radbound(dir, "frobnicate").err, Catch::Contains("accepted are solve and sweep"));
}

TEST_CASE("an output file that cannot be created exits 73 and leaves nothing", "[cli][errors]") {
  TempDir dir;
  const auto missing_dir = run_radbound(dir, "sweep --method none -o no/such/dir/out.csv");
  CHECK(missing_dir.code == 73);
  CHECK_THAT(missing_dir.err, Catch::StartsWith("radbound: -o no/such/dir/out.csv: "));
  CHECK(missing_dir.out.empty());
  std::filesystem::create_directory(dir / "taken");
  const auto directory = run_radbound(dir, "solve --method none -o taken");
  CHECK(directory.code == 73);
  CHECK_THAT(directory.err, Catch::Contains("-o taken"));
  CHECK(dir.files() == std::vector<std::string>{"taken"});
}

TEST_CASE("no command, or a command without options, is refused as usage", "[cli][errors]") {
  TempDir dir;
  CHECK(run_radbound(dir, "").code == 64);
  CHECK(run_radbound(dir, "sweep extra").code == 64);
}

TEST_CASE("option --version prints the version; --help shows options and an example", "[cli]") {
  TempDir dir;
  const auto version = run_radbound(dir, "--version");
  CHECK(version.code == 0);
  CHECK(version.out == "radbound " RADBOUND_VERSION "\n");
  for (const char* command : {"solve", "sweep"}) {
    const auto help = run_radbound(dir, std::string(command) + " --help");
    INFO(command);
    CHECK(help.code == 0);
    CHECK_THAT(help.out, Catch::Contains("--nr") && Catch::Contains("--right") &&
                             Catch::Contains("--format") && Catch::Contains("Example"));
  }
  CHECK_THAT(run_radbound(dir, "sweep --help").out,
             Catch::Contains("linspace(a,b,n)") && Catch::Contains("--shard"));
  CHECK_THAT(run_radbound(dir, "--help").out, Catch::Contains("solve") && Catch::Contains("sweep"));
}

TEST_CASE("solve --method none prints x,u,du,u_lo,u_hi at uniform points with u empty",
          "[cli][solve]") {
  TempDir dir;
  const auto r = run_radbound(dir, "solve --method none --points 5");
  CHECK(r.code == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == "x,u,du,u_lo,u_hi");
  const char* xs[] = {"0", "0.25", "0.5", "0.75", "1"};
  for (int i = 0; i < 5; ++i)
    CHECK_THAT(lines[i + 1], Catch::StartsWith(std::string(xs[i]) + ",,,"));
}

TEST_CASE("sweep prints SPEC's columns, one row per point in product order", "[cli][sweep]") {
  TempDir dir;
  const auto r = run_radbound(dir,
                              "sweep --method none --nr 1,2 --theta-s 0,0.3,0.6 "
                              "--right 'convective:0.5:0,0.1'");
  CHECK(r.code == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 1 + 12);
  CHECK(lines[0] == kSweepHeader);
  CHECK_THAT(lines[1], Catch::StartsWith("0,1,0,0,0,0,dirichlet:1,convective:0.5:0,ok,"));
  CHECK_THAT(lines[2], Catch::StartsWith("1,1,0,0,0,0,dirichlet:1,convective:0.5:0.1,ok,"));
  CHECK_THAT(lines[3], Catch::StartsWith("2,1,0.3,0,0,0,dirichlet:1,convective:0.5:0,ok,"));
  CHECK_THAT(lines[12], Catch::StartsWith("11,2,0.6,0,0,0,dirichlet:1,convective:0.5:0.1,ok,"));
  for (const auto& line : lines) CHECK(std::count(line.begin(), line.end(), ',') == 22);
}

TEST_CASE("the peer grid is 123 rows with SPEC's columns", "[cli][sweep]") {
  TempDir dir;
  const auto r =
      run_radbound(dir, "sweep --nr 'geomspace(1e-2,1e2,41)' --theta-s 0,0.3,0.6 --tol 1e-8");
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 124);
  CHECK(lines[0] == kSweepHeader);
  CHECK_THAT(lines[123], Catch::StartsWith("122,100,0.6,"));
}

TEST_CASE("sweep rows meet the public fin values of math-notes section 7 within tol and err_est",
          "[cli][sweep]") {
  TempDir dir;
  const auto r = run_radbound(
      dir, "sweep --nr 1,10 --theta-s 0,0.5 --tol 1e-10 --columns nr,theta_s,u1,du0,u_mid,err_est");
  REQUIRE(r.code == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 5);
  int matched = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::istringstream row(lines[i]);
    std::vector<double> v;
    for (std::string cell; std::getline(row, cell, ',');) v.push_back(std::stod(cell));
    for (const auto& ref : radbound_test::kPublicFinValues) {
      if (v[0] != ref.nr || v[1] != ref.theta_s) continue;
      ++matched;
      INFO(lines[i]);
      const double error = std::max(std::fabs(v[2] - ref.u1), std::fabs(v[4] - ref.u_mid));
      CHECK(error <= 1e-10);
      CHECK(error <= v[5]);
      CHECK(std::fabs(v[3] - ref.du0) <= 1e-8 * std::fabs(ref.du0));
    }
  }
  CHECK(matched == 2);
}

TEST_CASE("option --columns chooses and orders columns; method says which method answered",
          "[cli][sweep]") {
  TempDir dir;
  const auto r = run_radbound(dir, "sweep --method none --nr 1,2 --columns nr,index,method");
  CHECK(r.out == "nr,index,method\n1,0,none\n2,1,none\n");
}

TEST_CASE("option --timing adds the seconds column", "[cli][sweep]") {
  TempDir dir;
  const auto r = run_radbound(dir, "sweep --method none --columns index --timing");
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "index,seconds");
  CHECK_THAT(lines[1], Catch::StartsWith("0,"));
}

TEST_CASE("option -o writes FILE and FILE.meta.json, nothing on stdout", "[cli][sweep]") {
  TempDir dir;
  const auto r = run_radbound(dir, "sweep --method none --nr 1,2 -o table.csv");
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  CHECK(dir.files() == std::vector<std::string>{"table.csv", "table.csv.meta.json"});
  CHECK(radbound::test::read_text(dir / "table.csv") ==
        run_radbound(dir, "sweep --method none --nr 1,2").out);
  const std::string meta = radbound::test::read_text(dir / "table.csv.meta.json");
  CHECK_THAT(meta, Catch::Contains("\"radbound_version\": \"" RADBOUND_VERSION "\"") &&
                       Catch::Contains("\"git_commit\"") && Catch::Contains("\"compiler\"") &&
                       Catch::Contains("\"fmt\"") && Catch::Contains("\"start_time\"") &&
                       Catch::Contains("\"sweep\", \"--method\", \"none\", \"--nr\", \"1,2\""));
}

TEST_CASE("solve's points are i/(N-1), each correctly rounded", "[cli][solve]") {
  TempDir dir;
  const auto lines = lines_of(run_radbound(dir, "solve --method none --points 11").out);
  REQUIRE(lines.size() == 12);
  const char* xs[] = {"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"};
  for (int i = 0; i < 11; ++i)
    CHECK_THAT(lines[i + 1], Catch::StartsWith(std::string(xs[i]) + ","));
}
