#include "comparison.hpp"

#include <algorithm>
#include <cmath>

namespace radbound::detail {

namespace {

// Slack given to every equation of the linear system, relative to the size of its terms: the
// computed nodal values then satisfy the kink and end inequalities strictly, by far more than the
// rounding of the solve and of the check.
constexpr double kSlack = 64 * kUnit;

// A-priori bounds of the rounding in a piece's coefficients as exponentials and set_coefficients
// compute them, proved in docs/bounds.md section 9 (Lemmas R2, R3) for pieces no narrower than
// kSmallestScale and rates 0 or in [kSmallestScale, 1 / kSmallestScale] (so that no intermediate
// result underflows or overflows; the lines flush smaller rates to 0). With
// E, Phi, D, O, T the exact values and the suffix c the computed ones: |E_c - E| <= kDecayError,
// |phi_c - Phi| <= kPhiError phi_c, and a computed end slope of a piece, O_c w_r - D_c w_l -
// T_c s (or its mirror image), is within kSlopeError (D_c |w_l| + O_c |w_r| + |T_c s|) +
// kSlopeCross D_c |w_r| of the exact one (R3 includes the rounding of the slope itself).
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

}  // namespace

Mesh Mesh::uniform(int pieces) {
  Mesh mesh;
  mesh.pieces = pieces;
  for (int j = 0; j <= pieces; ++j) mesh.x[j] = static_cast<double>(j) / pieces;
  return mesh;
}

bool Mesh::partitions_unit_interval() const {
  if (pieces < 1 || pieces > kMaxPieces || x[0] != 0.0 || x[pieces] != 1.0) return false;
  // (False on a NaN.)
  return holds_two_at_a_time(1, pieces + 1, [this](auto tag, int j) {
    using T = decltype(tag);
    return at<T>(x.data(), j) > at<T>(x.data(), j - 1);
  });
}

int Mesh::piece_of(double x) const {
  const auto begin = this->x.begin() + 1, end = this->x.begin() + pieces;
  return static_cast<int>(std::upper_bound(begin, end, x) - begin);
}

namespace {

// e^{-m z} and (1 - e^{-m z}) / m (= z when m = 0) in plain floating point, from one library
// call: expm1 keeps phi accurate for small m z. For a piece (z = h) section 9 of docs/bounds.md
// bounds the rounding of exactly these operations (R2).
struct Exponentials {
  double decay, phi;
};

Exponentials exponentials(double m, double z) {
  const double mz = m * z;
  if (mz < 0.7) {
    const double em1 = std::expm1(-mz);
    return {1.0 + em1, m == 0.0 ? z : -em1 / m};
  }
  const double e = std::exp(-mz);
  return {e, (1.0 - e) / m};
}

// Every piece's coefficients in floating point (R2 and R3 of docs/bounds.md section 9 bound their
// rounding). False (the function is not used) for a piece narrower than kSmallestScale or a rate
// outside 0 and [kSmallestScale, 1 / kSmallestScale], outside those bounds' assumptions (no
// intermediate result underflows or overflows; the lines flush smaller rates to 0). The
// exponentials take a library call each; the rest is one loop that vectorizes.
bool set_coefficients(const Mesh& mesh, const std::array<RateLine, kMaxPieces>& laws,
                      PieceCoefficients& c) {
  const int n = mesh.pieces;
  for (int i = 0; i < n; ++i) {
    const double m = laws[i].m, h = mesh.x[i + 1] - mesh.x[i];
    if (!(h >= kSmallestScale) || !(m == 0.0 || (m >= kSmallestScale && m <= 1 / kSmallestScale)))
      return false;
    const Exponentials e = exponentials(m, h);
    c.decay[i] = e.decay;
    c.phi[i] = e.phi;
    c.load[i] = laws[i].intercept;
  }
  for (int i = 0; i < n; ++i) {
    const double decay = c.decay[i], phi = c.phi[i];
    const double one_plus_e = 1.0 + decay;
    const double inverse_scale = 1.0 / (phi * one_plus_e);
    c.diag[i] = (1.0 + decay * decay) * inverse_scale;
    c.off[i] = 2.0 * decay * inverse_scale;
    c.load[i] *= phi / one_plus_e;  // the intercept s, times T
  }
  return true;
}

// Solves for the nodal values: continuity of w' at interior nodes and the linear end laws, a
// symmetric tridiagonal M-matrix system (Dirichlet values fixed), by the Thomas algorithm. Row j
// reads diag_j w_j - O_{j-1} w_{j-1} - O_j w_{j+1} = rhs_j with diag_j = D_{j-1} + D_j (+ the end
// law's slope) and rhs_j = -T_{j-1} s_{j-1} - T_j s_j (- the end law's intercept). With
// `slack_sign` = +1 (-1) every equation is pushed by kSlack times the size of its terms towards a
// super- (sub-)solution, so that the rounded solution satisfies the inequalities strictly: sized
// at the expected nodal values when the problem gives them (one solve), else at a first solve's
// (a second solve adds it). False if the system is singular.
class NodalSystem {
 public:
  NodalSystem(const Linearization& lin, const PieceCoefficients& c)
      : n_(lin.mesh.pieces), first_(lin.left.fixed ? 1 : 0),
        last_(lin.right.fixed ? n_ - 1 : n_), c_(c) {
    assemble(lin);
  }

  bool solve(const Linearization& lin, double slack_sign, Nodes& w) {
    w[0] = lin.left.fixed ? lin.left.value : 0.0;
    w[n_] = lin.right.fixed ? lin.right.value : 0.0;
    if (first_ > last_) return true;
    const double slack_scale = slack_sign * kSlack;
    const bool slack_first = slack_sign != 0.0 && lin.expected;
    if (slack_first) {
      Nodes slack;
      set_slack(*lin.expected, slack_scale, slack);
      for (int j = first_; j <= last_; ++j) rhs_[j] += slack[j];
    }
    if (!factor_and_solve(rhs_, w)) return false;
    if (slack_sign == 0.0 || slack_first) return true;
    // The slack at the first solve's values, solved for with the same factors and added.
    Nodes slack, correction;
    set_slack(w, slack_scale, slack);
    solve_factored(slack, correction);
    for (int j = first_; j <= last_; ++j) w[j] += correction[j];
    return true;
  }

 private:
  // Rows first..last of the system; the interior rows in one loop that vectorizes.
  void assemble(const Linearization& lin) {
    const int n = n_;
    for (int j = 1; j < n; ++j) {
      diag_[j] = c_.diag[j - 1] + c_.diag[j];
      rhs_[j] = 0.0 - c_.load[j - 1] - c_.load[j];
      size_[j] = std::fabs(c_.load[j - 1]) + std::fabs(c_.load[j]);
    }
    if (!lin.left.fixed) {
      const Line& law = lin.left.flux;
      diag_[0] = c_.diag[0] + law.slope;
      rhs_[0] = 0.0 - c_.load[0] - law.intercept;
      size_[0] = std::fabs(c_.load[0]) + std::fabs(law.intercept);
    }
    if (!lin.right.fixed) {
      const Line& law = lin.right.flux;
      diag_[n] = c_.diag[n - 1] + law.slope;
      rhs_[n] = 0.0 - c_.load[n - 1] - law.intercept;
      size_[n] = std::fabs(c_.load[n - 1]) + std::fabs(law.intercept);
    }
    // Dirichlet values move to the right-hand side of the rows next to them.
    if (lin.left.fixed && last_ >= 1) rhs_[1] += c_.off[0] * lin.left.value;
    if (lin.right.fixed && first_ <= n - 1) rhs_[n - 1] += c_.off[n - 1] * lin.right.value;
  }

  // The slack of each row: `scale` times the sum of the magnitudes of its terms at nodal values v
  // (the interior rows in one loop that vectorizes).
  void set_slack(const Nodes& v, double scale, Nodes& slack) const {
    const int n = n_;
    for (int j = 1; j < n; ++j) {
      slack[j] = (size_[j] + diag_[j] * std::fabs(v[j]) + c_.off[j - 1] * std::fabs(v[j - 1]) +
                  c_.off[j] * std::fabs(v[j + 1])) *
                 scale;
    }
    if (first_ == 0)
      slack[0] = (size_[0] + diag_[0] * std::fabs(v[0]) + c_.off[0] * std::fabs(v[1])) * scale;
    if (last_ == n) {
      slack[n] =
          (size_[n] + diag_[n] * std::fabs(v[n]) + c_.off[n - 1] * std::fabs(v[n - 1])) * scale;
    }
  }

  // Factors (pivots and multipliers) while eliminating b downwards, then substitutes upwards into
  // x. False on a pivot that is not positive and finite.
  bool factor_and_solve(const Nodes& b, Nodes& x) {
    double pivot = diag_[first_];
    bool regular = (pivot > 0.0) & (pivot < kInf);  // not short-circuited: no branch per row
    inverse_pivot_[first_] = 1.0 / pivot;
    x[first_] = b[first_];
    for (int j = first_ + 1; j <= last_; ++j) {
      ratio_[j - 1] = -c_.off[j - 1] * inverse_pivot_[j - 1];
      pivot = diag_[j] - -c_.off[j - 1] * ratio_[j - 1];
      regular &= (pivot > 0.0) & (pivot < kInf);
      inverse_pivot_[j] = 1.0 / pivot;
      x[j] = b[j] - ratio_[j - 1] * x[j - 1];
    }
    substitute(x);
    return regular;
  }

  void solve_factored(const Nodes& b, Nodes& x) const {
    x[first_] = b[first_];
    for (int j = first_ + 1; j <= last_; ++j) x[j] = b[j] - ratio_[j - 1] * x[j - 1];
    substitute(x);
  }

  void substitute(Nodes& x) const {
    x[last_] *= inverse_pivot_[last_];
    for (int j = last_ - 1; j >= first_; --j)
      x[j] = x[j] * inverse_pivot_[j] - ratio_[j] * x[j + 1];
  }

  int n_, first_, last_;
  const PieceCoefficients& c_;
  // Filled for the rows first..last before use (no zero fill). size: the sum of the magnitudes of
  // a row's constant terms, to which its slack is relative. ratio_j = -O_j / pivot_j is row j's
  // multiplier.
  Nodes diag_, rhs_, size_, inverse_pivot_, ratio_;
};

}  // namespace

Nodes trial_nodes(const Linearization& lin) {
  PieceCoefficients c;
  Nodes w;
  if (!set_coefficients(lin.mesh, lin.laws, c) || !NodalSystem(lin, c).solve(lin, 0.0, w))
    w.fill(std::nan(""));
  return w;
}

void ComparisonFunction::solve_and_check() {
  const Linearization& problem = problem_;
  // The checks below assume the pieces partition [0, 1]: whoever chose the mesh, verify it.
  if (!problem.mesh.partitions_unit_interval() ||
      !set_coefficients(problem.mesh, problem.laws, piece_)) {
    w_.fill(std::nan(""));
    return;
  }
  const double sign = static_cast<double>(static_cast<int>(side_));
  if (!NodalSystem(problem, piece_).solve(problem, sign, w_)) {
    w_.fill(std::nan(""));
    return;
  }
  ok_ = check(problem.left, problem.right);
}

// Theorem 5's conditions, piece by piece (a NaN fails every comparison). A piece's end slopes
// w'(x_i+) = O w_{i+1} - D w_i - T s and w'(x_{i+1}-) = D w_{i+1} - O w_i + T s are computed in
// floating point and enclosed by the a-priori bound of their rounding and of that of D, O, T
// (R3); kTiny covers underflow in the products. One loop that vectorizes computes them all
// (|fl(D w)| = fl(D |w|): one product serves the slope and its radius).
bool ComparisonFunction::check(const EndLaw& left, const EndLaw& right) {
  const int n = mesh().pieces;
  if (n < 1) return false;  // (a checked mesh has pieces)
  const PieceCoefficients& c = piece_;
  PieceValues start_mid, start_rad, end_mid, end_rad, turn;
  for (int i = 0; i < n; ++i) {
    const double diag_l = c.diag[i] * w_[i], diag_r = c.diag[i] * w_[i + 1];
    const double off_l = c.off[i] * w_[i], off_r = c.off[i] * w_[i + 1];
    const double source = c.load[i], size_source = std::fabs(source);
    const double size_l = std::fabs(diag_l), size_r = std::fabs(diag_r);
    start_mid[i] = off_r - diag_l - source;
    start_rad[i] =
        kSlopeError * (size_l + std::fabs(off_r) + size_source) + kSlopeCross * size_r + kTiny;
    end_mid[i] = diag_r - off_l + source;
    end_rad[i] =
        kSlopeError * (size_r + std::fabs(off_l) + size_source) + kSlopeCross * size_l + kTiny;
    // Positive (or NaN) where the end slopes may differ in sign, for the range test below: a sum
    // of two doubles rounds to a positive number exactly when it is positive, so
    // fl(mid + rad) > 0 is the exact mid > -rad.
    turn[i] = std::max(std::min(start_mid[i] + start_rad[i], end_rad[i] - end_mid[i]),
                       std::min(start_rad[i] - start_mid[i], end_mid[i] + end_rad[i]));
    // The nodal range, which condition 3 below widens where the piece may not be monotone.
    range_lo_[i] = std::min(w_[i], w_[i + 1]);
    range_hi_[i] = std::max(w_[i], w_[i + 1]);
  }
  slope_at_left_ = {start_mid[0], start_rad[0]};
  // Kinks: a super-solution may bend down (w' jumps down), a sub-solution up.
  const bool upper = side_ == Side::upper;
  const auto bends_allowed_way = [upper](Ball jump) {
    return upper ? jump.hi() <= 0.0 : jump.lo() >= 0.0;
  };
  // At the nodes two at a time: with the side's sign s, s jump <= 0 for the whole
  // ball, i.e. round_up(s mid + rad) <= 0 (its radius is positive, so this is jump.hi() <= 0 for
  // s = 1 and -jump.lo() <= 0 for s = -1, bit for bit).
  const double sign = upper ? 1.0 : -1.0;
  const auto bends_at = [&](auto tag, int i) {  // at node i, or nodes i and i + 1 for a pair
    using T = decltype(tag);
    const BasicBall<T> jump = BasicBall<T>{at<T>(start_mid.data(), i), at<T>(start_rad.data(), i)} -
                              BasicBall<T>{at<T>(end_mid.data(), i - 1), at<T>(end_rad.data(), i - 1)};
    return round_up(sign * jump.mid + jump.rad) <= 0.0;
  };
  if (!holds_two_at_a_time(1, n, bends_at)) return false;
  // Condition 3: the range of the exact function over each piece within its line's. It is
  // monotone there unless its end slopes differ in sign: then it has one interior extremum (see
  // widen_by_interior_extremes). Whether a slope may be positive or negative: exact comparisons of
  // mid and radius.
  // Where both slopes are certainly of one sign on every piece, tested two pieces at a time, no
  // piece needs a closer look (on the peer sweep, for one of the two functions of each point).
  const bool monotone = holds_two_at_a_time(0, n, [&turn](auto tag, int i) {
    return at<decltype(tag)>(turn.data(), i) <= 0.0;
  });
  for (int i = 0; !monotone && i < n; ++i) {
    if (turn[i] <= 0.0) continue;  // both slopes certainly of one sign
    const bool interior_max = start_rad[i] > -start_mid[i] && end_mid[i] < end_rad[i];
    const bool interior_min = start_mid[i] < start_rad[i] && end_rad[i] > -end_mid[i];
    if (interior_max || interior_min) {
      widen_by_interior_extremes(i, {start_mid[i], start_rad[i]}, interior_max, interior_min,
                                 range_lo_[i], range_hi_[i]);
    }
  }
  // Two pieces at a time (false on a NaN).
  const auto within = [this](auto tag, int i) {  // piece i, or pieces i and i + 1 for a pair
    using T = decltype(tag);
    const T lo = at<T>(range_lo_.data(), i), hi = at<T>(range_hi_.data(), i);
    return (lo >= line_field<T>(laws().data(), i, &RateLine::lo)) &
           (hi <= line_field<T>(laws().data(), i, &RateLine::hi)) & (lo > -kInf) & (hi < kInf);
  };
  if (!holds_two_at_a_time(0, n, within)) return false;
  if (!left.fixed) {
    const Ball defect = slope_at_left_ - (left.flux.slope * Ball::exact(w_[0]) +
                                          Ball::exact(left.flux.intercept));
    if (!bends_allowed_way(defect)) return false;
    if (!(w_[0] >= left.flux.lo && w_[0] <= left.flux.hi)) return false;
  }
  if (!right.fixed) {
    const Ball defect = Ball{end_mid[n - 1], end_rad[n - 1]} +
                        (right.flux.slope * Ball::exact(w_[n]) + Ball::exact(right.flux.intercept));
    if (!bends_allowed_way(-defect)) return false;
    if (!(w_[n] >= right.flux.lo && w_[n] <= right.flux.hi)) return false;
  }
  return true;
}

// An interior extremum's value from the first integral of the linear equation,
// (w')^2 - m^2 w^2 - 2 s w = const, taken from the left end: an extremum w_i + d with
// m^2 d^2 + 2 C d + p^2 = 0 (C = w''(x_i), p = w'(x_i)), the root nearer zero, of size
// p^2 / (|C| + sqrt(C^2 - m^2 p^2)). Two bounds back it up, from w = w_i S_L + w_{i+1} S_R + s P
// with S_L, S_R >= 0, S_L + S_R <= 1 and -h^2/4 <= P <= 0: a crude one, and for m > 0, since
// P = (S_L + S_R - 1) / m^2, w - c = (w_i - c) S_L + (w_{i+1} - c) S_R with the level c = -s / m^2:
// w stays between its nodal values and c (where the end slopes are too small to have a certain
// sign, w is flat near c).
void ComparisonFunction::widen_by_interior_extremes(int i, Ball start_slope,
                                                    bool interior_max, bool interior_min,
                                                    double& lo, double& hi) const {
  const double wl = w_[i], wr = w_[i + 1];
  const double s = laws()[i].intercept;
  const double width = Ball::difference(mesh().x[i + 1], mesh().x[i]).hi();
  const double bubble_size = round_up(0.25 * width * width * (1 + 4 * kUnit));
  const Ball rate2 = Ball::exact(laws()[i].m) * Ball::exact(laws()[i].m);
  const Ball curvature = rate2 * wl + Ball::exact(s);
  const Ball& p = start_slope;
  const Ball disc = curvature * curvature - rate2 * (p * p);
  const double root = std::sqrt(std::max(0.0, disc.lo())) * (1 - 4 * kUnit);
  const double p2 = round_up(p.mag() * p.mag() * (1 + 2 * kUnit));
  const Ball level = laws()[i].m > 0.0 ? Ball::exact(-s) / rate2 : Ball{0.0, kInf};
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

double ComparisonFunction::min() const {
  double lowest = range_lo_[0];
  for (int i = 1; i < mesh().pieces; ++i) lowest = std::min(lowest, range_lo_[i]);
  return lowest;
}

double ComparisonFunction::max() const {
  double highest = range_hi_[0];
  for (int i = 1; i < mesh().pieces; ++i) highest = std::max(highest, range_hi_[i]);
  return highest;
}

Ball ComparisonFunction::value(double x) const {
  // The ends, which every sweep row reads, without the search (the mesh runs from 0 to 1).
  if (x == 0.0) return Ball::exact(w_[0]);
  if (x == 1.0) return Ball::exact(w_[mesh().pieces]);
  const int i = mesh().piece_of(x);
  if (x == mesh().x[i]) return Ball::exact(w_[i]);
  if (x == mesh().x[i + 1]) return Ball::exact(w_[i + 1]);
  // The piece's exponentials enclosed by their rounding bounds (R2).
  const Ball piece_decay{piece_.decay[i], kDecayError};
  const Ball piece_phi{piece_.phi[i], kPhiError * piece_.phi[i]};
  const double m = laws()[i].m;
  const Decay da = decay(m, Ball::difference(x, mesh().x[i]));
  const Decay db = decay(m, Ball::difference(mesh().x[i + 1], x));
  const Ball one = Ball::exact(1.0);
  const Ball scale = piece_phi * (one + piece_decay);
  const Ball left_shape = da.e * db.phi * (one + db.e) / scale;
  const Ball right_shape = db.e * da.phi * (one + da.e) / scale;
  const Ball bubble = -(da.phi * db.phi) / (one + piece_decay);
  return left_shape * w_[i] + right_shape * w_[i + 1] + bubble * laws()[i].intercept;
}

double ComparisonFunction::slope(double x) const {
  const int i = mesh().piece_of(x);
  const double m = laws()[i].m, piece_decay = piece_.decay[i];
  const Exponentials a = exponentials(m, x - mesh().x[i]);
  const Exponentials b = exponentials(m, mesh().x[i + 1] - x);
  const double scale = piece_.phi[i] * (1 + piece_decay);
  const double left_shape = -a.decay * (1 + b.decay * b.decay) / scale;
  const double right_shape = b.decay * (1 + a.decay * a.decay) / scale;
  const double bubble = (a.phi * b.decay - a.decay * b.phi) / (1 + piece_decay);
  return left_shape * w_[i] + right_shape * w_[i + 1] + bubble * laws()[i].intercept;
}

}  // namespace radbound::detail
