// Finite-difference solver: graded mesh, Newton with a tridiagonal Jacobian, Richardson extrapolation.
//
// Meshes x_i = phi(i/N) follow one smooth map per problem that concentrates nodes in the boundary
// layers; on them the 3-point scheme (flux-type ends by a ghost node) has an error expanding in even
// powers of 1/N. N doubles from 4; the finest four levels extrapolate to eighth order at the nodes of
// the coarsest of them, and |T[3][3] - T[3][2]| (the error of the sixth-order value) estimates the
// error there. Between those nodes the returned mesh carries values of the two-point Hermite
// polynomial of degree 11 built from u..u^(5), which the equation supplies, with its own estimate;
// the error of Solution::value's quintic interpolant is measured at every cell midpoint. The
// reported error_estimate is the sum of the three, and N grows until it is below `tol`.
#pragma once

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

struct FdOptions {
  double tol = 1e-8;               // target max-norm error in u, checked by the reported estimate
  int max_cells = 1 << 20;         // cells of the finest mesh before giving up, >= 16
  int max_newton_iterations = 60;  // per mesh level (damped steps included), >= 1
  // interval: the values, slopes and interpolant meet tol everywhere. nodes: only the nodes of
  // the coarsest extrapolated level and x = 1/2 need to (all a sweep row prints), which skips the
  // output's finer nodes and its interpolant checks (docs/fd.md section 2).
  Coverage coverage = Coverage::interval;

  // Throws ParameterError naming the field ("tol", "max_cells", "max_newton_iterations").
  void check_param() const;
};

// Solves the problem by finite differences. `guess` (optional) is an earlier solution of a nearby
// problem, e.g. the previous point of a sweep: Newton on the coarsest mesh starts from it (and
// falls back to the solver's own starting profile if that fails). When the guess is fd's on the
// same mesh map, each finer mesh starts from the guess's solution there plus the change found on
// the mesh below (falling back to the prediction from the meshes below if Newton fails from it).
// The result therefore depends on the guess, within its error estimate (each mesh's Newton
// tolerance is tol/100): it is a deterministic function of (problem, options, guess) and of
// nothing solved before. Throws
// ParameterError for an invalid problem or options; any failure to reach `tol` is reported in
// `status` and `message`, with no numbers.
Solution solve_fd(const Problem& problem, const FdOptions& options = {},
                  const Solution* guess = nullptr);

}  // namespace radbound
