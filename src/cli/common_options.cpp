#include "commands.hpp"
#include "option_values.hpp"

namespace radbound::cli {

CommonSettings parse_common(const CommonArgs& args) {
  CommonSettings settings;
  settings.solve.method = parse_option("--method", args.method, parse_method);
  settings.solve.tol = parse_option("--tol", args.tol, parse_tolerance);
  settings.format = parse_option("--format", args.format, parse_format);
  settings.precision = parse_option("--precision", args.precision, parse_precision);
  return settings;
}

std::unique_ptr<OutputFile> open_output(const std::string& path) {
  if (path.empty()) return std::make_unique<OutputFile>();
  return std::make_unique<OutputFile>(path, OutputFile::Mode::create);
}

}  // namespace radbound::cli
