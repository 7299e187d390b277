#include "method_support.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

namespace radbound {

Solution unsolved(const std::string& method, Status status, const std::string& message) {
  Solution s;
  s.method = method;
  s.status = status;
  s.message = message;
  return s;
}

std::string brief(double v) {
  std::ostringstream os;
  os.precision(3);
  os << v;
  return os.str();
}

void judge_against(Solution& s, const std::string& method, double tol) {
  if (s.ok() && !(s.error_estimate <= tol)) {
    s.status = Status::no_convergence;
    s.message = method + ": estimated error " + brief(s.error_estimate) +
                " exceeds the tolerance " + brief(tol);
  }
}

Problem mirrored(Problem problem) {
  std::swap(problem.left, problem.right);
  return problem;
}

Solution reflected(Solution s) {
  std::reverse(s.x.begin(), s.x.end());
  std::reverse(s.u.begin(), s.u.end());
  std::reverse(s.du.begin(), s.du.end());
  std::reverse(s.d2u.begin(), s.d2u.end());
  for (double& x : s.x) x = 1.0 - x;
  for (double& d : s.du) d = -d;
  if (!s.x.empty()) {
    s.x.front() = 0.0;
    s.x.back() = 1.0;
  }
  return s;
}

Problem with_pinned_right(Problem problem, double tip) {
  problem.right = BoundaryCondition::dirichlet(tip);
  return problem;
}

double pinned_right_error(const Problem& problem, const Solution& pinned) {
  const double t = pinned.u.back();
  const double mismatch = std::fabs(pinned.du.back() + problem.outward_flux(problem.right, t));
  const double stiffness =
      std::sqrt(std::max(problem.df(t), 0.0)) + problem.outward_flux_slope(problem.right, t);
  return stiffness > 0.0 ? mismatch / stiffness : mismatch;
}

void finish_ends(const Problem& problem, Solution& s) {
  if (!s.ok() || s.u.empty()) return;
  if (problem.left.is_dirichlet())
    s.u.front() = problem.left.value;
  else
    s.du.front() = problem.outward_flux(problem.left, s.u.front());
  if (problem.right.is_dirichlet())
    s.u.back() = problem.right.value;
  else
    s.du.back() = -problem.outward_flux(problem.right, s.u.back());
  // Every method fills u'' = f(u) at its nodes: only the end values can have moved.
  s.d2u.front() = problem.f(s.u.front());
  s.d2u.back() = problem.f(s.u.back());
}

}  // namespace radbound
