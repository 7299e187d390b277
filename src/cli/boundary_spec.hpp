// Boundary specs of SPEC §1, each numeric argument a GRID (grid.hpp):
//
//   SPEC := KIND (':' GRID)*
//   KIND := dirichlet (1 argument: V) | insulated (none) | flux (1: G)
//         | convective (1 or 2: BI[:THETA]) | radiative (1 or 2: R[:THETA])
//
// The GRID grammar has no ':', so the arguments are the text between colons, and every comma
// belongs to the grid of its argument: `convective:0.1,0.2:0.3` is BI in {0.1, 0.2} with
// THETA = 0.3, and `convective:linspace(0,2,5)` is five values of BI.
#pragma once

#include <string_view>
#include <vector>

#include "radbound/problem.hpp"

namespace radbound::cli {

// Every end condition the spec names, the Cartesian product of its argument grids with later
// arguments varying fastest. Throws SyntaxError for an unknown kind, a wrong number of arguments
// or a malformed grid.
std::vector<BoundaryCondition> parse_boundary_grid(std::string_view text);

}  // namespace radbound::cli
