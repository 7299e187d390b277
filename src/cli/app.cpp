#include "app.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "exit_code.hpp"

namespace radbound::cli {

namespace {

const char* const kModelHelp = R"(
Boundary specs (--left, --right):
  dirichlet:V  insulated  flux:G  convective:BI[:THETA]  radiative:R[:THETA]
  (THETA defaults to --theta-inf for convective and --theta-s for radiative ends))";

const char* const kGridHelp = R"(
GRID (any numeric model value, also inside a boundary spec):
  0.5 | 0.1,1,10 | linspace(a,b,n) | logspace(a,b,n) (10^a..10^b) | geomspace(a,b,n)
  e.g. --right 'convective:linspace(0,2,5)'; commas inside (...) belong to the function.
The sweep is the Cartesian product in the order --nr --theta-s --nc --theta-inf --q --left
--right, later options varying fastest (and later arguments of a boundary spec).)";

void add_model(CLI::App& cmd, ModelText& m, const std::string& value) {
  const auto add = [&](const std::string& name, std::string& text, const std::string& help) {
    cmd.add_option(name, text, help)->type_name(value)->capture_default_str()->group("Model");
  };
  add("--nr", m.nr, "radiation-conduction parameter Nr >= 0");
  add("--theta-s", m.theta_s, "radiation sink temperature >= 0");
  add("--nc", m.nc, "convection-conduction parameter Nc >= 0");
  add("--theta-inf", m.theta_inf, "fluid temperature >= 0");
  add("--q", m.q, "uniform heat generation Q");
  add("--left", m.left, "condition at x = 0 (boundary spec)");
  add("--right", m.right, "condition at x = 1 (boundary spec)");
}

void add_common(CLI::App& cmd, CommonArgs& a, const std::string& value) {
  add_model(cmd, a.model, value);
  cmd.add_option("--method", a.method, "auto, fd, shooting, exact, or none (bounds only)")
      ->capture_default_str()
      ->group("Method");
  cmd.add_option("--tol", a.tol, "maximum-norm error in u the answer must meet, > 0")
      ->capture_default_str()
      ->group("Method");
  cmd.add_option("-o,--output", a.output,
                 "write to FILE (through FILE.partial, renamed when complete) and FILE.meta.json")
      ->type_name("FILE")
      ->group("Output");
  cmd.add_option("--format", a.format, "csv, tsv, json, markdown, or latex")
      ->capture_default_str()
      ->group("Output");
  cmd.add_option("--precision", a.precision, "significant digits of numbers, 1 to 17")
      ->capture_default_str()
      ->group("Output");
  cmd.add_flag("-q,--quiet", a.quiet, "print nothing on stderr but errors")->group("Output");
  cmd.add_flag("-v,--verbose", a.verbose, "say which method answered and how fast")
      ->group("Output");
}

void add_solve_options(CLI::App& cmd, SolveArgs& a) {
  add_common(cmd, a.common, "NUMBER");
  cmd.add_option("--points", a.points, "output points, uniform on [0,1] with both ends, >= 2")
      ->capture_default_str()
      ->group("Output");
  cmd.footer(std::string(kModelHelp) + R"(

Example:
  radbound solve --nr 10 --theta-s 0.2 --right convective:0.5 --points 5)");
}

void add_sweep_options(CLI::App& cmd, SweepArgs& a) {
  add_common(cmd, a.common, "GRID");
  cmd.add_option("--threads", a.threads, "worker threads (default: every core)")
      ->type_name("K")
      ->group("Sweep");
  cmd.add_option("--shard", a.shard, "compute the I-th of N contiguous parts of the product")
      ->type_name("I/N")
      ->capture_default_str()
      ->group("Sweep");
  cmd.add_flag("--resume", a.resume,
               "continue the interrupted run of the same command from FILE.partial")
      ->group("Sweep");
  cmd.add_option(
         "--columns", a.columns,
         "comma-separated columns to print, in order (default: SPEC's; extra: method, seconds)")
      ->type_name("LIST")
      ->group("Output");
  cmd.add_flag("--timing", a.timing, "add the column seconds (solve wall time; not deterministic)")
      ->group("Output");
  cmd.footer(std::string(kModelHelp) + "\n" + kGridHelp + R"(

Examples:
  radbound sweep --nr 'geomspace(1e-2,1e2,41)' --theta-s 0,0.3,0.6 -o fin.csv
  radbound sweep --right 'convective:linspace(0,2,5)' --format markdown)");
}

// CLI11's message on one line.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

int fail(const CliError& e) {
  fmt::print(stderr, "radbound: {}\n", one_line(e.what()));
  return e.code();
}

// What the command line asks for: a command to run, or none and the exit status of a run that
// ends with the parsing (help, version, a usage error: printed by then).
enum class Command { none, solve, sweep };
struct Request {
  Command command = Command::none;
  int exit_status = exit_ok;
};

// Parses the command line into the arguments of the command it names. CLI11's objects end with
// it, before the command runs, which then reuses their heap (each page first touched is a fault).
Request parse_command_line(int argc, const char* const* argv, SolveArgs& solve_args,
                           SweepArgs& sweep_args) {
  CLI::App app(
      "radbound: bounds and solutions of the steady 1-D radiative heat-conduction "
      "problem u'' = Nr(u^4 - theta_s^4) + Nc(u - theta_inf) - Q on (0,1)",
      "radbound");
  app.set_version_flag("--version", std::string("radbound ") + RADBOUND_VERSION);
  app.require_subcommand(1);
  app.footer(R"(Examples:
  radbound solve --nr 10
  radbound sweep --nr 'geomspace(1e-2,1e2,41)' --theta-s 0,0.3,0.6 -o fin.csv
Run 'radbound solve --help' or 'radbound sweep --help' for their options.)");
  CLI::App* solve =
      app.add_subcommand("solve", "Solve one problem: x,u,du,u_lo,u_hi at uniform points");
  CLI::App* sweep =
      app.add_subcommand("sweep", "Solve every point of a parameter grid: one row per point");
  // Only the command named gets its options (both without a command: --help, --version). The
  // other's would never be looked at (CLI11 parses the rest of the line as the named command's),
  // and building an option is dear: a fifth of a one-point sweep's instructions went into the
  // solve command's options, and pages of heap first touched (each a page fault).
  const std::string_view command = argc > 1 ? argv[1] : "";
  if (command != "sweep") add_solve_options(*solve, solve_args);
  if (command != "solve") add_sweep_options(*sweep, sweep_args);

  if (argc == 1)
    return {
        Command::none,
        fail(CliError(exit_usage, "a command is required: solve or sweep (see radbound --help)"))};
  if (argv[1][0] != '-' && command != "solve" && command != "sweep")
    return {Command::none,
            fail(CliError(exit_usage, fmt::format("unknown command '{}': accepted are solve and "
                                                  "sweep (see radbound --help)",
                                                  command)))};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return {Command::none, app.exit(e)};
    return {Command::none,
            fail(CliError(exit_usage, one_line(e.what()) + " (see radbound --help)"))};
  }
  return {app.got_subcommand(solve) ? Command::solve : Command::sweep};
}

}  // namespace

int run(int argc, const char* const* argv) {
  const std::vector<std::string> command_line(argv, argv + argc);
  SolveArgs solve_args;
  SweepArgs sweep_args;
  const Request request = parse_command_line(argc, argv, solve_args, sweep_args);
  try {
    switch (request.command) {
      case Command::solve:
        return solve_command(solve_args, command_line);
      case Command::sweep:
        return sweep_command(sweep_args, command_line);
      case Command::none:
        break;
    }
  } catch (const CliError& e) {
    return fail(e);
  }
  return request.exit_status;
}

}  // namespace radbound::cli
