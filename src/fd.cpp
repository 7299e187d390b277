#include "radbound/fd.hpp"

#include <string>

namespace radbound {

void FdOptions::check_param() const { check_tolerance(tol); }

Solution solve_fd(const Problem&, const FdOptions&, const Solution*) {
  Solution s;
  s.method = "fd";
  s.status = Status::not_applicable;
  s.message = "method fd is not yet available";
  return s;
}

}  // namespace radbound
