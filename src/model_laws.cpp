#include "model_laws.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace radbound::detail {

namespace {

ConvexLaw flux_law(const Problem& p, const BoundaryCondition& bc) {
  switch (bc.kind) {
    case BoundaryKind::flux:
      return {0.0, 0.0, 0.0, 0.0, -bc.value};  // g(u) = G
    case BoundaryKind::convective:
      return {0.0, 0.0, bc.value, p.ambient(bc), 0.0};
    case BoundaryKind::radiative:
      return {bc.value, p.ambient(bc), 0.0, 0.0, 0.0};
    default:
      return {};
  }
}

EndModel end_model(const Problem& p, const BoundaryCondition& bc) {
  const bool dirichlet = bc.is_dirichlet();
  return {dirichlet, bc.value, dirichlet ? ConvexLaw() : flux_law(p, bc)};
}

// The root of a4 z^4 + c1 z = r for r >= 0 (a4 + c1 > 0), by Newton from above: the function is
// convex and increasing on z >= 0, so the iterates decrease monotonically to the root.
double positive_root(double a4, double c1, double r) {
  double z = kInf;
  if (a4 > 0.0) z = std::sqrt(std::sqrt(r / a4));
  if (c1 > 0.0) z = std::min(z, r / c1);
  for (int k = 0; k < 100 && z > 0.0; ++k) {
    const double residual = a4 * z * z * z * z + c1 * z - r;
    const double next = z - residual / (4.0 * a4 * z * z * z + c1);
    if (!(next < z)) break;
    z = next;
  }
  return z;
}

// The root e of the source, f(e) = 0 (pow4 is odd, so a negative root solves the mirrored
// equation); a candidate only: the constant bounds check f at the level they use.
std::optional<double> equilibrium(const ConvexLaw& f) {
  if (f.a4 == 0.0 && f.c1 == 0.0) return std::nullopt;
  const double r = f.quartic_level + f.linear_level + f.c0;
  return r >= 0.0 ? positive_root(f.a4, f.c1, r) : -positive_root(f.a4, f.c1, -r);
}

// Candidate levels for the constant bounds: one per end (its Dirichlet value or ambient
// temperature) and the equilibrium. A fixed array: this runs once per point of a sweep.
struct Levels {
  std::array<double, 3> value;
  int count = 0;
  void add(double v) { value[count++] = v; }
};

// The constant c is a super-solution (sign +1) or sub-solution (sign -1) when f(c), and g(c) at
// flux-type ends, have that sign, and c is on that side of every Dirichlet value.
bool constant_is_comparison(const ModelLaws& m, double c, int sign) {
  const auto holds = [sign](Ball v) { return sign > 0 ? v.lo() >= 0.0 : v.hi() <= 0.0; };
  if (!holds(m.source.value(c))) return false;
  for (const EndModel* end : {&m.left, &m.right}) {
    if (end->dirichlet ? !(sign * (c - end->value) >= 0.0) : !holds(end->flux.value(c)))
      return false;
  }
  return true;
}

// The nearest level on the side `sign` that passes the check: the extreme of the candidate
// levels, nudged outward a few times to absorb the rounding of the equilibrium.
std::optional<double> constant_bound(const ModelLaws& m, const Levels& levels, int sign) {
  if (levels.count == 0) return std::nullopt;
  const auto begin = levels.value.begin(), end = begin + levels.count;
  double c = sign > 0 ? *std::max_element(begin, end) : *std::min_element(begin, end);
  // Nudges of 1e-15, 1.6e-14, ... of |c|: the power of 16 kept as a running product (exact, and
  // no library pow: two of these loops run per bounds() call).
  double growth = 1.0;
  for (int attempt = 0; attempt < 4; ++attempt, growth *= 16.0) {
    if (constant_is_comparison(m, c, sign)) return c;
    c += sign * (std::fabs(c) * 1e-15 * growth + 1e-300);
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> balanced_level(const ModelLaws& m) {
  if (m.left.dirichlet || m.right.dirichlet) return std::nullopt;
  // f + g_L + g_R with every constant term gathered in c0
  double a4 = 0.0, c1 = 0.0, c0 = 0.0;
  for (const ConvexLaw* h : {&m.source, &m.left.flux, &m.right.flux}) {
    a4 += h->a4;
    c1 += h->c1;
    c0 += h->quartic_level + h->linear_level + h->c0;
  }
  return equilibrium(ConvexLaw(a4, 0.0, c1, 0.0, c0));
}

ModelLaws::ModelLaws(const Problem& p)
    : source(p.nr, p.theta_s, p.nc, p.theta_inf, p.q),
      left(end_model(p, p.left)),
      right(end_model(p, p.right)) {
  Levels levels;
  for (const EndModel* end : {&left, &right}) {
    if (end->dirichlet) levels.add(end->value);
    if (end->flux.a4 > 0.0) levels.add(end->flux.theta4);
    if (end->flux.c1 > 0.0) levels.add(end->flux.theta1);
  }
  if (const auto e = equilibrium(source)) levels.add(*e);
  constant_upper = constant_bound(*this, levels, +1);
  constant_lower = constant_bound(*this, levels, -1);
}

}  // namespace radbound::detail
