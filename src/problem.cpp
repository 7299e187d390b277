#include "radbound/problem.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace radbound {

namespace {

constexpr double kDefaultTheta = std::numeric_limits<double>::quiet_NaN();

// The shortest text that reads back as the same double ("0.3", not "0.29999999999999999").
std::string format_value(double v) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, v).ptr;
  return std::string(text, end);
}

// These checks run for every point of a sweep (three times: the grid, solve() and the method), so
// the test is inline and compares the value only; the message is built out of line, only when a
// value is refused, from arguments passed in registers (nothing is stored on the way that
// accepts). The label is the field ("nr"), or with `bc` the end's value named by `what`, e.g.
// "left (dirichlet:-1): temperature".
[[noreturn, gnu::cold, gnu::noinline]] void refuse(const char* field, const BoundaryCondition* bc,
                                                  const char* what, double v,
                                                  const char* accepted) {
  const std::string label =
      bc ? std::string(field) + " (" + to_string(*bc) + "): " + what : std::string(field);
  throw ParameterError(field, label + " = " + format_value(v) +
                                  " is not accepted: it must be a finite number" + accepted);
}

// Finite and >= 0, in two comparisons (a NaN fails both).
void require_nonnegative(const char* field, double v, const BoundaryCondition* bc = nullptr,
                         const char* what = nullptr) {
  if (!(v >= 0.0 && v <= std::numeric_limits<double>::max())) refuse(field, bc, what, v, " >= 0");
}

void require_finite(const char* field, double v, const BoundaryCondition* bc = nullptr,
                    const char* what = nullptr) {
  if (!(std::fabs(v) <= std::numeric_limits<double>::max())) refuse(field, bc, what, v, "");
}

void check_boundary(const char* field, const BoundaryCondition& bc) {
  switch (bc.kind) {
    case BoundaryKind::dirichlet:
      require_nonnegative(field, bc.value, &bc, "temperature");
      break;
    case BoundaryKind::insulated:
      break;
    case BoundaryKind::flux:
      require_finite(field, bc.value, &bc, "flux");
      break;
    case BoundaryKind::convective:
    case BoundaryKind::radiative:
      require_nonnegative(field, bc.value, &bc, "coefficient");
      if (!bc.has_default_theta()) require_nonnegative(field, bc.theta, &bc, "ambient temperature");
      break;
  }
}

// An end whose outward flux does not grow with its temperature cannot pin the temperature level.
bool pins_level(const BoundaryCondition& bc) {
  switch (bc.kind) {
    case BoundaryKind::dirichlet:
      return true;
    case BoundaryKind::convective:
    case BoundaryKind::radiative:
      return bc.value > 0.0;
    default:
      return false;
  }
}

}  // namespace

BoundaryCondition BoundaryCondition::dirichlet(double v) {
  return {BoundaryKind::dirichlet, v, kDefaultTheta};
}
BoundaryCondition BoundaryCondition::insulated() {
  return {BoundaryKind::insulated, 0.0, kDefaultTheta};
}
BoundaryCondition BoundaryCondition::flux(double g) { return {BoundaryKind::flux, g, kDefaultTheta}; }
BoundaryCondition BoundaryCondition::convective(double bi) {
  return {BoundaryKind::convective, bi, kDefaultTheta};
}
BoundaryCondition BoundaryCondition::convective(double bi, double theta) {
  return {BoundaryKind::convective, bi, theta};
}
BoundaryCondition BoundaryCondition::radiative(double r) {
  return {BoundaryKind::radiative, r, kDefaultTheta};
}
BoundaryCondition BoundaryCondition::radiative(double r, double theta) {
  return {BoundaryKind::radiative, r, theta};
}

bool BoundaryCondition::has_default_theta() const { return std::isnan(theta); }

std::string to_string(BoundaryKind kind) {
  switch (kind) {
    case BoundaryKind::dirichlet:
      return "dirichlet";
    case BoundaryKind::insulated:
      return "insulated";
    case BoundaryKind::flux:
      return "flux";
    case BoundaryKind::convective:
      return "convective";
    case BoundaryKind::radiative:
      return "radiative";
  }
  return "unknown";
}

std::string to_string(const BoundaryCondition& bc) {
  std::string s = to_string(bc.kind);
  if (bc.kind == BoundaryKind::insulated) return s;
  s += ":" + format_value(bc.value);
  if ((bc.kind == BoundaryKind::convective || bc.kind == BoundaryKind::radiative) &&
      !bc.has_default_theta())
    s += ":" + format_value(bc.theta);
  return s;
}

double Problem::f(double u) const {
  return nr * (pow4(u) - pow4(theta_s)) + nc * (u - theta_inf) - q;
}

double Problem::df(double u) const { return 4.0 * nr * u * u * std::fabs(u) + nc; }

double Problem::F(double u) const {
  const double u5 = u * u * u * u * std::fabs(u);
  return nr * (u5 / 5.0 - pow4(theta_s) * u) + nc * (0.5 * u * u - theta_inf * u) - q * u;
}

double Problem::ambient(const BoundaryCondition& bc) const {
  if (!bc.has_default_theta()) return bc.theta;
  return bc.kind == BoundaryKind::radiative ? theta_s : theta_inf;
}

double Problem::outward_flux(const BoundaryCondition& bc, double u) const {
  switch (bc.kind) {
    case BoundaryKind::dirichlet:
    case BoundaryKind::insulated:
      return 0.0;
    case BoundaryKind::flux:
      return bc.value;
    case BoundaryKind::convective:
      return bc.value * (u - ambient(bc));
    case BoundaryKind::radiative:
      return bc.value * (pow4(u) - pow4(ambient(bc)));
  }
  return 0.0;
}

double Problem::outward_flux_slope(const BoundaryCondition& bc, double u) const {
  switch (bc.kind) {
    case BoundaryKind::convective:
      return bc.value;
    case BoundaryKind::radiative:
      return 4.0 * bc.value * u * u * std::fabs(u);
    default:
      return 0.0;
  }
}

void Problem::check_param() const {
  require_nonnegative("nr", nr);
  require_nonnegative("theta_s", theta_s);
  require_nonnegative("nc", nc);
  require_nonnegative("theta_inf", theta_inf);
  require_finite("q", q);
  check_boundary("left", left);
  check_boundary("right", right);
  // nr and nc are >= 0 here, so <= 0 is == 0, in one comparison each (== takes three: a NaN).
  if (nr <= 0.0 && nc <= 0.0 && !pins_level(left) && !pins_level(right))
    throw ParameterError(
        "problem",
        "the problem has no unique solution: with nr = 0 and nc = 0 at least one end must be "
        "dirichlet, or convective/radiative with a positive coefficient");
}

}  // namespace radbound
