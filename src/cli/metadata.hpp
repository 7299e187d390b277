// The metadata sidecar FILE.meta.json: what produced a table, so it can be regenerated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace radbound::cli {

struct RunRecord {
  std::vector<std::string> command_line;  // argv as given
  std::string start_time;                 // UTC, ISO 8601
  bool resumed = false;                   // continued from FILE.partial
  std::uint64_t rows = 0;                 // rows in FILE
  int exit_status = 0;
};

// The current time, UTC, ISO 8601 to the second.
std::string utc_timestamp();

// The sidecar's JSON text: radbound version, git commit, compiler, dependency versions, the
// command line (as a list and as a shell-quoted string), start time, rows, exit status.
std::string metadata_json(const RunRecord& run, const std::string& table_path);

// Writes FILE.meta.json beside `table_path` (through a .partial file, like the table).
void write_metadata(const RunRecord& run, const std::string& table_path);

}  // namespace radbound::cli
