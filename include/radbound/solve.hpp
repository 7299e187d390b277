// The single entry point: numerical solution by the chosen method, with its analytical bounds.
#pragma once

#include <optional>
#include <string>

#include "radbound/bounds.hpp"
#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

enum class Method { automatic, fd, shooting, exact, none };

// "auto", "fd", "shooting", "exact", "none".
std::string to_string(Method method);

struct SolveOptions {
  Method method = Method::automatic;  // which numerical method; `none` computes bounds only
  double tol = 1e-8;                  // target max-norm error in u, > 0
  // nodes: the solution need meet tol only at its nodes, among them x = 0, 1/2 and 1 (a sweep
  // row), which fd delivers for less; other methods answer for the whole interval anyway
  // (Solution::coverage tells what an answer vouches for).
  Coverage coverage = Coverage::interval;
  void check_param() const;
};

struct Result {
  Solution solution;  // empty (no nodes) for Method::none
  Bounds bounds;
};

// Validates the problem and the options (ParameterError), then solves. `guess` is an optional
// solution of a nearby problem (the previous point of a sweep) to start from. The bounds are
// computed after the solution and take their tangent points from it when it is ok (bounds(problem,
// &solution)): tighter and cheaper, and still proven whatever the solution is.
Result solve(const Problem& problem, const SolveOptions& options, const Solution* guess = nullptr);

// The per-point numbers of a sweep row. An empty optional is a value not established.
struct Summary {
  Status status = Status::failed;  // ok, or why the numbers are missing (to_string: its word)
  std::string method;  // the method that answered
  std::optional<double> u0, u1, du0, du1, u_mid;
  std::optional<double> u0_lo, u0_hi, u1_lo, u1_hi, du0_lo, du0_hi, gap;
  std::optional<double> efficiency, err_est;
};

Summary summarize(const Problem& problem, const Result& result);

}  // namespace radbound
