// Two doubles in one SSE2 register (GCC/Clang vector extension): one instruction computes both,
// with the same roundings as two scalar operations. For the finite-difference solver's row loops
// and the bounds' pieces; generic code takes a double or a DoublePair.
#pragma once

#include <cmath>
#include <cstring>
#include <limits>

namespace radbound::detail {

typedef double DoublePair __attribute__((vector_size(16)));

// p[0], p[1] from memory (no alignment needed).
inline DoublePair load_pair(const double* p) {
  DoublePair v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// v to p[0], p[1] (no alignment needed).
inline void store_pair(double* p, DoublePair v) { std::memcpy(p, &v, sizeof v); }

// {a[0], b[0]} and {a[1], b[1]}: the low and the high halves of two pairs, interleaved.
inline DoublePair low_halves(DoublePair a, DoublePair b) { return DoublePair{a[0], b[0]}; }
inline DoublePair high_halves(DoublePair a, DoublePair b) { return DoublePair{a[1], b[1]}; }

// |v|: the sign bits cleared (for a double, std::fabs: generic code takes either).
inline double magnitude(double v) { return std::fabs(v); }
inline DoublePair magnitude(DoublePair v) {
  typedef long long Bits __attribute__((vector_size(16)));
  constexpr long long kAllButSign = std::numeric_limits<long long>::max();
  return reinterpret_cast<DoublePair>(reinterpret_cast<Bits>(v) & Bits{kAllButSign, kAllButSign});
}

// The larger of a and b in each half (a where either is a NaN: the comparison is then false),
// and for doubles, as std::max.
inline DoublePair larger(DoublePair a, DoublePair b) { return a < b ? b : a; }
inline double larger(double a, double b) { return a < b ? b : a; }

}  // namespace radbound::detail
