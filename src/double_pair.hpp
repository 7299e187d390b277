// Two doubles in one SSE2 register (GCC/Clang vector extension): one instruction computes both,
// with the same roundings as two scalar operations. For the finite-difference solver's row loops
// and the bounds' pieces; generic code takes a double or a DoublePair.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

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

// Generic helpers: T is a double, or a DoublePair for two doubles at once.
// v in a double, or in both halves of a DoublePair.
template <class T>
T filled(double v) {
  if constexpr (std::is_same_v<T, double>) {
    return v;
  } else {
    return T{v, v};
  }
}
// The result of comparing two DoublePairs: all bits set in a half where the comparison holds.
using PairMask = decltype(DoublePair{} < DoublePair{});
// Whether a comparison holds in both halves.
inline bool both(PairMask m) { return (m[0] & m[1]) != 0; }
// x[i] in a double, or x[i], x[i + 1] in a DoublePair.
template <class T>
T at(const double* x, int i) {
  if constexpr (std::is_same_v<T, double>) {
    return x[i];
  } else {
    return load_pair(x + i);
  }
}
inline double root(double v) { return std::sqrt(v); }
// Both square roots, correctly rounded as std::sqrt (in one instruction with SSE2).
inline DoublePair root(DoublePair v) {
#if defined(__SSE2__)
  return _mm_sqrt_pd(v);
#else
  return DoublePair{std::sqrt(v[0]), std::sqrt(v[1])};
#endif
}

}  // namespace radbound::detail
