#include "shortest.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstring>

namespace radbound::cli {

namespace {

// fmt writes the digits in fixed notation when the decimal exponent of the first digit is in
// [kFixedLowest, kFixedEnd), else as d.ddde±XX.
constexpr int kFixedLowest = -4;
constexpr int kFixedEnd = 16;

constexpr char kDigitPairs[] =
    "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546"
    "4748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293"
    "949596979899";

constexpr std::uint64_t kPowersOfTen[] = {1,
                                          10,
                                          100,
                                          1000,
                                          10000,
                                          100000,
                                          1000000,
                                          10000000,
                                          100000000,
                                          1000000000,
                                          10000000000,
                                          100000000000,
                                          1000000000000,
                                          10000000000000,
                                          100000000000000,
                                          1000000000000000,
                                          10000000000000000,
                                          100000000000000000,
                                          1000000000000000000,
                                          10000000000000000000u};

// Decimal digits of n > 0: from its bit length (log10 2 ~ 1233/4096), corrected by one compare.
int digit_count(std::uint64_t n) {
  const int bits = 64 - __builtin_clzll(n);
  const int t = (bits * 1233) >> 12;
  return t + (n >= kPowersOfTen[t] ? 1 : 0);
}

void write_pair(char* out, std::uint32_t n) { std::memcpy(out, kDigitPairs + 2 * n, 2); }

// Writes the decimal digits of n so that they end at `end`: eight at a time in 32-bit
// arithmetic (n has at most 17), then two at a time.
void write_digits(char* end, std::uint64_t n) {
  while (n >= 100000000) {
    const auto low = static_cast<std::uint32_t>(n % 100000000);
    n /= 100000000;
    const std::uint32_t high4 = low / 10000, low4 = low % 10000;
    write_pair(end - 2, low4 % 100);
    write_pair(end - 4, low4 / 100);
    write_pair(end - 6, high4 % 100);
    write_pair(end - 8, high4 / 100);
    end -= 8;
  }
  auto m = static_cast<std::uint32_t>(n);
  for (; m >= 100; m /= 100) {
    end -= 2;
    write_pair(end, m % 100);
  }
  if (m >= 10)
    write_pair(end - 2, m);
  else
    end[-1] = static_cast<char>('0' + m);
}

// d[.ddd]e±XX with at least two exponent digits.
char* write_exponential(char* out, std::uint64_t digits, int count, int exponent) {
  write_digits(out + 1 + count, digits);
  out[0] = out[1];
  if (count > 1) {
    out[1] = '.';
    out += count + 1;
  } else {
    out += 1;
  }
  *out++ = 'e';
  *out++ = exponent < 0 ? '-' : '+';
  const int e = exponent < 0 ? -exponent : exponent;
  if (e >= 100) *out++ = static_cast<char>('0' + e / 100);
  write_pair(out, static_cast<std::uint32_t>(e % 100));
  return out + 2;
}

// digits * 10^exponent in fixed notation, without trailing zeros after the point.
char* write_fixed(char* out, std::uint64_t digits, int count, int exponent) {
  if (exponent >= 0) {
    write_digits(out + count, digits);
    std::memset(out + count, '0', static_cast<std::size_t>(exponent));
    return out + count + exponent;
  }
  const int whole = count + exponent;  // digits before the point
  if (whole > 0) {
    write_digits(out + 1 + count, digits);
    std::memmove(out, out + 1, static_cast<std::size_t>(whole));
    out[whole] = '.';
    return out + count + 1;
  }
  const int zeros = -whole;  // after "0."
  out[0] = '0';
  out[1] = '.';
  std::memset(out + 2, '0', static_cast<std::size_t>(zeros));
  write_digits(out + 2 + zeros + count, digits);
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
  const int count = digit_count(decimal.significand);
  const int first = decimal.exponent + count - 1;  // decimal exponent of the first digit
  if (first < kFixedLowest || first >= kFixedEnd)
    return write_exponential(out, decimal.significand, count, first);
  return write_fixed(out, decimal.significand, count, decimal.exponent);
}

}  // namespace radbound::cli
