// An Odeint observer that stops a trajectory running away (finite-time blow-up of u'' ~ u⁴)
// before it overflows.
#pragma once

#include <cmath>

#include "fin_system.hpp"

namespace radbound {

// Thrown by EscapeGuard: the trajectory left the region of interest at x, upward (+1) or down.
struct Escaped {
  double x;
  int direction;
};

class EscapeGuard {
 public:
  explicit EscapeGuard(double bound) : bound_(bound) {}

  void operator()(const FinState& y, double x) const {
    if (!(std::fabs(y[0]) <= bound_)) throw Escaped{x, y[0] > 0.0 ? 1 : -1};
  }

 private:
  double bound_;
};

}  // namespace radbound
