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

// D = m coth(mh), O = m / sinh(mh) and T = tanh(mh/2) / m of a piece (docs/bounds.md section 4), as
// computed in floating point.
struct Shape {
  double diag, off, bubble;
};

// The nodal values of the solution of a comparison problem in plain floating point (NaN if its
// system is singular): a trial function, which only guides the next linearization.
Nodes trial_nodes(const Linearization& problem);

class ComparisonFunction {
 public:
  // Solves the comparison problem and checks it; ok() says whether every check passed, and only a
  // function that is ok() may be used as a bound.
  ComparisonFunction(const Linearization& problem, Side side);

  bool ok() const { return ok_; }
  const Mesh& mesh() const { return mesh_; }
  double node_value(int j) const { return w_[j]; }
  // Certified range of the function over piece i.
  double piece_min(int i) const { return range_lo_[i]; }
  double piece_max(int i) const { return range_hi_[i]; }
  // Certified extremes over [0, 1] (meaningful for a function that is ok()).
  double min() const;
  double max() const;
  const RateLine& law(int i) const { return laws_[i]; }

  // The exact value at x in [0, 1] (a ball around it), its derivative (approximate), and the
  // exact right derivative at x = 0 (a ball).
  Ball value(double x) const;
  double slope(double x) const;
  Ball slope_at_left() const { return slope_left_[0]; }

 private:
  // A piece's computed e^{-m h} and (1 - e^{-m h}) / m (section 9 of docs/bounds.md bounds their
  // rounding).
  struct Exponentials {
    double decay, phi;
  };

  bool set_coefficients();
  void set_slopes(int i);
  bool check(const EndLaw& left, const EndLaw& right);
  bool check_range(int i);

  Mesh mesh_;
  std::array<RateLine, kMaxPieces> laws_;
  // Filled for the mesh's pieces and nodes only (no zero fill, for speed). The computed D, O, T
  // differ from the exact ones by at most the a-priori bounds of docs/bounds.md section 9.
  std::array<Shape, kMaxPieces> shape_;
  std::array<Exponentials, kMaxPieces> exponentials_;
  Nodes w_;
  std::array<Ball, kMaxPieces> slope_left_, slope_right_;  // w'(x_i+), w'(x_{i+1}-)
  std::array<double, kMaxPieces> range_lo_, range_hi_;
  Side side_;
  bool ok_ = false;
};

}  // namespace radbound::detail
