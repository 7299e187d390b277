// Reading back what an interrupted run left in FILE.partial, for --resume.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace radbound::cli {

struct PartialTable {
  std::uint64_t rows = 0;        // complete rows after the header
  std::uint64_t keep_bytes = 0;  // the header and those rows; what follows (a torn line) is dropped
  std::vector<std::string> tail;  // the last rows (up to the number asked for), oldest first
};

// Reads `partial_path`, written by a run whose table starts with `header` and ends with `footer`.
// No file: nullopt. A file holding less than the header (torn while the header was written):
// an empty table, so the run starts afresh. Lines of the footer already written are not rows.
// Throws CliError(exit_usage) when the file does not start with `header` (another command wrote
// it) and CliError(exit_cant_create) when it cannot be read.
std::optional<PartialTable> read_partial(const std::string& partial_path, std::string_view header,
                                         std::string_view footer, std::size_t tail_rows);

}  // namespace radbound::cli
