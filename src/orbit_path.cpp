#include "orbit_path.hpp"

#include <algorithm>
#include <cmath>

#include "hermite_probe.hpp"
#include "method_support.hpp"

namespace radbound {

namespace {

using Node = ProfileNode;

// Two pieces whose ends are this close in x meet at one node; farther apart, a fill cell joins
// them (the solution's slow passage took less length than there was).
constexpr double kJoinTolerance = 1e-9;

// Largest |interpolant − level| on the cell between two legs that stop short of the equilibrium:
// the exact profile there lies between the two end levels (it is monotone or has its extremum
// between them, at the equilibrium side), so the error is at most the interpolant's excursion
// beyond that range plus the range itself.
double gap_error(const Problem& problem, const Node& a, const Node& b) {
  const double lo = std::min(a.u, b.u), hi = std::max(a.u, b.u);
  double excursion = 0.0;
  for (int i = 1; i < 16; ++i) {
    const double x = a.x + (b.x - a.x) * i / 16.0;
    const double v =
        hermite_between({a.x, a.u, a.du, problem.f(a.u)}, {b.x, b.u, b.du, problem.f(b.u)}, x);
    excursion = std::max({excursion, v - hi, lo - v});
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

Solution join_legs(const Problem& problem, const std::vector<Leg>& legs,
                   std::vector<std::vector<ProfileNode>> pieces, const std::string& method) {
  double error = 0.0;
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
    // equilibrium (to the accuracy of the end levels), a cell filled by interpolation.
    error = std::max(error, gap_error(problem, a, b));
    nodes.insert(nodes.end(), tail.begin(), tail.end());
  } else {
    return unsolved(method, Status::failed,
                    method + ": the pieces of the profile overlap by " + std::to_string(-gap) +
                        " in x; the slow point could not be located");
  }
  nodes.front().x = 0.0;
  nodes.back().x = 1.0;

  Solution s;
  s.method = method;
  for (const Node& n : nodes) {
    if (!s.x.empty() && !(n.x > s.x.back())) continue;  // a cell shorter than rounding
    s.x.push_back(n.x);
    s.u.push_back(n.u);
    s.du.push_back(n.du);
  }
  s.set_curvature(problem);
  s.error_estimate = error;
  s.status = Status::ok;
  return s;
}

}  // namespace radbound
