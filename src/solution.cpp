#include "radbound/solution.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "quintic_hermite.hpp"
#include "solution_storage.hpp"

namespace radbound {

namespace {

// Value and first derivative of the quintic Hermite interpolant on one cell [x0, x1].
struct HermiteCell {
  double h, t;
  std::array<double, 6> y;  // u0, u0', u0'', u1, u1', u1''

  double value() const { return detail::quintic_hermite(h, t, y[0], y[1], y[2], y[3], y[4], y[5]); }

  double slope() const {
    const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
    const double d00 = -30 * t2 + 60 * t3 - 30 * t4;
    const double d10 = 1 - 18 * t2 + 32 * t3 - 15 * t4;
    const double d20 = 0.5 * (2 * t - 9 * t2 + 12 * t3 - 5 * t4);
    const double d01 = 30 * t2 - 60 * t3 + 30 * t4;
    const double d11 = -12 * t2 + 28 * t3 - 15 * t4;
    const double d21 = 0.5 * (3 * t2 - 8 * t3 + 5 * t4);
    return (d00 * y[0] + d01 * y[3]) / h + d10 * y[1] + d11 * y[4] + h * (d20 * y[2] + d21 * y[5]);
  }
};

HermiteCell locate(const Solution& s, double x) {
  x = std::clamp(x, s.x.front(), s.x.back());
  auto it = std::upper_bound(s.x.begin(), s.x.end(), x);
  std::size_t i = static_cast<std::size_t>(it - s.x.begin());
  i = std::clamp<std::size_t>(i, 1, s.x.size() - 1) - 1;
  const double h = s.x[i + 1] - s.x[i];
  return {h, (x - s.x[i]) / h, {s.u[i], s.du[i], s.d2u[i], s.u[i + 1], s.du[i + 1], s.d2u[i + 1]}};
}

// Vectors kept of each kind: enough for a few solutions' profiles (four vectors each), and as many
// fd levels; beyond that recycle() lets storage go.
constexpr std::size_t kSpareVectors = 16;

// The kept vectors of one kind. Profiles and fd levels are kept apart: a level vector is ten times
// a profile's size, and, mixed, every vector in circulation grew to it (a sweep that keeps 50
// chains' solutions first touched 124 more pages of heap).
std::vector<std::vector<double>>& spares(detail::Spare kind) {
  thread_local std::array<std::vector<std::vector<double>>, 2> kept = [] {
    std::array<std::vector<std::vector<double>>, 2> pools;
    for (auto& pool : pools) pool.reserve(kSpareVectors);
    return pools;
  }();
  return kept[static_cast<std::size_t>(kind)];
}

void keep_spare(std::vector<double>& v, detail::Spare kind) {
  std::vector<std::vector<double>>& kept = spares(kind);
  if (kept.size() < kSpareVectors && v.capacity() > 0) kept.push_back(std::move(v));
}

}  // namespace

namespace detail {

std::vector<double> spare_vector(Spare kind) {
  std::vector<std::vector<double>>& kept = spares(kind);
  if (kept.empty()) return {};
  std::vector<double> v = std::move(kept.back());
  kept.pop_back();
  return v;
}

std::vector<double> copy_into_spare(const std::vector<double>& from) {
  std::vector<double> v = spare_vector(Spare::profile);
  v.assign(from.begin(), from.end());
  return v;
}

}  // namespace detail

void recycle(Solution&& spent) {
  for (std::vector<double>* v : {&spent.x, &spent.u, &spent.du, &spent.d2u})
    keep_spare(*v, detail::Spare::profile);
  keep_spare(spent.fd_levels.u, detail::Spare::fd_levels);
}

void check_tolerance(double tol) {
  if (std::isfinite(tol) && tol > 0.0) return;
  std::ostringstream os;
  os << "tol = " << tol << " is not accepted: it must be a finite number > 0";
  throw ParameterError("tol", os.str());
}

void check_count(const char* field, int value, int minimum) {
  if (value >= minimum) return;
  throw ParameterError(field, std::string(field) + " = " + std::to_string(value) +
                                  " is not accepted: it must be an integer >= " +
                                  std::to_string(minimum));
}

const std::string& to_string(Status status) {
  // Made once, in the order of the enumeration: a sweep's status column reads one every row.
  static const std::array<std::string, 5> kWords = {"ok", "no_convergence", "unphysical",
                                                    "not_applicable", "failed"};
  const auto i = static_cast<std::size_t>(status);
  return kWords[i < kWords.size() ? i : kWords.size() - 1];
}

void Solution::set_curvature(const Problem& problem) {
  d2u.resize(u.size());
  std::transform(u.begin(), u.end(), d2u.begin(), [&](double v) { return problem.f(v); });
}

double Solution::value(double xq) const { return locate(*this, xq).value(); }

double Solution::slope(double xq) const { return locate(*this, xq).slope(); }

}  // namespace radbound
