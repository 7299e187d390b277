// A level set of the first integral u'² − 2F(u), anchored at its slowest point.
//
// Every solution of u'' = f(u) keeps E = u'² − 2F(u) constant. Writing u'² = 2 (F(u) − F(a)) + h
// around the point a where |u'| is smallest (a turning point, h = 0, or the equilibrium the orbit
// crosses, a = 0, h > 0) makes both terms non-negative everywhere on the orbit: no cancellation,
// however flat the profile gets. Levels are offsets δ from the equilibrium (see Primitive).
//
// Travel time between two levels is x-distance: ∫ dδ / |u'|. On one side σ of the anchor the
// substitution δ = a + σ w² removes the inverse-square-root singularity of a turning point and
// leaves a smooth integrand for double-exponential quadrature.
#pragma once

#include <limits>
#include <vector>

#include "primitive.hpp"

namespace radbound {

class Orbit {
 public:
  // u' = 0 at level dm (a turning point; on the side of the equilibrium where the orbit lives).
  static Orbit turning(const Primitive& primitive, double dm);
  // The orbit that crosses the equilibrium with u'² = h > 0 (h = 0: the separatrix).
  static Orbit passing(const Primitive& primitive, double h);
  // The orbit through level d with u'² = slope2, in the canonical anchoring above.
  static Orbit through(const Primitive& primitive, double d, double slope2);

  double anchor() const { return anchor_; }
  double anchor_speed2() const { return h_; }
  bool is_turning() const { return h_ == 0.0 && anchor_ != 0.0; }
  const Primitive& primitive() const { return *primitive_; }

  // Distance coordinate of a level on side sigma of the anchor: level = anchor + sigma w².
  double w_of(double d) const;
  double level_at(int sigma, double w) const { return anchor_ + sigma * w * w; }
  // |u'| at level anchor + sigma w².
  double speed_at(int sigma, double w) const;

  // x-distance between two levels of one monotone piece (they may lie on both sides of a crossed
  // equilibrium). +infinity where the piece reaches the equilibrium on the separatrix. Past
  // `limit` the sum stops early and returns some value above it (searches only compare with 1).
  double time(double d1, double d2, double limit = kNoLimit) const;
  // The same between w1 and w2 on side sigma. `quadrature_error` (optional) receives the estimate.
  double time_at(int sigma, double w1, double w2, double* quadrature_error = nullptr,
                 double limit = kNoLimit) const;

  // [lo, hi] in w split for quadrature: pieces a factor 16 apart from hi down while each still
  // takes a comparable x-length — an exponential approach to the equilibrium spans many decades
  // of w, x ~ ln(w)/k, which one rule would miss — and once the length shrinks with w too (x ∝ w:
  // no more decades to cross) one last piece reaches lo. Within the equilibrium's linear
  // neighbourhood the rest is one closed-form piece.
  struct Piece {
    double lo, hi, time, error;
  };
  std::vector<Piece> pieces(int sigma, double lo, double hi, double limit = kNoLimit) const;

  static constexpr double kNoLimit = std::numeric_limits<double>::infinity();

 private:
  Orbit(const Primitive& primitive, double anchor, double h)
      : primitive_(&primitive), anchor_(anchor), h_(h) {}
  // 2 σ S(anchor + σw², anchor) ≥ 0: twice the divided difference of F toward the level.
  double stiffness(int sigma, double w) const;
  // One quadrature of the travel time over [lo, hi] in w.
  double piece_time(int sigma, double lo, double hi, double* quadrature_error) const;
  // The travel time over [lo, hi] where the whole piece lies within the quadratic radius of the
  // equilibrium: a linear oscillator, in closed form.
  double linear_time(double lo, double hi) const;

  const Primitive* primitive_;
  double anchor_;
  double h_;
};

// Side of level d relative to a: +1 above, −1 below (+1 when equal).
inline int side_of(double d, double a) { return d >= a ? 1 : -1; }

}  // namespace radbound
