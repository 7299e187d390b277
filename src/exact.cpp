#include "radbound/exact.hpp"

#include <string>

namespace radbound {

void ExactOptions::check_param() const { check_tolerance(tol); }

bool exact_applies(const Problem&, std::string* why) {
  if (why) *why = "method exact is not yet available; use --method fd";
  return false;
}

Solution solve_exact(const Problem& problem, const ExactOptions&) {
  Solution s;
  s.method = "exact";
  s.status = Status::not_applicable;
  exact_applies(problem, &s.message);
  return s;
}

}  // namespace radbound
