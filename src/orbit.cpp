#include "orbit.hpp"

#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/roots.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace radbound {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Relative accuracy asked of every travel-time quadrature: tanh-sinh converges quadratically,
// so full precision costs one level more than half precision.
constexpr double kQuadratureTolerance = 1e-15;
// Halvings of w toward an anchor: 2^-1100 is below the smallest double.
constexpr std::size_t kMaxPieces = 1100;

boost::math::quadrature::tanh_sinh<double>& integrator() {
  // Shared by all threads: Boost extends the abscissa tables under a lock. Not const because
  // Boost 1.74 does not mark integrate() const.
  static boost::math::quadrature::tanh_sinh<double> instance;
  return instance;
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
  const auto root = boost::math::tools::toms748_solve(
      gap, std::min(0.0, d), std::max(0.0, d), boost::math::tools::eps_tolerance<double>(),
      iterations);
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

double Orbit::speed(double d) const { return speed_at(side_of(d, anchor_), w_of(d)); }

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
  try {
    return integrator().integrate(integrand, lo, hi, kQuadratureTolerance, quadrature_error);
  } catch (const std::exception&) {
    return kInfinity;  // a non-finite integrand: the level is not reached in finite time
  }
}

std::vector<Orbit::Piece> Orbit::pieces(int sigma, double lo, double hi) const {
  std::vector<Piece> out;
  double top = hi;
  while (top > 2.0 * lo && out.size() < kMaxPieces) {
    Piece piece{0.5 * top, top, 0.0, 0.0};
    piece.time = piece_time(sigma, piece.lo, piece.hi, &piece.error);
    const bool linear = out.size() >= 2 && piece.time < 0.6 * out.back().time;
    out.push_back(piece);
    top = piece.lo;
    if (linear) break;
  }
  if (top > lo) {
    Piece last{lo, top, 0.0, 0.0};
    last.time = piece_time(sigma, lo, top, &last.error);
    out.push_back(last);
  }
  return out;
}

double Orbit::time_at(int sigma, double w1, double w2, double* quadrature_error) const {
  double total = 0.0, error = 0.0;
  for (const Piece& piece : pieces(sigma, std::min(w1, w2), std::max(w1, w2))) {
    total += piece.time;
    error += piece.error;
  }
  if (quadrature_error) *quadrature_error = error;
  return total;
}

double Orbit::time(double d1, double d2) const {
  const int s1 = side_of(d1, anchor_), s2 = side_of(d2, anchor_);
  if (s1 != s2) return time_at(s1, w_of(d1), 0.0) + time_at(s2, 0.0, w_of(d2));
  return time_at(s1, w_of(d1), w_of(d2));
}

}  // namespace radbound
