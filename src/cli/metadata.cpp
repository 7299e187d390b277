#include "metadata.hpp"

#include <fmt/format.h>

#include <ctime>

#include "output_file.hpp"
#include "radbound_build_info.hpp"
#include "table.hpp"

namespace radbound::cli {

namespace {

// One argument as a POSIX shell reads it back.
std::string shell_quote(const std::string& arg) {
  const bool plain = !arg.empty() && arg.find_first_not_of(
                                         "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                         "0123456789_./:=,+-@%") == std::string::npos;
  if (plain) return arg;
  std::string quoted = "'";
  for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string metadata_json(const RunRecord& run, const std::string& table_path) {
  std::string arguments, command;
  for (const std::string& arg : run.command_line) {
    arguments += (arguments.empty() ? "" : ", ") + json_quote(arg);
    command += (command.empty() ? "" : " ") + shell_quote(arg);
  }
  return fmt::format(
      "{{\n"
      "  \"radbound_version\": {},\n"
      "  \"git_commit\": {},\n"
      "  \"compiler\": {},\n"
      "  \"build_type\": {},\n"
      "  \"dependencies\": {{\"eigen\": {}, \"boost\": {}, \"fmt\": {}, \"cli11\": {}}},\n"
      "  \"command_line\": [{}],\n"
      "  \"command\": {},\n"
      "  \"start_time\": {},\n"
      "  \"resumed\": {},\n"
      "  \"table\": {},\n"
      "  \"rows\": {},\n"
      "  \"exit_status\": {}\n"
      "}}\n",
      json_quote(RADBOUND_VERSION), json_quote(RADBOUND_GIT_COMMIT), json_quote(RADBOUND_COMPILER),
      json_quote(RADBOUND_BUILD_TYPE), json_quote(RADBOUND_EIGEN_VERSION),
      json_quote(RADBOUND_BOOST_VERSION), json_quote(RADBOUND_FMT_VERSION),
      json_quote(RADBOUND_CLI11_VERSION), arguments, json_quote(command),
      json_quote(run.start_time), run.resumed ? "true" : "false", json_quote(table_path), run.rows,
      run.exit_status);
}

void write_metadata(const RunRecord& run, const std::string& table_path) {
  OutputFile sidecar(table_path + ".meta.json", OutputFile::Mode::create);
  sidecar.write(metadata_json(run, table_path));
  sidecar.commit();
}

}  // namespace radbound::cli
