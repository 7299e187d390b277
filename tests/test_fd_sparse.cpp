// Specification of fd's sparse output (FdOptions::dense = false, what a sweep row asks for): the
// nodes and x = 1/2 meet tol by the reported estimate, against references that do not come from
// the solver (tests/fd_test_references.hpp, tests/references.hpp, math-notes section 7).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "fd_test_references.hpp"
#include "references.hpp"
#include "radbound/fd.hpp"
#include "radbound/solve.hpp"

using radbound::BoundaryCondition;
using radbound::FdOptions;
using radbound::Problem;
using radbound::Solution;

namespace {

FdOptions sparse_at(double tol) {
  FdOptions options;
  options.tol = tol;
  options.dense = false;
  return options;
}

// u at x = 1/2 of a sparse solution: one of its nodes, never an interpolated value.
double node_at_half(const Solution& s) {
  const auto it = std::find(s.x.begin(), s.x.end(), 0.5);
  REQUIRE(it != s.x.end());
  return s.u[static_cast<std::size_t>(it - s.x.begin())];
}

void require_sparse_meets(const Solution& s, const reference::Values& ref, double tol) {
  REQUIRE(s.ok());
  CHECK_FALSE(s.dense);
  const double worst = std::max({std::fabs(s.u.front() - ref.u_base),
                                 std::fabs(node_at_half(s) - ref.u_half),
                                 std::fabs(s.u.back() - ref.u_tip)});
  CAPTURE(s.u.front(), node_at_half(s), s.u.back(), s.du.front(), s.error_estimate, s.nodes());
  CHECK(worst <= tol);
  CHECK(worst <= s.error_estimate);
  CHECK(std::fabs(s.du.front() - ref.slope_base) <= 100 * tol * std::fabs(ref.slope_base) + 1e-13);
}

Problem fin(double nr, double theta_s) {
  Problem p;
  p.nr = nr;
  p.theta_s = theta_s;
  return p;
}

}  // namespace

TEST_CASE("fd's sparse output meets the public fin values of math-notes section 7 at x = 0, 1/2, 1",
          "[fd][sparse]") {
  const reference::Values nr1{1.0, 0.82712541866088615805, 0.77914516206145981924,
                              -0.53398921072543626712};
  const reference::Values nr10{1.0, 0.62481519958953915480, 0.56604408245764727456,
                               -1.7958604874617909267};
  for (double tol : {1e-8, 1e-10, 1e-12}) {
    INFO("tol " << tol);
    require_sparse_meets(solve_fd(fin(1.0, 0.0), sparse_at(tol)), nr1, tol);
    require_sparse_meets(solve_fd(fin(10.0, 0.5), sparse_at(tol)), nr10, tol);
  }
}

TEST_CASE("fd's sparse output meets first-integral quadrature on stiff fins and every flux-type tip",
          "[fd][sparse]") {
  for (double nr : {1e-2, 1e2, 1e4, 1e6})
    for (double theta_s : {0.0, 0.6}) {
      const Problem p = fin(nr, theta_s);
      INFO("Nr " << nr << ", theta_s " << theta_s);
      require_sparse_meets(solve_fd(p, sparse_at(1e-8)), reference::first_integral(p), 1e-8);
    }
  for (const BoundaryCondition& tip :
       {BoundaryCondition::flux(0.3), BoundaryCondition::convective(2.0, 0.1),
        BoundaryCondition::radiative(1.5, 0.2)}) {
    const Problem p{5.0, 0.3, 1.0, 0.2, 0.5, BoundaryCondition::dirichlet(1.2), tip};
    INFO("tip " << to_string(tip));
    require_sparse_meets(solve_fd(p, sparse_at(1e-10)), reference::first_integral(p), 1e-10);
  }
}

TEST_CASE("every node of fd's sparse output meets the closed form for every pair of linear ends",
          "[fd][sparse]") {
  const std::vector<BoundaryCondition> kinds = {
      BoundaryCondition::dirichlet(0.6), BoundaryCondition::insulated(),
      BoundaryCondition::flux(0.4), BoundaryCondition::convective(1.5)};
  for (const BoundaryCondition& left : kinds)
    for (const BoundaryCondition& right : kinds) {
      const Problem p{0.0, 0.0, 3.0, 0.4, -0.7, left, right};
      INFO("left " << to_string(left) << ", right " << to_string(right));
      const Solution s = solve_fd(p, sparse_at(1e-10));
      REQUIRE(s.ok());
      const radbound_test::ClosedForm exact = radbound_test::linear_closed_form(p);
      double worst = 0.0;
      for (std::size_t i = 0; i < s.nodes(); ++i)
        worst = std::max(worst, std::fabs(s.u[i] - exact.u(s.x[i])));
      CHECK(worst <= 1e-10);
      CHECK(worst <= s.error_estimate);
    }
}

TEST_CASE("solve() asked for a sparse answer prints the same row as the dense answer, within tol",
          "[fd][sparse]") {
  radbound::SolveOptions sparse, dense;
  sparse.dense = false;
  for (double nr : {0.05, 3.0, 80.0}) {
    const Problem p = fin(nr, 0.3);
    const radbound::Summary a = summarize(p, radbound::solve(p, sparse));
    const radbound::Summary b = summarize(p, radbound::solve(p, dense));
    INFO("Nr " << nr);
    REQUIRE((a.status == "ok" && b.status == "ok"));
    CHECK(std::fabs(*a.u1 - *b.u1) <= *a.err_est + *b.err_est);
    CHECK(std::fabs(*a.u_mid - *b.u_mid) <= *a.err_est + *b.err_est);
    CHECK(*a.u1_lo <= *a.u1);
    CHECK(*a.u1 <= *a.u1_hi);
  }
}
