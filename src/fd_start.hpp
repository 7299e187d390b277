// A-priori picture of the solution for the finite-difference solver: where its boundary layers are,
// how strong, and a starting profile for Newton.
//
// Far from an end the solution relaxes towards the equilibrium u_e (f(u_e) = 0). Near an end it
// follows the semi-infinite profile whose first integral is u'^2 = 2(F(u) - F(u_e)): its end value t
// solves the boundary condition with that slope, and its inverse layer width is
// sqrt(2(F(t) - F(u_e)))/|t - u_e| (about sqrt(f') for exponential layers, 2/3 of the algebraic
// rate c of the radiating fin (1 + c x)^(-2/3)).
#pragma once

#include "fd_grid.hpp"
#include "radbound/problem.hpp"

namespace radbound::detail {

struct EndLayer {
  double value = 0.0;     // estimated end temperature t
  double strength = 0.0;  // inverse layer width, 0 when the end has no layer
};

class LayerModel {
 public:
  // `amplitude_floor`: layers whose amplitude |t - u_e| is below it are weakened in proportion.
  LayerModel(const Problem& problem, double amplitude_floor);

  // The mesh map grading each end in proportion to its layer strength.
  GradedMap map() const;
  // Starting profile: u_e plus an algebraic fin-like layer from each end.
  double start(double x) const;

  double equilibrium() const { return equilibrium_; }
  const EndLayer& left() const { return left_; }
  const EndLayer& right() const { return right_; }

 private:
  EndLayer analyse(const BoundaryCondition& bc, double amplitude_floor) const;

  const Problem& problem_;
  bool has_equilibrium_ = false;
  double equilibrium_ = 0.0;
  EndLayer left_, right_;
};

}  // namespace radbound::detail
