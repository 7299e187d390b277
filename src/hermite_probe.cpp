#include "hermite_probe.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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

double curvature_response(double h, double da, double db) {
  return h * h / 32.0 * std::max(std::fabs(da), std::fabs(db));
}

double node_rounding_error(const Primitive& model, const Solution& s) {
  double curvature = 0.0, position = 0.0;
  double left = s.nodes() > 0 ? model.curvature_rounding(s.u[0] - model.center()) : 0.0;
  for (std::size_t i = 0; i < s.nodes(); ++i) {
    const double x = std::fabs(s.x[i]);
    const double half_ulp = 0.5 * (std::nextafter(x, std::numeric_limits<double>::infinity()) - x);
    position = std::max(position, std::fabs(s.du[i]) * half_ulp);
    if (i == 0) continue;
    const double right = model.curvature_rounding(s.u[i] - model.center());
    curvature = std::max(curvature, curvature_response(s.x[i] - s.x[i - 1], left, right));
    left = right;
  }
  return curvature + position;
}

}  // namespace radbound
