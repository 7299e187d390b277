#include "fd_output.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace radbound::detail {

namespace {

constexpr int kLowestOrder = 3;  // of the Hermite polynomials between nodes (degree 7)
constexpr double kRoundingUnits = 4.0;
constexpr double kMiddle = 0.5;  // u_mid of a sweep row

}  // namespace


double Output::largest_value() const {
  double largest = 0.0;
  for (const Jet& j : jets_) largest = std::max(largest, std::fabs(j[0]));
  return largest;
}

void Output::copy_nodes(std::vector<double>& values, std::vector<double>& spreads) const {
  values.resize(jets_.size());
  std::transform(jets_.begin(), jets_.end(), values.begin(), [](const Jet& j) { return j[0]; });
  spreads = spreads_;
}

void Output::calibrate(std::size_t previous_first, const std::vector<double>& previous_values,
                       const std::vector<double>& previous_spreads, double tol) {
  const std::size_t stride = std::size_t{1} << (first_ - previous_first);
  const double noise = 16.0 * std::numeric_limits<double>::epsilon() * largest_value();
  double ratio = 1.0;
  for (std::size_t i = 0; i < previous_values.size() && i * stride < jets_.size(); ++i) {
    const double change = std::fabs(previous_values[i] - jets_[i * stride][0]);
    ratio = std::max(ratio, change / (previous_spreads[i] + 0.01 * tol + noise));
  }
  nodal_ *= ratio;
}

void Output::extrapolate_values() {
  const std::size_t nodes = ladder_[first_].grid.x.size();
  jets_.resize(nodes);
  spreads_.resize(nodes);
  for (std::size_t j = 0; j < nodes; ++j) {
    const Extrapolated u = ladder_.value(first_, j);
    jets_[j][0] = u.value;
    spreads_[j] = u.spread;
    nodal_ = std::max(nodal_, u.spread);
  }
}

double Output::complete_jets() {
  const std::vector<double>& x = ladder_[first_].grid.x;
  const std::size_t n = x.size() - 1;
  double carried = 0.0, previous_spread = 0.0;
  for (std::size_t j = 0; j <= n; ++j) {
    Extrapolated du = ladder_.slope(first_, j);
    // A flux-type end satisfies its boundary condition exactly.
    if (j == 0 && !problem_.left.is_dirichlet())
      du = {problem_.outward_flux(problem_.left, jets_[0][0]), 0.0};
    if (j == n && !problem_.right.is_dirichlet())
      du = {-problem_.outward_flux(problem_.right, jets_[n][0]), 0.0};
    jets_[j] = jet(source_, jets_[j][0], du.value);
    // An error e in u' moves the polynomial by at most h e / 2 inside a cell.
    if (j > 0)
      carried = std::max(carried, 0.5 * (x[j] - x[j - 1]) * std::max(previous_spread, du.spread));
    previous_spread = du.spread;
  }
  return carried;
}

Extrapolated Output::polynomial(std::size_t j, const HermiteAt& hermite, int& order) const {
  const auto of_order = [&](int m) { return hermite(jets_[j], jets_[j + 1], 0, m); };
  // The highest order, unless a lower one agrees better with the next lower still: on the plateau
  // of a stiff problem (sqrt(f') h >> 1) the high derivatives are amplified rounding noise.
  order = kJetOrder;
  double lower = of_order(order - 1);
  Extrapolated best{of_order(order), 0.0};
  best.spread = std::fabs(best.value - lower);
  for (int m = order - 1; m >= kLowestOrder && best.spread > negligible_; --m) {
    const double next = of_order(m - 1);
    if (std::fabs(lower - next) < best.spread) {
      best = {lower, std::fabs(lower - next)};
      order = m;
    }
    lower = next;
  }
  return best;
}

Extrapolated Output::between(std::size_t level, std::size_t node, double* slope) const {
  const std::vector<double>& coarse = ladder_[first_].grid.x;
  const std::size_t j = node >> (level - first_);  // the coarse cell
  const double x = ladder_[level].grid.x[node];
  const double h = coarse[j + 1] - coarse[j], t = (x - coarse[j]) / h;
  const HermiteAt hermite(h, t);
  int order = kJetOrder;
  const Extrapolated best = polynomial(j, hermite, order);
  // Where a layer is thinner than the coarse cell (one too weak to grade the mesh for), any
  // polynomial overshoots: the node's own Richardson value (fewer levels) is then better.
  const bool has_levels = ladder_.size() - level >= 2 && best.spread > negligible_;
  const Extrapolated richardson = has_levels ? ladder_.value(level, node) : best;
  const bool use_polynomial = !has_levels || best.spread <= richardson.spread;
  if (slope)
    *slope = use_polynomial ? hermite(jets_[j], jets_[j + 1], 1, order - 1)
                            : ladder_.slope(level, node).value;
  return use_polynomial ? best : richardson;
}

double Output::fill(int refinement, Solution& s) const {
  const std::size_t level = first_ + static_cast<std::size_t>(refinement);
  s.x = ladder_[level].grid.x;
  s.u.resize(s.x.size());
  s.du.resize(s.x.size());
  double worst = 0.0;
  const std::size_t per_cell = std::size_t{1} << refinement;
  for (std::size_t i = 0; i < s.x.size(); ++i) {
    const std::size_t j = i / per_cell;
    if (i % per_cell == 0) {
      s.u[i] = jets_[j][0];
      s.du[i] = jets_[j][1];
      continue;
    }
    const Extrapolated u = between(level, i, &s.du[i]);
    s.u[i] = u.value;
    worst = std::max(worst, u.spread);
  }
  return worst;
}

double Output::interpolation_error(int refinement, const Solution& s) const {
  const std::size_t finer = first_ + static_cast<std::size_t>(refinement) + 1;
  const std::vector<double>& mid = ladder_[finer].grid.x;
  double worst = 0.0;
  for (std::size_t i = 0; i + 1 < s.x.size(); ++i) {
    const double x = mid[2 * i + 1], h = s.x[i + 1] - s.x[i];
    const Jet left{s.u[i], s.du[i], source_.value(s.u[i]), 0.0, 0.0, 0.0};
    const Jet right{s.u[i + 1], s.du[i + 1], source_.value(s.u[i + 1]), 0.0, 0.0, 0.0};
    const double quintic = HermiteAt(h, (x - s.x[i]) / h)(left, right, 0, 2);
    const Extrapolated accurate = between(finer, 2 * i + 1);
    worst = std::max(worst, std::fabs(quintic - accurate.value) + accurate.spread);
  }
  return worst;
}

Solution Output::solve(double tol) {
  negligible_ = 0.01 * tol;
  const double nodal = nodal_ + complete_jets();
  // The values are doubles: a few units in the last place of the largest is the least error.
  const double rounding = kRoundingUnits * std::numeric_limits<double>::epsilon() * largest_value();
  const int finest = static_cast<int>(ladder_.size() - first_) - 2;
  Solution best;
  best.method = "fd";
  best.error_estimate = INFINITY;
  for (int refinement = 0;;) {
    Solution s;
    const double inserted = fill(refinement, s);
    const double interpolation = interpolation_error(refinement, s);
    s.error_estimate = nodal + inserted + interpolation + rounding;
    // A finer output mesh is not always better: between nodes of the finest levels only the
    // polynomial is available, and where the plateau of a stiff problem makes it unreliable its
    // own estimate says so. Keep the best.
    const bool done = s.error_estimate <= tol || refinement == finest;
    if (s.error_estimate < best.error_estimate) best = std::move(s);
    if (done) break;
    // The quintic interpolant's error falls as 2^-6 per refinement: skip to where it should fit
    // in 80% of what the node values leave.
    const double room = 0.8 * (tol - nodal - inserted);
    const int needed =
        room > 0.0 ? static_cast<int>(std::ceil(std::log2(interpolation / room) / 6.0)) : 1;
    refinement = std::min(finest, refinement + std::max(1, needed));
  }
  best.method = "fd";
  if (best.x.empty()) {
    best.status = Status::failed;
    best.message = "the extrapolated solution is not finite";
    return best;
  }
  best.set_curvature(problem_);
  best.status = Status::ok;
  return best;
}

Solution Output::solve_sparse(double tol) {
  negligible_ = 0.01 * tol;
  const double nodal = nodal_ + complete_jets();
  const double rounding = kRoundingUnits * std::numeric_limits<double>::epsilon() * largest_value();
  const std::vector<double>& x = ladder_[first_].grid.x;
  const std::size_t j = static_cast<std::size_t>(
      std::upper_bound(x.begin(), x.end() - 1, kMiddle) - x.begin() - 1);  // x[j] <= 1/2 < x[j+1]
  Solution s;
  s.method = "fd";
  s.dense = false;
  for (std::vector<double>* v : {&s.x, &s.u, &s.du}) v->reserve(x.size() + 1);
  for (std::size_t i = 0; i < x.size(); ++i) {
    s.x.push_back(x[i]);
    s.u.push_back(jets_[i][0]);
    s.du.push_back(jets_[i][1]);
    if (i != j || x[j] == kMiddle) continue;
    const double h = x[j + 1] - x[j];
    const HermiteAt hermite(h, (kMiddle - x[j]) / h);
    int order = kJetOrder;
    const Extrapolated middle = polynomial(j, hermite, order);
    s.x.push_back(kMiddle);
    s.u.push_back(middle.value);
    s.du.push_back(hermite(jets_[j], jets_[j + 1], 1, order - 1));
    s.error_estimate = middle.spread;
  }
  s.error_estimate += nodal + rounding;
  const auto finite = [](double v) { return std::isfinite(v); };
  if (!(s.error_estimate <= tol) || !std::all_of(s.u.begin(), s.u.end(), finite)) return solve(tol);
  s.set_curvature(problem_);
  s.status = Status::ok;
  return s;
}

}  // namespace radbound::detail
