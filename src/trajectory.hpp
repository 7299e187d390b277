// Marching the fin equation with Boost.Odeint: an adaptive Dormand–Prince stepper with dense
// output, every accepted step recorded, stopped by an observer when the trajectory escapes.
#pragma once

#include <vector>

#include "fin_system.hpp"

namespace radbound {

struct TrajectoryPoint {
  double x;
  FinState y;
};

struct MarchOptions {
  double tol;           // local relative error tolerance of the stepper
  double hermite_tol;   // quintic-Hermite accuracy checked on every step; 0: no check
  double max_step;      // the largest step (a bound on node spacing)
  double escape_bound;  // |δ| beyond which the trajectory counts as escaped
};

struct March {
  enum class End { reached, level, escaped, stalled };
  std::vector<TrajectoryPoint> points;  // in marching order, from the start
  End end = End::reached;
  int direction = 0;                 // escaped: +1 upward, −1 downward
  bool too_coarse = false;           // a step failed the Hermite check even with its midpoint added
  double interpolation_error = 0.0;  // the largest Hermite error estimated between the points
};

// Integrates from (x0, y0) toward x1 (either direction). With `level`, stops where δ first
// crosses it (the crossing located on the dense output) and ends there.
March march(const FinSystem& system, double x0, const FinState& y0, double x1,
            const MarchOptions& options, const double* level = nullptr);

}  // namespace radbound
