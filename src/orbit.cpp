#include "orbit.hpp"

#include <algorithm>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

namespace radbound {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Relative accuracy asked of every travel-time quadrature: tanh-sinh converges quadratically,
// so full precision costs one level more than half precision.
constexpr double kQuadratureTolerance = 1e-15;
// Bisections Gauss–Kronrod may apply to a piece that is not yet resolved.
constexpr unsigned kKronrodDepth = 8;
// Pieces toward an anchor each span this factor in w; 16^-270 is below the smallest double.
constexpr double kPieceRatio = 16.0;
constexpr std::size_t kMaxPieces = 270;

boost::math::quadrature::tanh_sinh<double>& integrator() {
  // Shared by all threads: Boost extends the abscissa tables under a lock. Not const because
  // Boost 1.74 does not mark integrate() const.
  static boost::math::quadrature::tanh_sinh<double> instance;
  return instance;
}

// One 15-point Gauss–Kronrod rule per piece, bisected where QUADPACK's estimate of its error —
// |K15 − G7| scaled by (200 |K15 − G7| / I)^1.5 (the rule converges much faster than the raw
// difference suggests), floored at the rounding of the 15 positive terms' sum, 8 eps I — is
// above the tolerance.
template <class F>
double kronrod(const F& f, double lo, double hi, unsigned depth, double* error) {
  double raw = 0.0, l1 = 0.0;
  const double value =
      boost::math::quadrature::gauss_kronrod<double, 15>::integrate(f, lo, hi, 0, 0.0, &raw, &l1);
  const double rounding = 8.0 * std::numeric_limits<double>::epsilon() * l1;
  const double ratio = l1 > 0.0 ? std::min(1.0, 200.0 * raw / l1) : 1.0;
  const double scaled = l1 > 0.0 ? l1 * ratio * std::sqrt(ratio) : raw;
  if (scaled <= std::max(kQuadratureTolerance * l1, rounding) || depth == 0) {
    *error = std::max(scaled, rounding);
    return value;
  }
  const double mid = 0.5 * (lo + hi);
  double e1 = 0.0, e2 = 0.0;
  const double sum = kronrod(f, lo, mid, depth - 1, &e1) + kronrod(f, mid, hi, depth - 1, &e2);
  *error = e1 + e2;
  return sum;
}

}  // namespace

Orbit Orbit::turning(const Primitive& primitive, double dm) { return Orbit(primitive, dm, 0.0); }

Orbit Orbit::passing(const Primitive& primitive, double h) { return Orbit(primitive, 0.0, h); }

Orbit Orbit::through(const Primitive& primitive, double d, double slope2) {
  const double excess = slope2 - 2.0 * primitive.difference(d, 0.0);
  if (excess > 0.0) return passing(primitive, excess);
  if (slope2 == 0.0 || d == 0.0) return turning(primitive, d);
  // Turning point between the equilibrium and d: F(c+d) − F(c+dm) = slope2/2, monotone in dm.
  const auto gap = [&](double dm) { return primitive.difference(d, dm) - 0.5 * slope2; };
  std::uintmax_t iterations = 200;
  const auto root =
      boost::math::tools::toms748_solve(gap, std::min(0.0, d), std::max(0.0, d),
                                        boost::math::tools::eps_tolerance<double>(), iterations);
  return turning(primitive, 0.5 * (root.first + root.second));
}

double Orbit::w_of(double d) const { return std::sqrt(std::fabs(d - anchor_)); }

double Orbit::stiffness(int sigma, double w) const {
  const double s = primitive_->divided_difference(level_at(sigma, w), anchor_);
  return std::max(0.0, 2.0 * sigma * s);
}

double Orbit::speed_at(int sigma, double w) const {
  return std::sqrt(stiffness(sigma, w) * w * w + h_);
}


double Orbit::piece_time(int sigma, double lo, double hi, double* quadrature_error) const {
  *quadrature_error = 0.0;
  if (lo == hi) return 0.0;
  if (lo == 0.0 && h_ == 0.0 && anchor_ == 0.0) return kInfinity;  // the separatrix never arrives
  // dx = dδ/|u'| = 2w dw / sqrt(q w² + h) = 2 dw / sqrt(q + h/w²).
  const auto integrand = [&](double w) {
    const double q = stiffness(sigma, w);
    if (h_ == 0.0) return 2.0 / std::sqrt(q);
    return 2.0 / std::sqrt(q + h_ / (w * w));  // w² underflowing to 0 gives h/0 = inf: value 0
  };
  if (lo == 0.0 && h_ > 0.0 && hi * hi <= std::numeric_limits<double>::min() * std::sqrt(h_)) {
    // Crossing the equilibrium at speed √h: x ≈ w²/√h, below the smallest double here (the
    // quadrature itself would divide 0 by 0).
    *quadrature_error = 0.0;
    return hi * hi / std::sqrt(h_);
  }
  try {
    // Away from the anchor, in z = ln w: the integrand times w is nearly constant where the
    // profile approaches the equilibrium exponentially (x ~ ln w / k) and smooth elsewhere, so
    // Gauss–Kronrod covers a wide piece at once. Reaching the anchor needs tanh-sinh's endpoint
    // clustering.
    if (lo > 0.0) {
      const auto in_log = [&](double z) {
        const double w = std::exp(z);
        return integrand(w) * w;
      };
      return kronrod(in_log, std::log(lo), std::log(hi), kKronrodDepth, quadrature_error);
    }
    return integrator().integrate(integrand, lo, hi, kQuadratureTolerance, quadrature_error);
  } catch (const std::exception&) {
    return kInfinity;  // a non-finite integrand: the level is not reached in finite time
  }
}

double Orbit::linear_time(double lo, double hi) const {
  // u'' = κ² (u − c) with u'² = κ² (y² − a²) + h, y = |u − c| = |a| + w² on the orbit's side.
  const double kappa = std::sqrt(primitive_->equilibrium_stiffness());
  const double a = std::fabs(anchor_);
  const auto phase = [&](double w) {
    if (a == 0.0) return h_ > 0.0 ? std::asinh(kappa * w * w / std::sqrt(h_)) : 2.0 * std::log(w);
    const double e = w * w / a;  // acosh(1 + e), also accurate for small e
    return e < 1.0 ? std::log1p(e + std::sqrt(e * (2.0 + e))) : std::acosh(1.0 + e);
  };
  if (lo == 0.0 && a == 0.0 && h_ == 0.0) return kInfinity;
  return (phase(hi) - phase(lo)) / kappa;
}

std::vector<Orbit::Piece> Orbit::pieces(int sigma, double lo, double hi, double limit) const {
  std::vector<Piece> out;
  double top = hi, total = 0.0;
  const double linear_reach = primitive_->quadratic_radius();
  while (top > kPieceRatio * lo && out.size() < kMaxPieces) {
    if (std::fabs(anchor_) + top * top <= linear_reach) {
      // Every level left is within the linear neighbourhood of the equilibrium: the remaining
      // decades (often hundreds, near a separatrix) in one closed-form step.
      const double t = linear_time(lo, top);
      out.push_back({lo, top, t, 8.0 * std::numeric_limits<double>::epsilon() * t});
      return out;
    }
    Piece piece{top / kPieceRatio, top, 0.0, 0.0};
    piece.time = piece_time(sigma, piece.lo, piece.hi, &piece.error);
    // x ∝ w or faster (x ∝ w² crossing the equilibrium at speed √h): no more decades to cross;
    // or what is left is below rounding of the length so far.
    const bool linear = (out.size() >= 2 && piece.time < 0.25 * out.back().time) ||
                        piece.time <= std::numeric_limits<double>::epsilon() * total;
    out.push_back(piece);
    top = piece.lo;
    total += piece.time;
    if (linear || !(total <= limit)) break;
  }
  if (!(total <= limit)) return out;
  if (top > lo) {
    Piece last{lo, top, 0.0, 0.0};
    last.time = piece_time(sigma, lo, top, &last.error);
    out.push_back(last);
  }
  return out;
}

double Orbit::time_at(int sigma, double w1, double w2, double* quadrature_error,
                      double limit) const {
  double total = 0.0, error = 0.0;
  for (const Piece& piece : pieces(sigma, std::min(w1, w2), std::max(w1, w2), limit)) {
    total += piece.time;
    error += piece.error;
  }
  if (quadrature_error) *quadrature_error = error;
  return total;
}

double Orbit::time(double d1, double d2, double limit) const {
  const int s1 = side_of(d1, anchor_), s2 = side_of(d2, anchor_);
  if (s1 == s2) return time_at(s1, w_of(d1), w_of(d2), nullptr, limit);
  const double first = time_at(s1, w_of(d1), 0.0, nullptr, limit);
  return first > limit ? first : first + time_at(s2, 0.0, w_of(d2), nullptr, limit - first);
}

}  // namespace radbound
