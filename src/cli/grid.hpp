// The GRID grammar of SPEC §2: the values a numeric model option takes in a sweep.
//
//   GRID  := ITEM (',' ITEM)*
//   ITEM  := NUMBER | NAME '(' NUMBER ',' NUMBER ',' COUNT ')'
//   NAME  := linspace | logspace | geomspace
//
// A NUMBER is a decimal floating-point literal (`1`, `-2.5`, `1e-3`; `nan` and `inf` are read so
// the model can refuse them as invalid values rather than malformed text); COUNT is a whole
// number >= 1. Blanks around tokens are ignored. The items are concatenated in order, so
// `0,linspace(1,2,3)` is 0, 1, 1.5, 2.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace radbound::cli {

// Malformed text. what() says what was found and what is accepted, without the option name,
// which the caller adds.
class SyntaxError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The whole of `text` as one NUMBER.
double parse_number(std::string_view text);

// The whole of `text` as a whole number in [min, max].
std::size_t parse_count(std::string_view text, std::size_t min, std::size_t max);

std::vector<double> parse_grid(std::string_view text);

// numpy's sequences, computed as numpy computes them with a correctly rounded libm: linspace is
// a + i*step with step = (b - a)/(n - 1) and the last value b exactly; logspace is 10^linspace;
// geomspace is 10^linspace(log10 a, log10 b) with both end values a and b exactly.
std::vector<double> linspace(double a, double b, std::size_t n);
std::vector<double> logspace(double a, double b, std::size_t n);
std::vector<double> geomspace(double a, double b, std::size_t n);

}  // namespace radbound::cli
