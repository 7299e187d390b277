#include "fd_ladder.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <type_traits>

#include "fd_prolong.hpp"

namespace radbound::detail {

namespace {

// The Richardson table of Count values, unrolled (and inlined: it runs once per node and level).
template <int Count, class Real>
[[gnu::always_inline]] inline Extrapolation<Real> richardson(const Real* coarse_to_fine) {
  // 1/(4^j - 1)
  static constexpr double kInverse[kMaxDepth + 1] = {0.0, 1.0 / 3, 1.0 / 15, 1.0 / 63};
  std::array<Real, Count> previous{}, row{};  // rows k-1 and k of the table
  for (int k = 0; k < Count; ++k) {
    row[0] = coarse_to_fine[k];
    for (int j = 1; j <= k; ++j) row[j] = row[j - 1] + (row[j - 1] - previous[j - 1]) * kInverse[j];
    previous = row;
  }
  if constexpr (Count == 1) return {row[0], Real{}};
  else return {row[Count - 1], magnitude(row[Count - 1] - row[Count - 2])};
}

// visit(std::integral_constant<int, count>{}): the Richardson tables are unrolled per count of
// levels, 1 to kMaxDepth + 1 (larger counts are taken as the largest).
template <class Visit>
decltype(auto) with_count(std::size_t count, const Visit& visit) {
  static_assert(kMaxDepth == 3, "one case per count of levels");
  switch (count) {
    case 1:
      return visit(std::integral_constant<int, 1>{});
    case 2:
      return visit(std::integral_constant<int, 2>{});
    case 3:
      return visit(std::integral_constant<int, 3>{});
    default:
      return visit(std::integral_constant<int, kMaxDepth + 1>{});
  }
}

}  // namespace

Extrapolated extrapolate(const double* coarse_to_fine, int count) {
  return with_count(static_cast<std::size_t>(count), [&](auto levels) {
    return richardson<decltype(levels)::value>(coarse_to_fine);
  });
}

void Ladder::reset(const Problem& problem, const GradedMap& map, const FdLevels* guess_levels) {
  problem_ = &problem;
  map_ = map;
  used_ = 0;
  const bool same_map = guess_levels && guess_levels->left_grading == map.left &&
                        guess_levels->right_grading == map.right;
  guess_levels_ = same_map ? guess_levels : nullptr;
  guess_taken_ = 0;
}

void Ladder::forget_guess() {
  guess_levels_ = nullptr;
  for (const std::unique_ptr<Level>& level : levels_) level->guess_u = nullptr;
}

void Ladder::keep(FdLevels& into, int cells) const {
  into.left_grading = map_.left;
  into.right_grading = map_.right;
  std::size_t levels = 0, size = 0;
  for (; levels < used_ && (*this)[levels].grid.cells() <= cells; ++levels)
    size += (*this)[levels].u.size();
  into.u.resize(size);
  double* out = into.u.data();
  for (std::size_t k = 0; k < levels; ++k) {
    const std::vector<double>& u = (*this)[k].u;
    out = std::copy(u.begin(), u.end(), out);
  }
}

void Ladder::release_above(int cells) {
  while (!levels_.empty() && levels_.back()->grid.cells() > cells) levels_.pop_back();
  used_ = std::min(used_, levels_.size());
}

Level& Ladder::add(int cells) {
  if (used_ == levels_.size()) levels_.push_back(std::make_unique<Level>());
  Level& level = *levels_[used_++];
  if (level.grid.x.empty() || level.grid.cells() != cells || !(level.map == map_)) {
    level.map = map_;
    level.grid.build(map_, cells);
    level.system.set_grid(level.grid);
  }
  level.system.bind(*problem_);
  const std::size_t nodes = level.grid.x.size();
  level.guess_u = nullptr;
  if (guess_levels_ && guess_taken_ + nodes <= guess_levels_->u.size()) {
    level.guess_u = guess_levels_->u.data() + guess_taken_;
    guess_taken_ += nodes;
  } else {
    guess_levels_ = nullptr;
  }
  if (used_ > 1) start(level);
  return level;
}

void Ladder::start_afresh() {
  assert(used_ > 1);
  forget_guess();
  start(*levels_[used_ - 1]);
}

void Ladder::start(Level& level) {
  Level& lower = *levels_[used_ - 2];
  const std::vector<double>& below = lower.u;
  if (level.guess_u && lower.guess_u) {
    // The guess's discrete solutions (in a sweep, the neighbouring point's) differ from these
    // smoothly, and on each level by about as much as on the level below (the discretization
    // errors of two close problems are close): its level plus the change of the level below is
    // nearer than any prediction from the levels below alone.
    lower.change.resize(below.size());
    for (std::size_t j = 0; j < below.size(); ++j) lower.change[j] = below[j] - lower.guess_u[j];
    prolong(lower.change, level.u, level.guess_u);
    return;
  }
  if (used_ == 2) {
    level.system.start_from(below, level.u);
    return;
  }
  // Start from the Richardson prediction u_2h + (u_2h - u_4h)/4: the error of the prolonged values
  // drops from O(h^2) (the difference between levels) to O(h^4), saving a Newton step. With a
  // third level below, the h^4 term too: d2 = u_2h - u_4h and d1 = u_4h - u_8h give
  // u_h - u_2h = d2/4 + (4 d2 - d1)/64 + O(h^6).
  const std::vector<double>& two_below = (*this)[used_ - 3].u;
  std::vector<double>& correction = level.correction;
  correction.resize(two_below.size());
  for (std::size_t j = 0; j < two_below.size(); ++j)
    correction[j] = 0.25 * (below[2 * j] - two_below[j]);
  if (used_ >= 4) {
    const std::vector<double>& three_below = (*this)[used_ - 4].u;
    level.fourth_order.resize(three_below.size());
    for (std::size_t k = 0; k < three_below.size(); ++k) {
      const double d2 = below[4 * k] - two_below[2 * k], d1 = two_below[2 * k] - three_below[k];
      level.fourth_order[k] = (4.0 * d2 - d1) / 64.0;
    }
    prolong(level.fourth_order, correction, correction.data());  // the h^4 term added in place
  }
  prolong(correction, level.fine_correction, below.data());
  level.system.start_from(level.fine_correction, level.u);
}

Extrapolated Ladder::value(std::size_t first, std::size_t j) const {
  std::array<double, kMaxDepth + 1> values{};
  const int count = static_cast<int>(used_ - first);
  for (int k = 0; k < count; ++k) values[static_cast<std::size_t>(k)] = (*this)[first + k].u[j << k];
  return extrapolate(values.data(), count);
}

Extrapolated Ladder::slope(std::size_t first, std::size_t j) const {
  std::array<double, kMaxDepth + 1> values{};
  const int count = static_cast<int>(used_ - first);
  for (int k = 0; k < count; ++k) {
    const Level& level = (*this)[first + k];
    values[static_cast<std::size_t>(k)] = level.system.slope(level.u, j << k);
  }
  return extrapolate(values.data(), count);
}

namespace {

// out[j] = the Richardson table over levels k = 0..Count-1 of sample(k, j << k), two nodes at a
// time; watch(column, nodes) sees each column of samples (a std::array of Count doubles or
// DoublePairs) and what it extrapolates to (an Extrapolation of a double or a DoublePair).
template <int Count, class Sample, class Watch>
void extrapolate_all(std::vector<Extrapolated>& out, std::size_t begin, std::size_t end,
                     const Sample& sample, const Watch& watch) {
  std::size_t j = begin;
  for (; j + 1 < end; j += 2) {
    std::array<DoublePair, Count> column;
    for (std::size_t k = 0; k < Count; ++k)
      column[k] = DoublePair{sample(k, j << k), sample(k, (j + 1) << k)};
    const Extrapolation<DoublePair> nodes = richardson<Count>(column.data());
    watch(column, nodes);
    out[j] = {nodes.value[0], nodes.spread[0]};
    out[j + 1] = {nodes.value[1], nodes.spread[1]};
  }
  for (; j < end; ++j) {
    std::array<double, Count> column;
    for (std::size_t k = 0; k < Count; ++k) column[k] = sample(k, j << k);
    out[j] = richardson<Count>(column.data());
    watch(column, out[j]);
  }
}

template <class Sample, class Watch>
void extrapolate_all(std::size_t count, std::vector<Extrapolated>& out, std::size_t begin,
                     std::size_t end, const Sample& sample, const Watch& watch) {
  with_count(count, [&](auto levels) {
    extrapolate_all<decltype(levels)::value>(out, begin, end, sample, watch);
  });
}

// The running maxima of values() take a column of pairs or, for an odd node left over, of doubles:
// a pair as it is, a double in both halves.
DoublePair both_halves(DoublePair pair) { return pair; }
DoublePair both_halves(double value) { return filled<DoublePair>(value); }

}  // namespace

void Ladder::values(std::size_t first, std::vector<Extrapolated>& out, LevelChanges& changes,
                    Extrapolated& largest) const {
  const std::size_t count = used_ - first;
  std::array<const double*, kMaxDepth + 1> u{};
  for (std::size_t k = 0; k < count; ++k) u[k] = (*this)[first + k].u.data();
  out.resize((*this)[first].u.size());
  // The largest changes, |value| and spread, two nodes at a time.
  std::array<DoublePair, kMaxDepth> largest_change{};
  DoublePair largest_value{}, largest_spread{};
  extrapolate_all(
      count, out, 0, out.size(), [&](std::size_t k, std::size_t i) { return u[k][i]; },
      [&](const auto& column, const auto& nodes) {
        for (std::size_t k = 1; k < column.size(); ++k)
          largest_change[k - 1] =
              larger(largest_change[k - 1], both_halves(magnitude(column[k] - column[k - 1])));
        largest_value = larger(largest_value, both_halves(magnitude(nodes.value)));
        largest_spread = larger(largest_spread, both_halves(nodes.spread));
      });
  for (std::size_t k = 0; k < changes.size(); ++k)
    changes[k] = std::max(largest_change[k][0], largest_change[k][1]);
  largest = {std::max(largest_value[0], largest_value[1]),
             std::max(largest_spread[0], largest_spread[1])};
}

void Ladder::slopes(std::size_t first, std::vector<Extrapolated>& out) const {
  const std::size_t count = used_ - first, last = (*this)[first].u.size() - 1;
  std::array<const Level*, kMaxDepth + 1> level{};
  for (std::size_t k = 0; k < count; ++k) level[k] = &(*this)[first + k];
  out.resize(last + 1);
  if (problem_->left.is_dirichlet()) out.front() = slope(first, 0);
  if (problem_->right.is_dirichlet()) out.back() = slope(first, last);
  extrapolate_all(
      count, out, 1, last,
      [&](std::size_t k, std::size_t i) { return level[k]->system.interior_slope(level[k]->u, i); },
      [](const auto&, const auto&) {});
}

bool shrinks_as_h2(const LevelChanges& changes, std::size_t levels, double negligible) {
  for (std::size_t k = 1; k + 1 < levels; ++k) {
    const double required = k + 2 == levels ? 3.0 : 2.0;
    if (changes[k] > negligible && changes[k - 1] < required * changes[k]) return false;
  }
  return true;
}

}  // namespace radbound::detail
