#include "orbit_path.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "hermite_probe.hpp"
#include "method_support.hpp"

namespace radbound {

namespace {

using Node = ProfileNode;

// Two pieces whose ends are this close in x meet at one node; farther apart, a fill cell joins
// them (the solution's slow passage took less length than there was).
constexpr double kJoinTolerance = 1e-9;

// Cells one fill may add: a tolerance that needs more is out of reach (the estimate says so).
constexpr int kMaxFillCells = 8192;
// The largest of t (1 − t)³ (1 + 3t), the weight of h u' at one end of a quintic Hermite cell.
constexpr double kSlopeWeight = 16.0 / 81.0;

// sinh p / sinh q and cosh p / sinh q for 0 ≤ p ≤ q, q > 0, without overflow.
double sinh_ratio(double p, double q) {
  return std::exp(p - q) * std::expm1(-2.0 * p) / std::expm1(-2.0 * q);
}
double cosh_ratio(double p, double q) {
  return std::exp(p - q) * (2.0 + std::expm1(-2.0 * p)) / -std::expm1(-2.0 * q);
}

// The nodes of the joined profile with fill_linear_cell's nodes inside every cell.
std::vector<Node> filled(const Primitive& model, double tol, const std::vector<Node>& nodes) {
  std::vector<Node> out;
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
    out.push_back(nodes[i]);
    const std::vector<Node> inside = fill_linear_cell(model, tol, nodes[i], nodes[i + 1]);
    out.insert(out.end(), inside.begin(), inside.end());
  }
  out.push_back(nodes.back());
  return out;
}

// Largest |interpolant − level| over the stretch between two legs that stop short of the
// equilibrium (its end nodes and those filled in between): the exact profile there lies between
// the two end levels (it is monotone or has its extremum between them, at the equilibrium side),
// so the error is at most the interpolant's excursion beyond that range plus the range itself. On
// each cell the excursion is at most the nodes' own, plus h u' times its largest weight at each
// end and the response to the u'' the nodes carry.
double gap_error(const Problem& problem, const std::vector<Node>& stretch) {
  const double lo = std::min(stretch.front().u, stretch.back().u);
  const double hi = std::max(stretch.front().u, stretch.back().u);
  const auto beyond = [&](const Node& n) { return std::max({n.u - hi, lo - n.u, 0.0}); };
  double excursion = 0.0;
  for (std::size_t i = 0; i + 1 < stretch.size(); ++i) {
    const Node& a = stretch[i];
    const Node& b = stretch[i + 1];
    const double h = b.x - a.x;
    excursion = std::max(excursion, std::max(beyond(a), beyond(b)) +
                                        kSlopeWeight * h * (std::fabs(a.du) + std::fabs(b.du)) +
                                        curvature_response(h, problem.f(a.u), problem.f(b.u)));
  }
  return excursion + (hi - lo);
}

}  // namespace

std::vector<Leg> Path::legs() const {
  const double a = orbit.anchor();
  const bool crosses = (left - a) * (right - a) < 0.0;
  if (turns || crosses) return {{left, a, true}, {right, a, false}};
  const bool left_is_far = std::fabs(left - a) >= std::fabs(right - a);
  return {{left_is_far ? left : right, left_is_far ? right : left, left_is_far}};
}

double Path::duration(double limit) const {
  double total = 0.0;
  for (const Leg& leg : legs()) {
    total += orbit.time(leg.end, leg.inner, limit - total);
    if (total > limit) break;
  }
  return total;
}

double linear_cell_truncation(const Primitive& model, const ProfileNode& a, const ProfileNode& b) {
  const double da = a.u - model.center(), db = b.u - model.center();
  const double kappa = std::sqrt(model.equilibrium_stiffness());
  const double radius = model.quadratic_radius();
  if (!(kappa > 0.0) || !(std::fabs(da) <= radius && std::fabs(db) <= radius))
    return std::numeric_limits<double>::quiet_NaN();
  return std::max(std::fabs(da), std::fabs(db)) * std::pow(kappa * (b.x - a.x), 6) / 46080.0;
}

std::vector<ProfileNode> fill_linear_cell(const Primitive& model, double tol, const ProfileNode& a,
                                          const ProfileNode& b) {
  const double truncation = linear_cell_truncation(model, a, b);
  if (std::isnan(truncation)) return {};  // outside the neighbourhood: no closed form to fill
  const double h = b.x - a.x;
  const double da = a.u - model.center(), db = b.u - model.center();
  const double rounding = std::max(model.curvature_rounding(da), model.curvature_rounding(db));
  if (!(truncation + curvature_response(h, rounding, rounding) > tol)) return {};
  const double kappa = std::sqrt(model.equilibrium_stiffness());
  const double size = std::max(std::fabs(da), std::fabs(db));
  // Each part within half the tolerance.
  double step = std::sqrt(16.0 * tol / rounding);
  if (size > 0.0) step = std::min(step, std::pow(23040.0 * tol / size, 1.0 / 6.0) / kappa);
  const double cells = std::ceil(h / step);
  if (!(cells <= kMaxFillCells)) return {};
  const int n = static_cast<int>(cells);
  const double q = kappa * h;
  std::vector<ProfileNode> inside;
  for (int i = 1; i < n; ++i) {
    const double x = a.x + h * i / n;
    const double from_a = kappa * (x - a.x), to_b = kappa * (b.x - x);
    const double d = da * sinh_ratio(to_b, q) + db * sinh_ratio(from_a, q);
    const double slope = kappa * (db * cosh_ratio(from_a, q) - da * cosh_ratio(to_b, q));
    inside.push_back({x, model.level(d), slope});
  }
  return inside;
}

Solution join_legs(const Problem& problem, const Primitive& model, double interpolation_tol,
                   const std::vector<Leg>& legs, std::vector<std::vector<ProfileNode>> pieces,
                   const std::string& method) {
  double error = 0.0, closed_form_error = 0.0;
  for (std::size_t i = 0; i < legs.size(); ++i)
    if (!legs[i].from_left) std::reverse(pieces[i].begin(), pieces[i].end());
  if (legs.size() == 1) {
    // The far end is exact; the near end closes the interval (or a flat fill does, see below).
    Node near = legs[0].from_left ? pieces[0].back() : pieces[0].front();
    near.x = legs[0].from_left ? 1.0 : 0.0;
    pieces.push_back({near});
    if (!legs[0].from_left) std::swap(pieces[0], pieces[1]);
  }
  std::vector<Node> nodes = pieces[0];
  const std::vector<Node>& tail = pieces[1];
  const Node a = nodes.back(), b = tail.front();
  const double gap = b.x - a.x;
  // Room to move the junction without reordering nodes: half of each neighbouring cell.
  const double room = 0.5 * std::min(nodes.size() > 1 ? a.x - nodes[nodes.size() - 2].x : 1.0,
                                     tail.size() > 1 ? tail[1].x - b.x : 1.0);
  if (a.u == b.u && gap <= kJoinTolerance && -gap < room) {
    // The pieces end at the same level (the anchor): one node between the two estimates of its
    // position. Moving it by |gap|/2 changes u there by at most that times the anchor's speed
    // plus the curvature term (where the speed vanishes); the neighbouring cells are checked
    // against the same bound.
    error += std::fabs(gap) * std::max(std::fabs(a.du), std::fabs(b.du)) +
             0.5 * std::fabs(problem.f(a.u)) * gap * gap;
    nodes.back().x += 0.5 * gap;
    nodes.insert(nodes.end(), tail.begin() + 1, tail.end());
  } else if (gap > 0.0) {
    // The profile reaches its slow point in less than the available length: the rest is the
    // equilibrium (to the accuracy of the end levels), filled in where one cell is too long.
    const std::vector<Node> stretch = filled(model, interpolation_tol, {a, b});
    error = std::max(error, gap_error(problem, stretch));
    nodes.insert(nodes.end(), stretch.begin() + 1, stretch.end() - 1);
    nodes.insert(nodes.end(), tail.begin(), tail.end());
  } else {
    return unsolved(method, Status::failed,
                    method + ": the pieces of the profile overlap by " + brief(-gap) +
                        " in x; the slow point could not be located");
  }
  nodes.front().x = 0.0;
  nodes.back().x = 1.0;

  Solution s;
  s.method = method;
  for (const Node& n : filled(model, interpolation_tol, nodes)) {
    if (!s.x.empty() && !(n.x > s.x.back())) continue;  // a cell shorter than rounding
    if (!s.x.empty()) {
      const double truncation =
          linear_cell_truncation(model, {s.x.back(), s.u.back(), s.du.back()}, n);
      if (truncation > closed_form_error) closed_form_error = truncation;
    }
    s.x.push_back(n.x);
    s.u.push_back(n.u);
    s.du.push_back(n.du);
  }
  s.set_curvature(problem);
  s.error_estimate = error + closed_form_error;
  s.status = Status::ok;
  return s;
}

}  // namespace radbound
