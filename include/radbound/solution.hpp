// A numerical solution: the profile on a mesh, a smooth interpolant, and what the solver can vouch for.
#pragma once

#include <string>
#include <vector>

#include "radbound/problem.hpp"

namespace radbound {

// Why a solution can or cannot be used. Only `ok` carries numbers the solver stands behind.
enum class Status {
  ok,              // converged; the error estimate is below the requested tolerance
  no_convergence,  // the iteration or refinement did not reach the tolerance within its budget
  unphysical,      // the solution takes negative (absolute) temperatures somewhere
  not_applicable,  // the method does not apply to this problem (e.g. no first integral)
  failed,          // anything else; `message` says what
};

// What a solution's error_estimate vouches for.
enum class Coverage {
  interval,  // u on all of [0, 1]: the nodes and value(x) between them
  nodes,     // u at the nodes only (fd's answer for a sweep row, whose nodes include x = 1/2)
};

// Throws ParameterError("tol") unless tol is a finite number > 0: every method's target error.
void check_tolerance(double tol);

// Throws ParameterError(field) unless a count option (a mesh or iteration budget) is >= minimum.
void check_count(const char* field, int value, int minimum);

// The word printed in the `status` column.
const std::string& to_string(Status status);

// What fd keeps of its meshes for a later solve started from this solution (solve_fd's guess):
// u on the coarser meshes of its ladder, coarsest first and concatenated, on the graded map of the
// two gradings (docs/fd.md section 1). Empty for other methods; callers need not look inside.
struct FdLevels {
  double left_grading = 0.0, right_grading = 0.0;
  std::vector<double> u;
};

struct Solution {
  Status status = Status::failed;
  std::string method;          // "fd", "shooting" or "exact"
  std::string message;         // human-readable reason when status != ok
  double error_estimate = 0;   // estimated max-norm error in u, over what `coverage` says
  Coverage coverage = Coverage::interval;
  int iterations = 0;          // Newton / root-finding iterations, summed over refinements
  std::vector<double> x;       // mesh, strictly increasing, x.front() == 0, x.back() == 1
  std::vector<double> u;       // u at the mesh nodes
  std::vector<double> du;      // u' at the mesh nodes
  std::vector<double> d2u;     // u'' = f(u) at the mesh nodes
  FdLevels fd_levels;

  bool ok() const { return status == Status::ok; }
  std::size_t nodes() const { return x.size(); }

  // Fills d2u from u through the differential equation.
  void set_curvature(const Problem& problem);

  // Quintic Hermite interpolation through (u, u', u'') at the nodes: sixth-order accurate between
  // nodes, exact at them. x outside [0,1] is clamped.
  double value(double x) const;
  double slope(double x) const;
};

// Hands the storage of a solution that is no longer needed to the next solutions computed on this
// thread (in a sweep, the previous point's once the next one is solved): they reuse it instead of
// allocating. Only capacity carries over, never a value.
void recycle(Solution&& spent);

}  // namespace radbound
