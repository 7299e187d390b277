// A radiating aluminium plate fin in physical units: converts to the dimensionless model, solves, and
// prints the tip temperature and the base heat flow with their analytical bounds (docs/units.md).
#include <fmt/core.h>

#include "radbound/solve.hpp"

namespace {

constexpr double kStefanBoltzmann = 5.670374419e-8;  // W m^-2 K^-4, CODATA 2018

struct PlateFin {
  double conductivity = 200.0;   // k, W/(m K)
  double thickness = 0.002;      // delta, m
  double length = 0.05;          // L, m
  double emissivity = 0.8;       // epsilon
  double base_temperature = 600; // T_b, K
  double sink_temperature = 0;   // T_s, K
};

radbound::Problem dimensionless(const PlateFin& fin) {
  radbound::Problem p;
  const double tb = fin.base_temperature;
  p.nr = 2 * fin.emissivity * kStefanBoltzmann * fin.length * fin.length * tb * tb * tb /
         (fin.conductivity * fin.thickness);
  p.theta_s = fin.sink_temperature / tb;
  return p;
}

// W per metre of fin width for a dimensionless base slope u'(0).
double base_heat_flow(const PlateFin& fin, double du0) {
  return -fin.conductivity * fin.thickness * fin.base_temperature * du0 / fin.length;
}

}  // namespace

int main() {
  const PlateFin fin;
  const radbound::Problem problem = dimensionless(fin);
  const radbound::Result result = radbound::solve(problem, {radbound::Method::automatic, 1e-10});
  if (!result.solution.ok()) {
    fmt::print(stderr, "solve failed: {}\n", result.solution.message);
    return 1;
  }
  const auto summary = radbound::summarize(problem, result);
  const double tb = fin.base_temperature;
  fmt::print("Nr = {:.6g}\n", problem.nr);
  fmt::print("tip temperature  {:.3f} K", *summary.u1 * tb);
  if (summary.u1_lo && summary.u1_hi)
    fmt::print("   (bounds {:.3f} .. {:.3f} K)", *summary.u1_lo * tb, *summary.u1_hi * tb);
  fmt::print("\nbase heat flow   {:.3f} W/m", base_heat_flow(fin, *summary.du0));
  if (summary.du0_lo && summary.du0_hi)
    fmt::print("   (bounds {:.3f} .. {:.3f} W/m)", base_heat_flow(fin, *summary.du0_hi),
               base_heat_flow(fin, *summary.du0_lo));
  if (summary.efficiency) fmt::print("\nfin efficiency   {:.4f}", *summary.efficiency);
  fmt::print("\n");
  return 0;
}
