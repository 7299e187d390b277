#include "exact_path.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace radbound {

namespace {

// Initial cells per leg, before refinement against the interpolation tolerance.
constexpr int kInitialCells = 8;
// Bisection depth limit: a cell 2^-60 of its leg wide is below any resolvable length.
constexpr int kMaxDepth = 60;

struct Node {
  double x, u, du;
};

// One end of a cell, with the data the quintic Hermite interpolant uses.
struct CellEnd {
  double w, s;  // orbit coordinate and distance from the leg's end
  Node node;
};

double hermite_value(const Problem& problem, const Node& a, const Node& b, double x) {
  Solution cell;
  const bool ascending = a.x < b.x;
  const Node& lo = ascending ? a : b;
  const Node& hi = ascending ? b : a;
  cell.x = {lo.x, hi.x};
  cell.u = {lo.u, hi.u};
  cell.du = {lo.du, hi.du};
  cell.set_curvature(problem);
  return cell.value(x);
}

// Nodes of one leg, from its physical end toward its inner level.
class LegTracer {
 public:
  LegTracer(const Problem& problem, const Orbit& orbit, const Leg& leg,
            const ProfileOptions& options)
      : problem_(problem),
        orbit_(orbit),
        leg_(leg),
        options_(options),
        sigma_(side_of(leg.end == orbit.anchor() ? leg.inner : leg.end, orbit.anchor())) {
    const double w_end = orbit.w_of(leg.end), w_inner = orbit.w_of(leg.inner);
    // u' along the leg: moving away from the end changes w by sign(w_inner − w_end).
    slope_sign_ = (leg.from_left ? 1 : -1) * sigma_ * (w_inner >= w_end ? 1 : -1);
    trace(w_end, w_inner);
  }

  const std::vector<Node>& nodes() const { return nodes_; }
  double length() const { return length_; }
  double interpolation_error() const { return interpolation_error_; }
  double position_error() const { return position_error_; }
  bool exhausted() const { return exhausted_; }

 private:
  CellEnd at(double w, double s) const {
    const double u = orbit_.primitive().level(orbit_.level_at(sigma_, w));
    return {w, s, {leg_.from_left ? s : 1.0 - s, u, slope_sign_ * orbit_.speed_at(sigma_, w)}};
  }

  void trace(double w_end, double w_inner) {
    CellEnd a = at(w_end, 0.0);
    if (w_end == w_inner) {
      push(a);
      return;
    }
    for (int i = 1; i <= kInitialCells; ++i) {
      const double w = w_end + (w_inner - w_end) * i / kInitialCells;
      double error = 0.0;
      const double ds = orbit_.time_at(sigma_, a.w, w, &error);
      accumulated_quadrature_error_ += error;
      CellEnd b = at(w, a.s + ds);
      refine(a, b, 0);
      a = b;
    }
    push(a);
    length_ = a.s;
  }

  // Accepts the cell [a, b] or splits it at its w-midpoint, after comparing the interpolant with
  // the exact level there. The quintic Hermite error is u⁽⁶⁾/720 (x−xa)³(x−xb)³: the error seen at
  // relative position t is scaled up to the cell's worst, t = 1/2.
  void refine(const CellEnd& a, const CellEnd& b, int depth) {
    const double wm = 0.5 * (a.w + b.w);
    double error = 0.0;
    const double ds = orbit_.time_at(sigma_, a.w, wm, &error);
    const CellEnd m = at(wm, a.s + ds);
    const double seen = std::fabs(hermite_value(problem_, a.node, b.node, m.node.x) - m.node.u);
    const double t = b.s > a.s ? std::clamp(ds / (b.s - a.s), 0.1, 0.9) : 0.5;
    const double worst = seen / (64.0 * std::pow(t * (1.0 - t), 3));
    const bool budget = static_cast<int>(nodes_.size()) + depth >= options_.max_nodes;
    if (worst <= options_.interpolation_tol || depth >= kMaxDepth || budget) {
      if (worst > options_.interpolation_tol) exhausted_ = true;
      interpolation_error_ = std::max(interpolation_error_, worst);
      push(a);
      return;
    }
    accumulated_quadrature_error_ += error;
    refine(a, m, depth + 1);
    refine(m, b, depth + 1);
  }

  void push(const CellEnd& e) {
    nodes_.push_back(e.node);
    // A node's x carries the quadrature errors of every cell between it and the leg's end.
    position_error_ = std::max(position_error_, accumulated_quadrature_error_ * std::fabs(e.node.du));
  }

  const Problem& problem_;
  const Orbit& orbit_;
  Leg leg_;
  ProfileOptions options_;
  int sigma_;
  int slope_sign_ = 1;
  std::vector<Node> nodes_;
  double length_ = 0.0;
  double interpolation_error_ = 0.0;
  double accumulated_quadrature_error_ = 0.0;
  double position_error_ = 0.0;
  bool exhausted_ = false;
};

// Largest |interpolant − level| on the cell between two legs that stop short of the equilibrium:
// the exact profile there lies between the two end levels (it is monotone or has its extremum
// between them, at the equilibrium side), so the error is at most the interpolant's excursion
// beyond that range plus the range itself.
double gap_error(const Problem& problem, const Node& a, const Node& b) {
  const double lo = std::min(a.u, b.u), hi = std::max(a.u, b.u);
  double excursion = 0.0;
  for (int i = 1; i < 16; ++i) {
    const double v = hermite_value(problem, a, b, a.x + (b.x - a.x) * i / 16.0);
    excursion = std::max({excursion, v - hi, lo - v});
  }
  return excursion + (hi - lo);
}

Solution failure(const std::string& message) {
  Solution s;
  s.method = "exact";
  s.status = Status::failed;
  s.message = message;
  return s;
}

}  // namespace

std::vector<Leg> Path::legs() const {
  const double a = orbit.anchor();
  const bool crosses = (left - a) * (right - a) < 0.0;
  if (turns || crosses) return {{left, a, true}, {right, a, false}};
  const bool left_is_far = std::fabs(left - a) >= std::fabs(right - a);
  return {{left_is_far ? left : right, left_is_far ? right : left, left_is_far}};
}

double Path::duration() const {
  double total = 0.0;
  for (const Leg& leg : legs()) total += orbit.time(leg.end, leg.inner);
  return total;
}

Solution build_profile(const Problem& problem, const Orbit& orbit, const std::vector<Leg>& legs,
                       const ProfileOptions& options) {
  std::vector<Node> nodes;
  double error = 0.0;
  bool exhausted = false;
  std::vector<LegTracer> tracers;
  for (const Leg& leg : legs) {
    tracers.emplace_back(problem, orbit, leg, options);
    error = std::max(error, tracers.back().interpolation_error() + tracers.back().position_error());
    exhausted = exhausted || tracers.back().exhausted();
  }
  if (legs.size() == 1) {
    nodes = tracers[0].nodes();
    const double mismatch = std::fabs(1.0 - tracers[0].length());
    error += mismatch * std::max(std::fabs(nodes.front().du), std::fabs(nodes.back().du));
    nodes.back().x = legs[0].from_left ? 1.0 : 0.0;
  } else {
    const LegTracer& left = legs[0].from_left ? tracers[0] : tracers[1];
    const LegTracer& right = legs[0].from_left ? tracers[1] : tracers[0];
    nodes = left.nodes();
    std::vector<Node> tail = right.nodes();
    std::reverse(tail.begin(), tail.end());
    const double gap = tail.front().x - nodes.back().x;
    const bool meet = tail.front().u == nodes.back().u;
    if (meet) {
      // Both legs end at the anchor: one node, placed between the two estimates; the shift moves
      // each neighbour cell by at most |gap|/2 at the anchor's (smallest) speed.
      nodes.back().x += 0.5 * gap;
      tail.erase(tail.begin());
      error += 0.5 * std::fabs(gap) * std::fabs(nodes.back().du);
    } else if (gap > 0.0) {
      error = std::max(error, gap_error(problem, nodes.back(), tail.front()));
    } else {
      return failure("the two halves of the exact profile overlap by " + std::to_string(-gap) +
                     " in x; the turning point could not be located");
    }
    nodes.insert(nodes.end(), tail.begin(), tail.end());
  }
  if (nodes.front().x > nodes.back().x) std::reverse(nodes.begin(), nodes.end());
  nodes.front().x = 0.0;
  nodes.back().x = 1.0;

  Solution s;
  s.method = "exact";
  for (const Node& n : nodes) {
    if (!s.x.empty() && !(n.x > s.x.back())) continue;  // a cell shorter than rounding
    s.x.push_back(n.x);
    s.u.push_back(n.u);
    s.du.push_back(n.du);
  }
  s.set_curvature(problem);
  s.error_estimate = error;
  s.status = exhausted ? Status::no_convergence : Status::ok;
  if (exhausted)
    s.message = "exact: the node budget ran out before the interpolation error reached " +
                std::to_string(options.interpolation_tol);
  return s;
}

}  // namespace radbound
