// The discrete boundary-value problem on one mesh level and its Newton solver.
//
// Interior rows: 2[(u+ - u)/h+ - (u - u-)/h-]/(h+ + h-) - f(u) = 0. A flux-type end keeps the same
// row at the end node with a ghost node at phi(-1/N) or phi(1 + 1/N) whose value the central
// difference of the boundary condition eliminates; both stencils are invariant under h -> -h, so the
// discretization error expands in even powers of the step.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "fd_grid.hpp"
#include "double_pair.hpp"
#include "tridiagonal.hpp"
#include "radbound/problem.hpp"

namespace radbound::detail {

// f and f' of the model, inline for the Newton loops (Problem::f lives in another unit), written
// through cube = u^2|u| (pow4(u) = u cube) so that a loop needing both computes it once. `Real` is
// double or a DoublePair (two nodes at once, the same roundings).
struct Source {
  double nr = 0.0, sink4 = 0.0, nc = 0.0, theta_inf = 0.0, q = 0.0;

  explicit Source(const Problem& p)
      : nr(p.nr), sink4(pow4(p.theta_s)), nc(p.nc), theta_inf(p.theta_inf), q(p.q) {}
  template <class Real>
  static Real abs_cube(Real u) {
    return u * u * magnitude(u);
  }
  template <class Real>
  Real value(Real u, Real cube) const {
    return nr * (cube * u - sink4) + nc * (u - theta_inf) - q;
  }
  double value(double u) const { return value(u, abs_cube(u)); }
  template <class Real>
  Real slope_of_cube(Real cube) const {
    return 4.0 * nr * cube + nc;
  }
  // f'(u) for the end rows and the jets, rounded as they always have ((4 Nr u) u |u|, not
  // 4 Nr (u^2|u|)): the output's last digits depend on it.
  double slope(double u) const { return 4.0 * nr * u * u * std::fabs(u) + nc; }
};

// g(u) and g'(u) of one end (Problem::outward_flux and outward_flux_slope, same roundings), inline
// for the end rows of each linearization; `value` is the condition's (a Dirichlet end's level).
struct EndFlux {
  BoundaryKind kind = BoundaryKind::dirichlet;
  double value = 0.0, ambient = 0.0, ambient4 = 0.0;  // ambient4 = pow4(ambient)

  EndFlux() = default;
  EndFlux(const Problem& p, const BoundaryCondition& bc) : kind(bc.kind), value(bc.value) {
    if (kind == BoundaryKind::convective || kind == BoundaryKind::radiative) {
      ambient = p.ambient(bc);
      ambient4 = pow4(ambient);
    }
  }
  double flux(double u) const {
    switch (kind) {
      case BoundaryKind::flux:
        return value;
      case BoundaryKind::convective:
        return value * (u - ambient);
      case BoundaryKind::radiative:
        return value * (pow4(u) - ambient4);
      default:
        return 0.0;
    }
  }
  double slope(double u) const {
    switch (kind) {
      case BoundaryKind::convective:
        return value;
      case BoundaryKind::radiative:
        return 4.0 * value * u * u * std::fabs(u);
      default:
        return 0.0;
    }
  }
};

struct NewtonSettings {
  double step_tol = 1e-12;  // accept when what the last step leaves is proven below this
  int max_iterations = 60;
};

struct NewtonReport {
  bool converged = false;
  int iterations = 0;
  std::string message;  // why not, when not converged
};

class FdSystem {
 public:
  // The stencil of `grid`, which must outlive the calls that follow and have an even number of
  // cells (as every level of the ladder has: the elimination pairs rows around a middle node).
  // The calls that follow are on this thread (they use its Newton workspace; ladders are kept
  // per thread).
  void set_grid(const Grid& grid);
  // The problem the next calls solve (after set_grid; the stencil is independent of it).
  void bind(const Problem& problem);

  // Damped Newton from the starting values in u (size N+1); u holds the last iterate on return.
  // A full step is the last when what it leaves is provably below settings.step_tol (see
  // end_curvature_), or when it is rounding noise.
  NewtonReport solve(std::vector<double>& u, const NewtonSettings& settings);

  // The starting values of a level from those of the level below, `coarse` (see fd_prolong.hpp),
  // each midpoint then solved on its own row, its neighbours (coarse nodes) held fixed: one
  // Newton step per node. The interpolation error sits at the midpoints; this leaves there about
  // the error of the neighbours instead.
  void start_from(const std::vector<double>& coarse, std::vector<double>& u) const;

  // u' at node i, second order, even in the step: central differences, the ghost value given by
  // the equation at a Dirichlet end. (Not at a flux-type end: u' there is the boundary
  // condition's.)
  double slope(const std::vector<double>& u, std::size_t i) const;
  // The same at an interior node: (u_(i+1) - u_(i-1))/(x_(i+1) - x_(i-1)).
  double interior_slope(const std::vector<double>& u, std::size_t i) const {
    return (u[i + 1] - u[i - 1]) * inverse_span_[i];
  }

 private:
  // What one solve() writes and reads, and nothing after it: every system of a thread shares one,
  // sized for the largest level met. (Kept per level, across a sweep's ladders, it took a third of
  // their storage, pages first touched, each at a page fault, for no reuse.)
  struct Workspace {
    std::vector<EliminatedRows> eliminated;  // the last linearization's elimination steps
    std::vector<double> step;                // J^-1 r of the last linearization
  };
  // The thread's workspace, with room for `nodes` nodes (it only grows: never refilled). Found
  // by set_grid, not per solve: a thread_local's lookup costs more than a level's setup.
  static Workspace& workspace(std::size_t nodes);

  // Linearizes at u (residual r and Jacobian) and eliminates as it goes (see tridiagonal.hpp: row
  // j and row N - j in one step); returns the merit sum (r_i weight_i)^2. (Inlined into solve():
  // it runs once per Newton step, on levels of 5 to 129 nodes, where its per-call setup counts.)
  double linearize_and_eliminate(const std::vector<double>& u);
  // The workspace's step = J^-1 r of the last linearization (at u) and stepped_ = u - step, the
  // full step's result; returns the largest |entries| of step and of J^-1 c.
  LargestSolutions substitute(const std::vector<double>& u);

  Source source_{Problem{}};
  EndFlux left_, right_;
  const Grid* grid_ = nullptr;
  Workspace* work_ = nullptr;         // the thread's, with room for the grid's nodes
  std::vector<double> inverse_span_;  // 1/(x_(i+1) - x_(i-1)), of the central difference
  double left_coupling_ = 0.0, right_coupling_ = 0.0;
  // The stencil: row i's coefficients of u_(i-1), u_(i+1) (lower, upper: also the Jacobian's
  // off-diagonals, which do not depend on u; at the end rows 0 for Dirichlet, else the coupling
  // with the ghost folded in), center = -(lower + upper) (the diagonal without f'), and the row's
  // weight in the merit (1/(lower + upper), 1 at a Dirichlet end). For Newton, in folded order
  // (as tridiagonal.hpp eliminates): step j holds row j and row N - j, near the coefficients of
  // u_(j-1) and u_(N-j+1), far those of u_(j+1) and u_(N-j-1). Step 0 holds the end rows (their
  // near 0; their far and weight set by bind), the last, step N/2, the middle row (in both
  // halves, but near: its lower and upper).
  struct FoldedStencil {
    DoublePair near, far, center, weight;
  };
  std::vector<FoldedStencil> folded_;
  // For start_from, the odd rows' lower, upper, center: row 2k + 1 at k, so that two consecutive
  // midpoints' coefficients are adjacent.
  struct OddRows {
    std::vector<double> lower, upper, center;
  };
  OddRows odd_rows_;
  // c_i with |d^2 r_i/du_i^2| <= 12 c_i max|u|^2 (Nr, plus the ghost's share of a radiative end's
  // coefficient, 0 on a Dirichlet row). Then |J^-1 (J(v) - J(w))| <= omega |v - w| with
  // omega = 12 max|u|^2 max|J^-1 c| (J^-1's columns that c weights are one-signed: -J is an
  // M-matrix on the rows that are not Dirichlet; max|u| over the ball below), and by
  // Newton-Kantorovich, while h = omega |s| <= 1/2, the solution lies within
  // t* = (1 - sqrt(1 - 2h))/omega of u_0 (so |u| stays within max|u_0| + 2|s|), and the full step
  // s leaves at most t* - |s| = |s| h/(1 - h + sqrt(1 - 2h)): about omega |s|^2/2 for small h.
  // Kept here for the end rows 0 and N; on the interior rows c is source_.nr.
  DoublePair end_curvature_{0.0, 0.0};
  // The last linearization's middle row: its residual and diagonal.
  double middle_residual_ = 0.0, middle_diagonal_ = 0.0;
  // The full step's result and the iterate before it (swapped with the solve's u, so per level).
  std::vector<double> stepped_, previous_;
  double largest_ = 0.0;  // max|u| of the last linearization
};

}  // namespace radbound::detail
