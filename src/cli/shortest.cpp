#include "shortest.hpp"

#include <fmt/format.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cmath>
#include <cstdint>
#include <cstring>

namespace radbound::cli {

namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the digits are laid out for a little-endian store");

// fmt writes the digits in fixed notation when the decimal exponent of the first digit is in
// [kFixedLowest, kFixedEnd), else as d.ddde±XX.
constexpr int kFixedLowest = -4;
constexpr int kFixedEnd = 16;

constexpr std::uint32_t kTenToEight = 100000000;
constexpr std::uint64_t kTenToSixteen = 10000000000000000;

#if !defined(__SSE2__)
// The eight decimal digits of n < 10^8 (leading zeros included) as the ASCII bytes of one word,
// the first digit in the lowest byte. All lanes are split at once (P. Khuong's method): n into
// halves of four digits, each half into pairs (x * 10486 >> 20 is x / 100 for x < 10^4), each
// pair into digits (x * 103 >> 10 is x / 10 for x < 100). Checked for every n < 10^8 when
// written; the test suite writes every group of four digits in both halves.
std::uint64_t eight_digits(std::uint32_t n) {
  const std::uint64_t halves = n / 10000 | std::uint64_t{n % 10000} << 32;
  const std::uint64_t hundreds = (halves * 10486 >> 20) & 0x0000007f0000007f;
  const std::uint64_t pairs = (halves - 100 * hundreds) << 16 | hundreds;
  const std::uint64_t tens = (pairs * 103 >> 10) & 0x000f000f000f000f;
  const std::uint64_t units = pairs - 10 * tens;
  return (tens | units << 8) | 0x3030303030303030;
}
#endif

// The sixteen decimal digits of n < 10^16 (leading zeros included), in ASCII at out[0, 16).
// With SSE2 (every x86-64) the method of eight_digits runs on all sixteen at once: n into two
// halves of eight digits, each into two groups of four (q * 10000 + r, q = x * 0xd1b71759 >> 45),
// each group into pairs (x / 100 = (x * 5243 >> 16) >> 3 for x < 10^4), each pair into digits:
// about 40 instructions, against 66 for two words. Checked for every group of eight digits in
// both halves when written; the test suite writes every group of four digits in each place.
void store_sixteen(char* out, std::uint64_t n) {
#if defined(__SSE2__)
  const auto high = static_cast<long long>(n / kTenToEight);
  const auto low = static_cast<long long>(n % kTenToEight);
  const __m128i halves = _mm_set_epi64x(low, high);
  const __m128i q = _mm_srli_epi64(_mm_mul_epu32(halves, _mm_set1_epi32(-776530087)), 45);
  const __m128i r = _mm_sub_epi32(halves, _mm_mul_epu32(q, _mm_set1_epi32(10000)));
  const __m128i groups = _mm_or_si128(q, _mm_slli_epi64(r, 32));  // one per 32-bit lane
  const __m128i hundreds = _mm_srli_epi16(_mm_mulhi_epu16(groups, _mm_set1_epi16(5243)), 3);
  const __m128i below = _mm_sub_epi16(groups, _mm_mullo_epi16(hundreds, _mm_set1_epi16(100)));
  const __m128i pairs = _mm_or_si128(hundreds, _mm_slli_epi32(below, 16));  // one per 16 bits
  const __m128i tens = _mm_srli_epi16(_mm_mullo_epi16(pairs, _mm_set1_epi16(103)), 10);
  const __m128i units = _mm_sub_epi16(pairs, _mm_mullo_epi16(tens, _mm_set1_epi16(10)));
  const __m128i text = _mm_or_si128(_mm_or_si128(tens, _mm_slli_epi16(units, 8)),
                                    _mm_set1_epi8('0'));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), text);
#else
  const std::uint64_t high = eight_digits(static_cast<std::uint32_t>(n / kTenToEight));
  const std::uint64_t low = eight_digits(static_cast<std::uint32_t>(n % kTenToEight));
  std::memcpy(out, &high, sizeof high);
  std::memcpy(out + 8, &low, sizeof low);
#endif
}

// Fixed-size copies: a register move each, where a copy of the exact length is a call. The bytes
// past the text are overwritten by what follows it or cut off with the row.
void copy16(char* out, const char* in) { std::memcpy(out, in, 16); }

// The `count` digits of `significand` (< 10^17), written so that they end at `end`; returns
// their start. The 17 bytes before `end` are written.
const char* write_significand(char* end, std::uint64_t significand, int count) {
  store_sixteen(end - 16, significand % kTenToSixteen);
  end[-17] = static_cast<char>('0' + significand / kTenToSixteen);
  return end - count;
}

// d[.ddd]e±XX with at least two exponent digits.
char* write_exponential(char* out, const char* digits, int count, int exponent) {
  out[0] = digits[0];
  if (count > 1) {
    out[1] = '.';
    copy16(out + 2, digits + 1);
    out += count + 1;
  } else {
    out += 1;
  }
  *out++ = 'e';
  *out++ = exponent < 0 ? '-' : '+';
  const int e = exponent < 0 ? -exponent : exponent;
  if (e >= 100) *out++ = static_cast<char>('0' + e / 100);
  std::memcpy(out, fmt::detail::digits2(static_cast<std::size_t>(e % 100)), 2);
  return out + 2;
}

// digits * 10^exponent in fixed notation, without trailing zeros after the point.
char* write_fixed(char* out, const char* digits, int count, int exponent) {
  if (exponent >= 0) {  // a whole number of at most 16 digits
    copy16(out, digits);
    copy16(out + count, "0000000000000000");
    return out + count + exponent;
  }
  const int whole = count + exponent;  // digits before the point
  if (whole > 0) {
    copy16(out, digits);
    out[whole] = '.';
    copy16(out + whole + 1, digits + whole);
    return out + count + 1;
  }
  const int zeros = -whole;  // after "0.", at most 3
  std::memcpy(out, "0.000000", 8);
  std::memcpy(out + 2 + zeros, digits, 17);
  return out + 2 + zeros + count;
}

}  // namespace

char* write_shortest(char* out, double v) {
  if (std::signbit(v)) {
    *out++ = '-';
    v = -v;
  }
  // fmt's own shortest digits (Dragonbox), so the digits are those of "{}" by construction. Zero
  // needs no case of its own: its digits are the significand 0 at exponent 0, laid out as "0".
  const auto decimal = fmt::detail::dragonbox::to_decimal(v);
  const int count = fmt::detail::count_digits(decimal.significand);
  char buffer[48];  // the digits end at buffer + 24: room for 17 and for copying 16 past them
  const char* const digits = write_significand(buffer + 24, decimal.significand, count);
  const int first = decimal.exponent + count - 1;  // decimal exponent of the first digit
  if (first < kFixedLowest || first >= kFixedEnd)
    return write_exponential(out, digits, count, first);
  return write_fixed(out, digits, count, decimal.exponent);
}

}  // namespace radbound::cli
