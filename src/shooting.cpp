#include "radbound/shooting.hpp"

#include <string>

namespace radbound {

void ShootingOptions::check_param() const { check_tolerance(tol); }

Solution solve_shooting(const Problem&, const ShootingOptions&) {
  Solution s;
  s.method = "shooting";
  s.status = Status::not_applicable;
  s.message = "method shooting is not yet available; use --method fd";
  return s;
}

}  // namespace radbound
