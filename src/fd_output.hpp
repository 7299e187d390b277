// The solution the finite-difference solver returns, assembled from its ladder of levels.
//
// At the nodes of the window's coarsest level: the Richardson-extrapolated u and u', the estimate
// |T[K][K] - T[K][K-1]|. Between them, on as many nodes of the finer levels as Solution::value's
// quintic interpolant needs: the two-point Hermite polynomial of degree 11 whose derivatives
// u''..u^(5) the equation supplies (estimate: its distance from degree 9), or where that is
// unreliable the node's own Richardson value. The quintic interpolant's error is measured at the
// midpoints of every output cell against the same values.
#pragma once

#include <cstddef>
#include <vector>

#include "fd_hermite.hpp"
#include "fd_ladder.hpp"
#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound::detail {

// The output built from levels first.. of a ladder (which must outlive it).
class Output {
 public:
  Output(const Problem& problem, const Ladder& ladder, std::size_t first)
      : problem_(problem), source_(problem), ladder_(ladder), first_(first) {
    extrapolate_values();
  }

  // Estimated error of the extrapolated node values, and the largest |u| among them.
  double nodal_estimate() const { return nodal_; }
  // The extrapolated node values (on level first) and their estimates |T[K][K] - T[K][K-1]|.
  void copy_nodes(std::vector<double>& values, std::vector<double>& spreads) const;
  // Before the asymptotic regime that estimate can fall short of the error (measured: 15x on the
  // Nc = 85 layer of tests/test_fd.cpp). The window one level coarser (level previous_first) is
  // checked against this one: the largest ratio of a node's change to its estimate there
  // (changes below tol/100 ignored), when above 1, scales the nodal estimate.
  void calibrate(std::size_t previous_first, const std::vector<double>& previous_values,
                 const std::vector<double>& previous_spreads, double tol);
  double largest_value() const;

  // The solution on the nodes of level first + refinement, with the full error estimate (node
  // values and the error of u' they carry into the polynomials, inserted values, quintic
  // interpolant between them, rounding of the values): the smallest refinement (up to the finest level but one) that
  // brings the estimate below tol, else the one with the smallest estimate.
  Solution solve(double tol);
  // The sparse output a sweep row needs: the extrapolated nodes of level first and the point
  // x = 1/2, valued by its cell's Hermite polynomial; the estimate covers those points only
  // (Solution::dense is false). When that estimate is not below tol, the dense solve(tol).
  Solution solve_sparse(double tol);

 private:
  void extrapolate_values();
  // Extrapolates u' at the nodes and fills the jets; returns the error the u' estimates carry
  // into the polynomials.
  double complete_jets();
  // Value and error estimate (and u', when `slope` is given) at a node of a finer level inside the
  // window: the better of the cell's Hermite polynomial and the Richardson value there.
  Extrapolated between(std::size_t level, std::size_t node, double* slope = nullptr) const;
  // The best Hermite polynomial of coarse cell j at the point `hermite` was built for, and the
  // order it has (for the slope of the same polynomial).
  Extrapolated polynomial(std::size_t j, const HermiteAt& hermite, int& order) const;
  // Fills s.x/u/du on level first + refinement; returns the worst inserted-value estimate.
  double fill(int refinement, Solution& s) const;
  // Worst error of the quintic interpolant of s at the midpoints of its cells.
  double interpolation_error(int refinement, const Solution& s) const;

  const Problem& problem_;
  Source source_;
  const Ladder& ladder_;
  std::size_t first_;
  std::vector<Jet> jets_;  // u..u^(5) at the coarse nodes (only u until complete_jets())
  std::vector<double> spreads_;  // the estimates of the extrapolated node values
  double negligible_ = 0.0;  // a polynomial estimate below this needs no Richardson alternative
  double nodal_ = 0.0;
};

}  // namespace radbound::detail
