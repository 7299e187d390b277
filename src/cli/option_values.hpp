// The values of the non-model options, parsed strictly. Each parser throws SyntaxError saying what
// is accepted; parse_option() turns that into a one-line usage error naming the option.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "exit_code.hpp"
#include "grid.hpp"
#include "radbound/solve.hpp"

namespace radbound::cli {

// parse(text); a SyntaxError becomes CliError(exit_usage): "OPTION TEXT: what is accepted".
template <class Parse>
auto parse_option(std::string_view option, const std::string& text, Parse parse)
    -> decltype(parse(text)) {
  try {
    return parse(text);
  } catch (const SyntaxError& e) {
    throw CliError(exit_usage, fmt::format("{} {}: {}", option, text, e.what()));
  }
}

Method parse_method(std::string_view text);       // auto|fd|shooting|exact|none
double parse_tolerance(std::string_view text);    // finite, > 0
int parse_precision(std::string_view text);       // 1..17 significant digits
std::size_t parse_points(std::string_view text);  // >= 2: both ends
unsigned parse_threads(std::string_view text);    // >= 1

// --shard I/N: the I-th (0-based) of N contiguous parts of the product.
struct Shard {
  std::uint64_t index = 0, count = 1;
  // The rows [begin, end) of this shard of a product of `size` points: the first size % count
  // shards hold one row more than the others.
  std::uint64_t begin(std::uint64_t size) const;
  std::uint64_t end(std::uint64_t size) const;
};
Shard parse_shard(std::string_view text);

}  // namespace radbound::cli
