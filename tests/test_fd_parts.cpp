// Specification of the finite-difference solver's parts: the tridiagonal solve, the per-cell
// Hermite polynomials, the Newton stopping rule and the order of the base scheme. Expected values
// come from a dense solve (Eigen), from polynomials the interpolants must reproduce exactly, from
// Newton run on to rounding, and from the public fin value of math-notes section 7.
#include <catch2/catch.hpp>

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <vector>

#include "../src/fd_grid.hpp"
#include "../src/fd_hermite.hpp"
#include "../src/fd_start.hpp"
#include "../src/fd_system.hpp"
#include "../src/tridiagonal.hpp"
#include "radbound/problem.hpp"
#include "references.hpp"

using radbound::BoundaryCondition;
using radbound::Problem;
namespace detail = radbound::detail;

namespace {

// A tridiagonal system of odd size (sub[0], super[n-1] unused) and two right-hand sides, solved by
// the folded twisted elimination: x receives the first solution, stepped from - x.
detail::LargestSolutions solve_folded(const std::vector<double>& sub,
                                      const std::vector<double>& diag,
                                      const std::vector<double>& super,
                                      const std::vector<double>& rhs,
                                      const std::vector<double>& rhs2, std::vector<double>& x,
                                      const std::vector<double>& from,
                                      std::vector<double>& stepped) {
  const std::size_t n = diag.size(), m = n / 2;
  std::vector<detail::EliminatedRows> steps(m);
  detail::EliminatedRows last{};
  for (std::size_t j = 0; j < m; ++j) {
    const std::size_t k = n - 1 - j;  // the up chain's row
    const detail::FoldedRows rows{
        detail::DoublePair{j > 0 ? sub[j] : 0.0, k + 1 < n ? super[k] : 0.0},
        detail::DoublePair{super[j], sub[k]}, detail::DoublePair{diag[j], diag[k]},
        detail::DoublePair{rhs[j], rhs[k]}, detail::DoublePair{rhs2[j], rhs2[k]}};
    last = steps[j] = detail::eliminate(rows, last);
  }
  x.resize(n);
  stepped.resize(n);
  return detail::meet_and_substitute({sub[m], diag[m], super[m], rhs[m], rhs2[m]}, steps.data(), m,
                                     from.data(), x.data(), stepped.data());
}

detail::LargestSolutions solve_folded(const std::vector<double>& sub,
                                      const std::vector<double>& diag,
                                      const std::vector<double>& super,
                                      const std::vector<double>& rhs,
                                      const std::vector<double>& rhs2, std::vector<double>& x) {
  std::vector<double> stepped;
  return solve_folded(sub, diag, super, rhs, rhs2, x, std::vector<double>(diag.size()), stepped);
}

}  // namespace

TEST_CASE("the tridiagonal solve gives the solution of diagonally dominant systems, the "
          "largest entries of both and a Newton step's result",
          "[fd]") {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int n = 3; n <= 71; n += 2) {
    std::vector<double> sub(n), diag(n), super(n), rhs(n), rhs2(n), from(n), x, stepped;
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    Eigen::VectorXd b(n), b2(n);
    for (int i = 0; i < n; ++i) {
      const std::size_t k = static_cast<std::size_t>(i);
      sub[k] = i > 0 ? uniform(rng) : 0.0;
      super[k] = i + 1 < n ? uniform(rng) : 0.0;
      diag[k] = -(sub[k] + super[k] + 0.01 + uniform(rng));  // a negated M-matrix, as Newton's
      rhs[k] = b[i] = uniform(rng) - 0.5;
      rhs2[k] = b2[i] = uniform(rng);
      from[k] = uniform(rng);
      a(i, i) = diag[k];
      if (i > 0) a(i, i - 1) = sub[k];
      if (i + 1 < n) a(i, i + 1) = super[k];
    }
    const Eigen::VectorXd x1 = a.partialPivLu().solve(b), x2 = a.partialPivLu().solve(b2);
    const detail::LargestSolutions largest =
        solve_folded(sub, diag, super, rhs, rhs2, x, from, stepped);
    CAPTURE(n);
    for (std::size_t i = 0; i < x.size(); ++i) {
      CHECK(x[i] == Approx(x1[static_cast<int>(i)]).margin(1e-12));
      CHECK(stepped[i] == from[i] - x[i]);  // the step's result, rounded once
    }
    CHECK(largest.first == Approx(x1.cwiseAbs().maxCoeff()).epsilon(1e-12));
    CHECK(largest.second == Approx(x2.cwiseAbs().maxCoeff()).epsilon(1e-12));
  }
}

TEST_CASE("the tridiagonal solve reports a solution that is not finite", "[fd]") {
  const std::vector<double> sub{0.0, 1.0, 1.0, 1.0, 1.0}, diag(5, -2.0),
      super{1.0, 1.0, 1.0, 1.0, 0.0}, ones(5, 1.0);
  std::vector<double> x;
  for (std::size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    std::vector<double> rhs = ones;
    rhs[i] = NAN;
    CHECK(std::isnan(solve_folded(sub, diag, super, rhs, ones, x).first));
    rhs[i] = INFINITY;
    CHECK(std::isnan(solve_folded(sub, diag, super, rhs, ones, x).first));
    std::vector<double> rhs2 = ones;
    rhs2[i] = INFINITY;
    const detail::LargestSolutions largest = solve_folded(sub, diag, super, ones, rhs2, x);
    CHECK(std::isfinite(largest.first));
    CHECK(std::isinf(largest.second));
  }
}

namespace {

// A polynomial sum c_k x^k and its derivatives.
struct Polynomial {
  std::vector<double> c;
  double derivative(int order, double x) const {
    double sum = 0.0;
    for (std::size_t k = static_cast<std::size_t>(order); k < c.size(); ++k) {
      double factor = 1.0;
      for (int j = 0; j < order; ++j) factor *= static_cast<double>(k) - j;
      sum += c[k] * factor * std::pow(x, static_cast<double>(k) - order);
    }
    return sum;
  }
  detail::Jet jet(double x) const {
    detail::Jet j{};
    for (int order = 0; order <= detail::kJetOrder; ++order)
      j[static_cast<std::size_t>(order)] = derivative(order, x);
    return j;
  }
};

Polynomial random_polynomial(std::mt19937& rng, int degree) {
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  Polynomial p;
  for (int k = 0; k <= degree; ++k) p.c.push_back(uniform(rng));
  return p;
}

}  // namespace

TEST_CASE("the per-cell Hermite polynomials reproduce polynomials of their degree", "[fd]") {
  std::mt19937 rng(5);
  const double a = 0.3, h = 0.7;  // the cell [0.3, 1]
  for (int trial = 0; trial < 20; ++trial) {
    const Polynomial p11 = random_polynomial(rng, 11), p10 = random_polynomial(rng, 10),
                     p9 = random_polynomial(rng, 9), p5 = random_polynomial(rng, 5);
    const detail::CellHermite cell11(p11.jet(a), p11.jet(a + h), h);
    const detail::CellHermite cell9(p9.jet(a), p9.jet(a + h), h);
    const detail::CellSlope slope10(p10.jet(a), p10.jet(a + h), h);
    for (double t : {0.0, 0.1, 0.37, 0.5, 0.81, 1.0}) {
      const double x = a + t * h;
      CHECK(cell11.value(t) == Approx(p11.derivative(0, x)).margin(1e-12));
      CHECK(cell9.value(t) == Approx(p9.derivative(0, x)).margin(1e-12));
      CHECK(cell9.gap(t) <= 1e-12);  // degree 9 is reproduced by both orders
      CHECK(slope10.operator()(t) == Approx(p10.derivative(1, x)).margin(1e-12));
      CHECK(detail::quintic_hermite(h, t, p5.derivative(0, a), p5.derivative(1, a),
                                    p5.derivative(2, a), p5.derivative(0, a + h),
                                    p5.derivative(1, a + h), p5.derivative(2, a + h)) ==
            Approx(p5.derivative(0, x)).margin(1e-12));
    }
  }
}

TEST_CASE("the Hermite gap bounds the distance between orders 5 and 4, at most 4 times exceeds "
          "it a quarter cell or more from where it changes sign, and does not vanish there",
          "[fd]") {
  // Random end jets: any degree-11 polynomial on the cell (most with alpha and beta of opposite
  // sign). The reference is independent: orders 5 and 4 evaluated by HermiteAt. Their difference
  // is (t s)^5 D(t), D linear: where D changes sign at t0, |alpha| s + |beta| t <= |alpha - beta|,
  // so the gap exceeds the distance by at most 1/|t - t0|; at t0 it is still at least
  // (t0 s0)^5 min(|alpha|, |beta|), alpha = D(0), beta = D(1). The margin 1e-15 covers the rounding
  // of the reference (measured: at most 2.9e-16).
  std::mt19937 rng(23);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  const double h = 0.7;
  const auto difference = [h](const detail::Jet& left, const detail::Jet& right, double t) {
    const detail::HermiteAt at(h, t);
    return at(left, right, 0, 5) - at(left, right, 0, 4);
  };
  for (int trial = 0; trial < 200; ++trial) {
    detail::Jet left{}, right{};
    for (double& d : left) d = uniform(rng);
    for (double& d : right) d = uniform(rng);
    const detail::CellHermite cell(left, right, h);
    // D at t = 1/4 and 3/4, where (t s)^5 = (3/16)^5 at both; D's zero from them.
    const double d1 = difference(left, right, 0.25), d3 = difference(left, right, 0.75);
    const double zero = 0.25 + 0.5 * d1 / (d1 - d3), quarter = std::pow(3.0 / 16.0, 5);
    const double alpha = (1.5 * d1 - 0.5 * d3) / quarter, beta = (1.5 * d3 - 0.5 * d1) / quarter;
    if (zero > 0.0 && zero < 1.0) {
      const double ts = zero * (1.0 - zero);
      CHECK(cell.gap(zero) >=
            0.99 * std::pow(ts, 5) * std::min(std::fabs(alpha), std::fabs(beta)) - 1e-15);
    }
    for (int k = 0; k <= 40; ++k) {
      const double t = k / 40.0, gap = cell.gap(t),
                   distance = std::fabs(difference(left, right, t));
      CAPTURE(trial, t, zero, gap, distance);
      CHECK(gap >= distance - 1e-15);
      if (std::fabs(t - zero) >= 0.25) CHECK(gap <= 4.0 * distance + 1e-15);
    }
  }
}

namespace {

// One mesh level of p: `cells` cells on the layer model's map (at model_tol), started from the
// model's profile and solved by Newton with `settings`. (Not copyable: the system points at the
// grid.)
struct SolvedLevel {
  detail::Grid grid;
  detail::FdSystem system;
  std::vector<double> u;
  bool converged = false;

  SolvedLevel(const Problem& p, double model_tol, int cells, const detail::NewtonSettings& settings) {
    const detail::LayerModel model(p, model_tol);
    grid.build(model.map(), cells);
    system.set_grid(grid);
    system.bind(p);
    u.resize(grid.x.size());
    std::transform(grid.x.begin(), grid.x.end(), u.begin(),
                   [&](double x) { return model.start(x); });
    converged = system.solve(u, settings).converged;
  }
  SolvedLevel(const SolvedLevel&) = delete;
  SolvedLevel& operator=(const SolvedLevel&) = delete;
};

}  // namespace

TEST_CASE("fd's Newton stops on a level only within its step tolerance of the discrete solution",
          "[fd]") {
  // Run on from the accepted values with a tolerance at rounding: the accepted values were within
  // step_tol of where Newton then settles.
  std::vector<Problem> problems = {Problem{1.0, 0.0}, Problem{1e6, 0.5}, Problem{30.0, 0.2}};
  problems[2].right = BoundaryCondition::radiative(3.0);
  problems.push_back(Problem{5.0, 0.3, 1.0, 0.2, 0.5, BoundaryCondition::flux(-0.8),
                             BoundaryCondition::radiative(1.5, 0.2)});
  for (const Problem& p : problems)
    for (double step_tol : {1e-6, 1e-9})
      for (int cells : {8, 32, 128}) {
        SolvedLevel level(p, 1e-10, cells, {step_tol, 60});
        REQUIRE(level.converged);
        std::vector<double> settled = level.u;
        REQUIRE(level.system.solve(settled, {1e-15, 60}).converged);
        double change = 0.0;
        for (std::size_t i = 0; i < settled.size(); ++i)
          change = std::max(change, std::fabs(settled[i] - level.u[i]));
        CAPTURE(p.nr, step_tol, cells);
        CHECK(change <= step_tol);
      }
}

TEST_CASE("the base 3-point scheme converges at second order, extrapolated at fourth", "[fd]") {
  const radbound_test::PublicFinValue& reference = radbound_test::kPublicFinValues[0];
  const Problem p = radbound_test::fin(reference.nr, reference.theta_s);
  std::vector<double> tips;
  for (int cells : {8, 16, 32, 64}) {
    const SolvedLevel level(p, 1e-12, cells, {1e-15, 50});
    REQUIRE(level.converged);
    tips.push_back(level.u.back());
  }
  // The errors of consecutive meshes (h halving) fall by `ratio`: 2^order.
  const auto check_ratios = [&](const std::vector<double>& values, double ratio, double epsilon) {
    for (std::size_t k = 1; k < values.size(); ++k) {
      CAPTURE(ratio, k);
      CHECK((values[k - 1] - reference.u1) / (values[k] - reference.u1) ==
            Approx(ratio).epsilon(epsilon));
    }
  };
  check_ratios(tips, 4.0, 0.05);
  std::vector<double> fourth;
  for (std::size_t k = 1; k < tips.size(); ++k) fourth.push_back(tips[k] + (tips[k] - tips[k - 1]) / 3);
  check_ratios(fourth, 16.0, 0.15);
}

TEST_CASE("fd's inline end fluxes equal Problem::outward_flux and its slope bit for bit", "[fd]") {
  // EndFlux repeats the model's end laws so that fd's end rows need no call into Problem; the
  // answer may not depend on which of the two computed them.
  Problem p{2.5, 0.7, 1.5, 0.4};
  const std::vector<BoundaryCondition> ends = {
      BoundaryCondition::dirichlet(1.0),      BoundaryCondition::insulated(),
      BoundaryCondition::flux(-0.3),          BoundaryCondition::convective(1.7),
      BoundaryCondition::convective(1.7, 0.9), BoundaryCondition::radiative(0.6),
      BoundaryCondition::radiative(0.6, 1.3)};
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> level(-2.0, 3.0);
  for (const BoundaryCondition& bc : ends) {
    const radbound::detail::EndFlux end(p, bc);
    for (int i = 0; i < 1000; ++i) {
      const double u = i < 3 ? std::array<double, 3>{-0.0, 0.0, 1e-300}[i] : level(random);
      INFO(radbound::to_string(bc) << " at u = " << u);
      CHECK(end.flux(u) == p.outward_flux(bc, u));
      CHECK(end.slope(u) == p.outward_flux_slope(bc, u));
    }
  }
}
