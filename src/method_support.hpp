// Helpers shared by the exact and shooting methods: reading a problem from its other end,
// pinning a flux end's temperature, finishing a solution.
#pragma once

#include <exception>
#include <string>

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

// A solution without numbers: `method` could not answer, for the reason in `message`.
Solution unsolved(const std::string& method, Status status, const std::string& message);

// A number for a message, to 3 significant digits ("1e-08", not std::to_string's "0.000000").
std::string brief(double v);

// An ok solution whose error estimate exceeds tol becomes no_convergence, its message saying so.
void judge_against(Solution& s, const std::string& method, double tol);

// Runs a method's numerics on a validated problem: an exception from deep inside (a root finder
// handed an overflowed value, an integrator out of steps) becomes status failed with its
// message instead of escaping to the caller.
template <class Solve>
Solution guarded(const std::string& method, Solve solve) {
  try {
    return solve();
  } catch (const std::exception& e) {
    return unsolved(method, Status::failed, method + ": numerical failure: " + e.what());
  }
}

// The same problem seen through x → 1 − x: the ends swap.
Problem mirrored(Problem problem);

// A solution of mirrored(p), read back as a solution of p.
Solution reflected(Solution solution);

// The problem with its flux-type right end replaced by Dirichlet at `tip`: where the right end
// sits in a thin layer in front of a flat stretch, the search for its temperature pins it to a
// few ulps while the profile is better computed from the interior outward.
Problem with_pinned_right(Problem problem, double tip);

// How far the pinned temperature can be from the true one, judged by the heat balance the
// solution of with_pinned_right() leaves at that end: |u'(1) + g(u(1))| over the end's
// stiffness √f'(u(1)) + g'(u(1)) (how fast that residual changes with the end temperature).
double pinned_right_error(const Problem& problem, const Solution& pinned);

// Makes the end nodes satisfy their boundary conditions exactly: u at a Dirichlet end, u' at a
// flux-type end (from the end temperature). The methods land there to rounding, or — for a tiny
// flux through an end whose orbit turns just beyond it — to the rounding of the orbit's anchor,
// which can be large relative to that flux. Refreshes u'' at the end nodes (a method's solution
// has u'' = f(u) at every node).
void finish_ends(const Problem& problem, Solution& solution);

}  // namespace radbound
