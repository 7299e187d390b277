// Cubic interpolation in the mesh parameter s (uniform) from one level to the next finer: every
// other fine node is a coarse node, the midpoints come from the four nearest coarse values (three
// at the ends).
#pragma once

#include <cassert>
#include <cstddef>
#include <vector>

#include "double_pair.hpp"

namespace radbound::detail {

// The midpoint of each coarse cell k (fine node 2k + 1): end(k, value) for the two end cells,
// inner(k, values) for cells k and k + 1 of the others, two at once in a DoublePair (the same
// roundings as one at a time). coarse has an even number of cells, at least 4 (as every level of
// the ladder has).
template <class End, class Inner>
void for_each_midpoint(const std::vector<double>& coarse, const End& end, const Inner& inner) {
  const std::size_t n = coarse.size() - 1;
  assert(n >= 4 && n % 2 == 0);
  const double* c = coarse.data();
  end(0, (3.0 * c[0] + 6.0 * c[1] - c[2]) / 8.0);
  for (std::size_t k = 1; k + 2 < n; k += 2)
    inner(k, (9.0 * (load_pair(c + k) + load_pair(c + k + 1)) - load_pair(c + k - 1) -
              load_pair(c + k + 2)) /
                 16.0);
  end(n - 1, (3.0 * c[n] + 6.0 * c[n - 1] - c[n - 2]) / 8.0);
}

// fine = base + the interpolant of coarse, base the fine level's 2N + 1 values. base may be fine's
// own (then the interpolant is added in place, fine already of that size): each entry is read
// before it is written.
inline void prolong(const std::vector<double>& coarse, std::vector<double>& fine,
                    const double* base) {
  const std::size_t n = coarse.size() - 1;
  assert(base != fine.data() || fine.size() == 2 * n + 1);
  fine.resize(2 * n + 1);
  double* f = fine.data();
  const double *b = base, *c = coarse.data();
  for_each_midpoint(
      coarse,
      [&](std::size_t k, double midpoint) {
        f[2 * k] = b[2 * k] + c[k];
        f[2 * k + 1] = b[2 * k + 1] + midpoint;
      },
      [&](std::size_t k, DoublePair midpoints) {
        const DoublePair nodes = load_pair(c + k);  // coarse nodes k and k + 1
        store_pair(f + 2 * k, load_pair(b + 2 * k) + low_halves(nodes, midpoints));
        store_pair(f + 2 * k + 2, load_pair(b + 2 * k + 2) + high_halves(nodes, midpoints));
      });
  f[2 * n] = b[2 * n] + c[n];
}

}  // namespace radbound::detail
