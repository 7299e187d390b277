#include "shortest.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstring>

namespace radbound::cli {

namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "eight_digits lays its digits out for a little-endian store");

// fmt writes the digits in fixed notation when the decimal exponent of the first digit is in
// [kFixedLowest, kFixedEnd), else as d.ddde±XX.
constexpr int kFixedLowest = -4;
constexpr int kFixedEnd = 16;

constexpr std::uint32_t kTenToEight = 100000000;

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

void store_eight(char* out, std::uint32_t n) {
  const std::uint64_t text = eight_digits(n);
  std::memcpy(out, &text, sizeof text);
}

// Fixed-size copies: a register move each, where a copy of the exact length is a call. The bytes
// past the text are overwritten by what follows it or cut off with the row.
void copy16(char* out, const char* in) { std::memcpy(out, in, 16); }

// The `count` digits of `significand` (< 10^17), written so that they end at `end`; returns
// their start. Up to 16 bytes before the start may be overwritten.
const char* write_significand(char* end, std::uint64_t significand, int count) {
  const auto low = static_cast<std::uint32_t>(significand % kTenToEight);
  store_eight(end - 8, low);
  if (count > 8) {
    const std::uint64_t high = significand / kTenToEight;  // < 10^9
    store_eight(end - 16, static_cast<std::uint32_t>(high % kTenToEight));
    end[-17] = static_cast<char>('0' + high / kTenToEight);
  }
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
  if (v == 0) {
    *out = '0';
    return out + 1;
  }
  // fmt's own shortest digits (Dragonbox), so the digits are those of "{}" by construction.
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
