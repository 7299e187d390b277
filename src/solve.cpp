#include "radbound/solve.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "radbound/exact.hpp"
#include "radbound/fd.hpp"
#include "radbound/shooting.hpp"
#include "method_support.hpp"

namespace radbound {

namespace {

// Whether exact is the fastest method meeting tol, from bench/bench_methods (CPU time per solve,
// every end kind, per decade of Nr), re-measured after fd's speed-up: fd wins at every Nr at tol
// 1e-8 (e.g. 355 vs 744 us at Nr = 1e6) and below Nr = 1e6 at tol 1e-12; exact wins above (its
// cost barely grows with Nr; fd's mesh does). Exact needs a Dirichlet end.
bool exact_first(const Problem& problem, double tol) {
  return tol < 1e-10 && problem.nr >= 1e6 && exact_applies(problem);
}

// A method that says ok but hands back a non-finite value has failed, whichever method it is.
void fail_as_non_finite(Solution& s) {
  s.status = Status::failed;
  s.message = "non-finite values";
}

// The solution `solve` returns, its values checked finite. The method runs here so that the
// check works on the returned object itself (no move of the solution in and out).
template <class Solve>
Solution checked(const Solve& solve) {
  Solution s = solve();
  const auto finite = [](double v) { return std::isfinite(v); };
  if (s.ok() && !(std::all_of(s.u.begin(), s.u.end(), finite) &&
                  std::all_of(s.du.begin(), s.du.end(), finite)))
    fail_as_non_finite(s);
  return s;
}

// finish_ends() changes the end values only: a checked solution needs only those checked again.
void recheck_ends(Solution& s) {
  if (s.ok() && !s.u.empty() &&
      !(std::isfinite(s.u.front()) && std::isfinite(s.u.back()) && std::isfinite(s.du.front()) &&
        std::isfinite(s.du.back())))
    fail_as_non_finite(s);
}

Solution run_method(const Problem& problem, const SolveOptions& options, const Solution* guess);

// The methods auto tries, fastest for the case first, shooting last (slowest, but it handles
// every end pair); Method::none fills the unused place.
std::array<Method, 3> automatic_order(const Problem& problem, double tol) {
  if (exact_first(problem, tol)) return {Method::exact, Method::fd, Method::shooting};
  if (exact_applies(problem)) return {Method::fd, Method::exact, Method::shooting};
  return {Method::fd, Method::shooting, Method::none};
}

// Method::automatic: each method of automatic_order until one vouches for tol (with finite
// values). The solution names the method that answered; when none did, the last attempt's
// status, with every method's reason.
Solution solve_automatic(const Problem& problem, const SolveOptions& options,
                         const Solution* guess) {
  SolveOptions one = options;
  std::string reasons;
  Solution last;
  for (const Method method : automatic_order(problem, options.tol)) {
    if (method == Method::none) break;
    one.method = method;
    last = run_method(problem, one, guess);
    if (last.ok()) {
      // Whichever method answered, the end nodes satisfy their conditions exactly (a tiny flux
      // through an end keeps its relative accuracy).
      finish_ends(problem, last);
      recheck_ends(last);
      return last;
    }
    reasons += (reasons.empty() ? "" : "; ") + last.method + ": " + last.message;
  }
  last.message = "no method met tol (" + reasons + ")";
  return last;
}

// The solution of the chosen method, its values checked finite (auto checks each method's).
Solution run_method(const Problem& problem, const SolveOptions& options, const Solution* guess) {
  switch (options.method) {
    case Method::automatic:
      return solve_automatic(problem, options, guess);
    case Method::fd:
      return checked([&] { return solve_fd(problem, FdOptions{options.tol}, guess); });
    case Method::shooting:
      return checked([&] { return solve_shooting(problem, ShootingOptions{options.tol}); });
    case Method::exact:
      return checked([&] { return solve_exact(problem, ExactOptions{options.tol}); });
    case Method::none:
      break;
  }
  Solution none;
  none.status = Status::ok;
  none.method = "none";
  return none;
}

// Absolute temperatures below zero (beyond the error estimate) are not a physical answer.
void flag_unphysical(Solution& s) {
  if (!s.ok() || s.u.empty()) return;
  const double lowest = *std::min_element(s.u.begin(), s.u.end());
  if (lowest < -s.error_estimate) {
    s.status = Status::unphysical;
    s.message = "the solution takes negative absolute temperatures (min u = " +
                std::to_string(lowest) + ")";
  }
}

// Base heat flow over that of an ideal fin at the base temperature throughout:
// -u'(0) / (f(V) + g_right(V)). Defined for a Dirichlet base and a flux-type tip that loses heat.
std::optional<double> fin_efficiency(const Problem& p, double du0) {
  if (!p.left.is_dirichlet() || p.right.is_dirichlet()) return std::nullopt;
  const double v = p.left.value;
  const double ideal = p.f(v) + p.outward_flux(p.right, v);
  if (!(ideal > 0.0)) return std::nullopt;
  return -du0 / ideal;
}

}  // namespace

std::string to_string(Method method) {
  switch (method) {
    case Method::automatic:
      return "auto";
    case Method::fd:
      return "fd";
    case Method::shooting:
      return "shooting";
    case Method::exact:
      return "exact";
    case Method::none:
      return "none";
  }
  return "auto";
}

void SolveOptions::check_param() const { check_tolerance(tol); }

Result solve(const Problem& problem, const SolveOptions& options, const Solution* guess) {
  problem.check_param();
  options.check_param();
  Result result{run_method(problem, options, guess), {}};
  // The solution only chooses where the bounds put their tangent points (they come out tighter,
  // and cheaper); every bound is still checked on its own. (The problem is checked above.)
  const Solution* near = result.solution.ok() ? &result.solution : nullptr;
  result.bounds = detail::bounds_of_valid(problem, near);
  flag_unphysical(result.solution);
  return result;
}

Summary summarize(const Problem& problem, const Result& result) {
  const Solution& s = result.solution;
  const Bounds& b = result.bounds;
  Summary out;
  out.status = to_string(s.status);
  out.method = s.method;
  out.u0_lo = b.lower(0.0);
  out.u0_hi = b.upper(0.0);
  out.u1_lo = b.lower(1.0);
  out.u1_hi = b.upper(1.0);
  out.du0_lo = b.slope_lower_at_left();
  out.du0_hi = b.slope_upper_at_left();
  out.gap = b.max_gap();
  if (!s.ok() || s.u.empty()) return out;
  out.u0 = s.u.front();
  out.u1 = s.u.back();
  out.du0 = s.du.front();
  out.du1 = s.du.back();
  out.u_mid = s.value(0.5);
  out.efficiency = fin_efficiency(problem, s.du.front());
  out.err_est = s.error_estimate;
  return out;
}

}  // namespace radbound
