// Rigorous analytical bounds: closed-form sub- and super-solutions and their envelopes.
#pragma once

#include <optional>

#include "radbound/problem.hpp"

namespace radbound {

// u_lo(x) <= u(x) <= u_hi(x) for the exact solution u. An empty optional is a bound that could not
// be established for this problem.
class Bounds {
 public:
  std::optional<double> lower(double x) const;
  std::optional<double> upper(double x) const;
  // Bounds on u'(0) (the base heat flow of a fin).
  std::optional<double> slope_lower_at_left() const;
  std::optional<double> slope_upper_at_left() const;
  // sup over x of upper(x) - lower(x).
  std::optional<double> max_gap() const;
};

Bounds bounds(const Problem& problem);

}  // namespace radbound
