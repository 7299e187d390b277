// The exact solution by the first integral and double-exponential quadrature.
#pragma once

#include <string>

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

struct ExactOptions {
  double tol = 1e-8;      // target max-norm error in u, checked by the reported error estimate
  int max_nodes = 20000;  // node budget of the profile (>= 16); beyond it: no_convergence
  void check_param() const;
};

// Whether the first integral gives the solution of this problem; if not, `why` (when given) says
// which method to use instead.
bool exact_applies(const Problem& problem, std::string* why = nullptr);

// Status::not_applicable (with the reason in `message`) where exact_applies() is false.
// Throws ParameterError for an invalid problem or options.
Solution solve_exact(const Problem& problem, const ExactOptions& options = {});

}  // namespace radbound
