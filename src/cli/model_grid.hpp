// The MODEL options of SPEC §2 and the Cartesian product of their grids.
//
// Product order (documented in docs/cli.md): the options in SPEC's MODEL order --nr, --theta-s,
// --nc, --theta-inf, --q, --left, --right, later ones varying fastest; inside a boundary spec the
// later arguments vary fastest. Point `index` is the mixed-radix number with those digits.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "radbound/problem.hpp"

namespace radbound::cli {

// The text of each MODEL option as given, with SPEC's defaults.
struct ModelText {
  std::string nr = "1";
  std::string theta_s = "0";
  std::string nc = "0";
  std::string theta_inf = "0";
  std::string q = "0";
  std::string left = "dirichlet:1";
  std::string right = "insulated";
};

// The command-line option ("--theta-s") of a model field ("theta_s") as ParameterError names it.
std::string_view option_of_field(std::string_view field);

// One point of the product: the problem and the canonical spec text of its two ends.
struct GridPoint {
  Problem problem;
  std::string_view left, right;
};

class ModelGrid {
 public:
  // Throws CliError(exit_usage) naming the option whose text is malformed.
  explicit ModelGrid(const ModelText& text);

  std::uint64_t size() const { return size_; }
  // How many values each axis takes, in product order (--nr first, --right last).
  const std::array<std::size_t, 7>& extents() const { return extent_; }
  GridPoint at(std::uint64_t index) const;

  // Throws CliError(exit_invalid) naming the option and value of the first point the model
  // refuses (negative or non-finite values, ill-posed problems).
  void validate() const;

  // Throws CliError(exit_usage) unless every option holds a single value (the solve command).
  void require_single_point() const;

  // The longest canonical spec text of the left and right ends (for aligned tables).
  std::size_t widest_boundary_label() const;

  // The values of a numeric model field ("nr", "theta_s", "nc", "theta_inf", "q").
  const std::vector<double>& values(std::string_view field) const;

 private:
  static constexpr std::size_t kAxes = 7;  // nr, theta_s, nc, theta_inf, q, left, right

  ModelText text_;
  std::vector<double> nr_, theta_s_, nc_, theta_inf_, q_;
  std::vector<BoundaryCondition> left_, right_;
  std::vector<std::string> left_labels_, right_labels_;
  std::array<std::size_t, kAxes> extent_{};
  std::uint64_t size_ = 1;

  std::array<std::size_t, kAxes> digits(std::uint64_t index) const;
  std::string_view text_of_field(std::string_view field) const;
};

}  // namespace radbound::cli
