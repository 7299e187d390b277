#include "radbound/solve.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
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

// Every value of v finite. A double is not finite when its exponent bits are all ones; adding one
// to the exponent field then carries into the top bit. One pass of integer operations, which the
// compiler vectorizes (a per-value std::isfinite test costs twice as many instructions).
bool all_finite(const std::vector<double>& v) {
  constexpr std::uint64_t kExponent = 0x7ff0000000000000, kExponentOne = 0x0010000000000000;
  std::uint64_t carries = 0;
  for (const double x : v) {
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    carries |= (bits & kExponent) + kExponentOne;
  }
  return (carries >> 63) == 0;
}

// A method that says ok but hands back a non-finite value has failed, whichever method it is.
void fail_as_non_finite(Solution& s) {
  s.status = Status::failed;
  s.message = "non-finite values";
}

// The solution of `method`: fd, shooting or exact (the last two always cover the interval).
Solution run(Method method, const Problem& problem, const SolveOptions& options,
             const Solution* guess) {
  if (method == Method::fd) {
    FdOptions fd{options.tol};
    fd.coverage = options.coverage;
    return solve_fd(problem, fd, guess);
  }
  if (method == Method::shooting) return solve_shooting(problem, ShootingOptions{options.tol});
  return solve_exact(problem, ExactOptions{options.tol});
}

// The solution of `method` (fd, shooting or exact), its values checked finite.
Solution solve_by(Method method, const Problem& problem, const SolveOptions& options,
                  const Solution* guess) {
  Solution s = run(method, problem, options, guess);
  if (s.ok() && !(all_finite(s.u) && all_finite(s.du))) fail_as_non_finite(s);
  return s;
}

// finish_ends() changes the end values only: a checked solution needs only those checked again.
void recheck_ends(Solution& s) {
  if (s.ok() && !s.u.empty() &&
      !(std::isfinite(s.u.front()) && std::isfinite(s.u.back()) && std::isfinite(s.du.front()) &&
        std::isfinite(s.du.back())))
    fail_as_non_finite(s);
}

// The methods auto tries, in order.
struct Attempts {
  std::array<Method, 3> methods;
  std::size_t count;
};

// Fastest for the case first, shooting last (slowest, but it handles every end pair).
Attempts automatic_order(const Problem& problem, double tol) {
  if (exact_first(problem, tol)) return {{Method::exact, Method::fd, Method::shooting}, 3};
  if (exact_applies(problem)) return {{Method::fd, Method::exact, Method::shooting}, 3};
  return {{Method::fd, Method::shooting}, 2};
}

// Method::automatic: each method of automatic_order until one vouches for tol (with finite
// values). The solution names the method that answered; when none did, the last attempt's
// status, with every method's reason. (One Solution object throughout: it is returned without
// a move.)
Solution solve_automatic(const Problem& problem, const SolveOptions& options,
                         const Solution* guess) {
  const Attempts attempts = automatic_order(problem, options.tol);
  Solution s = solve_by(attempts.methods[0], problem, options, guess);
  std::string reasons;
  for (std::size_t next = 1; !s.ok(); ++next) {
    reasons += (reasons.empty() ? "" : "; ") + s.method + ": " + s.message;
    if (next == attempts.count) {
      s.message = "no method met tol (" + reasons + ")";
      return s;
    }
    s = solve_by(attempts.methods[next], problem, options, guess);
  }
  // Whichever method answered, the end nodes satisfy their conditions exactly (a tiny flux
  // through an end keeps its relative accuracy).
  finish_ends(problem, s);
  recheck_ends(s);
  return s;
}

// Method::none: bounds only, no numbers.
Solution without_numbers() {
  Solution none;
  none.status = Status::ok;
  none.method = "none";
  return none;
}

Solution solution_of(const Problem& problem, const SolveOptions& options, const Solution* guess) {
  if (options.method == Method::automatic) return solve_automatic(problem, options, guess);
  if (options.method == Method::none) return without_numbers();
  return solve_by(options.method, problem, options, guess);
}

// Whether some value has its sign bit set (a negative number or -0). One pass of integer ORs,
// which the compiler vectorizes (a search for the least value compares one value at a time).
bool any_sign_bit(const std::vector<double>& v) {
  std::uint64_t bits_or = 0;
  for (const double x : v) {
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    bits_or |= bits;
  }
  return (bits_or >> 63) != 0;
}

// Absolute temperatures below zero (beyond the error estimate) are not a physical answer. With
// every u >= +0 none is below -error_estimate <= 0: the least u is looked for only otherwise.
void flag_unphysical(Solution& s) {
  if (!s.ok() || s.u.empty() || (s.error_estimate >= 0.0 && !any_sign_bit(s.u))) return;
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
  Result result{solution_of(problem, options, guess), {}};
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
  out.status = s.status;
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
