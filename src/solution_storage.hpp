// The storage of solutions that recycle() handed back, kept per thread for the next solutions a
// solver returns there: a sweep that recycles its previous point's solution allocates nothing
// per point for the profile.
#pragma once

#include <vector>

namespace radbound::detail {

// Which of a recycled solution's vectors: the profile (x, u, du, d2u) or fd's levels.
enum class Spare { profile, fd_levels };

// A vector of that kind a recycled solution left, when there is one, else an empty one. Its size
// and values are the recycled ones: the caller resizes it and writes every value (keeping the size
// spares a zero fill when the next solution has as many nodes, as in most of a sweep).
std::vector<double> spare_vector(Spare kind);

// A copy of `from` in a spare vector.
std::vector<double> copy_into_spare(const std::vector<double>& from);

}  // namespace radbound::detail
