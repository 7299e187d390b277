// The two commands of SPEC §2, given their options as text (app.cpp binds them to CLI11).
// Each returns its exit code or throws CliError; nothing is written before every option and
// every model point has been checked.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model_grid.hpp"
#include "output_file.hpp"
#include "radbound/solve.hpp"
#include "table.hpp"

namespace radbound::cli {

// Options both commands take, with SPEC's defaults.
struct CommonArgs {
  ModelText model;
  std::string method = "auto";
  std::string tol = "1e-8";
  std::string output;  // -o FILE; empty for stdout
  std::string format = "csv";
  std::string precision = "17";
  bool quiet = false;    // nothing on stderr but errors
  bool verbose = false;  // which method answered, how fast
};

struct SolveArgs {
  CommonArgs common;
  std::string points = "11";
};

struct SweepArgs {
  CommonArgs common;
  std::string threads;  // empty: every core
  std::string shard = "0/1";
  std::string columns;  // empty: SPEC's columns
  bool resume = false;
  bool timing = false;
};

int solve_command(const SolveArgs& args, const std::vector<std::string>& command_line);
int sweep_command(const SweepArgs& args, const std::vector<std::string>& command_line);

// The parsed form of CommonArgs other than the model (usage errors name the option).
struct CommonSettings {
  SolveOptions solve;
  Format format = Format::csv;
  int precision = 17;
};
CommonSettings parse_common(const CommonArgs& args);

// Standard output when `path` is empty, else FILE through FILE.partial.
std::unique_ptr<OutputFile> open_output(const std::string& path);

}  // namespace radbound::cli
