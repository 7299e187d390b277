#include "radbound/bounds.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "classic_forms.hpp"
#include "comparison.hpp"
#include "model_laws.hpp"
#include "quintic_hermite.hpp"

namespace radbound {

namespace detail {

namespace {

// Sizes and pass counts (docs/bounds.md section 5): they trade tightness for time only; any
// choice gives valid bounds.
constexpr int kCoarsePieces = 5;
constexpr int kFinePieces = 12;
static_assert(kFinePieces <= kMaxPieces, "the comparison functions hold at most kMaxPieces");
constexpr int kCoarsePasses = 2, kMaxCoarsePasses = 6;  // trial passes on the coarse mesh
constexpr int kUpperTrials = 1, kMaxUpperTrials = 4;    // trial passes on the fine mesh
constexpr int kUpperAttempts = 3;                        // checked super-solutions tried
constexpr int kLowerTrials = 2, kMaxLowerTrials = 8;    // trial sub-solutions, when needed
constexpr double kSettled = 0.05;  // a pass that moves the profile less than this share ends
// The uniform part of the graded mesh's weight, as a share of the profile's variation: more for
// an approximate solution, whose flat stretches (a fin's tip at large Nr) would otherwise get
// few pieces, than for the coarse profile, which smooths the steep ones itself.
constexpr double kUniformShareCoarse = 0.25, kUniformShareSeed = 1.0;
constexpr int kSeedCells = 64;  // at most this many cells of an approximate solution grade the mesh

// Approximate nodal values of the solution on a mesh: only ever used to choose tangent points,
// chord ranges and the mesh, never as a bound.
struct Profile {
  Mesh mesh;
  Nodes u{};

  double at(double x) const {
    const int i = mesh.piece_of(x);
    const double t = (x - mesh.x[i]) / (mesh.x[i + 1] - mesh.x[i]);
    return u[i] + t * (u[i + 1] - u[i]);
  }
};

EndLaw fixed_end(double value) {
  EndLaw end;
  end.fixed = true;
  end.value = value;
  return end;
}

// The end law of a super-solution: as for the source, the tangent of Lemma 2, or below zero a
// chord of the concave part over the guess widened by `margin`.
EndLaw tangent_end(const EndModel& end, double guess, double reach, double margin, Use use) {
  if (end.dirichlet) return fixed_end(end.value);
  EndLaw law;
  if (guess < 0.0 && end.flux.a4 > 0.0) {
    law.flux = chord_below(end.flux, guess - margin, guess + margin, use);
    return law;
  }
  law.flux = tangent(end.flux, std::max(guess, -reach * guess), Position::below, use);
  return law;
}

// The lines of a super-solution, from the nodal values `guess`. Where the guess is positive on a
// piece: the tangent at its mid-range (Lemma 2), or at `reach` times as far below zero as the
// guess dips (the tangent at t holds down to -t). Where it is mostly negative, pow4 is concave:
// a chord below f over the guess's range widened by `widen` shares of it (the function must then
// stay in that range, which its check verifies).
Linearization tangents(const ModelLaws& m, const Profile& guess, Use use, int attempt = 0) {
  const double reach = 2.0 * (1 << attempt), widen = 0.1 * (1 << (2 * attempt));
  Linearization lin;
  lin.mesh = guess.mesh;
  const int n = guess.mesh.pieces;
  // The tangents two pieces at a time (one DoublePair each), then the chords where the guess is
  // mostly negative in place of theirs.
  bool negative = false;
  two_at_a_time(0, n, [&](auto tag, int i) {
    using T = decltype(tag);
    const T left = at<T>(guess.u.data(), i), right = at<T>(guess.u.data(), i + 1);
    const T lo = smaller(left, right), hi = larger(left, right);  // std::min, std::max
    negative |= either(lo + hi < 0.0);
    const T point = larger(0.5 * (lo + hi), -reach * lo);
    store_lines(&lin.laws[i], tangent_rate(m.source, point, Position::below, use));
  });
  // The guess's size scales the margins of the lines below zero, the only ones that use it.
  double size = 0.0;
  if (negative || guess.u[0] < 0.0 || guess.u[n] < 0.0) {
    for (int j = 0; j <= n; ++j) size = std::max(size, std::fabs(guess.u[j]));
  }
  for (int i = 0; negative && m.source.a4 > 0.0 && i < n; ++i) {
    const double lo = std::min(guess.u[i], guess.u[i + 1]), hi = std::max(guess.u[i], guess.u[i + 1]);
    if (lo + hi < 0.0) {
      const double margin = widen * (hi - lo + 0.01 * size);
      lin.laws[i] = chord_rate_below(m.source, lo - margin, hi + margin, use);
    }
  }
  const double end_margin = widen * 0.1 * size;
  lin.left = tangent_end(m.left, guess.u[0], reach, end_margin, use);
  lin.right = tangent_end(m.right, guess.u[n], reach, end_margin, use);
  return lin;
}

Profile nodal_profile(const ComparisonFunction& w) {
  Profile p;
  p.mesh = w.mesh();
  for (int j = 0; j <= p.mesh.pieces; ++j) p.u[j] = w.node_value(j);
  return p;
}

bool finite_profile(const Profile& p) {
  for (int j = 0; j <= p.mesh.pieces; ++j)
    if (!std::isfinite(p.u[j])) return false;
  return true;
}

// Whether one more pass moved the profile by less than a small share of its size: the iteration
// converges fast (it is Newton's method) from a good start, slowly from a poor one or where the
// solution goes below zero, where pow4 is concave and the tangents of Lemma 2 are poor guides.
bool settled(const Profile& before, const Profile& after) {
  double change = 0.0, size = 0.0;
  for (int j = 0; j <= after.mesh.pieces; ++j) {
    change = std::max(change, std::fabs(after.u[j] - before.u[j]));
    size = std::max(size, std::fabs(after.u[j]));
  }
  return change <= kSettled * size;
}

// A level to start from: with flux-type ends only the level whose heat balance closes, else the
// middle of the constant bounds, or the Dirichlet data.
double starting_level(const ModelLaws& m) {
  if (const auto balanced = balanced_level(m)) return *balanced;
  if (m.constant_lower && m.constant_upper) return 0.5 * (*m.constant_lower + *m.constant_upper);
  if (m.constant_upper) return *m.constant_upper;
  if (m.constant_lower) return *m.constant_lower;
  if (m.left.dirichlet) return m.left.value;
  if (m.right.dirichlet) return m.right.value;
  return 1.0;
}

// Quasilinearization: trial super-solutions with tangent points at the previous iterate, at least
// `passes` of them and up to `max_passes` until settled.
Profile quasilinearize(const ModelLaws& m, Profile guess, int passes, int max_passes) {
  for (int pass = 0; pass < max_passes; ++pass) {
    const Profile next{guess.mesh, trial_nodes(tangents(m, guess, Use::trial))};
    if (!finite_profile(next)) break;
    const bool done = pass + 1 >= passes && settled(guess, next);
    guess = next;
    if (done) break;
  }
  return guess;
}

// A cheap approximate profile on a coarse uniform mesh, from a constant start.
Profile coarse_profile(const ModelLaws& m) {
  Profile start;
  start.mesh = Mesh::uniform(kCoarsePieces);
  start.u.fill(starting_level(m));
  return quasilinearize(m, start, kCoarsePasses, kMaxCoarsePasses);
}

// Nodes that share out the variation of a profile (plus a uniform part) equally: the pieces are
// short where the solution changes fast, which is where a constant linearization is poorest. The
// profile is its values u[j] at x[0] = 0 < ... < x[cells] = 1.
Mesh graded_mesh(const double* x, const double* u, int cells, double uniform_share) {
  std::array<double, kSeedCells> weight;  // cells <= kSeedCells; filled below
  double variation = 0.0;
  for (int j = 0; j < cells; ++j) {
    weight[j] = std::fabs(u[j + 1] - u[j]);
    variation += weight[j];
  }
  const double uniform_weight = uniform_share * variation + 1e-300;
  double total = 0.0;
  for (int j = 0; j < cells; ++j) {
    weight[j] += uniform_weight * (x[j + 1] - x[j]);
    total += weight[j];
  }
  Mesh mesh;
  mesh.pieces = kFinePieces;
  double before = 0.0;  // the weight of the cells left of cell j
  int j = 0;
  for (int k = 1; k < kFinePieces; ++k) {
    const double target = total * k / kFinePieces;
    while (j + 1 < cells && before + weight[j] < target) before += weight[j++];
    const double t = (target - before) / weight[j];
    mesh.x[k] = x[j] + t * (x[j + 1] - x[j]);
  }
  mesh.x[0] = 0.0;
  mesh.x[kFinePieces] = 1.0;
  if (!mesh.partitions_unit_interval()) mesh = Mesh::uniform(kFinePieces);
  return mesh;  // (one object returned on every path: built in place, no copy)
}

// The approximate profile on the graded mesh: from the coarse profile, linearly interpolated.
Profile unseeded_profile(const ModelLaws& m) {
  const Profile coarse = coarse_profile(m);
  Profile fine;
  fine.mesh = graded_mesh(coarse.mesh.x.data(), coarse.u.data(), coarse.mesh.pieces,
                          kUniformShareCoarse);
  for (int j = 0; j <= fine.mesh.pieces; ++j) fine.u[j] = coarse.at(fine.mesh.x[j]);
  return fine;
}

// Whether an approximate solution can choose the lines: ok, at least two nodes, a mesh rising
// from x = 0 to 1, and every number finite. (The comparison functions verify their own mesh too:
// a seed only ever guides.) One pass over its four arrays without a branch per node, which the
// compiler vectorizes (an approximate solution may have thousands of nodes): a double is not
// finite when its exponent bits are all ones, and adding one to the exponent field then carries
// into the top bit; a mesh rising from 0 to 1 is finite.
bool usable_seed(const Solution& near) {
  const std::size_t n = near.nodes();
  if (!near.ok() || n < 2 || near.u.size() != n || near.du.size() != n || near.d2u.size() != n)
    return false;
  if (near.x.front() != 0.0 || near.x.back() != 1.0) return false;
  // Two nodes per DoublePair, exponent bits as integers.
  typedef std::uint64_t Bits __attribute__((vector_size(16)));
  const Bits exponent = {0x7ff0000000000000, 0x7ff0000000000000};
  const Bits exponent_one = {0x0010000000000000, 0x0010000000000000};
  const auto carries = [&](DoublePair u, DoublePair du, DoublePair d2u) {
    return ((reinterpret_cast<Bits>(u) & exponent) + exponent_one) |
           ((reinterpret_cast<Bits>(du) & exponent) + exponent_one) |
           ((reinterpret_cast<Bits>(d2u) & exponent) + exponent_one);
  };
  // The values of nodes 0 and 1, then of nodes k, k + 1 with x[k] > x[k - 1], x[k + 1] > x[k] for
  // k = 1, 3, ..., the last pair moved back to end at the last node (two nodes rise from 0 to 1).
  Bits carry = carries(load_pair(&near.u[0]), load_pair(&near.du[0]), load_pair(&near.d2u[0]));
  PairMask rises = {-1, -1};
  for (std::size_t j = 1; n > 2 && j < n; j += 2) {
    const std::size_t k = std::min(j, n - 2);
    carry |= carries(load_pair(&near.u[k]), load_pair(&near.du[k]), load_pair(&near.d2u[k]));
    rises &= load_pair(&near.x[k]) > load_pair(&near.x[k - 1]);
  }
  return both(rises) && ((carry[0] | carry[1]) >> 63) == 0;
}

// The profile on a mesh graded from the approximate solution's nodes (every stride-th one, at
// most kSeedCells cells: the grading needs the shape, not all of a fine mesh), its values read
// from its interpolant; empty when the solution is not usable.
std::optional<Profile> seeded_profile(const Solution& near) {
  if (!usable_seed(near)) return std::nullopt;
  const int cells = static_cast<int>(near.nodes()) - 1;
  Profile p;
  if (cells <= kSeedCells) {  // every node: near's own arrays, no copy
    p.mesh = graded_mesh(near.x.data(), near.u.data(), cells, kUniformShareSeed);
  } else {
    const int stride = (cells + kSeedCells - 1) / kSeedCells;
    std::array<double, kSeedCells + 1> x, u;
    int sampled = 0;
    for (int j = 0; j < cells; j += stride, ++sampled) {
      x[sampled] = near.x[j];
      u[sampled] = near.u[j];
    }
    x[sampled] = 1.0;
    u[sampled] = near.u[cells];
    p.mesh = graded_mesh(x.data(), u.data(), sampled, kUniformShareSeed);
  }
  // As near.value() at each node: at x = 0 and x = 1 (t = 0 and 1 in the end cells) the
  // interpolant is exactly near's end values (up to the sign of a zero, which only guides), and
  // only the interior nodes need it.
  const int n = p.mesh.pieces;
  interpolate_rising(near, p.mesh.x.data() + 1, static_cast<std::size_t>(n - 1), p.u.data() + 1);
  p.u[0] = near.u.front();
  p.u[n] = near.u.back();
  if (!finite_profile(p)) return std::nullopt;
  return p;
}

}  // namespace

struct BoundsState {
  // Not value-initialized by allocate_shared: zero-filling the comparison functions' arrays (several
  // kilobytes, filled before use) cost more than anything else a seeded call does outside them.
  BoundsState() {}

  std::optional<double> constant_lower, constant_upper;
  std::optional<ComparisonFunction> lower_fn, upper_fn;
  std::optional<SemiInfiniteFin> fin;
  std::optional<Parabola> cap;
  std::optional<double> slope_lower, slope_upper, gap;
  std::optional<double> efficiency_lower, efficiency_upper;
};

namespace {

// Trial super-solutions (quasilinearization) on the fine mesh, then the checked one, built in
// place (a comparison function is a few kilobytes). A check that fails is retried from the failed
// function's nodal values with tangent points reaching further below zero.
void build_upper(const ModelLaws& m, Profile guess, std::optional<ComparisonFunction>& out) {
  guess = quasilinearize(m, guess, kUpperTrials, kMaxUpperTrials);
  for (int attempt = 0; attempt < kUpperAttempts; ++attempt) {
    out.emplace(Side::upper, [&] { return tangents(m, guess, Use::bound, attempt); });
    if (out->ok()) return;
    const Profile next = nodal_profile(*out);
    out.reset();
    if (!finite_profile(next)) return;
    guess = next;
  }
}

// How far the lines of a sub-solution guided by a profile must reach: over [a, b] with b a share
// of the way from the profile up to the checked super-solution (at most up to it, plus a hair),
// and a below the profile by `widen` times multiples of the super-solution's excess over it, of the
// range and of the super-solution's spread. The sub-solution is then checked to stay in [a, b].
struct Reach {
  double top_share, excess_times, range_share, spread_share, widen;

  // Around a trial sub-solution or the super-solution's own nodes, `widen` times the defaults:
  // up to the super-solution, which the sub-solution may approach.
  static Reach around_trial(double widen) { return {1.0, 0.0, 0.1, 1e-3, widen}; }
  // Around an accurate solution: the sub-solution lies below it by about the super-solution's
  // excess over it (their gaps are alike), so narrower ranges, hence closer chords, suffice...
  static Reach around_solution() { return {0.25, 4.0, 0.01, 1e-5, 1.0}; }
  // ... except where the sub-solution is much looser than the super-solution (steep layers).
  static Reach around_solution_widely() { return {1.0, 4.0, 0.1, 1e-3, 1.0}; }
};

// The ranges [a, b] over which the lines of a sub-solution guided by `guess` must hold, as `reach`
// says (a = -inf when its widen is infinite: a line valid everywhere below b).
class ChordRanges {
 public:
  ChordRanges(const ComparisonFunction& upper, const Profile& guess, const Reach& reach)
      : upper_(upper), guess_(guess), reach_(reach), spread_(upper.max() - upper.min()),
        margin_(std::min(reach.widen, 10.0) * 1e-9 * spread_) {
    for (int j = 0; j <= guess.mesh.pieces; ++j)
      excess_[j] = std::max(upper.node_value(j) - guess.u[j], 0.0);
  }

  const ComparisonFunction& upper() const { return upper_; }
  const Profile& guess() const { return guess_; }
  // b: a share of the way from the guess's `high` up to the super-solution's value, plus a hair.
  // (Doubles, or DoublePairs for two pieces at once, with the same roundings.)
  template <class T>
  T top(T high, T upper_value) const {
    const T top = smaller(upper_value, high + reach_.top_share * (upper_value - high));
    return top + margin_ + 1e-12 * magnitude(top);
  }
  // a: below the guess's `low` by `widen` times the depth the reach asks for, at most `top`.
  template <class T>
  T bottom(T low, T top, T excess) const {
    const T depth = reach_.excess_times * excess + reach_.range_share * (top - low) +
                    reach_.spread_share * spread_ + 1e-9 * magnitude(top);
    return smaller(low - reach_.widen * depth, top);
  }
  // The super-solution's excess over the guess at node j (nodes j, j + 1 for a DoublePair).
  template <class T>
  T excess_at(int j) const {
    return at<T>(excess_.data(), j);
  }

 private:
  const ComparisonFunction& upper_;
  const Profile& guess_;
  const Reach reach_;  // a copy: the lines written meanwhile cannot change it
  double spread_, margin_;
  Nodes excess_;
};

// The range [a, b] that the source's line on piece i of a sub-solution must cover, and the
// guess's extremes low, high over the piece: at its ends, or inside where the super-solution has
// an interior extremum (less its excess there). For piece i, or pieces i and i + 1 in DoublePairs.
template <class T>
struct PieceRange {
  T low, high, a, b;
};

template <class T>
PieceRange<T> piece_range(const ChordRanges& ranges, int i) {
  const ComparisonFunction& upper = ranges.upper();
  const double* guess = ranges.guess().u.data();
  const T excess = larger(ranges.excess_at<T>(i), ranges.excess_at<T>(i + 1));
  const T upper_max = at<T>(upper.piece_maxs().data(), i);
  // std::min and std::max of the three values, in this order.
  const T low = smaller(smaller(at<T>(guess, i), at<T>(guess, i + 1)),
                        at<T>(upper.piece_mins().data(), i) - excess);
  const T high = larger(larger(at<T>(guess, i), at<T>(guess, i + 1)), upper_max - excess);
  const T b = ranges.top(high, upper_max);
  return {low, high, ranges.bottom(low, b, excess), b};
}

PieceRange<double> half(const PieceRange<DoublePair>& two, int k) {
  return {two.low[k], two.high[k], two.a[k], two.b[k]};
}

// The source's line on a piece of a sub-solution, over the piece's range: a chord where the guess
// is positive (Lemma 3, or Lemma 4 across zero); where it is mostly negative pow4 is concave, and
// the tangent at t <= -b lies above f on [a, b] (Lemma 2 mirrored).
RateLine chord_piece(const ConvexLaw& source, const PieceRange<double>& r, Use use) {
  if (r.low + r.high < 0.0 && std::isfinite(r.a) && source.a4 > 0.0) {
    const double b = std::min(r.b, r.high + (r.high - r.a));
    const double t = std::min(0.5 * (r.low + r.high), -std::max(b, 0.0));
    RateLine line = tangent_rate(source, t, Position::above, use);
    line.lo = r.a;
    line.hi = b;
    return line;
  }
  return chord_rate_above(source, r.a, r.b, use);
}

// The lines of two pieces to lines[0] and lines[1]: in one DoublePair where both are bound chords
// of the convex part (a >= 0 and the guess not mostly negative: the common case), else each as
// chord_piece decides.
void store_chord_pieces(const ConvexLaw& source, const PieceRange<DoublePair>& two, Use use,
                        RateLine* lines) {
  if (use == Use::bound && both((two.a >= 0.0) & (two.low + two.high >= 0.0))) {
    store_lines(lines, convex_chord_rate(source, two.a, two.b));
    return;
  }
  lines[0] = chord_piece(source, half(two, 0), use);
  lines[1] = chord_piece(source, half(two, 1), use);
}
void store_chord_pieces(const ConvexLaw& source, const PieceRange<double>& one, Use use,
                        RateLine* lines) {
  lines[0] = chord_piece(source, one, use);
}

// The end law at node j of a sub-solution: as for the source, a chord, or the mirrored tangent
// where the guess is negative.
EndLaw chord_end(const EndModel& end, const ChordRanges& ranges, int j, Use use) {
  if (end.dirichlet) return fixed_end(end.value);
  const double guess = ranges.guess().u[j];
  const double b = ranges.top(guess, ranges.upper().node_value(j));
  const double a = ranges.bottom(guess, b, ranges.excess_at<double>(j));
  EndLaw law;
  if (guess < 0.0 && std::isfinite(a) && end.flux.a4 > 0.0) {
    law.flux = tangent(end.flux, std::min(guess, -std::max(b, 0.0)), Position::above, use);
    law.flux.lo = a;
    law.flux.hi = b;
    return law;
  }
  law.flux = chord_above(end.flux, a, b, use);
  return law;
}

// The lines of a sub-solution, over ranges around `guess` as `reach` says.
Linearization chords(const ModelLaws& m, const ComparisonFunction& upper, const Profile& guess,
                     const Reach& reach, Use use) {
  const ChordRanges ranges(upper, guess, reach);
  Linearization lin;
  lin.mesh = upper.mesh();
  const int n = lin.mesh.pieces;
  two_at_a_time(0, n, [&](auto tag, int i) {
    store_chord_pieces(m.source, piece_range<decltype(tag)>(ranges, i), use, &lin.laws[i]);
  });
  lin.left = chord_end(m.left, ranges, 0, use);
  lin.right = chord_end(m.right, ranges, n, use);
  return lin;
}

// Whether the nodal values stay inside the validity ranges of the lines: a trial sub-solution
// that does not is not settled yet (its chord ranges were guessed from an earlier, higher one).
bool nodes_within_laws(const Linearization& lin, const Profile& nodes) {
  for (int i = 0; i < lin.mesh.pieces; ++i) {
    const double lo = std::min(nodes.u[i], nodes.u[i + 1]);
    const double hi = std::max(nodes.u[i], nodes.u[i + 1]);
    if (!(lo >= lin.laws[i].lo && hi <= lin.laws[i].hi)) return false;
  }
  return true;
}

void build_lower(const ModelLaws& m, const ComparisonFunction& upper,
                 std::optional<ComparisonFunction>& out) {
  // The solution is usually close below the super-solution: its nodal values place the chord
  // ranges well enough, and no trial sub-solution is needed.
  const Profile top = nodal_profile(upper);
  out.emplace(Side::lower,
              [&] { return chords(m, upper, top, Reach::around_trial(1.0), Use::bound); });
  if (out->ok()) return;
  Profile guess = top;
  for (int pass = 0; pass < kMaxLowerTrials; ++pass) {
    const Linearization trial = chords(m, upper, guess, Reach::around_trial(1.0), Use::trial);
    const Profile next{guess.mesh, trial_nodes(trial)};
    if (!finite_profile(next)) break;
    guess = next;
    if (pass + 1 >= kLowerTrials && nodes_within_laws(trial, next)) break;
  }
  for (double widen : {1.0, 10.0, 1e3, kInf}) {
    out.emplace(Side::lower,
                [&] { return chords(m, upper, guess, Reach::around_trial(widen), Use::bound); });
    if (out->ok()) return;
  }
  out.reset();
}

// The comparison pair by quasilinearization from a constant start (no approximate solution).
void build_unseeded(const ModelLaws& m, BoundsState& s) {
  build_upper(m, unseeded_profile(m), s.upper_fn);
  if (s.upper_fn) build_lower(m, *s.upper_fn, s.lower_fn);
}

// The comparison function of the lines that lines() returns, built in `out`, which lie close to
// the approximate solution `seed`: its nodal values therefore size their slack (one solve).
template <class Lines>
void emplace_around(const Profile& seed, Side side, std::optional<ComparisonFunction>& out,
                    Lines&& lines) {
  out.emplace(side, [&] {
    Linearization lin = lines();
    lin.expected = seed.u;
    return lin;
  });
}

// The comparison pair with tangent points and chord ranges read from the approximate solution
// `near`: no trial passes; the super-solution is built and checked once, the sub-solution over
// narrow ranges and, if that check fails, wider ones. False (nothing kept) if `near` is not usable
// or the checks fail.
bool build_seeded(const ModelLaws& m, const Solution& near, BoundsState& s) {
  const std::optional<Profile> seed = seeded_profile(near);
  if (!seed) return false;
  emplace_around(*seed, Side::upper, s.upper_fn, [&] { return tangents(m, *seed, Use::bound); });
  if (s.upper_fn->ok()) {
    for (const Reach& reach : {Reach::around_solution(), Reach::around_solution_widely()}) {
      emplace_around(*seed, Side::lower, s.lower_fn,
                     [&] { return chords(m, *s.upper_fn, *seed, reach, Use::bound); });
      if (s.lower_fn->ok()) return true;
    }
  }
  s.upper_fn.reset();
  s.lower_fn.reset();
  return false;
}

// Bounds on u'(0). A Dirichlet left end: every bound function takes the value V there, so their
// right derivatives bracket u'(0). A flux-type end: u'(0) = g(u(0)) with g nondecreasing.
void bound_left_slope(const ModelLaws& m, BoundsState& s, const Bounds& b) {
  if (!m.left.dirichlet) {
    if (const auto u0_lo = b.lower(0.0)) s.slope_lower = m.left.flux.value(*u0_lo).lo();
    if (const auto u0_hi = b.upper(0.0)) s.slope_upper = m.left.flux.value(*u0_hi).hi();
    return;
  }
  const double v = m.left.value;
  const auto lower_to = [&s](double d) { s.slope_upper = s.slope_upper ? std::min(*s.slope_upper, d) : d; };
  const auto raise = [&s](double d) { s.slope_lower = s.slope_lower ? std::max(*s.slope_lower, d) : d; };
  if (s.upper_fn) lower_to(s.upper_fn->slope_at_left().hi());
  if (s.cap) lower_to(round_up(-2.0 * s.cap->alpha * v * (1 - 4 * kUnit)));
  if (s.constant_upper && *s.constant_upper == v) lower_to(0.0);
  if (s.lower_fn) raise(s.lower_fn->slope_at_left().lo());
  if (s.fin) raise(round_down(s.fin->slope_at_base() * (1 + 4 * kUnit)));
  if (s.constant_lower && *s.constant_lower == v) raise(0.0);
}

// eta = -u'(0) / q with q = f(V) + g_R(V) > 0 and u'(0) in [slope_lower, slope_upper].
void bound_efficiency(const ModelLaws& m, BoundsState& s) {
  if (!m.left.dirichlet || m.right.dirichlet || !s.slope_lower || !s.slope_upper) return;
  const double v = m.left.value;
  const Ball ideal = m.source.value(v) + m.right.flux.value(v);
  if (!(ideal.lo() > 0.0)) return;
  s.efficiency_lower = (Ball::exact(-*s.slope_upper) / ideal).lo();
  s.efficiency_upper = (Ball::exact(-*s.slope_lower) / ideal).hi();
}

// sup (w - v) over one piece for a super-solution w and sub-solution v on the same mesh:
// (w - v)'' = m_w^2 w + s_w - m_v^2 v - s_v >= -D with D = max over the range of v of
// (m_v^2 - m_w^2) v + s_v - s_w (since w >= v), so w - v lies below its chord plus D h^2 / 8.
// Computed in floating point with a-priori rounding bounds (docs/bounds.md section 9, R5): D within
// kDeficitError of the sum of its terms' magnitudes, h^2 D / 8 low by less than 8u of itself.
// For piece i (T = double), or pieces i and i + 1 in one DoublePair (the same roundings).
template <class T>
T piece_gap(const ComparisonFunction& w, const ComparisonFunction& v, int i) {
  constexpr double kDeficitError = 6 * kUnit;
  const double *w_nodes = w.node_values().data(), *v_nodes = v.node_values().data();
  const T ends = larger(round_up(at<T>(w_nodes, i) - at<T>(v_nodes, i)),
                        round_up(at<T>(w_nodes, i + 1) - at<T>(v_nodes, i + 1)));
  const auto law = [i](const ComparisonFunction& f, double RateLine::*field) {
    return line_field<T>(f.laws().data(), i, field);
  };
  const T m_v = law(v, &RateLine::m), m_w = law(w, &RateLine::m);
  const T s_v = law(v, &RateLine::intercept), s_w = law(w, &RateLine::intercept);
  const T rate_v = m_v * m_v, rate_w = m_w * m_w;
  const T rate_gap = rate_v - rate_w;
  const T offset = s_v - s_w;
  const T offset_size = magnitude(s_v) + magnitude(s_w);
  const auto deficit_at = [&](T y) {
    const T size = (rate_v + rate_w) * magnitude(y) + offset_size;
    return round_up(rate_gap * y + offset + kDeficitError * size);
  };
  const T low = deficit_at(at<T>(v.piece_mins().data(), i));
  const T high = deficit_at(at<T>(v.piece_maxs().data(), i));
  const T deficit = larger(larger(low, high), filled<T>(0.0));  // std::max({low, high, 0.0})
  const double* x = w.mesh().x.data();
  const T h = at<T>(x, i + 1) - at<T>(x, i);
  const T gap = round_up(ends + h * h * (0.125 * deficit) * (1 + 8 * kUnit));
  // A NaN (an overflowing deficit, inf - inf) bounds nothing, and std::max would drop it.
  return (low != low) | (high != high) | (gap != gap) ? filled<T>(kInf) : gap;
}

// The running maximum so_far raised to a value, or to both halves of a pair in turn (as std::max).
double raised(double so_far, double value) { return std::max(so_far, value); }
double raised(double so_far, DoublePair two) { return std::max(std::max(so_far, two[0]), two[1]); }

// Storage for the bounds' states (a few kilobytes each, one per bounds() call): each thread keeps
// up to kKeptBlocks blocks that were freed on it for its next calls, which malloc serves more
// slowly at this size. Storage only: what a call computes never depends on it.
template <class T>
class RecyclingAllocator {
 public:
  using value_type = T;

  RecyclingAllocator() = default;
  template <class U>
  RecyclingAllocator(const RecyclingAllocator<U>&) {}

  T* allocate(std::size_t n) {
    Blocks& b = blocks();
    if (n != 1 || b.count == 0) return static_cast<T*>(::operator new(n * sizeof(T)));
    return static_cast<T*>(b.kept[--b.count]);
  }

  void deallocate(T* p, std::size_t n) {
    Blocks& b = blocks();
    if (n != 1 || b.closed || b.count == kKeptBlocks) return ::operator delete(p);
    b.kept[b.count++] = p;
  }

  template <class U>
  bool operator==(const RecyclingAllocator<U>&) const {
    return true;
  }
  template <class U>
  bool operator!=(const RecyclingAllocator<U>&) const {
    return false;
  }

 private:
  static constexpr std::size_t kKeptBlocks = 4;

  // Trivially destructible, so still usable by a state freed after the thread's exit began (a
  // static Bounds); the closer frees the kept blocks at the thread's exit.
  struct Blocks {
    std::array<void*, kKeptBlocks> kept;
    std::size_t count = 0;
    bool closed = false;  // the thread is exiting: blocks go back to the heap
  };
  struct Closer {
    Blocks& blocks;
    ~Closer() {
      blocks.closed = true;
      while (blocks.count > 0) ::operator delete(blocks.kept[--blocks.count]);
    }
  };

  static Blocks& blocks() {
    thread_local Blocks blocks;
    thread_local Closer closer{blocks};
    return blocks;
  }
};

// The largest lower bound and the smallest upper bound at x in [0, 1] that the envelope's
// members establish.
std::optional<double> envelope_lower(const BoundsState& s, double x) {
  std::optional<double> best = s.constant_lower;
  const auto raise = [&best](double v) { best = best ? std::max(*best, v) : v; };
  if (s.lower_fn) raise(s.lower_fn->value(x).lo());
  if (s.fin) raise(s.fin->value(x));
  return best;
}

std::optional<double> envelope_upper(const BoundsState& s, double x) {
  std::optional<double> best = s.constant_upper;
  const auto lower_to = [&best](double v) { best = best ? std::min(*best, v) : v; };
  if (s.upper_fn) lower_to(s.upper_fn->value(x).hi());
  if (s.cap) lower_to(s.cap->value(x));
  return best;
}

// An upper bound of sup (upper - lower): piece by piece for the comparison pair, else the
// largest upper bound minus the smallest lower bound.
std::optional<double> certified_gap(const BoundsState& s) {
  std::optional<double> top = s.constant_upper, bottom = s.constant_lower;
  if (s.upper_fn) top = top ? std::min(*top, s.upper_fn->max()) : s.upper_fn->max();
  if (s.cap) top = top ? std::min(*top, s.cap->value(0.0)) : s.cap->value(0.0);
  if (s.lower_fn) bottom = bottom ? std::max(*bottom, s.lower_fn->min()) : s.lower_fn->min();
  if (s.fin) bottom = bottom ? std::max(*bottom, s.fin->value(1.0)) : s.fin->value(1.0);
  if (!top || !bottom) return std::nullopt;
  double gap = Ball::difference(*top, *bottom).hi();
  if (s.upper_fn && s.lower_fn) {
    const ComparisonFunction &w = *s.upper_fn, &v = *s.lower_fn;
    double pieces = 0.0;
    two_at_a_time(0, w.mesh().pieces, [&](auto tag, int i) {
      pieces = raised(pieces, piece_gap<decltype(tag)>(w, v, i));
    });
    gap = std::min(gap, pieces);
  }
  return std::max(gap, 0.0);
}

}  // namespace

}  // namespace detail

Bounds detail::bounds_of_valid(const Problem& problem, const Solution* near) {
  using namespace detail;
  const ModelLaws laws(problem);
  auto state = std::allocate_shared<BoundsState>(RecyclingAllocator<BoundsState>());
  state->constant_lower = laws.constant_lower;
  state->constant_upper = laws.constant_upper;
  state->fin = semi_infinite_fin(laws);
  state->cap = parabola(laws);
  if (!(near && build_seeded(laws, *near, *state))) build_unseeded(laws, *state);
  Bounds b;
  b.state_ = state;
  bound_left_slope(laws, *state, b);
  bound_efficiency(laws, *state);
  state->gap = certified_gap(*state);
  return b;
}

Bounds bounds(const Problem& problem, const Solution* near) {
  problem.check_param();
  return detail::bounds_of_valid(problem, near);
}

std::optional<double> Bounds::lower(double x) const {
  if (!state_ || !(x >= 0.0 && x <= 1.0)) return std::nullopt;
  return detail::envelope_lower(*state_, x);
}

std::optional<double> Bounds::upper(double x) const {
  if (!state_ || !(x >= 0.0 && x <= 1.0)) return std::nullopt;
  return detail::envelope_upper(*state_, x);
}

std::optional<double> Bounds::lower_slope(double x) const {
  const auto value = lower(x);
  if (!value) return std::nullopt;
  if (state_->lower_fn && state_->lower_fn->value(x).lo() == *value)
    return state_->lower_fn->slope(x);
  if (state_->fin && state_->fin->value(x) == *value) return state_->fin->slope(x);
  return 0.0;
}

std::optional<double> Bounds::upper_slope(double x) const {
  const auto value = upper(x);
  if (!value) return std::nullopt;
  if (state_->upper_fn && state_->upper_fn->value(x).hi() == *value)
    return state_->upper_fn->slope(x);
  if (state_->cap && state_->cap->value(x) == *value) return state_->cap->slope(x);
  return 0.0;
}
std::optional<double> Bounds::slope_lower_at_left() const {
  return state_ ? state_->slope_lower : std::nullopt;
}
std::optional<double> Bounds::slope_upper_at_left() const {
  return state_ ? state_->slope_upper : std::nullopt;
}
std::optional<double> Bounds::max_gap() const { return state_ ? state_->gap : std::nullopt; }
std::optional<double> Bounds::efficiency_lower() const {
  return state_ ? state_->efficiency_lower : std::nullopt;
}
std::optional<double> Bounds::efficiency_upper() const {
  return state_ ? state_->efficiency_upper : std::nullopt;
}

}  // namespace radbound
