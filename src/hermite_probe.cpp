#include "hermite_probe.hpp"

#include <algorithm>
#include <cmath>

#include "radbound/solution.hpp"

namespace radbound {

namespace {

// u⁽⁶⁾ is not constant over a cell: the probe's value is scaled up by this margin.
constexpr double kSafety = 2.0;

}  // namespace

double hermite_between(const HermiteNode& a, const HermiteNode& b, double x) {
  const bool ascending = a.x < b.x;
  const HermiteNode& lo = ascending ? a : b;
  const HermiteNode& hi = ascending ? b : a;
  Solution cell;
  cell.x = {lo.x, hi.x};
  cell.u = {lo.u, hi.u};
  cell.du = {lo.du, hi.du};
  cell.d2u = {lo.d2u, hi.d2u};
  return cell.value(x);
}

double worst_cell_error(double seen, double t) {
  const double s = std::clamp(t, 0.1, 0.9);
  return kSafety * seen / (64.0 * std::pow(s * (1.0 - s), 3));
}

}  // namespace radbound
