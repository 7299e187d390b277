#include "fd_system.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "double_pair.hpp"
#include "fd_prolong.hpp"

namespace radbound::detail {

namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
constexpr double kSmallestDamping = 1e-6;

double square(double z) { return z * z; }

// f, copied into a local of the row loops: the stores of those loops cannot alias it, so nothing
// is reloaded per node.
struct InteriorRows {
  Source source;

  // A row's residual and the Jacobian's diagonal entry there (Real = DoublePair: two rows at once).
  template <class Real>
  struct Row {
    Real residual, diagonal;
  };
  // The row of coefficients (low, up, mid) at u = ui, its neighbours' values `left` and `right`.
  template <class Real>
  Row<Real> at(Real low, Real up, Real mid, Real left, Real right, Real ui) const {
    const Real cube = Source::abs_cube(ui);
    return {low * (left - ui) + up * (right - ui) - source.value(ui, cube),
            mid - source.slope_of_cube(cube)};
  }
};

}  // namespace

void FdSystem::bind(const Problem& problem) {
  source_ = Source(problem);
  left_ = EndFlux(problem, problem.left);
  right_ = EndFlux(problem, problem.right);
  // The end rows' off-diagonal Jacobian entries: 0 for a Dirichlet row, else the coupling.
  FoldedStencil& ends = folded_.front();
  ends.far = DoublePair{problem.left.is_dirichlet() ? 0.0 : left_coupling_,
                        problem.right.is_dirichlet() ? 0.0 : right_coupling_};
  ends.weight = DoublePair{problem.left.is_dirichlet() ? 1.0 : 1.0 / left_coupling_,
                           problem.right.is_dirichlet() ? 1.0 : 1.0 / right_coupling_};
  // A flux-type end row carries (2/ghost spacing) g(u): g'' = 12 r u|u| for a radiative end.
  const auto end_curvature = [&](const BoundaryCondition& bc, double ghost_spacing) {
    if (bc.is_dirichlet()) return 0.0;
    const double radiative = bc.kind == BoundaryKind::radiative ? bc.value : 0.0;
    return problem.nr + 2.0 / ghost_spacing * radiative;
  };
  end_curvature_ = DoublePair{end_curvature(problem.left, grid_->ghost_left),
                              end_curvature(problem.right, grid_->ghost_right)};
}

void FdSystem::set_grid(const Grid& grid) {
  grid_ = &grid;
  const std::vector<double>& x = grid.x;
  const std::size_t n = x.size(), last = n - 1, middle = last / 2;
  assert(n >= 3 && last % 2 == 0);
  work_ = &workspace(n);
  std::vector<double> lower(n), upper(n), center(n), weight(n);
  inverse_span_.resize(n);
  for (std::size_t i = 1; i < last; ++i) {
    const double hm = x[i] - x[i - 1], hp = x[i + 1] - x[i];
    lower[i] = 2.0 / (hm * (hm + hp));
    upper[i] = 2.0 / (hp * (hm + hp));
    weight[i] = 0.5 * hm * hp;  // 1/(lower + upper)
    center[i] = -lower[i] - upper[i];
    inverse_span_[i] = 1.0 / (hm + hp);
  }
  // At an end node the ghost value folds into the one neighbour: coefficient 2/(h- h+).
  left_coupling_ = 2.0 / (grid.ghost_left * (x[1] - x[0]));
  right_coupling_ = 2.0 / ((x[n - 1] - x[n - 2]) * grid.ghost_right);
  folded_.resize(middle + 1);
  folded_[0].near = DoublePair{0.0, 0.0};
  for (std::size_t j = 1; j <= middle; ++j) {
    const std::size_t k = last - j;
    folded_[j] = {DoublePair{lower[j], upper[k]}, DoublePair{upper[j], lower[k]},
                  DoublePair{center[j], center[k]}, DoublePair{weight[j], weight[k]}};
  }
  // The middle row (j = k): near holds its lower and upper.
  folded_[middle].near = DoublePair{lower[middle], upper[middle]};
  const auto take_odd_rows = [middle](const std::vector<double>& all, std::vector<double>& odd) {
    odd.resize(middle);
    for (std::size_t k = 0; k < middle; ++k) odd[k] = all[2 * k + 1];
  };
  take_odd_rows(lower, odd_rows_.lower);
  take_odd_rows(upper, odd_rows_.upper);
  take_odd_rows(center, odd_rows_.center);
  for (std::vector<double>* v : {&stepped_, &previous_}) v->resize(n);
}

FdSystem::Workspace& FdSystem::workspace(std::size_t nodes) {
  thread_local Workspace work;
  if (work.step.size() < nodes) {
    work.eliminated.resize((nodes - 1) / 2);
    work.step.resize(nodes);
  }
  return work;
}

namespace {

// A Dirichlet row is u - V. A flux-type row is the interior equation with the ghost eliminated:
// coupling (u_next - u_end) - (2/ghost_spacing) g(u_end) - f(u_end). (Inlined into the Newton
// loop with the rest of the linearization: a call costs more than the row.)
[[gnu::always_inline]] inline InteriorRows::Row<double> end_row(
    const Source& source, const EndFlux& end_flux, double u_end, double u_next, double coupling,
    double ghost_spacing) {
  if (end_flux.kind == BoundaryKind::dirichlet) return {u_end - end_flux.value, 1.0};
  const double weight = 2.0 / ghost_spacing;
  return {coupling * (u_next - u_end) - weight * end_flux.flux(u_end) - source.value(u_end),
          -coupling - weight * end_flux.slope(u_end) - source.slope(u_end)};
}

}  // namespace

[[gnu::always_inline]] inline double FdSystem::linearize_and_eliminate(
    const std::vector<double>& u) {
  const std::size_t last = u.size() - 1, middle = last / 2;
  const double* __restrict v = u.data();
  const FoldedStencil* __restrict stencil = folded_.data();
  EliminatedRows* __restrict steps = work_->eliminated.data();
  const InteriorRows rows{source_};
  // Step 0: the end rows.
  const InteriorRows::Row<double> first =
      end_row(source_, left_, v[0], v[1], left_coupling_, grid_->ghost_left);
  const InteriorRows::Row<double> end =
      end_row(source_, right_, v[last], v[last - 1], right_coupling_, grid_->ghost_right);
  const DoublePair end_residuals = {first.residual, end.residual};
  DoublePair weighted = end_residuals * stencil[0].weight;
  // The merit's and max|u|'s sums, one per chain.
  DoublePair merits = weighted * weighted;
  DoublePair before = {v[0], v[last]}, at = {v[1], v[last - 1]};
  DoublePair largests = magnitude(before);
  EliminatedRows chains =
      eliminate({stencil[0].near, stencil[0].far, DoublePair{first.diagonal, end.diagonal},
                 end_residuals, end_curvature_},
                EliminatedRows{});
  steps[0] = chains;
  const DoublePair interior_curvature = {rows.source.nr, rows.source.nr};  // c = Nr
  for (std::size_t j = 1; j < middle; ++j) {
    const DoublePair after = {v[j + 1], v[last - j - 1]};
    const FoldedStencil& s = stencil[j];
    // (near (before - at) + far (after - at): the up chain's row sums lower's and upper's terms
    // in the other order, the same rounded sum.)
    const InteriorRows::Row<DoublePair> row = rows.at(s.near, s.far, s.center, before, after, at);
    weighted = row.residual * s.weight;
    merits += weighted * weighted;
    largests = larger(magnitude(at), largests);  // (into largests' register: no copy)
    chains = eliminate({s.near, s.far, row.diagonal, row.residual, interior_curvature}, chains);
    steps[j] = chains;
    before = at;
    at = after;
  }
  // The middle row: at = {u_m, u_m}, before = {u_(m-1), u_(m+1)}.
  const FoldedStencil& s = stencil[middle];
  const InteriorRows::Row<double> row =
      rows.at(s.near[0], s.near[1], s.center[0], before[0], before[1], at[0]);
  middle_residual_ = row.residual;
  middle_diagonal_ = row.diagonal;
  const double merit = merits[0] + merits[1] + square(row.residual * s.weight[0]);
  largest_ = std::max({largests[0], largests[1], std::fabs(at[0])});
  return std::isfinite(merit) ? merit : std::numeric_limits<double>::infinity();
}

LargestSolutions FdSystem::substitute(const std::vector<double>& u) {
  const std::size_t middle = folded_.size() - 1;  // (steps 0 to middle)
  const FoldedStencil& s = folded_[middle];
  return meet_and_substitute(
      {s.near[0], middle_diagonal_, s.near[1], middle_residual_, source_.nr},
      work_->eliminated.data(), middle, u.data(), work_->step.data(), stepped_.data());
}

void FdSystem::start_from(const std::vector<double>& coarse, std::vector<double>& u) const {
  const std::size_t n = coarse.size() - 1;
  u.resize(2 * n + 1);
  double* v = u.data();
  const double* c = coarse.data();
  const InteriorRows rows{source_};
  const double *lower = odd_rows_.lower.data(), *upper = odd_rows_.upper.data(),
               *center = odd_rows_.center.data();
  // Midpoint i = 2k + 1 on its row (odd row k), its neighbours the coarse nodes k and k + 1.
  for_each_midpoint(
      coarse,
      [&](std::size_t k, double ui) {
        const InteriorRows::Row<double> row =
            rows.at(lower[k], upper[k], center[k], c[k], c[k + 1], ui);
        v[2 * k] = c[k];
        v[2 * k + 1] = ui - row.residual / row.diagonal;
      },
      [&](std::size_t k, DoublePair ui) {
        const DoublePair left = load_pair(c + k), right = load_pair(c + k + 1);
        const InteriorRows::Row<DoublePair> row = rows.at(
            load_pair(lower + k), load_pair(upper + k), load_pair(center + k), left, right, ui);
        const DoublePair relaxed = ui - row.residual / row.diagonal;
        store_pair(v + 2 * k, low_halves(left, relaxed));  // nodes 2k, 2k + 1
        store_pair(v + 2 * k + 2, high_halves(left, relaxed));  // nodes 2k + 2, 2k + 3
      });
  v[2 * n] = c[n];
}

NewtonReport FdSystem::solve(std::vector<double>& u, const NewtonSettings& settings) {
  NewtonReport report;
  // Merit: the sum of squares of the residual rows, weighted to a common scale (fixed per level):
  // smooth, and the Newton step descends it.
  double merit = linearize_and_eliminate(u);
  // An exact discrete solution (u = 0 of u'' = Nr u^4 with insulated or radiative ends) is taken
  // as it is: the Jacobian there can be singular (f' = 0, g' = 0), and J^-1 0 would be 0/0.
  if (merit == 0.0) {
    report.converged = true;
    return report;
  }
  while (report.iterations < settings.max_iterations) {
    ++report.iterations;
    // The Newton step is -step (the workspace's); its result, u - step, is in stepped_.
    const LargestSolutions solved = substitute(u);
    const double size = solved.first, largest = largest_, noise = 64.0 * kEpsilon * largest;
    if (!std::isfinite(size)) {
      report.message = "the Newton step is not finite";
      return report;
    }
    // What the full step leaves, proven (see end_curvature_; |u| stays within largest + 2 size).
    const double reach = largest + 2.0 * size;
    const double h = 12.0 * reach * reach * solved.second * size;
    const bool proven =
        h <= 0.5 && size * h <= settings.step_tol * (1.0 - h + std::sqrt(1.0 - 2.0 * h));
    if (size <= noise || proven) {
      u.swap(stepped_);
      report.converged = true;
      return report;
    }
    previous_.swap(u);
    // Steps longer than the solution's own scale (a nearly singular Jacobian, e.g. where u|u|^3
    // flattens at u = 0) start shortened to that scale.
    double damping = std::min(1.0, (1.0 + largest) / size);
    for (;;) {
      // (previous - 1 x step is the full step's result, in stepped_ already.)
      if (damping == 1.0) {
        u.swap(stepped_);
      } else {
        const double* step = work_->step.data();
        for (std::size_t i = 0; i < u.size(); ++i) u[i] = previous_[i] - damping * step[i];
      }
      // (Steps within a thousand roundings of u are judged by their size: their merits are noise.)
      const double trial = linearize_and_eliminate(u);
      if (trial < merit || damping * size <= 1e3 * noise) {
        merit = trial;
        break;
      }
      damping *= 0.5;
      if (damping < kSmallestDamping) {
        report.message = "damped Newton could not reduce the residual";
        return report;
      }
    }
  }
  report.message =
      "Newton did not converge in " + std::to_string(settings.max_iterations) + " iterations";
  return report;
}

double FdSystem::slope(const std::vector<double>& u, std::size_t k) const {
  const std::vector<double>& x = grid_->x;
  const std::size_t last = x.size() - 1;
  if (k > 0 && k < last) return interior_slope(u, k);
  if (k == 0) return (u[1] - u[0]) / (x[1] - x[0]) - 0.5 * grid_->ghost_left * source_.value(u[0]);
  return (u[last] - u[last - 1]) / (x[last] - x[last - 1]) +
         0.5 * grid_->ghost_right * source_.value(u[last]);
}

}  // namespace radbound::detail
