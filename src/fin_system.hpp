// The fin equation as an Odeint system, in offsets from the equilibrium, with its variation.
#pragma once

#include <array>

#include "primitive.hpp"

namespace radbound {

// {δ, u', ∂δ/∂s, ∂u'/∂s}: δ = u − c, and the derivative of the trajectory with respect to a
// shooting parameter s (the variational equation w'' = f'(u) w), which Newton steps use.
using FinState = std::array<double, 4>;

// u'' = f(u) with f evaluated around the equilibrium (Primitive::force), so that a trajectory
// 1e-200 from the equilibrium keeps its relative accuracy. x may run in either direction.
class FinSystem {
 public:
  explicit FinSystem(const Primitive& model) : model_(&model) {}

  void operator()(const FinState& y, FinState& dy, double /*x*/) const {
    dy[0] = y[1];
    dy[1] = model_->force(y[0]);
    dy[2] = y[3];
    dy[3] = model_->force_slope(y[0]) * y[2];
  }

  const Primitive& model() const { return *model_; }

 private:
  const Primitive* model_;
};

}  // namespace radbound
