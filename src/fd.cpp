#include "radbound/fd.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "fd_hermite.hpp"
#include "fd_ladder.hpp"
#include "fd_start.hpp"

namespace radbound {

namespace {

using detail::Jet;
using detail::Ladder;

constexpr int kFirstCells = 4;     // coarsest mesh of the ladder
// An estimate that stops halving for kStallLevels levels while already below kRoundingScale times
// the solution's size is rounding noise, not truncation error (which, before the asymptotic regime
// of a stiff problem, can also stall for a few levels, but far above this).
constexpr int kStallLevels = 3;
constexpr int kKeptCells = 4096;
constexpr int kLowestOrder = 3;  // of the Hermite polynomials between nodes (degree 7)
constexpr double kRoundingScale = 1e-11;

// A number for a message: 3 significant digits.
std::string brief(double v) {
  std::ostringstream os;
  os.precision(3);
  os << v;
  return os.str();
}

Solution failure(Status status, std::string message, int iterations) {
  Solution s;
  s.method = "fd";
  s.status = status;
  s.message = std::move(message);
  s.iterations = iterations;
  return s;
}

// The returned solution: extrapolated values at the nodes of the window's coarsest level `first`,
// and between them values from the twelfth-order Hermite polynomial the equation supplies, on as many
// of the finer levels' nodes as the quintic interpolant of Solution::value needs.
class Output {
 public:
  Output(const Problem& problem, const Ladder& ladder, std::size_t first)
      : problem_(problem), source_(problem), ladder_(ladder), first_(first) {
    extrapolate_values();
  }

  // Estimated error of the extrapolated node values.
  double nodal_estimate() const { return nodal_; }
  double largest_value() const {
    double largest = 0.0;
    for (const Jet& j : jets_) largest = std::max(largest, std::fabs(j[0]));
    return largest;
  }

  // The solution on the nodes of level first + refinement, with the full error estimate (node
  // values and the error of u' they carry into the polynomials, inserted values, quintic
  // interpolant between them); the refinement is the smallest (up to the finest level but one)
  // that brings the estimate below tol.
  Solution solve(double tol);

 private:
  void extrapolate_values();
  // Extrapolates u' at the nodes and fills the jets; returns the error the u' estimates carry
  // into the polynomials.
  double complete_jets();
  // Value and error estimate (and u', when `slope` is given) at a node of a finer level inside the
  // window: the better of the cell's Hermite polynomial and the Richardson value there.
  detail::Extrapolated between(std::size_t level, std::size_t node, double* slope = nullptr) const;
  // Fills s.x/u/du on level first + refinement; returns the worst inserted-value estimate.
  double fill(int refinement, Solution& s) const;
  // Worst error of the quintic interpolant of s at the midpoints of its cells.
  double interpolation_error(int refinement, const Solution& s) const;

  const Problem& problem_;
  detail::Source source_;
  const Ladder& ladder_;
  std::size_t first_;
  std::vector<Jet> jets_;  // u..u^(5) at the coarse nodes (only u until complete_jets())
  double negligible_ = 0.0;  // a polynomial estimate below this needs no Richardson alternative
  double nodal_ = 0.0;
};

void Output::extrapolate_values() {
  const std::size_t nodes = ladder_[first_].grid.x.size();
  jets_.resize(nodes);
  for (std::size_t j = 0; j < nodes; ++j) {
    const detail::Extrapolated u = ladder_.value(first_, j);
    jets_[j][0] = u.value;
    nodal_ = std::max(nodal_, u.spread);
  }
}

double Output::complete_jets() {
  const std::vector<double>& x = ladder_[first_].grid.x;
  const std::size_t n = x.size() - 1;
  double carried = 0.0, previous_spread = 0.0;
  for (std::size_t j = 0; j <= n; ++j) {
    detail::Extrapolated du = ladder_.slope(first_, j);
    // A flux-type end satisfies its boundary condition exactly.
    if (j == 0 && !problem_.left.is_dirichlet())
      du = {problem_.outward_flux(problem_.left, jets_[0][0]), 0.0};
    if (j == n && !problem_.right.is_dirichlet())
      du = {-problem_.outward_flux(problem_.right, jets_[n][0]), 0.0};
    jets_[j] = detail::jet(source_, jets_[j][0], du.value);
    // An error e in u' moves the polynomial by at most h e / 2 inside a cell.
    if (j > 0)
      carried = std::max(carried, 0.5 * (x[j] - x[j - 1]) * std::max(previous_spread, du.spread));
    previous_spread = du.spread;
  }
  return carried;
}

detail::Extrapolated Output::between(std::size_t level, std::size_t node, double* slope) const {
  const std::vector<double>& coarse = ladder_[first_].grid.x;
  const std::size_t j = node >> (level - first_);  // the coarse cell
  const double x = ladder_[level].grid.x[node];
  const double h = coarse[j + 1] - coarse[j], t = (x - coarse[j]) / h;
  const detail::HermiteAt hermite(h, t);
  const auto polynomial = [&](int order) { return hermite(jets_[j], jets_[j + 1], 0, order); };
  // The highest order, unless a lower one agrees better with the next lower still: on the plateau
  // of a stiff problem (sqrt(f') h >> 1) the high derivatives are amplified rounding noise.
  int order = detail::kJetOrder;
  double lower = polynomial(order - 1);
  detail::Extrapolated best{polynomial(order), 0.0};
  best.spread = std::fabs(best.value - lower);
  for (int m = order - 1; m >= kLowestOrder && best.spread > negligible_; --m) {
    const double next = polynomial(m - 1);
    if (std::fabs(lower - next) < best.spread) {
      best = {lower, std::fabs(lower - next)};
      order = m;
    }
    lower = next;
  }
  // Where a layer is thinner than the coarse cell (one too weak to grade the mesh for), any
  // polynomial overshoots: the node's own Richardson value (fewer levels) is then better.
  const bool has_levels = ladder_.size() - level >= 2 && best.spread > negligible_;
  const detail::Extrapolated richardson = has_levels ? ladder_.value(level, node) : best;
  const bool use_polynomial = !has_levels || best.spread <= richardson.spread;
  if (slope)
    *slope = use_polynomial ? hermite(jets_[j], jets_[j + 1], 1, order - 1)
                            : ladder_.slope(level, node).value;
  return use_polynomial ? best : richardson;
}

double Output::fill(int refinement, Solution& s) const {
  const std::size_t level = first_ + static_cast<std::size_t>(refinement);
  s.x = ladder_[level].grid.x;
  s.u.resize(s.x.size());
  s.du.resize(s.x.size());
  double worst = 0.0;
  const std::size_t per_cell = std::size_t{1} << refinement;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    const std::size_t j = i / per_cell;
    if (i % per_cell == 0) {
      s.u[i] = jets_[j][0];
      s.du[i] = jets_[j][1];
      continue;
    }
    const detail::Extrapolated u = between(level, i, &s.du[i]);
    s.u[i] = u.value;
    worst = std::max(worst, u.spread);
  }
  return worst;
}

double Output::interpolation_error(int refinement, const Solution& s) const {
  const std::size_t finer = first_ + static_cast<std::size_t>(refinement) + 1;
  const std::vector<double>& mid = ladder_[finer].grid.x;
  double worst = 0.0;
  for (std::size_t i = 0; i + 1 < s.x.size(); ++i) {
    const double x = mid[2 * i + 1], h = s.x[i + 1] - s.x[i];
    const Jet left{s.u[i], s.du[i], source_.value(s.u[i]), 0.0, 0.0, 0.0};
    const Jet right{s.u[i + 1], s.du[i + 1], source_.value(s.u[i + 1]), 0.0, 0.0, 0.0};
    const double quintic = detail::HermiteAt(h, (x - s.x[i]) / h)(left, right, 0, 2);
    const detail::Extrapolated accurate = between(finer, 2 * i + 1);
    worst = std::max(worst, std::fabs(quintic - accurate.value) + accurate.spread);
  }
  return worst;
}

Solution Output::solve(double tol) {
  negligible_ = 0.01 * tol;
  const double nodal = nodal_ + complete_jets();
  const int finest = static_cast<int>(ladder_.size() - first_) - 2;
  Solution best;
  best.method = "fd";
  best.error_estimate = INFINITY;
  for (int refinement = 0;;) {
    Solution s;
    const double inserted = fill(refinement, s);
    const double interpolation = interpolation_error(refinement, s);
    s.error_estimate = nodal + inserted + interpolation;
    // A finer output mesh is not always better: between nodes of the finest levels only the
    // polynomial is available, and where the plateau of a stiff problem makes it unreliable its
    // own estimate says so. Keep the best.
    const bool done = s.error_estimate <= tol || refinement == finest;
    if (s.error_estimate < best.error_estimate) best = std::move(s);
    if (done) break;
    // The quintic interpolant's error falls as 2^-6 per refinement: skip to where it should fit
    // in 80% of what the node values leave.
    const double room = 0.8 * (tol - nodal - inserted);
    const int needed =
        room > 0.0 ? static_cast<int>(std::ceil(std::log2(interpolation / room) / 6.0)) : 1;
    refinement = std::min(finest, refinement + std::max(1, needed));
  }
  best.method = "fd";
  if (best.x.empty()) {
    best.status = Status::failed;
    best.message = "the extrapolated solution is not finite";
    return best;
  }
  best.set_curvature(problem_);
  best.status = Status::ok;
  return best;
}

// Ladders are reused per thread, a few at a time: no allocation, and a sweep whose points share a
// mesh map (the grading is rounded for that) reuses the meshes, even when points of different maps
// alternate (a sweep over theta_s inside one over Nr). Levels above kKeptCells are released after
// each solve, so that the cache stays small.
Ladder& cached_ladder(const detail::GradedMap& map) {
  constexpr std::size_t kLadders = 8;
  thread_local std::array<Ladder, kLadders> ladders;
  thread_local std::array<unsigned long, kLadders> last_use{};
  thread_local unsigned long uses = 0;
  std::size_t pick = 0;
  for (std::size_t k = 0; k < kLadders; ++k) {
    if (ladders[k].map() == map) {
      pick = k;
      break;
    }
    if (last_use[k] < last_use[pick]) pick = k;
  }
  last_use[pick] = ++uses;
  return ladders[pick];
}

bool usable(const Solution* guess) { return guess && guess->ok() && guess->nodes() >= 2; }

// Newton on the coarsest level from the layer model's profile, and only if that fails from the
// guess: the answer then does not depend on the guess, so a sweep gives the same bytes whatever
// order (or threads) its points are solved in.
detail::NewtonReport solve_coarsest(detail::Level& level, const detail::LayerModel& model,
                                    const Solution* guess, const detail::NewtonSettings& newton,
                                    double& contraction) {
  const std::vector<double>& x = level.grid.x;
  level.u.resize(x.size());
  std::transform(x.begin(), x.end(), level.u.begin(), [&](double xi) { return model.start(xi); });
  detail::NewtonReport report = level.system.solve(level.u, newton, contraction);
  if (report.converged || !usable(guess)) return report;
  std::transform(x.begin(), x.end(), level.u.begin(), [&](double xi) { return guess->value(xi); });
  const int tried = report.iterations;
  report = level.system.solve(level.u, newton, contraction);
  report.iterations += tried;
  return report;
}

// Watches the estimate for rounding noise: while the levels converge as h^2 should, it stops
// halving, below kRoundingScale times the solution's size. (Before a layer is resolved the
// levels do not yet converge as h^2, and the estimate can be accidentally small and then grow.)
class StallWatch {
 public:
  bool stalled(double estimate, double size, bool asymptotic) {
    const bool noise = asymptotic && estimate >= 0.5 * best_ &&
                       estimate <= kRoundingScale * (1.0 + size);
    levels_ = noise ? levels_ + 1 : 0;
    best_ = std::min(best_, estimate);
    latest_ = estimate;
    return levels_ >= kStallLevels;
  }
  double latest() const { return latest_; }

 private:
  double best_ = INFINITY, latest_ = INFINITY;
  int levels_ = 0;
};

// Adds levels to the ladder until the extrapolated solution's estimate meets tol, or a budget or
// the rounding limit stops it.
Solution climb(const Problem& problem, const FdOptions& options, const detail::LayerModel& model,
               const Solution* guess, Ladder& ladder) {
  const detail::NewtonSettings newton{0.01 * options.tol, options.max_newton_iterations};
  int iterations = 0;
  double contraction = 0.0;
  StallWatch watch;
  for (int cells = kFirstCells; cells <= options.max_cells; cells *= 2) {
    detail::Level& level = ladder.add(cells);
    const detail::NewtonReport report =
        ladder.size() == 1 ? solve_coarsest(level, model, guess, newton, contraction)
                           : level.system.solve(level.u, newton, contraction);
    iterations += report.iterations;
    if (!report.converged)
      return failure(Status::no_convergence,
                     report.message + " on " + std::to_string(cells) + " cells", iterations);
    if (ladder.size() < 3) continue;
    const std::size_t first =
        ladder.size() - std::min<std::size_t>(ladder.size(), detail::kMaxDepth + 1);
    Output output(problem, ladder, first);
    const bool asymptotic = ladder.asymptotic_from(first, 0.1 * options.tol);
    double estimate = output.nodal_estimate();
    if (estimate <= options.tol && asymptotic) {
      Solution s = output.solve(options.tol);
      s.iterations = iterations;
      if (!s.ok() || s.error_estimate <= options.tol) return s;
      estimate = s.error_estimate;
    }
    if (watch.stalled(estimate, output.largest_value(), asymptotic))
      return failure(Status::no_convergence,
                     "the error estimate stalls near " + brief(watch.latest()) + ", above tol = " +
                         brief(options.tol) + " (the rounding limit of this problem)",
                     iterations);
  }
  return failure(Status::no_convergence,
                 "the error estimate did not reach tol = " + brief(options.tol) +
                     " within max_cells = " + std::to_string(options.max_cells),
                 iterations);
}

}  // namespace

void FdOptions::check_param() const {
  check_tolerance(tol);
  if (max_cells < 16)
    throw ParameterError("max_cells", "max_cells = " + std::to_string(max_cells) +
                                          " is not accepted: it must be an integer >= 16");
  if (max_newton_iterations < 1)
    throw ParameterError("max_newton_iterations",
                         "max_newton_iterations = " + std::to_string(max_newton_iterations) +
                             " is not accepted: it must be an integer >= 1");
}

Solution solve_fd(const Problem& problem, const FdOptions& options, const Solution* guess) {
  problem.check_param();
  options.check_param();
  const detail::LayerModel model(problem, options.tol);
  Ladder& ladder = cached_ladder(model.map());
  ladder.reset(problem, model.map());
  Solution s = climb(problem, options, model, guess, ladder);
  ladder.release_above(kKeptCells);
  return s;
}

}  // namespace radbound
