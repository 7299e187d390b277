// Time per solve of each numerical method, per decade of Nr, at two tolerances.
//
//   build/bench/bench_methods [--quick] [--csv]
//
// For each decade Nr = 10^k (k = -4..8) the workload is a fixed set of cases covering every
// boundary kind (the classic fin, convective/radiative/flux tips, both ends Dirichlet, a mirrored
// flux end, heat generation), with theta_s = 0 and 0.5. A cell is the median over repetitions
// of the mean CPU time per solve over the set, in microseconds (CPU time, so that other load on
// the machine does not enter); a method that does not answer every case with status ok at that
// tolerance shows how many it missed ("n/a" when it answers none). "auto" is the automatic
// choice of radbound::solve (its bounds included).
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "radbound/exact.hpp"
#include "radbound/fd.hpp"
#include "radbound/shooting.hpp"
#include "radbound/solve.hpp"

namespace {

using radbound::BoundaryCondition;
using radbound::Problem;
using radbound::Solution;

using Method = std::function<Solution(const Problem&, double)>;

struct NamedMethod {
  std::string name;
  Method solve;
};

std::vector<NamedMethod> methods() {
  return {
      {"fd", [](const Problem& p, double tol) { return radbound::solve_fd(p, {tol}); }},
      {"shooting", [](const Problem& p, double tol) { return radbound::solve_shooting(p, {tol}); }},
      {"exact", [](const Problem& p, double tol) { return radbound::solve_exact(p, {tol}); }},
      {"auto",
       [](const Problem& p, double tol) {
         return radbound::solve(p, {radbound::Method::automatic, tol}).solution;
       }},
  };
}

std::vector<Problem> workload(double nr) {
  std::vector<Problem> set;
  const std::vector<std::pair<BoundaryCondition, BoundaryCondition>> ends = {
      {BoundaryCondition::dirichlet(1.0), BoundaryCondition::insulated()},
      {BoundaryCondition::dirichlet(1.0), BoundaryCondition::convective(2.0, 0.2)},
      {BoundaryCondition::dirichlet(1.0), BoundaryCondition::radiative(1.0)},
      {BoundaryCondition::dirichlet(1.0), BoundaryCondition::dirichlet(0.7)},
      {BoundaryCondition::flux(-0.5), BoundaryCondition::dirichlet(1.0)},
  };
  for (double theta_s : {0.0, 0.5}) {
    for (const auto& [left, right] : ends) {
      Problem p;
      p.nr = nr;
      p.theta_s = theta_s;
      p.left = left;
      p.right = right;
      set.push_back(p);
    }
  }
  Problem generating;  // heat generation with a convective tip
  generating.nr = nr;
  generating.q = 2.0;
  generating.nc = 1.0;
  generating.theta_inf = 0.3;
  generating.right = BoundaryCondition::convective(5.0);
  set.push_back(generating);
  return set;
}

struct Cell {
  double microseconds;
  int missed;
  int cases;
};

Cell measure(const Method& solve, const std::vector<Problem>& set, double tol, bool quick) {
  int missed = 0;
  for (const Problem& p : set) missed += solve(p, tol).ok() ? 0 : 1;
  std::vector<double> samples;
  const int repetitions = quick ? 3 : 7;
  for (int r = 0; r < repetitions; ++r) {
    const std::clock_t start = std::clock();
    for (const Problem& p : set) solve(p, tol);
    const std::clock_t stop = std::clock();
    samples.push_back(1e6 * static_cast<double>(stop - start) / CLOCKS_PER_SEC /
                      static_cast<double>(set.size()));
  }
  std::nth_element(samples.begin(), samples.begin() + repetitions / 2, samples.end());
  return {samples[repetitions / 2], missed, static_cast<int>(set.size())};
}

std::string format_cell(const Cell& c) {
  if (c.missed == c.cases) return "n/a";
  std::string s = fmt::format("{:.0f}", c.microseconds);
  if (c.missed > 0) s += fmt::format(" ({} not ok)", c.missed);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false, csv = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    quick = quick || arg == "--quick";
    csv = csv || arg == "--csv";
  }
  const std::vector<double> tolerances = {1e-8, 1e-12};
  const auto all = methods();
  std::vector<std::string> header = {"Nr"};
  for (double tol : tolerances)
    for (const auto& m : all) header.push_back(fmt::format("{} {:.0e}", m.name, tol));
  const std::string sep = csv ? "," : " | ";
  const auto row = [&](const std::vector<std::string>& cells) {
    std::string line = csv ? "" : "| ";
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? sep : "") + cells[i];
    fmt::print("{}{}\n", line, csv ? "" : " |");
  };
  row(header);
  if (!csv) row(std::vector<std::string>(header.size(), "---"));
  for (int k = -4; k <= 8; ++k) {
    const double nr = std::pow(10.0, k);
    const std::vector<Problem> set = workload(nr);
    std::vector<std::string> cells = {fmt::format("1e{}", k)};
    for (double tol : tolerances)
      for (const auto& m : all) cells.push_back(format_cell(measure(m.solve, set, tol, quick)));
    row(cells);
  }
  fmt::print(
      "# CPU microseconds per solve (median of repetitions, mean over {} cases per decade)\n",
      workload(1.0).size());
}
