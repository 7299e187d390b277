// Specification of the analytical bounds: u_lo <= u <= u_hi against independent references
// (public high-precision values, closed forms, the finite-difference solver at tol 1e-12), and
// tight where the problem is linear.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "radbound/bounds.hpp"
#include "radbound/exact.hpp"
#include "radbound/fd.hpp"
#include "radbound/shooting.hpp"

using radbound::BoundaryCondition;
using radbound::Bounds;
using radbound::Problem;

namespace {

Problem fin(double nr, double theta_s) {
  Problem p;
  p.nr = nr;
  p.theta_s = theta_s;
  return p;
}

void require_brackets(const Bounds& b, double x, double u) {
  INFO("x = " << x << ", u = " << u);
  REQUIRE(b.lower(x).has_value());
  REQUIRE(b.upper(x).has_value());
  CHECK(*b.lower(x) <= u);
  CHECK(u <= *b.upper(x));
}

}  // namespace

TEST_CASE("bounds bracket the public 20-digit fin values at the tip, the midpoint and the base flux",
          "[bounds]") {
  struct Reference {
    double nr, theta_s, u1, du0, u_mid;
  };
  // math-notes section 7 (u(0) = 1, insulated tip, Nc = Q = 0).
  for (const Reference& r : {Reference{1, 0, 0.77914516206145981924, -0.53398921072543626712,
                                       0.82712541866088615805},
                             Reference{10, 0.5, 0.56604408245764727456, -1.7958604874617909267,
                                       0.62481519958953915480}}) {
    const Bounds b = radbound::bounds(fin(r.nr, r.theta_s));
    require_brackets(b, 1.0, r.u1);
    require_brackets(b, 0.5, r.u_mid);
    require_brackets(b, 0.0, 1.0);
    REQUIRE(b.slope_lower_at_left().has_value());
    REQUIRE(b.slope_upper_at_left().has_value());
    CHECK(*b.slope_lower_at_left() <= r.du0);
    CHECK(r.du0 <= *b.slope_upper_at_left());
    // Tight: the gap is a small fraction of the solution (measured 3e-4 relative at Nr = 10).
    CHECK(*b.upper(1.0) - *b.lower(1.0) < 1e-3 * r.u1);
    REQUIRE(b.max_gap().has_value());
    CHECK(*b.max_gap() >= *b.upper(1.0) - *b.lower(1.0));
  }
}

namespace {

// An end from its command-line spec ("dirichlet:1", "convective:2:0.3", ...; ambients explicit).
BoundaryCondition end_from(const std::string& spec) {
  std::istringstream in(spec);
  std::string kind;
  std::getline(in, kind, ':');
  double value = 0.0, theta = 0.0;
  char colon;
  in >> value >> colon >> theta;
  if (kind == "dirichlet") return BoundaryCondition::dirichlet(value);
  if (kind == "flux") return BoundaryCondition::flux(value);
  if (kind == "convective") return BoundaryCondition::convective(value, theta);
  if (kind == "radiative") return BoundaryCondition::radiative(value, theta);
  return BoundaryCondition::insulated();
}

struct DigitReference {
  double nr, theta_s, nc, theta_inf, q;
  const char *left, *right;
  double u_mid, u_tip;  // u(0.5), u(1): 25 significant digits, read as the nearest doubles
};

// tests/reference/first_integral.py (mpmath, the first integral at 50 and 60 digits, agreeing to
// 28): every end kind at each end, Nr from 0.01 to 1e6, monotone profiles and profiles with an
// interior minimum.
const DigitReference kDigitReferences[] = {
#include "reference/first_integral_values.inc"
};

}  // namespace

TEST_CASE("independent 25-digit references lie inside the bounds at x = 0.5 and x = 1 for every "
          "end kind",
          "[bounds]") {
  std::set<std::string> left_kinds, right_kinds;
  for (const DigitReference& r : kDigitReferences) {
    Problem p;
    p.nr = r.nr;
    p.theta_s = r.theta_s;
    p.nc = r.nc;
    p.theta_inf = r.theta_inf;
    p.q = r.q;
    p.left = end_from(r.left);
    p.right = end_from(r.right);
    left_kinds.insert(radbound::to_string(p.left.kind));
    right_kinds.insert(radbound::to_string(p.right.kind));
    INFO("nr=" << r.nr << " left=" << r.left << " right=" << r.right);
    const Bounds b = radbound::bounds(p);
    require_brackets(b, 0.5, r.u_mid);
    require_brackets(b, 1.0, r.u_tip);
  }
  CHECK(left_kinds.size() == 5);
  CHECK(right_kinds.size() == 5);
}

TEST_CASE("with Nr = 0 the bounds pinch the closed-form cosh solution of the convective fin",
          "[bounds]") {
  Problem p = fin(0.0, 0.0);
  p.nc = 5.0;
  p.theta_inf = 0.3;
  const double m = std::sqrt(5.0);
  const Bounds b = radbound::bounds(p);
  for (double x : {0.0, 0.1, 0.5, 0.9, 1.0}) {
    const double exact = 0.3 + 0.7 * std::cosh(m * (1 - x)) / std::cosh(m);
    require_brackets(b, x, exact);
    CHECK(*b.upper(x) - *b.lower(x) < 1e-11);
  }
  const double du0 = -0.7 * m * std::tanh(m);
  CHECK(*b.slope_lower_at_left() <= du0);
  CHECK(du0 <= *b.slope_upper_at_left());
  CHECK(*b.slope_upper_at_left() - *b.slope_lower_at_left() < 1e-10);
}

TEST_CASE("with Nr = 0 the bounds pinch closed forms for generation, convective and flux ends",
          "[bounds]") {
  // u'' = Nc (u - T) - Q, u(0) = 1, u'(1) + Bi (u(1) - T) = 0:
  // u = c + A cosh(m x) + B sinh(m x), c = T + Q / Nc.
  Problem p = fin(0.0, 0.0);
  p.nc = 2.0;
  p.theta_inf = 0.4;
  p.q = 3.0;
  p.right = BoundaryCondition::convective(0.7);
  const double m = std::sqrt(2.0), c = 0.4 + 3.0 / 2.0, bi = 0.7;
  const double a = 1.0 - c;
  // u'(1) = m (A sinh m + B cosh m); condition: m(A sh + B ch) + bi (c + A ch + B sh - 0.4) = 0.
  const double sh = std::sinh(m), ch = std::cosh(m);
  const double bcoef = -(m * a * sh + bi * (c + a * ch - 0.4)) / (m * ch + bi * sh);
  const Bounds b = radbound::bounds(p);
  for (double x : {0.0, 0.25, 0.5, 1.0}) {
    const double exact = c + a * std::cosh(m * x) + bcoef * std::sinh(m * x);
    require_brackets(b, x, exact);
    CHECK(*b.upper(x) - *b.lower(x) < 1e-11);
  }
  // Nr = Nc = 0 with a flux-type left end: u'' = -Q, u'(0) = G = 1, u(1) = 2, so
  // u = 1.75 + x - 0.75 x^2 for Q = 1.5.
  Problem q = fin(0.0, 0.0);
  q.q = 1.5;
  q.left = BoundaryCondition::flux(1.0);
  q.right = BoundaryCondition::dirichlet(2.0);
  const Bounds bq = radbound::bounds(q);
  for (double x : {0.0, 0.5, 1.0}) {
    const double exact = 2.0 + (x - 1.0) + 0.75 * (1.0 - x * x);
    require_brackets(bq, x, exact);
    CHECK(*bq.upper(x) - *bq.lower(x) < 5e-11);  // measured 1.4e-11: the solve's slack
  }
}

TEST_CASE("with insulated ends the bounds pinch the equilibrium, the constant solution",
          "[bounds]") {
  // u'' = f(u) with u' = 0 at both ends: u is the constant e with f(e) = 0, here
  // Nr (e^4 - ts^4) = Q, e = (Q / Nr + ts^4)^(1/4).
  Problem p = fin(0.00132, 1.7);
  p.q = 1.48;
  p.left = BoundaryCondition::insulated();
  const double e = std::pow(1.48 / 0.00132 + std::pow(1.7, 4), 0.25);
  const Bounds b = radbound::bounds(p);
  for (double x : {0.0, 0.5, 1.0}) {
    require_brackets(b, x, e);
    CHECK(*b.upper(x) - *b.lower(x) < 1e-12 * e);
  }
}

TEST_CASE("with heat entering through a flux end the bounds pinch the closed-form solution",
          "[bounds]") {
  // No constant super-solution exists (heat enters at x = 0). Nr = 0:
  // u'' = Nc (u - T), u'(0) = G < 0, u'(1) + Bi (u(1) - T) = 0:
  // u = T + A cosh(m x) + B sinh(m x) with m B = G and
  // m (A sinh m + B cosh m) + Bi (A cosh m + B sinh m) = 0.
  Problem p = fin(0.0, 0.0);
  p.nc = 3.0;
  p.theta_inf = 0.5;
  p.left = BoundaryCondition::flux(-2.0);
  p.right = BoundaryCondition::convective(0.8);
  const double m = std::sqrt(3.0), bi = 0.8, sh = std::sinh(m), ch = std::cosh(m);
  const double bcoef = -2.0 / m;
  const double acoef = -bcoef * (m * ch + bi * sh) / (m * sh + bi * ch);
  const Bounds b = radbound::bounds(p);
  for (double x : {0.0, 0.5, 1.0}) {
    const double exact = 0.5 + acoef * std::cosh(m * x) + bcoef * std::sinh(m * x);
    require_brackets(b, x, exact);
    CHECK(*b.upper(x) - *b.lower(x) < 1e-11);
  }
}

TEST_CASE("fin-efficiency bounds bracket tanh(m)/m and the public radiating-fin value",
          "[bounds]") {
  // Convective fin, insulated tip: eta = -u'(0) / Nc = tanh(m) / m with m = sqrt(Nc).
  Problem p = fin(0.0, 0.0);
  p.nc = 4.0;
  const radbound::Bounds b = radbound::bounds(p);
  REQUIRE(b.efficiency_lower().has_value());
  REQUIRE(b.efficiency_upper().has_value());
  CHECK(*b.efficiency_lower() <= std::tanh(2.0) / 2.0);
  CHECK(std::tanh(2.0) / 2.0 <= *b.efficiency_upper());
  CHECK(*b.efficiency_upper() - *b.efficiency_lower() < 1e-10);
  // Radiating fin Nr = 1 (math-notes section 7): eta = -u'(0) / Nr.
  const radbound::Bounds r = radbound::bounds(fin(1.0, 0.0));
  CHECK(*r.efficiency_lower() <= 0.53398921072543626712);
  CHECK(0.53398921072543626712 <= *r.efficiency_upper());
  // Not a fin: a Dirichlet far end.
  Problem d = fin(1.0, 0.0);
  d.right = BoundaryCondition::dirichlet(0.5);
  CHECK_FALSE(radbound::bounds(d).efficiency_lower().has_value());
}

TEST_CASE("bounds are empty outside [0, 1] and reject an ill-posed problem", "[bounds]") {
  const Bounds b = radbound::bounds(fin(1.0, 0.0));
  CHECK_FALSE(b.lower(-0.1).has_value());
  CHECK_FALSE(b.upper(1.5).has_value());
  CHECK_FALSE(b.upper(std::nan("")).has_value());
  Problem p = fin(0.0, 0.0);
  p.left = BoundaryCondition::insulated();
  CHECK_THROWS_AS(radbound::bounds(p), radbound::ParameterError);
}

TEST_CASE("the bounds at x = 0 and x = 1 continue those just inside, with and without a seed",
          "[bounds]") {
  // The end values are evaluated once per bounds() call and read back: they must be the envelope's
  // values there, which its members (all continuous) approach from inside.
  Problem flux_base = fin(3.0, 0.2);
  flux_base.left = BoundaryCondition::flux(-2.0);
  flux_base.right = BoundaryCondition::convective(1.0, 0.5);
  for (const Problem& p : {fin(0.5, 0.0), fin(10.0, 0.3), fin(1e4, 0.0), flux_base}) {
    const radbound::Solution near = radbound::solve_fd(p, {1e-10});
    REQUIRE(near.ok());
    for (const Bounds& b : {radbound::bounds(p), radbound::bounds(p, &near)}) {
      for (const auto& [end, inside] : {std::pair{0.0, 1e-9}, std::pair{1.0, 1.0 - 1e-9}}) {
        INFO("nr = " << p.nr << ", x = " << end);
        REQUIRE(b.lower(end).has_value());
        REQUIRE(b.upper(end).has_value());
        CHECK(std::fabs(*b.lower(end) - *b.lower(inside)) <= 1e-6);
        CHECK(std::fabs(*b.upper(end) - *b.upper(inside)) <= 1e-6);
        CHECK(*b.lower(end) <= near.value(end) + near.error_estimate);
        CHECK(near.value(end) - near.error_estimate <= *b.upper(end));
      }
    }
  }
}

namespace {

// Not the fd tests' random_problem (random_problems.hpp) on purpose: the bounds have cases of their
// own to cover (Nr = 0, theta_s and theta_inf up to 2, convective and radiative ends with their own
// ambient temperature), and these 10,000 problems stay the ones the figures below were measured on.
BoundaryCondition random_bounds_end(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto log_uniform = [&](double lo, double hi) { return std::pow(10.0, lo + (hi - lo) * unit(rng)); };
  switch (static_cast<int>(5 * unit(rng))) {
    case 0:
      return BoundaryCondition::dirichlet(2.0 * unit(rng));
    case 1:
      return BoundaryCondition::insulated();
    case 2:
      return BoundaryCondition::flux(4.0 * unit(rng) - 2.0);
    case 3:
      return BoundaryCondition::convective(log_uniform(-2, 2), 2.0 * unit(rng));
    default:
      return BoundaryCondition::radiative(log_uniform(-2, 2), 2.0 * unit(rng));
  }
}

Problem random_bounds_problem(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto log_uniform = [&](double lo, double hi) { return std::pow(10.0, lo + (hi - lo) * unit(rng)); };
  for (;;) {
    Problem p;
    p.nr = unit(rng) < 0.05 ? 0.0 : log_uniform(-4, 6);
    p.theta_s = 2.0 * unit(rng);
    p.nc = unit(rng) < 0.4 ? 0.0 : log_uniform(-3, 3);
    p.theta_inf = 2.0 * unit(rng);
    p.q = unit(rng) < 0.5 ? 0.0 : log_uniform(-3, 2);
    p.left = random_bounds_end(rng);
    p.right = random_bounds_end(rng);
    try {
      p.check_param();
      return p;
    } catch (const radbound::ParameterError&) {
    }
  }
}

// Which side of a problem's bounds is missing somewhere, keyed "left/right side".
std::string empty_key(const Problem& p, bool lower_missing, bool upper_missing) {
  const char* side = lower_missing && upper_missing ? "both" : lower_missing ? "lower" : "upper";
  return radbound::to_string(p.left.kind) + "/" + radbound::to_string(p.right.kind) + " " + side;
}

// The most accurate answer the library stands behind at tol 1e-12: finite differences first; where
// their Newton iteration gives up (about 1 % of these problems, stiff with an insulated end), the
// first-integral quadrature or shooting.
radbound::Solution reference_solution(const Problem& p) {
  const double tol = 1e-12;
  radbound::Solution s = radbound::solve_fd(p, {tol});
  if (!s.ok() && radbound::exact_applies(p)) s = radbound::solve_exact(p, {tol});
  if (!s.ok()) s = radbound::solve_shooting(p, {tol});
  return s;
}

// What one pass over the random problems found.
struct Containment {
  int cases = 0, violations = 0, skipped = 0, empty = 0, points = 0, empty_nonnegative = 0;
  int rechecked = 0;  // points outside the first reference, checked against shooting
  std::map<std::string, int> empty_cases;
  std::map<int, int> skipped_by_decade;  // k: 10^(k-1) <= Nr < 10^k (k = 0 includes Nr < 0.1)

  void print(const char* label) const {
    std::printf("[bounds] %s: %d cases, %d points, %d violations (%d points rechecked against "
                "shooting), %d skipped (solver not ok), %d points with a bound not established\n",
                label, cases, points, violations, rechecked, skipped, empty);
    for (const auto& [key, count] : empty_cases)
      std::printf("[bounds]   cases with an empty side: %-28s %d\n", key.c_str(), count);
    for (const auto& [decade, count] : skipped_by_decade)
      std::printf("[bounds]   solver not ok with Nr in [1e%d, 1e%d): %d\n", decade - 1, decade,
                  count);
  }
};

// Whether the bounds contain the reference at 50 points, allowing its stated error; tallied. A
// point outside is checked once more against shooting, an independent method, and a violation
// needs every reference outside: a reference's estimate can fall short (fd's did, 1.3e-12 off
// where it stated 4e-13, before its estimate carried margins; the seeded bounds exposed it).
void tally_points(const Problem& p, const Bounds& b, const radbound::Solution& ref,
                  Containment& tally) {
  const int checks = 49;
  bool lower_missing = false, upper_missing = false;
  double lowest = INFINITY;
  std::optional<radbound::Solution> second;
  // The solver's stated error, and rounding in u itself.
  const auto slack = [](const radbound::Solution& s, double u) {
    return s.error_estimate + 1e-13 * (1.0 + std::fabs(u));
  };
  const auto outside = [&](const radbound::Solution& s, double x) {
    const double u = s.value(x);
    const auto lo = b.lower(x), hi = b.upper(x);
    return (lo && *lo > u + slack(s, u)) || (hi && *hi < u - slack(s, u));
  };
  for (int k = 0; k <= checks; ++k) {
    const double x = static_cast<double>(k) / checks, u = ref.value(x);
    const auto lo = b.lower(x), hi = b.upper(x);
    ++tally.points;
    lowest = std::min(lowest, u + slack(ref, u));
    if (!lo || !hi) ++tally.empty;
    lower_missing |= !lo;
    upper_missing |= !hi;
    if (!outside(ref, x)) continue;
    if (!second) second = radbound::solve_shooting(p, {1e-12});
    ++tally.rechecked;
    if (second->ok() && !outside(*second, x)) continue;
    ++tally.violations;
    UNSCOPED_INFO("violation: nr=" << p.nr << " ts=" << p.theta_s << " nc=" << p.nc
                                   << " tinf=" << p.theta_inf << " q=" << p.q << " left="
                                   << radbound::to_string(p.left) << " right="
                                   << radbound::to_string(p.right) << " x=" << x << " u=" << u
                                   << " lo=" << lo.value_or(NAN) << " hi=" << hi.value_or(NAN)
                                   << " err_est=" << ref.error_estimate);
  }
  if (lower_missing || upper_missing) {
    ++tally.empty_cases[empty_key(p, lower_missing, upper_missing)];
    if (lowest >= 0.0) {
      ++tally.empty_nonnegative;
      UNSCOPED_INFO("empty side with a nonnegative solution: nr=" << p.nr << " left="
                    << radbound::to_string(p.left) << " right=" << radbound::to_string(p.right));
    }
  }
}

// The 10,000 random problems (the same ones every time), each with the bounds that
// `bounds_for(problem, reference, previous reference)` builds, checked against the reference.
template <class BoundsFor>
Containment random_containment(BoundsFor bounds_for) {
  std::mt19937_64 rng(20240611);
  Containment tally;
  radbound::Solution previous;
  for (tally.cases = 0; tally.cases < 10000; ++tally.cases) {
    const Problem p = random_bounds_problem(rng);
    const radbound::Solution ref = reference_solution(p);
    if (!ref.ok()) {
      if (tally.skipped++ < 5)
        std::printf("[bounds]   solver not ok (%s): nr=%.17g theta_s=%.17g nc=%.17g "
                    "theta_inf=%.17g q=%.17g left=%s right=%s\n",
                    ref.message.c_str(), p.nr, p.theta_s, p.nc, p.theta_inf, p.q,
                    radbound::to_string(p.left).c_str(), radbound::to_string(p.right).c_str());
      ++tally.skipped_by_decade[p.nr < 1 ? 0 : 1 + static_cast<int>(std::log10(p.nr))];
      continue;
    }
    tally_points(p, bounds_for(p, ref, previous), ref, tally);
    previous = ref;
  }
  return tally;
}

void require_contained(const Containment& tally) {
  CHECK(tally.violations == 0);
  CHECK(tally.empty_nonnegative == 0);
  // A case no solver stands behind cannot check the bounds.
  CHECK(tally.skipped <= tally.cases / 1000);
}

// An approximate solution that bounds() must not be able to use: a NaN in it, no nodes, one
// node, a status other than ok, a mesh that does not span [0, 1], an infinite slope, or a mesh
// that turns back; cycled by `kind`.
radbound::Solution unusable_seed(const radbound::Solution& good, int kind) {
  radbound::Solution s = good;
  switch (kind % 7) {
    case 0:
      s.u[s.u.size() / 2] = std::nan("");
      break;
    case 1:
      s = radbound::Solution{};
      s.status = radbound::Status::ok;
      break;
    case 2:
      s.x = {0.0};
      s.u = {good.u.front()};
      s.du = {good.du.front()};
      s.d2u = {good.d2u.front()};
      break;
    case 3:
      s.status = radbound::Status::no_convergence;
      break;
    case 4:
      s.x.back() = 0.5 * (s.x[s.x.size() - 2] + 1.0);
      break;
    case 5:
      s.du.front() = INFINITY;
      break;
    default:
      std::swap(s.x[1], s.x[s.x.size() - 2]);
      break;
  }
  return s;
}

// A usable but wrong approximate solution: the previous random problem's solution, a constant,
// or this solution shifted up or down by 0.3; cycled by `kind`. Only the tightness may suffer.
radbound::Solution wrong_seed(const radbound::Solution& good, const radbound::Solution& other,
                              int kind) {
  radbound::Solution s = good;
  switch (kind % 4) {
    case 0:
      if (other.ok()) return other;
      [[fallthrough]];
    case 1:
      s.x = {0.0, 1.0};
      s.u = {0.5, 0.5};
      s.du = {0.0, 0.0};
      s.d2u = {0.0, 0.0};
      break;
    default:
      for (double& u : s.u) u += kind % 4 == 2 ? 0.3 : -0.3;
      break;
  }
  return s;
}

// Every reported number of two bounds agrees to the last bit.
bool identical(const Bounds& a, const Bounds& b) {
  for (int k = 0; k <= 49; ++k) {
    const double x = k / 49.0;
    if (a.lower(x) != b.lower(x) || a.upper(x) != b.upper(x)) return false;
    if (a.lower_slope(x) != b.lower_slope(x) || a.upper_slope(x) != b.upper_slope(x)) return false;
  }
  return a.slope_lower_at_left() == b.slope_lower_at_left() &&
         a.slope_upper_at_left() == b.slope_upper_at_left() && a.max_gap() == b.max_gap() &&
         a.efficiency_lower() == b.efficiency_lower() &&
         a.efficiency_upper() == b.efficiency_upper();
}

}  // namespace

TEST_CASE("bounds contain the solution for 10,000 random problems of every end kind, and a side "
          "is empty only where the solution goes below zero",
          "[bounds]") {
  const Containment tally = random_containment(
      [](const Problem& p, const radbound::Solution&, const radbound::Solution&) {
        return radbound::bounds(p);
      });
  tally.print("containment against the solvers at tol 1e-12");
  require_contained(tally);
}

TEST_CASE("bounds seeded by the accurate solution contain it for the 10,000 random problems, and "
          "are about as tight as the unseeded bounds",
          "[bounds]") {
  std::vector<double> ratios;  // max_gap seeded / unseeded, where both exist and are positive
  int unchanged = 0;
  const Containment tally = random_containment(
      [&](const Problem& p, const radbound::Solution& ref, const radbound::Solution&) {
        const Bounds seeded = radbound::bounds(p, &ref), plain = radbound::bounds(p);
        if (seeded.max_gap() > 0.0 && plain.max_gap() > 0.0)
          ratios.push_back(*seeded.max_gap() / *plain.max_gap());
        unchanged += identical(seeded, plain);
        return seeded;
      });
  tally.print("seeded by the reference");
  std::sort(ratios.begin(), ratios.end());
  const auto quantile = [&ratios](double q) {
    return ratios[static_cast<std::size_t>(q * (ratios.size() - 1))];
  };
  std::printf("[bounds]   max_gap seeded / unseeded over %zu cases: quantiles 1 %% %.3f, median "
              "%.3f, 99 %% %.3f, max %.3f; %d cases with identical bounds (the seed's checks "
              "failed, or no comparison pair)\n",
              ratios.size(), quantile(0.01), quantile(0.5), quantile(0.99), ratios.back(),
              unchanged);
  require_contained(tally);
  // Measured: median 0.749, 99 % quantile 1.316 (a few seeds loosen a bound by up to 2.7 times);
  // the limits leave modest headroom over these.
  CHECK(quantile(0.5) < 0.9);
  CHECK(quantile(0.99) < 1.6);
}

TEST_CASE("bounds seeded by a wrong approximate solution still contain the solution",
          "[bounds]") {
  int kind = 0;
  const Containment tally = random_containment(
      [&](const Problem& p, const radbound::Solution& ref, const radbound::Solution& previous) {
        const radbound::Solution seed = wrong_seed(ref, previous, kind++);
        return radbound::bounds(p, &seed);
      });
  tally.print("seeded by a wrong solution");
  require_contained(tally);
}

TEST_CASE("an unusable approximate solution gives exactly the unseeded bounds", "[bounds]") {
  std::mt19937_64 rng(20240611);
  for (int c = 0; c < 2000; ++c) {
    const Problem p = random_bounds_problem(rng);
    const radbound::Solution good = radbound::solve_fd(p, {1e-6});
    if (!good.ok()) continue;
    const radbound::Solution seed = unusable_seed(good, c);
    INFO("case " << c << " nr=" << p.nr << " left=" << radbound::to_string(p.left)
                 << " right=" << radbound::to_string(p.right));
    REQUIRE(identical(radbound::bounds(p, &seed), radbound::bounds(p)));
  }
}

TEST_CASE("a non-finite value or a mesh that does not rise at any node of a seed of any size "
          "gives exactly the unseeded bounds",
          "[bounds]") {
  const Problem p{};  // the classic fin: Nr = 1, u(0) = 1, insulated tip
  const radbound::Solution good = radbound::solve_fd(p, {1e-8});
  REQUIRE(good.ok());
  const Bounds plain = radbound::bounds(p);
  for (std::size_t n = 2; n <= 9; ++n) {  // the seed checks its nodes two at a time
    radbound::Solution seed = good;
    seed.x.resize(n);
    seed.u.resize(n);
    seed.du.resize(n);
    seed.d2u.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
      seed.x[j] = static_cast<double>(j) / static_cast<double>(n - 1);
      seed.u[j] = good.value(seed.x[j]);
      seed.du[j] = good.slope(seed.x[j]);
      seed.d2u[j] = p.f(seed.u[j]);
    }
    INFO("nodes " << n);
    REQUIRE_FALSE(identical(radbound::bounds(p, &seed), plain));  // the intact seed is used
    for (std::size_t j = 0; j < n; ++j) {
      for (int kind = 0; kind < 4; ++kind) {
        radbound::Solution bad = seed;
        if (kind == 0) bad.u[j] = std::nan("");
        if (kind == 1) bad.du[j] = -INFINITY;
        if (kind == 2) bad.d2u[j] = INFINITY;
        if (kind == 3) bad.x[j] = j == 0 ? std::nan("") : bad.x[j - 1];
        INFO("nodes " << n << ", node " << j << ", kind " << kind);
        REQUIRE(identical(radbound::bounds(p, &bad), plain));
      }
    }
  }
}
