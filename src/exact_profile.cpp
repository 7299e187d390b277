#include "exact_profile.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "hermite_probe.hpp"
#include "method_support.hpp"

namespace radbound {

namespace {

// Initial cells per leg, before refinement against the interpolation tolerance.
constexpr int kInitialCells = 8;
// Bisection depth limit: a cell 2^-60 of its leg wide is below any resolvable length.
constexpr int kMaxDepth = 60;

using Node = ProfileNode;

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
  double interpolation_error() const { return interpolation_error_; }
  double position_error() const { return position_error_; }
  bool exhausted() const { return exhausted_; }

 private:
  CellEnd at(double w, double s) const {
    const double u = orbit_.primitive().level(orbit_.level_at(sigma_, w));
    return {w, s, {leg_.from_left ? s : 1.0 - s, u, slope_sign_ * orbit_.speed_at(sigma_, w)}};
  }

  // Initial cells: uniform in w away from the anchor; toward it, the quadrature's own geometric
  // pieces (Orbit::pieces), which follow an exponential approach to the equilibrium.
  void trace(double w_end, double w_inner) {
    CellEnd a = at(w_end, 0.0);
    if (w_end == w_inner) {
      push(a);
      return;
    }
    std::vector<Orbit::Piece> cells;
    if (w_inner == 0.0) {
      cells = orbit_.pieces(sigma_, 0.0, w_end);
    } else {
      for (int i = 0; i < kInitialCells; ++i) {
        const double from = w_end + (w_inner - w_end) * i / kInitialCells;
        const double to = w_end + (w_inner - w_end) * (i + 1) / kInitialCells;
        Orbit::Piece c{std::min(from, to), std::max(from, to), 0.0, 0.0};
        c.time = orbit_.time_at(sigma_, c.lo, c.hi, &c.error);
        cells.push_back(c);
      }
    }
    for (const Orbit::Piece& c : cells) {
      accumulated_quadrature_error_ += c.error;
      const double w = c.hi == a.w ? c.lo : c.hi;  // the cell's end away from the previous one
      CellEnd b = at(w, a.s + c.time);
      refine(a, b, 0);
      a = b;
    }
    push(a);
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
    position_error_ =
        std::max(position_error_, accumulated_quadrature_error_ * std::fabs(e.node.du));
  }

  const Problem& problem_;
  const Orbit& orbit_;
  Leg leg_;
  ProfileOptions options_;
  int sigma_;
  int slope_sign_ = 1;
  std::vector<Node> nodes_;
  double interpolation_error_ = 0.0;
  double accumulated_quadrature_error_ = 0.0;
  double position_error_ = 0.0;
  bool exhausted_ = false;
};

}  // namespace

Solution build_profile(const Problem& problem, const Orbit& orbit, const std::vector<Leg>& legs,
                       const ProfileOptions& options) {
  double error = 0.0;
  bool exhausted = false;
  std::vector<std::vector<Node>> pieces;
  for (const Leg& leg : legs) {
    LegTracer tracer(problem, orbit, leg, options);
    error = std::max(error, tracer.interpolation_error() + tracer.position_error());
    exhausted = exhausted || tracer.exhausted();
    pieces.push_back(tracer.take_nodes());
  }
  const Primitive& model = orbit.primitive();
  Solution s = join_legs(problem, model, options.interpolation_tol, legs, std::move(pieces), "exact");
  if (!s.ok()) return s;
  s.error_estimate = std::max(s.error_estimate, error) + node_rounding_error(model, s);
  if (exhausted) {
    s.status = Status::no_convergence;
    s.message = "exact: the node budget ran out before the interpolation error reached " +
                brief(options.interpolation_tol);
  }
  return s;
}

}  // namespace radbound
