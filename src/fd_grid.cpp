#include "fd_grid.hpp"

#include <cmath>

namespace radbound::detail {

namespace {

// expm1(a s)/expm1(a), the identity for a = 0.
double exponential_grading(double a, double s) {
  return a > 0.0 ? std::expm1(a * s) / std::expm1(a) : s;
}

}  // namespace

double GradedMap::operator()(double s) const {
  return 1.0 - exponential_grading(right, 1.0 - exponential_grading(left, s));
}

void Grid::build(const GradedMap& map, int cells) {
  x.resize(static_cast<std::size_t>(cells) + 1);
  const double step = 1.0 / cells;
  for (int i = 0; i <= cells; ++i) x[static_cast<std::size_t>(i)] = map(i * step);
  x.front() = 0.0;
  x.back() = 1.0;
  ghost_left = -map(-step);
  ghost_right = map(1.0 + step) - 1.0;
}

}  // namespace radbound::detail
