// The radbound command line: CLI11 parsing, dispatch to the commands, errors to exit codes.
#pragma once

namespace radbound::cli {

// Runs `radbound ARGS...` and returns the exit code of SPEC §3; errors are printed to stderr as
// one line "radbound: OPTION VALUE: what is accepted".
int run(int argc, const char* const* argv);

}  // namespace radbound::cli
