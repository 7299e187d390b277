#include "comparison.hpp"

#include <algorithm>
#include <cmath>

namespace radbound::detail {

namespace {

// Slack given to every equation of the linear system, relative to the size of its terms: the
// computed nodal values then satisfy the kink and end inequalities strictly, by far more than the
// rounding of the solve and of the check.
constexpr double kSlack = 64 * kUnit;

// A-priori bounds of the rounding in a piece's coefficients as piece_shape computes them, proved in
// docs/bounds.md section 9 (Lemmas R2, R3) for pieces no narrower than kNarrowest and rates 0 or
// in [kSmallestRate, 1 / kSmallestRate] (so that no intermediate result underflows or overflows;
// the lines flush smaller rates to 0). With
// E, Phi, D, O, T the exact values and the suffix c the computed ones: |E_c - E| <= kDecayError,
// |phi_c - Phi| <= kPhiError phi_c, and a computed end slope of a piece, O_c w_r - D_c w_l -
// T_c s (or its mirror image), is within kSlopeError (D_c |w_l| + O_c |w_r| + |T_c s|) +
// kSlopeCross D_c |w_r| of the exact one (R3 includes the rounding of the slope itself).
constexpr double kNarrowest = 0x1p-400;
constexpr double kDecayError = 7 * kUnit;
constexpr double kPhiError = 12 * kUnit;
constexpr double kSlopeError = 32 * kUnit;
constexpr double kSlopeCross = 2 * kUnit;

// e^{-m z} and (1 - e^{-m z}) / m (= z when m = 0), from one library call, accurate for all m z.
struct Decay {
  Ball e, phi;
};

Decay decay(double m, Ball z) {
  if (m == 0.0) return {Ball::exact(1.0), z};
  const Ball mz = z * m;
  if (mz.mid < 0.7) {
    const Ball em1 = expm1(-mz);
    return {Ball::exact(1.0) + em1, -em1 / m};
  }
  const Ball e = exp(-mz);
  return {e, (Ball::exact(1.0) - e) / m};
}

// Symmetric tridiagonal solve of an M-matrix by the Thomas algorithm (the fewest operations for so
// small a system). False on a nonpositive pivot. The factorization is shared by every right-hand
// side. Not fd's solve_tridiagonal: that one fuses factor and solve on scaled rows, rounding
// differently.
struct Tridiagonal {
  int first = 0, last = 0;
  // Filled for first..last before use (no zero fill: this runs millions of times in a sweep).
  // off[j] couples j, j+1; ratio[j] = off[j] / pivot[j] is row j's multiplier.
  std::array<double, kMaxPieces + 1> diag, off, inverse_pivot, ratio;

  bool factor() {
    bool positive = true;
    for (int j = first; j <= last; ++j) {
      const double d = diag[j] - (j > first ? off[j - 1] * ratio[j - 1] : 0.0);
      positive = positive && d > 0.0 && d < kInf;
      inverse_pivot[j] = 1.0 / d;
      ratio[j] = off[j] * inverse_pivot[j];
    }
    return positive;
  }
  void solve(std::array<double, kMaxPieces + 1>& b) const {
    for (int j = first + 1; j <= last; ++j) b[j] -= ratio[j - 1] * b[j - 1];
    b[last] *= inverse_pivot[last];
    for (int j = last - 1; j >= first; --j) b[j] = b[j] * inverse_pivot[j] - ratio[j] * b[j + 1];
  }
};

}  // namespace

Mesh Mesh::uniform(int pieces) {
  Mesh mesh;
  mesh.pieces = pieces;
  for (int j = 0; j <= pieces; ++j) mesh.x[j] = static_cast<double>(j) / pieces;
  return mesh;
}

bool Mesh::partitions_unit_interval() const {
  if (pieces < 1 || pieces > kMaxPieces || x[0] != 0.0 || x[pieces] != 1.0) return false;
  for (int j = 1; j <= pieces; ++j)
    if (!(x[j] > x[j - 1])) return false;
  return true;
}

int Mesh::piece_of(double x) const {
  const auto begin = this->x.begin() + 1, end = this->x.begin() + pieces;
  return static_cast<int>(std::upper_bound(begin, end, x) - begin);
}

namespace {

// e^{-m h}, (1 - e^{-m h}) / m (= h when m = 0) and D, O, T of a piece of width h in plain floating
// point, from one library call: expm1 keeps phi accurate for small m h. Section 9 of
// docs/bounds.md bounds the rounding of exactly these operations.
struct PieceShape {
  double decay, phi;
  Shape shape;
};

PieceShape piece_shape(double m, double h) {
  const double mh = m * h;
  double e, phi;
  if (mh < 0.7) {
    const double em1 = std::expm1(-mh);
    e = 1.0 + em1;
    phi = m == 0.0 ? h : -em1 / m;
  } else {
    e = std::exp(-mh);
    phi = (1.0 - e) / m;
  }
  const double one_plus_e = 1.0 + e;
  const double inverse_scale = 1.0 / (phi * one_plus_e);
  return {e, phi, {(1.0 + e * e) * inverse_scale, 2.0 * e * inverse_scale, phi / one_plus_e}};
}

// Solves for the nodal values: continuity of w' at interior nodes and the linear end laws, a
// symmetric tridiagonal M-matrix system (Dirichlet values fixed). With `slack_sign` = +1 (-1) every
// equation is pushed by kSlack times the size of its terms towards a super- (sub-)solution, so that
// the rounded solution satisfies the inequalities strictly. False if the system is singular.
bool solve_nodes(const Linearization& lin, const std::array<Shape, kMaxPieces>& shape,
                 double slack_sign, Nodes& w) {
  const int n = lin.mesh.pieces;
  const EndLaw &left = lin.left, &right = lin.right;
  Tridiagonal sys;
  sys.first = left.fixed ? 1 : 0;
  sys.last = right.fixed ? n - 1 : n;
  Nodes rhs, size;
  for (int j = 0; j <= n; ++j) {
    double d = 0.0, r = 0.0, magnitude = 0.0;  // magnitude: the sum of |constant terms|
    const auto subtract = [&](double term) {
      r -= term;
      magnitude += std::fabs(term);
    };
    if (j > 0) {
      d += shape[j - 1].diag;
      subtract(lin.laws[j - 1].intercept * shape[j - 1].bubble);
    }
    if (j < n) {
      d += shape[j].diag;
      subtract(lin.laws[j].intercept * shape[j].bubble);
      sys.off[j] = -shape[j].off;
    }
    if (j == 0 && !left.fixed) {
      d += left.flux.slope;
      subtract(left.flux.intercept);
    }
    if (j == n && !right.fixed) {
      d += right.flux.slope;
      subtract(right.flux.intercept);
    }
    sys.diag[j] = d;
    rhs[j] = r;
    size[j] = magnitude;  // the size of the equation's terms, completed below
  }
  w[0] = left.fixed ? left.value : 0.0;
  w[n] = right.fixed ? right.value : 0.0;
  if (left.fixed && n > 1) rhs[1] += shape[0].off * left.value;
  if (right.fixed && n > 1) rhs[n - 1] += shape[n - 1].off * right.value;
  if (sys.first > sys.last) return true;
  if (!sys.factor()) return false;
  // The slack of each equation: kSlack times the size of its terms at nodal values v.
  const auto slack = [&](const Nodes& v) {
    for (int j = sys.first; j <= sys.last; ++j) {
      size[j] += sys.diag[j] * std::fabs(v[j]);
      if (j > 0) size[j] += shape[j - 1].off * std::fabs(v[j - 1]);
      if (j < n) size[j] += shape[j].off * std::fabs(v[j + 1]);
      size[j] *= slack_sign * kSlack;
    }
  };
  const bool slack_first = slack_sign != 0.0 && lin.expected;
  if (slack_first) {
    slack(*lin.expected);
    for (int j = sys.first; j <= sys.last; ++j) rhs[j] += size[j];
  }
  sys.solve(rhs);
  for (int j = sys.first; j <= sys.last; ++j) w[j] = rhs[j];
  if (slack_sign == 0.0 || slack_first) return true;
  slack(w);
  sys.solve(size);
  for (int j = sys.first; j <= sys.last; ++j) w[j] += size[j];
  return true;
}

}  // namespace

Nodes trial_nodes(const Linearization& lin) {
  std::array<Shape, kMaxPieces> shape;
  for (int i = 0; i < lin.mesh.pieces; ++i)
    shape[i] = piece_shape(lin.laws[i].m, lin.mesh.x[i + 1] - lin.mesh.x[i]).shape;
  Nodes w;
  if (!solve_nodes(lin, shape, 0.0, w)) w.fill(std::nan(""));
  return w;
}

ComparisonFunction::ComparisonFunction(const Linearization& problem, Side side)
    : mesh_(problem.mesh), laws_(problem.laws), side_(side) {
  // The checks below assume the pieces partition [0, 1]: whoever chose the mesh, verify it.
  if (!mesh_.partitions_unit_interval() || !set_coefficients()) {
    w_.fill(std::nan(""));
    return;
  }
  const double sign = static_cast<double>(static_cast<int>(side_));
  if (!solve_nodes(problem, shape_, sign, w_)) {
    w_.fill(std::nan(""));
    return;
  }
  ok_ = check(problem.left, problem.right);
}

// D, O, T, e^{-mh} and (1 - e^{-mh}) / m of each piece in floating point, their rounding bounded
// a priori (section 9 of docs/bounds.md). False (the function is not used) for a piece
// narrower than kNarrowest or a rate outside 0 and [kSmallestRate, 1 / kSmallestRate], outside
// those bounds' assumptions.
bool ComparisonFunction::set_coefficients() {
  for (int i = 0; i < mesh_.pieces; ++i) {
    const double m = laws_[i].m, h = mesh_.x[i + 1] - mesh_.x[i];
    const bool rate_ok = m == 0.0 || (m >= kSmallestRate && m <= 1 / kSmallestRate);
    if (!(h >= kNarrowest) || !rate_ok) return false;
    const PieceShape p = piece_shape(m, h);
    shape_[i] = p.shape;
    exponentials_[i] = {p.decay, p.phi};
  }
  return true;
}

// The end slopes of piece i in floating point, enclosed by the a-priori bound of their rounding
// and of that of D, O, T; kTiny covers underflow in the products.
void ComparisonFunction::set_slopes(int i) {
  const Shape& c = shape_[i];
  const double wl = w_[i], wr = w_[i + 1], source = c.bubble * laws_[i].intercept;
  const double diag_l = c.diag * std::fabs(wl), diag_r = c.diag * std::fabs(wr);
  const double off_l = c.off * std::fabs(wl), off_r = c.off * std::fabs(wr);
  const double size_source = std::fabs(source);
  slope_left_[i] = {c.off * wr - c.diag * wl - source,
                    kSlopeError * (diag_l + off_r + size_source) + kSlopeCross * diag_r + kTiny};
  slope_right_[i] = {c.diag * wr - c.off * wl + source,
                     kSlopeError * (diag_r + off_l + size_source) + kSlopeCross * diag_l + kTiny};
}

// Theorem 5's conditions, piece by piece (a NaN fails every comparison).
bool ComparisonFunction::check(const EndLaw& left, const EndLaw& right) {
  const int n = mesh_.pieces;
  const bool upper = side_ == Side::upper;
  // Kinks: a super-solution may bend down (w' jumps down), a sub-solution up.
  const auto bends_allowed_way = [upper](Ball jump) {
    return upper ? jump.hi() <= 0.0 : jump.lo() >= 0.0;
  };
  for (int i = 0; i < n; ++i) {
    set_slopes(i);
    if (i > 0 && !bends_allowed_way(slope_left_[i] - slope_right_[i - 1])) return false;
    if (!check_range(i)) return false;
  }
  if (!left.fixed) {
    const Ball defect = slope_left_[0] - (left.flux.slope * Ball::exact(w_[0]) +
                                          Ball::exact(left.flux.intercept));
    if (!bends_allowed_way(defect)) return false;
    if (!(w_[0] >= left.flux.lo && w_[0] <= left.flux.hi)) return false;
  }
  if (!right.fixed) {
    const Ball defect = slope_right_[n - 1] + (right.flux.slope * Ball::exact(w_[n]) +
                                               Ball::exact(right.flux.intercept));
    if (!bends_allowed_way(-defect)) return false;
    if (!(w_[n] >= right.flux.lo && w_[n] <= right.flux.hi)) return false;
  }
  return true;
}

// The range of the exact function over piece i. It is monotone there unless its end slopes differ
// in sign; then it has one interior extremum, whose value the first integral of the linear
// equation, (w')^2 - m^2 w^2 - 2 s w = const, gives from the left end: an extremum w_i + d with
// m^2 d^2 + 2 C d + p^2 = 0 (C = w''(x_i), p = w'(x_i)), the root nearer zero, of size
// p^2 / (|C| + sqrt(C^2 - m^2 p^2)). Two bounds back it up, from w = w_i S_L + w_{i+1} S_R + s P
// with S_L, S_R >= 0, S_L + S_R <= 1 and -h^2/4 <= P <= 0: a crude one, and for m > 0, since
// P = (S_L + S_R - 1) / m^2, w - c = (w_i - c) S_L + (w_{i+1} - c) S_R with the level c = -s / m^2:
// w stays between its nodal values and c (where the end slopes are too small to have a certain
// sign, w is flat near c).
bool ComparisonFunction::check_range(int i) {
  const double wl = w_[i], wr = w_[i + 1];
  double lo = std::min(wl, wr), hi = std::max(wl, wr);
  const Ball& left_slope = slope_left_[i];
  const Ball& right_slope = slope_right_[i];
  // Whether each slope may be positive or negative (exact comparisons of mid and radius).
  const bool interior_max = left_slope.rad > -left_slope.mid && right_slope.mid < right_slope.rad;
  const bool interior_min = left_slope.mid < left_slope.rad && right_slope.rad > -right_slope.mid;
  if (interior_max || interior_min) {
    const double s = laws_[i].intercept;
    const double width = Ball::difference(mesh_.x[i + 1], mesh_.x[i]).hi();
    const double bubble_size = round_up(0.25 * width * width * (1 + 4 * kUnit));
    const Ball rate2 = Ball::exact(laws_[i].m) * Ball::exact(laws_[i].m);
    const Ball curvature = rate2 * wl + Ball::exact(s);
    const Ball p = left_slope;
    const Ball disc = curvature * curvature - rate2 * (p * p);
    const double root = std::sqrt(std::max(0.0, disc.lo())) * (1 - 4 * kUnit);
    const double p2 = round_up(p.mag() * p.mag() * (1 + 2 * kUnit));
    const Ball level = laws_[i].m > 0.0 ? Ball::exact(-s) / rate2 : Ball{0.0, kInf};
    if (interior_max) {
      double bound = round_up(std::max({0.0, wl, wr}) + std::max(0.0, -s) * bubble_size);
      bound = std::min(bound, std::max({wl, wr, level.hi()}));
      if (curvature.hi() < 0.0)
        bound = std::min(bound, round_up(wl + p2 / ((-curvature).lo() + root) * (1 + 8 * kUnit)));
      hi = std::max(hi, bound);
    }
    if (interior_min) {
      double bound = round_down(std::min({0.0, wl, wr}) - std::max(0.0, s) * bubble_size);
      bound = std::max(bound, std::min({wl, wr, level.lo()}));
      if (curvature.lo() > 0.0)
        bound = std::max(bound, round_down(wl - p2 / (curvature.lo() + root) * (1 + 8 * kUnit)));
      lo = std::min(lo, bound);
    }
  }
  range_lo_[i] = lo;
  range_hi_[i] = hi;
  return lo >= laws_[i].lo && hi <= laws_[i].hi && lo > -kInf && hi < kInf;  // false on a NaN
}


double ComparisonFunction::min() const {
  double lowest = range_lo_[0];
  for (int i = 1; i < mesh_.pieces; ++i) lowest = std::min(lowest, range_lo_[i]);
  return lowest;
}

double ComparisonFunction::max() const {
  double highest = range_hi_[0];
  for (int i = 1; i < mesh_.pieces; ++i) highest = std::max(highest, range_hi_[i]);
  return highest;
}

Ball ComparisonFunction::value(double x) const {
  // The ends, which every sweep row reads, without the search (the mesh runs from 0 to 1).
  if (x == 0.0) return Ball::exact(w_[0]);
  if (x == 1.0) return Ball::exact(w_[mesh_.pieces]);
  const int i = mesh_.piece_of(x);
  if (x == mesh_.x[i]) return Ball::exact(w_[i]);
  if (x == mesh_.x[i + 1]) return Ball::exact(w_[i + 1]);
  // The piece's exponentials enclosed by their rounding bounds (R2).
  const Ball piece_decay{exponentials_[i].decay, kDecayError};
  const Ball piece_phi{exponentials_[i].phi, kPhiError * exponentials_[i].phi};
  const double m = laws_[i].m;
  const Decay da = decay(m, Ball::difference(x, mesh_.x[i]));
  const Decay db = decay(m, Ball::difference(mesh_.x[i + 1], x));
  const Ball one = Ball::exact(1.0);
  const Ball scale = piece_phi * (one + piece_decay);
  const Ball left_shape = da.e * db.phi * (one + db.e) / scale;
  const Ball right_shape = db.e * da.phi * (one + da.e) / scale;
  const Ball bubble = -(da.phi * db.phi) / (one + piece_decay);
  return left_shape * w_[i] + right_shape * w_[i + 1] + bubble * laws_[i].intercept;
}

double ComparisonFunction::slope(double x) const {
  const int i = mesh_.piece_of(x);
  const Exponentials& c = exponentials_[i];
  const double m = laws_[i].m;
  const Decay da = decay(m, Ball::exact(x - mesh_.x[i]));
  const Decay db = decay(m, Ball::exact(mesh_.x[i + 1] - x));
  const double ea = da.e.mid, eb = db.e.mid, scale = c.phi * (1 + c.decay);
  const double left_shape = -ea * (1 + eb * eb) / scale;
  const double right_shape = eb * (1 + ea * ea) / scale;
  const double bubble = (da.phi.mid * eb - ea * db.phi.mid) / (1 + c.decay);
  return left_shape * w_[i] + right_shape * w_[i + 1] + bubble * laws_[i].intercept;
}

}  // namespace radbound::detail
