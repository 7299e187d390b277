// Rigorous analytical bounds: closed-form sub- and super-solutions and their envelopes.
//
// bounds(problem) brackets the exact solution u of the boundary-value problem between a lower and
// an upper bound function, built without solving the nonlinear problem: constant bounds from the
// maximum principle, the classic parabola and semi-infinite-fin forms where they apply, and
// piecewise-exponential comparison functions (tangent lines of the convex source give
// super-solutions, chords give sub-solutions). The tangent points and chord ranges are read from
// an approximate solution when one is given (`near`), else refined a few times from a constant
// start. They only decide how tight the bounds are: every comparison function is checked in ball
// arithmetic before it is used, whatever chose it, and all printed values are rounded outward.
// docs/bounds.md states and proves each bound.
#pragma once

#include <memory>
#include <optional>

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

class Bounds;

namespace detail {
struct BoundsState;
// bounds() without its check_param(): for solve(), which has validated the problem already.
Bounds bounds_of_valid(const Problem& problem, const Solution* near);
}  // namespace detail

// u_lo(x) <= u(x) <= u_hi(x) for the exact solution u. An empty optional is a bound that could not
// be established for this problem (never a guess).
class Bounds {
 public:
  // Bounds on u(x) for x in [0, 1]; empty outside [0, 1].
  std::optional<double> lower(double x) const;
  std::optional<double> upper(double x) const;
  // Derivatives of the bound functions themselves (of the member of the envelope active at x):
  // for plotting and for starting a solver; they are not bounds on u'(x).
  std::optional<double> lower_slope(double x) const;
  std::optional<double> upper_slope(double x) const;
  // Bounds on u'(0) (the base heat flow of a fin): at a Dirichlet left end from the ordering of
  // the bound functions, which all take the Dirichlet value there; at a flux-type left end from
  // u'(0) = g(u(0)) with g nondecreasing.
  std::optional<double> slope_lower_at_left() const;
  std::optional<double> slope_upper_at_left() const;
  // An upper bound of sup over x of (upper(x) - lower(x)), certified from the closed forms
  // (not sampled).
  std::optional<double> max_gap() const;
  // Bounds on the fin efficiency -u'(0) / (f(V) + g_right(V)) (the base heat flow over that of a
  // fin at the base temperature V throughout): for a Dirichlet left end and a flux-type right end
  // whose ideal heat flow f(V) + g_right(V) is certified positive; empty otherwise.
  std::optional<double> efficiency_lower() const;
  std::optional<double> efficiency_upper() const;

 private:
  friend Bounds detail::bounds_of_valid(const Problem& problem, const Solution* near);
  std::shared_ptr<const detail::BoundsState> state_;
};

// `near` (optional) is an approximate solution of this problem, e.g. the numerical one: when it is
// usable (ok(), at least two nodes, finite) the mesh, tangent points and chord ranges are read from
// it, which is faster and about as tight. It is never used as a bound, so the result is valid
// whatever it contains; an unusable `near`, or one whose comparison functions fail their checks,
// gives exactly the result without it. Throws ParameterError for a problem that check_param()
// rejects.
Bounds bounds(const Problem& problem, const Solution* near = nullptr);

}  // namespace radbound
