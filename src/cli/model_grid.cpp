#include "model_grid.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "boundary_spec.hpp"
#include "exit_code.hpp"
#include "grid.hpp"
#include "option_values.hpp"

namespace radbound::cli {

namespace {

// 2^53: every index stays exact in a double (JSON readers, pandas).
constexpr std::uint64_t kMaxPoints = std::uint64_t{1} << 53;

struct FieldOption {
  std::string_view field, option;
};

// The seven model axes in product order, then the solver options.
constexpr FieldOption kFieldOptions[] = {
    {"nr", "--nr"}, {"theta_s", "--theta-s"}, {"nc", "--nc"},       {"theta_inf", "--theta-inf"},
    {"q", "--q"},   {"left", "--left"},       {"right", "--right"}, {"tol", "--tol"},
};

std::vector<std::string> labels(const std::vector<BoundaryCondition>& ends) {
  std::vector<std::string> out;
  for (const BoundaryCondition& bc : ends) out.push_back(to_string(bc));
  return out;
}

}  // namespace

std::string_view option_of_field(std::string_view field) {
  for (const FieldOption& f : kFieldOptions)
    if (f.field == field) return f.option;
  return field;
}

ModelGrid::ModelGrid(const ModelText& text)
    : text_(text),
      nr_(parse_option("--nr", text.nr, parse_grid)),
      theta_s_(parse_option("--theta-s", text.theta_s, parse_grid)),
      nc_(parse_option("--nc", text.nc, parse_grid)),
      theta_inf_(parse_option("--theta-inf", text.theta_inf, parse_grid)),
      q_(parse_option("--q", text.q, parse_grid)),
      left_(parse_option("--left", text.left, parse_boundary_grid)),
      right_(parse_option("--right", text.right, parse_boundary_grid)),
      left_labels_(labels(left_)),
      right_labels_(labels(right_)),
      extent_{nr_.size(), theta_s_.size(), nc_.size(),   theta_inf_.size(),
              q_.size(),  left_.size(),    right_.size()} {
  for (const std::size_t n : extent_) {
    if (n > kMaxPoints / size_)
      throw CliError(exit_usage, fmt::format("the sweep has more than 2^53 points; accepted are "
                                             "grids whose product is at most 2^53"));
    size_ *= n;
  }
}

std::array<std::size_t, ModelGrid::kAxes> ModelGrid::digits(std::uint64_t index) const {
  std::array<std::size_t, kAxes> d{};
  for (std::size_t axis = kAxes; axis-- > 0;) {
    d[axis] = static_cast<std::size_t>(index % extent_[axis]);
    index /= extent_[axis];
  }
  return d;
}

GridPoint ModelGrid::at(std::uint64_t index) const {
  const auto d = digits(index);
  // Every field given: no default end conditions built only to be overwritten (twice a point).
  return {Problem{nr_[d[0]], theta_s_[d[1]], nc_[d[2]], theta_inf_[d[3]], q_[d[4]], left_[d[5]],
                  right_[d[6]]},
          left_labels_[d[5]], right_labels_[d[6]]};
}

std::string_view ModelGrid::text_of_field(std::string_view field) const {
  if (field == "nr") return text_.nr;
  if (field == "theta_s") return text_.theta_s;
  if (field == "nc") return text_.nc;
  if (field == "theta_inf") return text_.theta_inf;
  if (field == "q") return text_.q;
  if (field == "left") return text_.left;
  return text_.right;
}

void ModelGrid::validate() const {
  for (std::uint64_t i = 0; i < size_; ++i) {
    const GridPoint p = at(i);
    try {
      p.problem.check_param();
    } catch (const ParameterError& e) {
      if (e.field() != "problem")
        throw CliError(exit_invalid, fmt::format("{} {}: {}", option_of_field(e.field()),
                                                 text_of_field(e.field()), e.what()));
      const Problem& m = p.problem;
      throw CliError(
          exit_invalid,
          fmt::format("--nr {} --theta-s {} --nc {} --theta-inf {} --q {} --left {} "
                      "--right {}: {}",
                      m.nr, m.theta_s, m.nc, m.theta_inf, m.q, p.left, p.right, e.what()));
    }
  }
}

void ModelGrid::require_single_point() const {
  // kFieldOptions lists the axes first, in product order.
  for (std::size_t axis = 0; axis < kAxes; ++axis)
    if (extent_[axis] != 1) {
      const FieldOption& f = kFieldOptions[axis];
      throw CliError(exit_usage, fmt::format("{} {}: solve takes one value per option, found {}; "
                                             "use radbound sweep for grids",
                                             f.option, text_of_field(f.field), extent_[axis]));
    }
}

std::size_t ModelGrid::widest_boundary_label() const {
  std::size_t widest = 0;
  for (const auto* list : {&left_labels_, &right_labels_})
    for (const std::string& s : *list) widest = std::max(widest, s.size());
  return widest;
}

const std::vector<double>& ModelGrid::values(std::string_view field) const {
  if (field == "nr") return nr_;
  if (field == "theta_s") return theta_s_;
  if (field == "nc") return nc_;
  if (field == "theta_inf") return theta_inf_;
  return q_;
}

}  // namespace radbound::cli
