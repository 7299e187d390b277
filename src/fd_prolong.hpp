// Cubic interpolation in the mesh parameter s (uniform) from one level to the next finer: every
// other fine node is a coarse node, the midpoints come from the four nearest coarse values (three
// at the ends).
#pragma once

#include <cstddef>
#include <vector>

namespace radbound::detail {

// Calls midpoint(i, value) for the midpoint of each coarse cell i (fine node 2i + 1), in order;
// coarse has at least 3 cells.
template <class Midpoint>
void for_each_midpoint(const std::vector<double>& coarse, const Midpoint& midpoint) {
  const std::size_t n = coarse.size() - 1;
  midpoint(0, (3.0 * coarse[0] + 6.0 * coarse[1] - coarse[2]) / 8.0);
  for (std::size_t i = 1; i + 1 < n; ++i)
    midpoint(i, (9.0 * (coarse[i] + coarse[i + 1]) - coarse[i - 1] - coarse[i + 2]) / 16.0);
  midpoint(n - 1, (3.0 * coarse[n] + 6.0 * coarse[n - 1] - coarse[n - 2]) / 8.0);
}

// fine = base + the interpolant of coarse, base of the fine level's size. fine may be base itself
// (then the interpolant is added in place): each entry is read before it is written.
inline void prolong(const std::vector<double>& coarse, std::vector<double>& fine,
                    const std::vector<double>& base) {
  fine.resize(2 * coarse.size() - 1);
  for (std::size_t i = 0; i < coarse.size(); ++i) fine[2 * i] = base[2 * i] + coarse[i];
  for_each_midpoint(coarse,
                    [&](std::size_t i, double v) { fine[2 * i + 1] = base[2 * i + 1] + v; });
}

}  // namespace radbound::detail
