// The discrete boundary-value problem on one mesh level and its Newton solver.
//
// Interior rows: 2[(u+ - u)/h+ - (u - u-)/h-]/(h+ + h-) - f(u) = 0. A flux-type end keeps the same
// row at the end node with a ghost node at phi(-1/N) or phi(1 + 1/N) whose value the central
// difference of the boundary condition eliminates; both stencils are invariant under h -> -h, so the
// discretization error expands in even powers of the step.
#pragma once

#include <string>
#include <vector>

#include "fd_grid.hpp"
#include "radbound/problem.hpp"

namespace radbound::detail {

struct NewtonSettings {
  double step_tol = 1e-12;  // accept when the remaining correction is predicted below this
  int max_iterations = 60;
};

struct NewtonReport {
  bool converged = false;
  int iterations = 0;
  std::string message;  // why not, when not converged
};

class FdSystem {
 public:
  explicit FdSystem(const Problem& problem) : problem_(problem) {}

  // Stencil coefficients of `grid` (which must outlive the calls that follow).
  void set_grid(const Grid& grid);

  // Damped Newton from the starting values in u (size N+1); u holds the last iterate on return.
  NewtonReport solve(std::vector<double>& u, const NewtonSettings& settings);

  // u' at node i, second order, even in the step: central differences, the ghost value given by
  // the equation at a Dirichlet end and by the boundary condition at a flux-type end.
  double slope(const std::vector<double>& u, int i) const;

 private:
  // Residual of every row into r; returns the max-norm of the rows scaled by their diagonals.
  double residual(const std::vector<double>& u, std::vector<double>& r);
  void assemble_jacobian(const std::vector<double>& u);
  double end_row(const BoundaryCondition& bc, double u_end, double u_next, double coupling,
                 double ghost_weight) const;

  const Problem& problem_;
  const Grid* grid_ = nullptr;
  std::vector<double> lower_, upper_;      // coefficients of u_{i-1}, u_{i+1} (ghost folded in)
  std::vector<double> sub_, diag_, super_;  // Jacobian
  std::vector<double> r_, step_, trial_, scratch_;
};

}  // namespace radbound::detail
