// The solution the finite-difference solver returns, assembled from its ladder of levels.
//
// At the nodes of the window's coarsest level: the Richardson-extrapolated u and u', the estimate
// |T[K][K] - T[K][K-1]|. Between them, on as many nodes of the finer levels as Solution::value's
// quintic interpolant needs: the two-point Hermite polynomial of degree 11 whose derivatives
// u''..u^(5) the equation supplies (estimate: its distance from degree 9), or where that is
// unreliable the node's own Richardson value. The quintic interpolant's error is measured at the
// midpoints of every output cell against the same values (and at the quarter points of cells wider
// than 4/sqrt(f')).
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "fd_hermite.hpp"
#include "fd_ladder.hpp"
#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound::detail {

// The output built from the window of levels first.. of a ladder. One Output follows the ladder
// as it grows, reusing its storage from window to window (and from solve to solve: nothing else
// carries over).
class Output {
 public:
  // Starts on a new ladder (which, like the problem, must outlive the calls that follow).
  void begin(const Problem& problem, const Ladder& ladder, double tol);

  // Extrapolates the node values of the window of levels first.. (the ladder's finest levels).
  // Before the asymptotic regime the nodal estimate can fall short of the error (measured: 15x on
  // the Nc = 85 layer of tests/test_fd.cpp). The previous window (one level coarser) is checked
  // against this one: the largest ratio of a node's change to its estimate there (the estimate
  // raised by tol/100, so that changes that small do not count), when above 1, scales the nodal
  // estimate.
  void set_window(std::size_t first);

  // Whether the window's levels are in the asymptotic regime: their changes shrink as h^2 should,
  // or are below `negligible` (see shrinks_as_h2).
  bool asymptotic(double negligible) const {
    return shrinks_as_h2(changes_, ladder_->size() - first_, negligible);
  }

  // Estimated error of the extrapolated node values, and the largest |u| among them.
  double nodal_estimate() const { return nodal_; }
  double largest_value() const { return largest_; }
  // The least estimate solve() can report on this window: the share of the node values before the
  // error of u' they carry (which only adds). Above tol no refinement can succeed.
  double least_estimate() const { return node_share(0.0) + rounding(); }

  // The solution on the nodes of level first + refinement, with the full error estimate (node
  // values and the error of u' they carry into the polynomials, inserted values, quintic
  // interpolant between them, rounding of the values): the smallest refinement with at least
  // `least_cells` cells (up to the finest level but one) that brings the estimate below tol, else
  // the smallest below that does, else the one with the smallest estimate tried.
  Solution solve(std::size_t least_cells);

  // The answer for Coverage::nodes (a sweep row): the extrapolated nodes of the window's coarsest
  // level and x = 1/2, valued as an inserted point of its coarse cell. The estimate covers those
  // points only: the node values (with the error of u' they carry into the polynomials), x = 1/2's
  // polynomial's own estimate, the rounding of the values; no finer nodes, no interpolant check.
  // Where the printed points' levels do not yet converge as h^2 or x = 1/2's cell is too wide for
  // its polynomial, the interval's answer solve(least_cells) instead.
  Solution solve_nodes(std::size_t least_cells);

 private:
  // A value placed between the coarse nodes, and how it was found (for its u').
  struct Inserted {
    double value = 0.0, spread = 0.0;
    int order = 0;  // of the Hermite polynomial; 0: the Richardson value
  };

  // The share of the node values in the estimate, `carried` the error of u' they carry.
  double node_share(double carried) const;
  // A few units in the last place of the largest value: the least error of doubles.
  double rounding() const;
  void calibrate(std::size_t stride);
  // Extrapolates u' at the nodes (into slopes_); a flux-type end's from its boundary condition.
  void extrapolate_slopes();
  // Whether node `node` of the window's coarsest level changes between the window's levels as
  // h^2 should (by kNodeRatio at least from one pair to the next), or by less than tol/10.
  bool shrinks_as_h2_at(std::size_t node) const;
  // Whether the source u|u|^3 is smooth along the solution: not where the node values take both
  // signs (with Nr > 0), since its fourth derivative jumps at u = 0, and the levels' errors then
  // do not expand in powers of h^2 beyond the first.
  bool source_smooth() const;
  // Whether coarse cell j is no wider than 4/sqrt(f') at its nodes (h^2 f' <= 16): beyond that a
  // polynomial across it is not trusted, and an end layer too weak to grade for may hide in it
  // (interpolation_error() checks the quarter points of such cells).
  bool resolves(std::size_t j) const;
  // The largest error the extrapolated u' (its estimates) carries into a coarse cell's
  // polynomial: an error e moves it by at most h e / 2 inside the cell.
  double carried() const;
  // Extrapolates u' at the nodes and fills the jets; returns the error the u' estimates carry
  // into the polynomials.
  double complete_jets();

  // A cell of the window's coarsest level: its index, left end and width h. fill() and
  // interpolation_error() walk the points of one coarse cell at a time, so that its place and
  // polynomial are looked up once per cell rather than once per point.
  struct CoarseCell {
    std::size_t index;
    double left, h;
  };
  CoarseCell coarse_cell(std::size_t j) const {
    const std::vector<double>& coarse = *nodes_[0];
    return {j, coarse[j], coarse[j + 1] - coarse[j]};
  }
  // t = (x - x_cell)/h of node `node` of level `level` inside the window, a point of `cell`.
  double offset(const CoarseCell& cell, std::size_t level, std::size_t node) const {
    return ((*nodes_[level - first_])[node] - cell.left) / cell.h;
  }
  // The value at node `node` of level `level` inside the window, not a coarse node, a point of
  // `cell`: found at the coarsest level where the point is a node (the better of the cell's
  // Hermite polynomial and the Richardson value there), so that every use of a point sees the
  // same value. (Not cached: within one refinement fill() and interpolation_error() use disjoint
  // points, and keeping them for the rarer second refinement cost more than it saved.)
  Inserted between(const CoarseCell& cell, std::size_t level, std::size_t node) const {
    const WindowPoint point = coarsest(level, node);
    return evaluate(cell, point.level, point.node);
  }
  // Node `node` of level `level` of the window.
  struct WindowPoint {
    std::size_t level, node;
  };
  // The same point at the coarsest level where it is a node: an even node is node/2 of the level
  // below (in the same coarse cell). Not for a coarse node.
  static WindowPoint coarsest(std::size_t level, std::size_t node) {
    while (node % 2 == 0) {
      node /= 2;
      --level;
    }
    return {level, node};
  }
  // The top-order polynomial where its estimate is negligible (nearly always: inline), else
  // alternative().
  Inserted evaluate(const CoarseCell& cell, std::size_t level, std::size_t node) const {
    const double t = offset(cell, level, node);
    const CellHermite& polynomial = cells_[cell.index];
    const Inserted top{polynomial.value(t), polynomial.gap(t), kJetOrder};
    if (top.spread <= negligible_) return top;
    return alternative(cell, level, node, t, top);
  }
  // Where the top order's estimate `top` at t is not negligible: a lower order that agrees better
  // with the next lower still, or the node's own Richardson value if better again.
  Inserted alternative(const CoarseCell& cell, std::size_t level, std::size_t node, double t,
                       const Inserted& top) const;
  // The first part of alternative(): the order of the cell's Hermite polynomial at t.
  Inserted lower_order(const CoarseCell& cell, double t, const Inserted& top) const;
  // u' at an inserted point, by the same route as its value (below the top order).
  double slope_between(const CoarseCell& cell, std::size_t level, std::size_t node,
                       const Inserted& value) const;
  // Fills x_/u_/du_/d2u_ on level first + refinement; returns the worst inserted-value estimate.
  double fill(int refinement);
  // Worst error of the quintic interpolant of x_/u_/du_ at the midpoints of its cells (and the
  // quarter points of the cells wider than 4/sqrt(f'), when the window has the level for them).
  double interpolation_error(int refinement);

  const Problem* problem_ = nullptr;
  Source source_{Problem{}};
  const Ladder* ladder_ = nullptr;
  double tol_ = 0.0;
  double negligible_ = 0.0;  // an inserted value's estimate that needs no alternative
  std::size_t first_ = 0;
  // The nodes of the window's levels first_, first_ + 1, ... (the ladder's levels do not move).
  std::array<const std::vector<double>*, kMaxDepth + 1> nodes_{};
  std::vector<Jet> jets_;  // u..u^(5) at the coarse nodes
  std::vector<CellHermite> cells_;  // the top-order polynomials of the coarse cells
  std::vector<Extrapolated> nodal_values_;  // the extrapolated node values and their estimates
  std::vector<Extrapolated> slopes_;  // workspace: the extrapolated u' at the nodes
  LevelChanges changes_{};  // between the window's consecutive levels
  std::vector<Extrapolated> previous_nodal_values_;  // of the previous window
  const std::vector<double>* x_ = nullptr;  // the output mesh being checked (a level's grid)
  std::vector<double> u_, du_, d2u_;        // and the values on it
  double nodal_ = 0.0, largest_ = 0.0;  // the nodal estimate, the largest |value|
};

}  // namespace radbound::detail
