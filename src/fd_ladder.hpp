// The ladder of meshes N0, 2 N0, 4 N0, ... on one graded map, their Newton solutions, and Richardson
// extrapolation over the finest few.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <vector>

#include "double_pair.hpp"
#include "fd_grid.hpp"
#include "fd_system.hpp"
#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound::detail {

constexpr int kMaxDepth = 3;  // extrapolate over at most 4 levels: eighth order

struct Level {
  Grid grid;
  GradedMap map;  // of the grid (and the stencil), to reuse both while the map is unchanged
  FdSystem system;
  std::vector<double> u;
  // Workspace of the Richardson prediction of u from the levels below (Ladder::start), kept per
  // level so that its sizes never change between solves (no refill of a shared workspace).
  std::vector<double> correction, fine_correction, fourth_order;
  // The guess's u on this level (see Ladder::reset), or null.
  const double* guess_u = nullptr;
  std::vector<double> change;  // u - guess_u, prolonged for the level above
};

// Richardson extrapolation of values whose error expands in h^2, h^4, ... from meshes halving h,
// of one node (Real = double) or two (Real = DoublePair, the same roundings). `spread` is
// |T[K][K] - T[K][K-1]|: the error of the order-2K value, a bound (asymptotically by a factor of
// order h^-2) for that of the returned order-(2K+2) value.
template <class Real>
struct Extrapolation {
  Real value{};
  Real spread{};
};
using Extrapolated = Extrapolation<double>;
// Output reads a node's value and spread as one DoublePair.
static_assert(std::is_standard_layout_v<Extrapolated> &&
              offsetof(Extrapolated, spread) == sizeof(double) &&
              sizeof(Extrapolated) == sizeof(DoublePair));
Extrapolated extrapolate(const double* coarse_to_fine, int count);

// The largest changes between consecutive levels of a window (at most kMaxDepth + 1 levels).
using LevelChanges = std::array<double, kMaxDepth>;
// Whether the changes between the `levels` consecutive levels of a window shrink as h^2 should
// (ratio about 4; at least 3 for the finest pair, 2 before), or are negligible.
bool shrinks_as_h2(const LevelChanges& changes, std::size_t levels, double negligible);

class Ladder {
 public:
  // Starts a new ladder, keeping the storage (and grids) of the last one. `guess_levels` (or
  // null): the levels of the solve whose answer is the guess (in a sweep, the previous point's),
  // used if they are on the same map. They must outlive the solve, which ends with forget_guess().
  void reset(const Problem& problem, const GradedMap& map, const FdLevels* guess_levels);
  // Stops using the guess's levels, on the levels still to be added (on the last one too, whose
  // start it does not change) and after the solve.
  void forget_guess();
  const GradedMap& map() const { return map_; }
  // The u of the levels with at most `cells` cells, into a solution's fd_levels (for the next
  // solve; a prefix of the ladder, as the next solve reads it).
  void keep(FdLevels& into, int cells) const;

  // Frees the levels with more than `cells` cells (the storage a ladder keeps between solves).
  void release_above(int cells);

  // Appends the level with `cells` cells, its values prolonged from the level below (if any), or,
  // where the guess has this level and the one below, the guess's plus the prolonged change of
  // the level below from the guess's.
  Level& add(int cells);
  // Starts the last level (not the coarsest) again without the guess's levels, and the levels
  // after it too (when Newton failed from the guess's values).
  void start_afresh();
  std::size_t size() const { return used_; }
  const Level& operator[](std::size_t k) const { return *levels_[k]; }

  // Values (and u') of levels first.. at node j of level `first`, extrapolated.
  Extrapolated value(std::size_t first, std::size_t j) const;
  Extrapolated slope(std::size_t first, std::size_t j) const;
  // The same at every node of level first; `changes` receives the largest change there between
  // consecutive levels (changes[k]: levels first + k and first + k + 1), `largest` the largest
  // |value| and the largest spread of `out` (NaNs passed over). slope() and slopes() are not for a
  // flux-type end (its entry in `out` is left as it was): u' there is the boundary condition's.
  void values(std::size_t first, std::vector<Extrapolated>& out, LevelChanges& changes,
              Extrapolated& largest) const;
  void slopes(std::size_t first, std::vector<Extrapolated>& out) const;

 private:
  // Sets the starting values of the last level (not the coarsest: fd.cpp's solve_coarsest).
  void start(Level& level);

  const Problem* problem_ = nullptr;
  GradedMap map_;
  // Each level on the heap: levels never move (their systems point at their grids), and indexing
  // is cheaper than a deque's.
  std::vector<std::unique_ptr<Level>> levels_;
  std::size_t used_ = 0;
  // The guess's levels: null without them, once a level found none left, once Newton failed from
  // them (start_afresh, forget_guess) and between solves.
  const FdLevels* guess_levels_ = nullptr;
  std::size_t guess_taken_ = 0;  // of guess_levels_->u, by the levels added
};

}  // namespace radbound::detail
