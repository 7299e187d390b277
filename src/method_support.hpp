// Helpers shared by the exact and shooting methods: reading a problem from its other end,
// pinning a flux end's temperature, finishing a solution.
#pragma once

#include "radbound/problem.hpp"
#include "radbound/solution.hpp"

namespace radbound {

// The same problem seen through x → 1 − x: the ends swap.
Problem mirrored(Problem problem);

// A solution of mirrored(p), read back as a solution of p.
Solution reflected(Solution solution);

// The problem with its flux-type right end replaced by Dirichlet at `tip`: where the right end
// sits in a thin layer in front of a flat stretch, the search for its temperature pins it to a
// few ulps while the profile is better computed from the interior outward.
Problem with_pinned_right(Problem problem, double tip);

// How far the pinned temperature can be from the true one, judged by the heat balance the
// solution of with_pinned_right() leaves at that end: |u'(1) + g(u(1))| over the end's
// stiffness √f'(u(1)) + g'(u(1)) (how fast that residual changes with the end temperature).
double pinned_right_error(const Problem& problem, const Solution& pinned);

// Sets u at Dirichlet ends to their exact values (the methods land there to rounding; a printed
// end value should be the one the user gave) and refreshes u'' there.
void pin_dirichlet_ends(const Problem& problem, Solution& solution);

}  // namespace radbound
