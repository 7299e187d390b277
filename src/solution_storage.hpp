// The storage of solutions that recycle() handed back, kept per thread for the next solutions a
// solver returns there: a sweep that recycles its previous point's solution allocates nothing
// per point for the profile.
#pragma once

#include <vector>

namespace radbound::detail {

// An empty vector: one a recycled solution left (with its capacity) when there is one.
std::vector<double> spare_vector();

// A copy of `from` in a spare vector.
std::vector<double> copy_into_spare(const std::vector<double>& from);

}  // namespace radbound::detail
