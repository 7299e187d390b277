// Exit codes of SPEC §3 and the error that carries one to main().
#pragma once

#include <stdexcept>
#include <string>

namespace radbound::cli {

enum ExitCode : int {
  exit_ok = 0,
  exit_points_failed = 1,  // some sweep points not ok (rows still written)
  exit_usage = 64,         // bad usage or a malformed value
  exit_invalid = 65,       // well-formed but invalid model
  exit_cant_create = 73,   // output cannot be created
  exit_interrupted = 130,  // SIGINT/SIGTERM
};

// An error to report on one line and exit with `code`.
class CliError : public std::runtime_error {
 public:
  CliError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

}  // namespace radbound::cli
