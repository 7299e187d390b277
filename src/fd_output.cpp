#include "fd_output.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "solution_storage.hpp"

namespace radbound::detail {

namespace {

constexpr int kLowestOrder = 3;  // of the Hermite polynomials between nodes (degree 7)
constexpr double kRoundingUnits = 4.0;
constexpr double kNegligible = 0.01;  // times tol: a polynomial's estimate that needs no alternative
// Each level's Newton iteration stops within tol/100 of its discrete solution (fd.cpp), and the
// extrapolation over four levels weighs the levels by at most (5/3)(17/15)(65/63) < 1.95 in sum:
// the nodes carry that much of Newton's own error, which the level differences do not see.
constexpr double kNewtonShare = 1.95 * 0.01;
// Margins on the estimates of the extrapolated nodes (|T[K][K] - T[K][K-1]|), of the inserted
// values and of the interpolant (checked at cell midpoints, and at quarter points in wide cells).
// Before the asymptotic regime they can fall short of the error: without margins, 39 of 961
// random problems at tol 1e-8 (bench/bench_fd_random_estimates 1e-8 1000 7) fell short, by up to
// 3.5x from a cold start and 14x from a guess, the largest such error 0.98 tol. Where those
// errors were above tol/10 the shortfall was at most 2.6x, which the factor 3 covers; below
// tol/10, down to estimates at rounding level, the allowance tol/10 does. With the margins no
// case fell short in that sample and seed 11 at tol 1e-6, 1e-8 and 1e-10 (cold, warm and
// misleading starts), nor out of the samples they were chosen on at seed 31337 at 1e-8, seed 4242
// at 1e-10, the test's seed 99 and seed 2024 (once the interpolant was checked at quarter points
// too: docs/fd.md section 3).
constexpr double kSafety = 3.0, kAllowance = 0.1;
// A cell wider than 4/sqrt(f') (h^2 f' > 16) may hold an end layer too thin and weak to grade
// for: the interpolant checks look at its quarter points too (interpolation_error()), and the
// answer for the nodes does not vouch for a polynomial across it or a node beside it.
constexpr double kResolvedSquared = 16.0;
// The answer for the nodes only vouches for a printed node whose own level changes shrink by at
// least this ratio per level (about 4 for h^2; the window's test asks 2 of the earlier pairs).
// Measured (docs/fd.md section 2).
constexpr double kNodeRatio = 3.0;

}  // namespace

void Output::begin(const Problem& problem, const Ladder& ladder, double tol) {
  problem_ = &problem;
  source_ = Source(problem);
  ladder_ = &ladder;
  tol_ = tol;
  negligible_ = kNegligible * tol;
  first_ = 0;
  nodal_values_.clear();
  largest_ = 0.0;
}

double Output::node_share(double carried) const {
  return kSafety * (nodal_ + carried) + (kNewtonShare + kAllowance) * tol_;
}

double Output::rounding() const {
  return kRoundingUnits * std::numeric_limits<double>::epsilon() * largest_value();
}

void Output::set_window(std::size_t first) {
  const std::size_t previous_first = first_;
  const bool has_previous = !nodal_values_.empty();
  nodal_values_.swap(previous_nodal_values_);
  first_ = first;
  for (std::size_t k = 0; k < nodes_.size() && first_ + k < ladder_->size(); ++k)
    nodes_[k] = &(*ladder_)[first_ + k].grid.x;
  Extrapolated largest;
  ladder_->values(first_, nodal_values_, changes_, largest);
  largest_ = largest.value;
  nodal_ = largest.spread;
  if (has_previous)
    calibrate(std::size_t{1} << (first_ - previous_first));
}

void Output::calibrate(std::size_t stride) {
  const double noise = 16.0 * std::numeric_limits<double>::epsilon() * largest_value();
  double ratio = 1.0;
  for (std::size_t i = 0; i < previous_nodal_values_.size() && i * stride < nodal_values_.size(); ++i) {
    const double change = std::fabs(previous_nodal_values_[i].value - nodal_values_[i * stride].value);
    ratio = std::max(ratio, change / (previous_nodal_values_[i].spread + 0.01 * tol_ + noise));
  }
  nodal_ *= ratio;
}

void Output::extrapolate_slopes() {
  // Extrapolated, except at a flux-type end, which satisfies its boundary condition exactly.
  std::vector<Extrapolated>& du = slopes_;
  ladder_->slopes(first_, du);
  if (!problem_->left.is_dirichlet())
    du.front() = {problem_->outward_flux(problem_->left, nodal_values_.front().value), 0.0};
  if (!problem_->right.is_dirichlet())
    du.back() = {-problem_->outward_flux(problem_->right, nodal_values_.back().value), 0.0};
}

double Output::carried() const {
  const std::vector<double>& x = *nodes_[0];
  const std::vector<Extrapolated>& du = slopes_;
  double worst = 0.0;
  for (std::size_t j = 0; j + 1 < x.size(); ++j)
    worst = std::max(worst, 0.5 * (x[j + 1] - x[j]) * std::max(du[j].spread, du[j + 1].spread));
  return worst;
}

double Output::complete_jets() {
  const std::vector<double>& x = *nodes_[0];
  const std::size_t n = x.size() - 1;
  jets_.resize(n + 1);
  cells_.resize(n);
  extrapolate_slopes();
  const std::vector<Extrapolated>& du = slopes_;
  // The jets, two nodes at a time.
  std::size_t j = 0;
  for (; j + 1 <= n; j += 2) {
    const auto pair = jet(source_, DoublePair{nodal_values_[j].value, nodal_values_[j + 1].value},
                          DoublePair{du[j].value, du[j + 1].value});
    for (std::size_t k = 0; k < pair.size(); ++k) {
      jets_[j][k] = pair[k][0];
      jets_[j + 1][k] = pair[k][1];
    }
  }
  if (j == n) jets_[n] = jet(source_, nodal_values_[n].value, du[n].value);
  for (j = 0; j < n; ++j) cells_[j] = CellHermite(jets_[j], jets_[j + 1], x[j + 1] - x[j]);
  return carried();
}

Output::Inserted Output::lower_order(const CoarseCell& cell, double t, const Inserted& top) const {
  Inserted best = top;
  if (best.spread <= negligible_) return best;
  // The highest order, unless a lower one agrees better with the next lower still: on the
  // plateau of a stiff problem (sqrt(f') h >> 1) the high derivatives are amplified noise.
  const HermiteAt hermite(cell.h, t);
  const Jet &left = jets_[cell.index], &right = jets_[cell.index + 1];
  const auto polynomial = [&](int order) { return hermite(left, right, 0, order); };
  double lower = polynomial(kJetOrder - 1);
  for (int m = kJetOrder - 1; m >= kLowestOrder && best.spread > negligible_; --m) {
    const double next = polynomial(m - 1);
    if (std::fabs(lower - next) < best.spread) best = {lower, std::fabs(lower - next), m};
    lower = next;
  }
  return best;
}

Output::Inserted Output::alternative(const CoarseCell& cell, std::size_t level, std::size_t node,
                                     double t, const Inserted& top) const {
  const Inserted best = lower_order(cell, t, top);
  // Where a layer is thinner than the coarse cell (one too weak to grade the mesh for), any
  // polynomial overshoots: the node's own Richardson value (fewer levels) is then better.
  if (ladder_->size() - level < 2 || best.spread <= negligible_) return best;
  const Extrapolated richardson = ladder_->value(level, node);
  if (best.spread <= richardson.spread) return best;
  return {richardson.value, richardson.spread, 0};
}

double Output::slope_between(const CoarseCell& cell, std::size_t level, std::size_t node,
                             const Inserted& value) const {
  const WindowPoint point = coarsest(level, node);
  if (value.order == 0) return ladder_->slope(point.level, point.node).value;
  return HermiteAt(cell.h, offset(cell, point.level, point.node))(
      jets_[cell.index], jets_[cell.index + 1], 1, value.order - 1);
}

double Output::fill(int refinement) {
  const std::size_t level = first_ + static_cast<std::size_t>(refinement);
  x_ = nodes_[level - first_];
  const std::size_t size = x_->size();
  u_.resize(size);
  du_.resize(size);
  d2u_.resize(size);
  const std::size_t per_cell = std::size_t{1} << refinement;
  const std::size_t within = per_cell - 1;  // i & within: node i's place in its coarse cell
  double worst = 0.0;
  // One loop over the nodes (the coarse cell set up at each coarse node), as in
  // interpolation_error().
  CoarseCell cell{};
  // Built for each fill rather than once per window like cells_: that cost more (docs/fd.md,
  // section 4: +0.09k to +0.11k instructions a point of its sweep).
  CellSlope slope;
  for (std::size_t i = 0; i < size; ++i) {
    if ((i & within) == 0) {
      const std::size_t j = i >> refinement;
      u_[i] = jets_[j][0];
      du_[i] = jets_[j][1];
      d2u_[i] = jets_[j][2];  // f(u), as Solution::set_curvature has it
      if (per_cell > 1 && i + 1 < size) {
        cell = coarse_cell(j);
        slope = CellSlope(jets_[j], jets_[j + 1], cell.h);
      }
      continue;
    }
    const Inserted u = between(cell, level, i);
    u_[i] = u.value;
    du_[i] = u.order == kJetOrder ? slope(offset(cell, level, i)) : slope_between(cell, level, i, u);
    d2u_[i] = source_.value(u.value);
    worst = std::max(worst, u.spread);
  }
  return worst;
}

double Output::interpolation_error(int refinement) {
  const std::size_t finer = first_ + static_cast<std::size_t>(refinement) + 1;
  // The quarter points are nodes of the level after (when the window has it).
  const bool has_quarter = finer + 1 < ladder_->size();
  const std::vector<double>& x = *x_;
  double worst = 0.0;
  // The point `node` of `level` (midpoint or quarter point of output cell i, in coarse cell `cell`).
  const auto check = [&](std::size_t i, double h, const CoarseCell& cell, std::size_t level,
                         std::size_t node) {
    const Inserted accurate = evaluate(cell, level, node);
    const double at = (*nodes_[level - first_])[node];
    const double quintic = quintic_hermite(h, (at - x[i]) / h, u_[i], du_[i], d2u_[i], u_[i + 1],
                                           du_[i + 1], d2u_[i + 1]);
    worst = std::max(worst, std::fabs(quintic - accurate.value) + accurate.spread);
  };
  double left_slope = has_quarter ? source_.slope(u_[0]) : 0.0;  // f' at node i (carried along)
  // One loop over the output cells (the coarse cell looked up where one begins): two nested
  // loops cost more, their inner loop's setup repeated for each coarse cell.
  const std::size_t within = (std::size_t{1} << refinement) - 1;  // i & within: i's place in its cell
  CoarseCell cell{};
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    if ((i & within) == 0) cell = coarse_cell(i >> refinement);
    const double h = x[i + 1] - x[i];
    check(i, h, cell, finer, 2 * i + 1);
    // The midpoint is where the error of a cell that resolves the solution's scale 1/sqrt(f')
    // peaks (h^6 u^(6) t^3 (1 - t)^3 / 720; for h sqrt(f') <= 4 the peak is below 1.4 times the
    // midpoint's). A cell much wider may hold an end layer too thin and weak to grade for, whose
    // slope at the node makes the quintic swing away from the plateau near t = 5/6 (measured 12
    // times the midpoint's error, tests/test_fd.cpp): there the quarter points are checked too.
    if (!has_quarter) continue;
    const double right_slope = source_.slope(u_[i + 1]);
    const double steepest = std::max(left_slope, right_slope);
    left_slope = right_slope;
    if (h * h * steepest <= kResolvedSquared) continue;
    check(i, h, cell, finer + 1, 4 * i + 1);
    check(i, h, cell, finer + 1, 4 * i + 3);
  }
  return worst;
}

Solution Output::solve(std::size_t least_cells) {
  const double nodal = node_share(complete_jets());
  const double rounding = this->rounding();
  const int finest = static_cast<int>(ladder_->size() - first_) - 2;
  Solution s;
  s.method = "fd";
  s.error_estimate = INFINITY;
  int best = -1, lowest = 0;
  while (lowest < finest && (nodes_[0]->size() - 1) << lowest < least_cells) ++lowest;
  int refinement = lowest, highest = finest;
  for (;;) {
    const double inserted = kSafety * fill(refinement);
    const double interpolation = kSafety * interpolation_error(refinement);
    const double estimate = nodal + inserted + interpolation + rounding;
    // A finer output mesh is not always better: between nodes of the finest levels only the
    // polynomial is available, and where the plateau of a stiff problem makes it unreliable its
    // own estimate says so. Keep the best.
    if (estimate < s.error_estimate) {
      best = refinement;
      s.error_estimate = estimate;
    }
    if (estimate <= tol_) break;
    if (refinement < highest) {
      // The quintic interpolant's error falls as 2^-6 per refinement: skip to where it should fit
      // in 80% of what the node values leave.
      const double room = 0.8 * (tol_ - nodal - inserted);
      const int needed =
          room > 0.0 ? static_cast<int>(std::ceil(std::log2(interpolation / room) / 6.0)) : 1;
      refinement = std::min(highest, refinement + std::max(1, needed));
      continue;
    }
    if (lowest == 0) break;
    // No mesh from least_cells on met tol: the coarser ones are tried after all (below the finest
    // levels, where only the polynomial is available, they can do better).
    highest = lowest - 1;
    refinement = lowest = 0;
  }
  if (best < 0) {
    s.status = Status::failed;
    s.message = "the extrapolated solution is not finite";
    return s;
  }
  if (best != refinement) fill(best);
  // The values move into the solution; the next solve fills spare vectors (recycle()).
  s.x = copy_into_spare(*x_);
  s.u = std::exchange(u_, spare_vector(Spare::profile));
  s.du = std::exchange(du_, spare_vector(Spare::profile));
  s.d2u = std::exchange(d2u_, spare_vector(Spare::profile));
  s.status = Status::ok;
  return s;
}

bool Output::source_smooth() const {
  if (problem_->nr == 0.0) return true;
  bool below = false, above = false;
  for (const Extrapolated& u : nodal_values_) {
    below |= u.value < 0.0;
    above |= u.value > 0.0;
  }
  return !(below && above);
}

bool Output::resolves(std::size_t j) const {
  const std::vector<double>& x = *nodes_[0];
  const double h = x[j + 1] - x[j];
  return h * h * std::max(source_.slope(nodal_values_[j].value),
                          source_.slope(nodal_values_[j + 1].value)) <= kResolvedSquared;
}

bool Output::shrinks_as_h2_at(std::size_t node) const {
  double previous = INFINITY;
  for (std::size_t k = first_; k + 1 < ladder_->size(); ++k) {
    const std::size_t i = node << (k - first_);
    const double change = std::fabs((*ladder_)[k + 1].u[2 * i] - (*ladder_)[k].u[i]);
    if (change > kAllowance * tol_ && previous < kNodeRatio * change) return false;
    previous = change;
  }
  return true;
}

Solution Output::solve_nodes(std::size_t least_cells) {
  const std::vector<double>& x = *nodes_[0];
  const std::size_t n = x.size() - 1;
  // The coarse cell j that holds x = 1/2 (x[j] <= 1/2 < x[j + 1]); 1/2 is inserted unless it is
  // its left node.
  constexpr double kMiddle = 0.5;
  const std::size_t j =
      static_cast<std::size_t>(std::upper_bound(x.begin(), x.end() - 1, kMiddle) - x.begin()) - 1;
  const std::size_t inserted = x[j] == kMiddle ? 0 : 1;
  if (!(source_smooth() && resolves(0) && resolves(n - 1) && (!inserted || resolves(j)) &&
        shrinks_as_h2_at(0) && shrinks_as_h2_at(n) && shrinks_as_h2_at(j) &&
        (!inserted || shrinks_as_h2_at(j + 1))))
    return solve(least_cells);
  extrapolate_slopes();
  Solution s;
  s.method = "fd";
  s.coverage = Coverage::nodes;
  for (std::vector<double>* v : {&s.x, &s.u, &s.du, &s.d2u}) {
    *v = spare_vector(Spare::profile);
    v->resize(n + 1 + inserted);
  }
  const auto put = [&](std::size_t at, double xi, double u, double du) {
    s.x[at] = xi;
    s.u[at] = u;
    s.du[at] = du;
    s.d2u[at] = source_.value(u);
  };
  for (std::size_t i = 0; i <= n; ++i)
    put(i + (i > j ? inserted : 0), x[i], nodal_values_[i].value, slopes_[i].value);
  // The u' term counts every cell, though only x = 1/2's cell gets a polynomial value: before the
  // asymptotic regime the spread of u' is what shows an end layer the coarse levels do not
  // resolve yet, whose end node the node estimate alone can miss (docs/fd.md section 2).
  s.error_estimate = node_share(carried()) + rounding();
  if (inserted) {
    jets_.resize(n + 1);
    for (const std::size_t i : {j, j + 1})
      jets_[i] = jet(source_, nodal_values_[i].value, slopes_[i].value);
    const CoarseCell cell = coarse_cell(j);
    const double t = (kMiddle - cell.left) / cell.h;
    const CellHermite polynomial(jets_[j], jets_[j + 1], cell.h);
    const Inserted middle = lower_order(cell, t, {polynomial.value(t), polynomial.gap(t), kJetOrder});
    put(j + 1, kMiddle, middle.value,
        HermiteAt(cell.h, t)(jets_[j], jets_[j + 1], 1, middle.order - 1));
    s.error_estimate += kSafety * middle.spread;
  }
  if (!std::isfinite(s.error_estimate)) {
    s.status = Status::failed;
    s.message = "the extrapolated solution is not finite";
    return s;
  }
  s.status = Status::ok;
  return s;
}

}  // namespace radbound::detail
