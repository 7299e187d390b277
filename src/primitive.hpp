// F(u) − F(a) without cancellation: the primitive of f written around the equilibrium.
//
// The exact method lives on the first integral u'² = 2 (F(u) − F(a)) + h. Near the equilibrium c
// (f(c) = 0, the minimum of F) the two values of F agree to many digits, so their difference is
// computed from Taylor coefficients at c of the polynomial F, as a divided difference
// (F(c+x) − F(c+y)) / (x − y) = Σ d_k (x^k − y^k)/(x − y), whose terms all share a sign when x and
// y lie on the same side of c. Levels are carried as offsets δ = u − c, so a turning point
// 1e-200 above the equilibrium is still a distinct number.
#pragma once

#include <array>

#include "radbound/problem.hpp"

namespace radbound {

class Primitive {
 public:
  // With nr > 0 or nc > 0, f is strictly increasing and the center is its unique root; with
  // nr = nc = 0 (f ≡ −Q) there is no equilibrium and the center is 0.
  explicit Primitive(const Problem& problem);

  // The equilibrium c: f(c) = 0 (when has_equilibrium()).
  double center() const { return center_; }
  bool has_equilibrium() const { return has_equilibrium_; }
  double level(double delta) const { return center_ + delta; }

  // f(c + d) and f'(c + d), from the same Taylor coefficients (no cancellation near c).
  double force(double d) const;
  double force_slope(double d) const;

  // Within |d| ≤ quadratic_radius() of the equilibrium, F(c + d) − F(c) = f'(c)/2 · d² to
  // rounding: the higher Taylor terms are below one ulp of it (0 when f'(c) = 0).
  double quadratic_radius() const { return quadratic_radius_; }
  // f'(c): in that neighbourhood u'' = f'(c) (u − c), a linear oscillator with closed-form times.
  double equilibrium_stiffness() const { return 2.0 * equilibrium_branch().d[1]; }

  // How far the curvature a solution stores at a node of offset d — Problem::f of the rounded
  // level c + d, which Solution::value interpolates — can be from the curvature of this model's
  // orbit there: the rounding of Problem::f (seven roundings, each relative to the size of the
  // terms), and f' times an ulp of the level (the node's own rounding); the same again at c, a
  // double within an ulp of the root, which this model treats as exact (it is f − f(c)).
  double curvature_rounding(double d) const;

  // F(c + dv) − F(c + da).
  double difference(double dv, double da) const;
  // (F(c + dv) − F(c + da)) / (dv − da); f(c + dv) when dv == da.
  double divided_difference(double dv, double da) const;

 private:
  // One polynomial piece of F (u ≥ 0 or u < 0, where pow4 changes form), in Taylor form around
  // its own center.
  struct Branch {
    double center;
    std::array<double, 5> d;  // d[k-1] = F^(k)(center) / k!
  };
  Branch branch(int sign, double at) const;
  const Branch& branch_of(double delta) const;
  const Branch& equilibrium_branch() const { return center_ >= 0.0 ? upper_ : lower_; }
  double branch_divided_difference(const Branch& b, double dv, double da) const;

  // At u: the rounding bound of Problem::f plus f' times an ulp of u.
  double rounding_at(double u) const;

  double nr_, nc_, linear_;  // F(u) = ±nr u⁵/5 + nc u²/2 − linear u
  double constant_size_;     // nr θs⁴ + nc |θ∞| + |Q|: the size of f's constant terms
  bool has_equilibrium_;
  double center_;
  Branch upper_, lower_;  // u ≥ 0 and u < 0
  double quadratic_radius_ = 0.0;
};

}  // namespace radbound
