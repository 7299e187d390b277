#include "radbound/bounds.hpp"

namespace radbound {

std::optional<double> Bounds::lower(double) const { return std::nullopt; }
std::optional<double> Bounds::upper(double) const { return std::nullopt; }
std::optional<double> Bounds::slope_lower_at_left() const { return std::nullopt; }
std::optional<double> Bounds::slope_upper_at_left() const { return std::nullopt; }
std::optional<double> Bounds::max_gap() const { return std::nullopt; }

Bounds bounds(const Problem&) { return {}; }

}  // namespace radbound
