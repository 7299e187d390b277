#include "boundary_spec.hpp"

#include <string>

#include "grid.hpp"

namespace radbound::cli {

namespace {

struct KindSyntax {
  BoundaryKind kind;
  std::string_view name;
  std::size_t min_args, max_args;
  std::string_view form;  // how the spec is written, for messages
};

constexpr KindSyntax kKinds[] = {
    {BoundaryKind::dirichlet, "dirichlet", 1, 1, "dirichlet:V"},
    {BoundaryKind::insulated, "insulated", 0, 0, "insulated"},
    {BoundaryKind::flux, "flux", 1, 1, "flux:G"},
    {BoundaryKind::convective, "convective", 1, 2, "convective:BI[:THETA]"},
    {BoundaryKind::radiative, "radiative", 1, 2, "radiative:R[:THETA]"},
};

std::string accepted_forms() {
  std::string forms;
  for (const KindSyntax& k : kKinds) forms += (forms.empty() ? "" : ", ") + std::string(k.form);
  return forms;
}

const KindSyntax& find_kind(std::string_view name, std::string_view text) {
  for (const KindSyntax& k : kKinds)
    if (k.name == name) return k;
  throw SyntaxError("unknown boundary kind '" + std::string(name) + "' in '" + std::string(text) +
                    "': accepted are " + accepted_forms());
}

std::vector<std::string_view> split_colons(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t colon; (colon = text.find(':', start)) != std::string_view::npos;
       start = colon + 1)
    parts.push_back(text.substr(start, colon - start));
  parts.push_back(text.substr(start));
  return parts;
}

BoundaryCondition make_condition(BoundaryKind kind, const std::vector<double>& args) {
  switch (kind) {
    case BoundaryKind::dirichlet:
      return BoundaryCondition::dirichlet(args[0]);
    case BoundaryKind::insulated:
      return BoundaryCondition::insulated();
    case BoundaryKind::flux:
      return BoundaryCondition::flux(args[0]);
    case BoundaryKind::convective:
      return args.size() == 1 ? BoundaryCondition::convective(args[0])
                              : BoundaryCondition::convective(args[0], args[1]);
    case BoundaryKind::radiative:
      return args.size() == 1 ? BoundaryCondition::radiative(args[0])
                              : BoundaryCondition::radiative(args[0], args[1]);
  }
  return BoundaryCondition::insulated();
}

// Appends one condition per point of the product grids[next] x grids[next+1] x ..., the last
// grid varying fastest.
void expand(BoundaryKind kind, const std::vector<std::vector<double>>& grids, std::size_t next,
            std::vector<double>& args, std::vector<BoundaryCondition>& out) {
  if (next == grids.size()) {
    out.push_back(make_condition(kind, args));
    return;
  }
  for (const double v : grids[next]) {
    args.push_back(v);
    expand(kind, grids, next + 1, args, out);
    args.pop_back();
  }
}

}  // namespace

std::vector<BoundaryCondition> parse_boundary_grid(std::string_view text) {
  const auto parts = split_colons(text);
  const KindSyntax& syntax = find_kind(parts.front(), text);
  const std::size_t count = parts.size() - 1;
  if (count < syntax.min_args || count > syntax.max_args)
    throw SyntaxError("'" + std::string(text) + "' gives " + std::to_string(count) +
                      " argument(s) to " + std::string(syntax.name) + ": accepted is " +
                      std::string(syntax.form));
  std::vector<std::vector<double>> grids;
  for (std::size_t i = 1; i < parts.size(); ++i) grids.push_back(parse_grid(parts[i]));
  std::vector<BoundaryCondition> conditions;
  std::vector<double> args;
  expand(syntax.kind, grids, 0, args, conditions);
  return conditions;
}

}  // namespace radbound::cli
