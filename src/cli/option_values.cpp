#include "option_values.hpp"

#include <algorithm>
#include <cmath>

namespace radbound::cli {

namespace {

constexpr Method kMethods[] = {Method::automatic, Method::fd, Method::shooting, Method::exact,
                               Method::none};

constexpr std::size_t kMaxPoints = 10'000'000;
constexpr std::size_t kMaxThreads = 4096;

// parse_count() with a message that says what the value means.
std::size_t parse_whole(std::string_view text, std::size_t min, std::size_t max,
                        const std::string& accepted) {
  try {
    return parse_count(text, min, max);
  } catch (const SyntaxError&) {
    throw SyntaxError(accepted);
  }
}

std::uint64_t shard_start(std::uint64_t size, std::uint64_t count, std::uint64_t i) {
  return i * (size / count) + std::min(i, size % count);
}

}  // namespace

Method parse_method(std::string_view text) {
  for (const Method m : kMethods)
    if (to_string(m) == text) return m;
  throw SyntaxError("unknown method: accepted are auto, fd, shooting, exact, none");
}

double parse_tolerance(std::string_view text) {
  const double tol = parse_number(text);
  if (!(std::isfinite(tol) && tol > 0.0))
    throw SyntaxError("the tolerance must be a finite number > 0, e.g. 1e-8");
  return tol;
}

int parse_precision(std::string_view text) {
  return static_cast<int>(parse_whole(
      text, 1, 17, "the precision must be a whole number of significant digits from 1 to 17"));
}

std::size_t parse_points(std::string_view text) {
  return parse_whole(text, 2, kMaxPoints,
                     fmt::format("the number of points must be a whole number from 2 (both "
                                 "ends) to {}",
                                 kMaxPoints));
}

unsigned parse_threads(std::string_view text) {
  return static_cast<unsigned>(parse_whole(
      text, 1, kMaxThreads,
      fmt::format("the number of threads must be a whole number from 1 to {}", kMaxThreads)));
}

Shard parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  const std::string accepted = "accepted is I/N with whole numbers 0 <= I < N, e.g. 0/4";
  if (slash == std::string_view::npos) throw SyntaxError(accepted);
  Shard shard;
  shard.count = parse_whole(text.substr(slash + 1), 1, std::uint64_t{1} << 53, accepted);
  shard.index = parse_whole(text.substr(0, slash), 0, shard.count - 1, accepted);
  return shard;
}

std::uint64_t Shard::begin(std::uint64_t size) const { return shard_start(size, count, index); }

std::uint64_t Shard::end(std::uint64_t size) const { return shard_start(size, count, index + 1); }

}  // namespace radbound::cli
