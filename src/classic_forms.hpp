// The classic closed-form comparison functions of the radiating fin with a Dirichlet base.
#pragma once

#include <optional>

#include "model_laws.hpp"

namespace radbound::detail {

// V (1 + c x)^(-2/3): solves u'' = Nr u^4 exactly when c^2 = 9 Nr V^3 / 10 (the semi-infinite
// fin); a sub-solution wherever f(u) <= Nr u^4 on [0, V] and the far end lets it.
struct SemiInfiniteFin {
  double base = 0.0, rate = 0.0;
  double tip_value = 0.0;  // value(1.0), kept from the far-end check
  double value(double x) const;  // rounded down
  double slope(double x) const;
  // slope(0.0) without the power, which is exactly 1 there.
  double slope_at_base() const { return -2.0 / 3.0 * rate * base; }
};

// V (1 - alpha x (2 - x)): a super-solution when 2 alpha V <= f(V (1 - alpha)) (its curvature is
// 2 alpha V and f is smallest at its minimum V (1 - alpha)) and the far end lets it.
struct Parabola {
  double base = 0.0, alpha = 0.0;
  double at_base = 0.0, at_tip = 0.0;  // value(0.0), value(1.0), kept from the construction
  double value(double x) const;  // rounded up
  double slope(double x) const;
};

std::optional<SemiInfiniteFin> semi_infinite_fin(const ModelLaws& laws);
std::optional<Parabola> parabola(const ModelLaws& laws);

}  // namespace radbound::detail
