#include "exact_path.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "hermite_probe.hpp"

namespace radbound {

namespace {

// Initial cells per leg, before refinement against the interpolation tolerance.
constexpr int kInitialCells = 8;
// Halvings of w toward an anchor: 2^-1100 is below the smallest double.
constexpr std::size_t kMaxGeometricCells = 1100;
// Bisection depth limit: a cell 2^-60 of its leg wide is below any resolvable length.
constexpr int kMaxDepth = 60;
// Two pieces whose ends are this close in x meet at one node; farther apart, a fill cell joins
// them (the solution's slow passage took less length than there was).
constexpr double kJoinTolerance = 1e-9;

struct Node {
  double x, u, du;
};

// One end of a cell, with the data the quintic Hermite interpolant uses.
struct CellEnd {
  double w, s;  // orbit coordinate and distance from the leg's end
  Node node;
};

double hermite_value(const Problem& problem, const Node& a, const Node& b, double x) {
  return hermite_between({a.x, a.u, a.du, problem.f(a.u)}, {b.x, b.u, b.du, problem.f(b.u)}, x);
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

  std::vector<Node> take_nodes() { return std::move(nodes_); }
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
    for (double w : breakpoints(w_end, w_inner)) {
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

  // Initial cells: uniform in w, except toward the anchor, where the profile can approach the
  // equilibrium exponentially (x ~ ln w / k over many decades of w): there the cells shrink
  // geometrically while each still spans a comparable x-length; once a halving of w halves the
  // length too (x ∝ w: the anchor's own neighbourhood) one last cell reaches the anchor.
  std::vector<double> breakpoints(double w_end, double w_inner) const {
    std::vector<double> w;
    if (w_inner != 0.0) {
      for (int i = 1; i <= kInitialCells; ++i) w.push_back(w_end + (w_inner - w_end) * i / kInitialCells);
      return w;
    }
    double previous = orbit_.time_at(sigma_, w_end, 0.5 * w_end);
    w.push_back(0.5 * w_end);
    while (w.size() < kMaxGeometricCells) {
      const double next = 0.5 * w.back();
      const double ds = orbit_.time_at(sigma_, w.back(), next);
      if (w.size() >= 3 && ds < 0.6 * previous) break;
      previous = ds;
      w.push_back(next);
    }
    w.push_back(0.0);
    return w;
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
    const double worst = worst_cell_error(seen, b.s > a.s ? ds / (b.s - a.s) : 0.5);
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
  double error = 0.0;
  bool exhausted = false;
  std::vector<std::vector<Node>> pieces;  // each leg's nodes in ascending x
  for (const Leg& leg : legs) {
    LegTracer tracer(problem, orbit, leg, options);
    error = std::max(error, tracer.interpolation_error() + tracer.position_error());
    exhausted = exhausted || tracer.exhausted();
    pieces.push_back(tracer.take_nodes());
    if (!leg.from_left) std::reverse(pieces.back().begin(), pieces.back().end());
  }
  if (legs.size() == 1) {
    // The far end is exact; the near end closes the interval (or a flat fill does, see below).
    Node near = legs[0].from_left ? pieces[0].back() : pieces[0].front();
    near.x = legs[0].from_left ? 1.0 : 0.0;
    pieces.push_back({near});
    if (!legs[0].from_left) std::swap(pieces[0], pieces[1]);
  }
  std::vector<Node> nodes = pieces[0];
  const std::vector<Node>& tail = pieces[1];
  const Node& a = nodes.back();
  const Node& b = tail.front();
  const double gap = b.x - a.x;
  if (a.u == b.u && std::fabs(gap) <= kJoinTolerance) {
    // The pieces end at the same level (the anchor): one node between the two estimates of its
    // position; the neighbouring cells move by at most |gap| at that point's (smallest) speed.
    error += std::fabs(gap) * std::max(std::fabs(a.du), std::fabs(b.du));
    nodes.back().x += 0.5 * gap;
    nodes.insert(nodes.end(), tail.begin() + 1, tail.end());
  } else if (gap > 0.0) {
    // The profile reaches its slow point in less than the available length: the rest is the
    // equilibrium (to the accuracy of the end levels), a cell filled by interpolation.
    error = std::max(error, gap_error(problem, a, b));
    nodes.insert(nodes.end(), tail.begin(), tail.end());
  } else {
    return failure("exact: the pieces of the profile overlap by " + std::to_string(-gap) +
                   " in x; the slow point could not be located");
  }
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
