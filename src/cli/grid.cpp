#include "grid.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace radbound::cli {

namespace {

constexpr std::size_t kMaxGridCount = 100'000'000;
const char* const kGridForms =
    "a number, a list such as 0.1,1,10, or linspace(a,b,n), logspace(a,b,n), geomspace(a,b,n)";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// Splits at the commas outside parentheses.
std::vector<std::string_view> split_items(std::string_view text) {
  std::vector<std::string_view> items;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth < 0) throw SyntaxError("unbalanced ')' in " + quoted(text));
    if (text[i] == ',' && depth == 0) {
      items.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (depth != 0) throw SyntaxError("unbalanced '(' in " + quoted(text));
  items.push_back(trim(text.substr(start)));
  return items;
}

std::vector<std::string_view> split_arguments(std::string_view inner) {
  std::vector<std::string_view> args;
  std::size_t start = 0;
  for (std::size_t comma; (comma = inner.find(',', start)) != std::string_view::npos;
       start = comma + 1)
    args.push_back(trim(inner.substr(start, comma - start)));
  args.push_back(trim(inner.substr(start)));
  return args;
}

std::vector<double> parse_sequence(std::string_view item) {
  const auto open = item.find('(');
  const std::string_view name = trim(item.substr(0, open));
  if (name != "linspace" && name != "logspace" && name != "geomspace")
    throw SyntaxError("unknown grid function " + quoted(name) +
                      ": accepted are linspace(a,b,n), logspace(a,b,n), geomspace(a,b,n)");
  if (item.back() != ')') throw SyntaxError(quoted(item) + " has text after its closing ')'");
  const auto args = split_arguments(item.substr(open + 1, item.size() - open - 2));
  if (args.size() != 3)
    throw SyntaxError(std::string(name) + " takes 3 arguments (a,b,n), found " +
                      std::to_string(args.size()) + " in " + quoted(item) + ", e.g. " +
                      std::string(name) + "(1,2,5)");
  const double a = parse_number(args[0]);
  const double b = parse_number(args[1]);
  std::size_t n = 0;
  try {
    n = parse_count(args[2], 1, kMaxGridCount);
  } catch (const SyntaxError& e) {
    throw SyntaxError("n in " + quoted(item) + ": " + e.what());
  }
  if (name == "linspace") return linspace(a, b, n);
  if (name == "logspace") return logspace(a, b, n);
  if (a == 0.0 || b == 0.0 || std::signbit(a) != std::signbit(b))
    throw SyntaxError("geomspace(a,b,n) needs a and b nonzero and of one sign, found " +
                      quoted(item));
  return geomspace(a, b, n);
}

}  // namespace

double parse_number(std::string_view text) {
  const std::string_view s = trim(text);
  std::string_view digits = s;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || (digits.front() == '-' && s.front() == '+') ||
      end != digits.data() + digits.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range))
    throw SyntaxError(quoted(s) +
                      " is not a number (accepted: a decimal number such as 2, "
                      "-0.5 or 1e-3)");
  // Beyond the range of double: read as strtod does (overflow to +-inf, underflow to 0).
  if (ec == std::errc::result_out_of_range)
    value = std::strtod(std::string(digits).c_str(), nullptr);
  return value;
}

std::size_t parse_count(std::string_view text, std::size_t min, std::size_t max) {
  const std::string_view s = trim(text);
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || end != s.data() + s.size() || ec != std::errc() || value < min || value > max)
    throw SyntaxError(quoted(s) + " is not accepted as a count: it must be a whole number from " +
                      std::to_string(min) + " to " + std::to_string(max));
  return value;
}

std::vector<double> parse_grid(std::string_view text) {
  if (trim(text).empty()) throw SyntaxError("empty value: accepted are " + std::string(kGridForms));
  std::vector<double> values;
  for (const std::string_view item : split_items(text)) {
    if (item.empty())
      throw SyntaxError("empty item in " + quoted(text) + " (a comma too many?): accepted are " +
                        kGridForms);
    if (item.find('(') == std::string_view::npos) {
      values.push_back(parse_number(item));
    } else if (values.empty()) {
      values = parse_sequence(item);  // its storage taken: a large grid is not copied (each
                                      // first touch of a page costs a fault)
    } else {
      const auto sequence = parse_sequence(item);
      values.insert(values.end(), sequence.begin(), sequence.end());
    }
  }
  return values;
}

std::vector<double> linspace(double a, double b, std::size_t n) {
  std::vector<double> y(n);
  const double delta = b - a;
  if (n == 1) {
    y[0] = 0.0 * delta + a;
    return y;
  }
  const double div = static_cast<double>(n - 1);
  const double step = delta / div;
  for (std::size_t i = 0; i < n; ++i) {
    const double k = static_cast<double>(i);
    // numpy divides first when the step underflows to zero (denormal deltas).
    y[i] = (step == 0.0 ? k / div * delta : k * step) + a;
  }
  y[n - 1] = b;
  return y;
}

std::vector<double> logspace(double a, double b, std::size_t n) {
  std::vector<double> y = linspace(a, b, n);
  for (double& v : y) v = std::pow(10.0, v);
  return y;
}

std::vector<double> geomspace(double a, double b, std::size_t n) {
  const double sign = std::signbit(a) ? -1.0 : 1.0;
  std::vector<double> y = logspace(std::log10(a / sign), std::log10(b / sign), n);
  y.front() = a / sign;
  if (n > 1) y.back() = b / sign;
  for (double& v : y) v *= sign;
  return y;
}

}  // namespace radbound::cli
