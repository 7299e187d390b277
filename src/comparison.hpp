// Piecewise-exponential comparison functions: on each piece of a mesh the exact solution of a
// linear equation w'' = m_i^2 w + s_i, continuous at the nodes, with end conditions made linear.
// Built by solving the tridiagonal system for the nodal values, then *checked*: every inequality
// that makes it a super-solution (upper) or sub-solution (lower) is verified in ball arithmetic on
// the exact function the stored doubles define. Only a checked function is ever used as a bound.
#pragma once

#include <array>
#include <optional>

#include "ball.hpp"
#include "linear_law.hpp"

namespace radbound::detail {

// The capacity of a mesh: the bounds use 12 pieces (5 for a coarse start), and every array sized
// by it is copied or initialized per call, so it is no larger.
constexpr int kMaxPieces = 12;

struct Mesh {
  int pieces = 0;
  std::array<double, kMaxPieces + 1> x{};  // x[0] = 0 < x[1] < ... < x[pieces] = 1

  static Mesh uniform(int pieces);
  int piece_of(double x) const;  // the piece containing x in [0, 1]
  // 0 = x[0] < x[1] < ... < x[pieces] = 1, with 1 <= pieces <= kMaxPieces.
  bool partitions_unit_interval() const;
};

// An end condition of the comparison problem: the value itself (Dirichlet), or the outward flux
// replaced by a line (flux, convective, radiative, insulated).
struct EndLaw {
  bool fixed = false;
  double value = 0.0;  // the Dirichlet value when fixed
  Line flux;           // outward flux ~ slope * w + intercept, valid for w in [lo, hi]
};

enum class Side { upper = 1, lower = -1 };

using Nodes = std::array<double, kMaxPieces + 1>;

// A linear comparison problem: a line for the source on each piece of the mesh and a linear law
// at each end. Choosing the lines is the caller's business; any choice gives a valid bound once
// the function passes its checks.
struct Linearization {
  Mesh mesh;
  std::array<RateLine, kMaxPieces> laws;  // filled for the mesh's pieces
  EndLaw left, right;
  // When given (an accurate approximate solution's), the nodal values the function is expected to
  // take: they size the slack of its equations, and one solve gives the slackened nodal values.
  // Else a first solve's nodal values size it, and a second solve adds it.
  std::optional<Nodes> expected;
};

using PieceValues = std::array<double, kMaxPieces>;

// A piece's coefficients as computed in floating point, one array each (filled for the mesh's
// pieces only, no zero fill: the loops over them vectorize): e^{-m h}, (1 - e^{-m h}) / m, and
// D = m coth(mh), O = m / sinh(mh) (docs/bounds.md section 4), whose rounding section 9 bounds,
// and T s with T = tanh(mh/2) / m, the source's share of the piece's end slopes.
struct PieceCoefficients {
  PieceValues decay, phi;
  PieceValues diag, off;
  PieceValues load;
};

// The nodal values of the solution of a comparison problem in plain floating point (NaN if its
// system is singular): a trial function, which only guides the next linearization.
Nodes trial_nodes(const Linearization& problem);

class ComparisonFunction {
 public:
  // Solves the comparison problem that build() returns and checks it; ok() says whether every
  // check passed, and only a function that is ok() may be used as a bound. The problem is built
  // in place, where the function keeps its mesh and lines (they are a few hundred bytes).
  template <class Build>
  ComparisonFunction(Side side, Build&& build) : problem_(build()), side_(side) {
    solve_and_check();
  }

  bool ok() const { return ok_; }
  const Mesh& mesh() const { return problem_.mesh; }
  double node_value(int j) const { return w_[j]; }
  const Nodes& node_values() const { return w_; }
  // Certified range of the function over each piece.
  const PieceValues& piece_mins() const { return range_lo_; }
  const PieceValues& piece_maxs() const { return range_hi_; }
  // Certified extremes over [0, 1] (meaningful for a function that is ok()).
  double min() const;
  double max() const;
  const std::array<RateLine, kMaxPieces>& laws() const { return problem_.laws; }

  // The exact value at x in [0, 1] (a ball around it), its derivative (approximate), and the
  // exact right derivative at x = 0 (a ball).
  Ball value(double x) const;
  double slope(double x) const;
  Ball slope_at_left() const { return slope_at_left_; }

 private:
  void solve_and_check();
  bool check(const EndLaw& left, const EndLaw& right);
  void widen_by_interior_extremes(int i, Ball start_slope, bool interior_max,
                                  bool interior_min, double& lo, double& hi) const;

  Linearization problem_;
  PieceCoefficients piece_;
  Nodes w_;
  Ball slope_at_left_;  // w'(0+)
  PieceValues range_lo_, range_hi_;
  Side side_;
  bool ok_ = false;
};

}  // namespace radbound::detail
