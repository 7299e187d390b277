#include <fmt/format.h>

#include <algorithm>

#include "commands.hpp"
#include "exit_code.hpp"
#include "metadata.hpp"
#include "option_values.hpp"

namespace radbound::cli {

namespace {

// x, u, du, u_lo, u_hi at `points` uniform points; u and du empty without a numerical solution.
std::string profile_table(const Result& result, std::size_t points, const CommonSettings& s) {
  // x = i/(N-1), each the correctly rounded quotient (0.3, not numpy's 0.30000000000000004).
  std::vector<double> xs(points);
  for (std::size_t i = 0; i < points; ++i)
    xs[i] = static_cast<double>(i) / static_cast<double>(points - 1);
  std::vector<Column> columns;
  for (const char* name : {"x", "u", "du", "u_lo", "u_hi"}) columns.push_back({name});
  for (const double x : xs)
    columns[0].widest = std::max(columns[0].widest, number_width(x, s.precision));
  const TableFormatter table(s.format, columns, s.precision);
  const Solution& solution = result.solution;
  const bool numbers = !solution.x.empty();
  fmt::memory_buffer text;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double x = xs[i];
    TableFormatter::Row row(table, text);
    row.number(x);
    if (numbers) {
      row.number(solution.value(x));
      row.number(solution.slope(x));
    } else {
      row.empty();
      row.empty();
    }
    row.number(result.bounds.lower(x));
    row.number(result.bounds.upper(x));
    row.finish(i + 1 == xs.size());
  }
  return table.header() + fmt::to_string(text) + table.footer();
}

}  // namespace

int solve_command(const SolveArgs& args, const std::vector<std::string>& command_line) {
  RunRecord run{command_line, utc_timestamp()};
  const ModelGrid grid(args.common.model);
  grid.require_single_point();
  const CommonSettings settings = parse_common(args.common);
  const std::size_t points = parse_option("--points", args.points, parse_points);
  grid.validate();

  const Result result = solve(grid.at(0).problem, settings.solve);
  const Solution& solution = result.solution;
  if (args.common.verbose && !args.common.quiet)
    fmt::print(stderr,
               "radbound: method {}: {}, error estimate {:.3g} (tol {:g}), {} iterations, {} "
               "nodes\n",
               solution.method, to_string(solution.status), solution.error_estimate,
               settings.solve.tol, solution.iterations, solution.nodes());
  if (solution.status == Status::not_applicable)
    throw CliError(exit_invalid,
                   fmt::format("--method {}: {}", args.common.method, solution.message));
  if (!solution.ok()) {
    fmt::print(stderr, "radbound: no solution ({}): {}\n", to_string(solution.status),
               solution.message);
    return exit_points_failed;
  }

  auto out = open_output(args.common.output);
  out->write(profile_table(result, points, settings));
  out->commit();
  if (!out->is_stdout()) {
    run.rows = points;
    write_metadata(run, out->path());
  }
  return exit_ok;
}

}  // namespace radbound::cli
