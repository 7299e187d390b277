#include "partial_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>

#include "exit_code.hpp"

namespace radbound::cli {

namespace {

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

std::string read_bytes(std::FILE* file, std::uint64_t offset, std::uint64_t count) {
  std::string bytes(count, '\0');
  if (std::fseek(file, static_cast<long>(offset), SEEK_SET) != 0 ||
      std::fread(bytes.data(), 1, count, file) != count)
    bytes.clear();
  return bytes;
}

// Offsets just past each of the last `keep` newlines after `start`, and how many there are in all.
struct LineEnds {
  std::deque<std::uint64_t> last;
  std::uint64_t count = 0;
};

LineEnds scan_line_ends(std::FILE* file, std::uint64_t start, std::size_t keep) {
  LineEnds ends;
  std::vector<char> chunk(1 << 20);
  std::uint64_t offset = start;
  std::fseek(file, static_cast<long>(start), SEEK_SET);
  for (std::size_t n; (n = std::fread(chunk.data(), 1, chunk.size(), file)) > 0; offset += n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (chunk[i] != '\n') continue;
      ++ends.count;
      ends.last.push_back(offset + i + 1);
      if (ends.last.size() > keep) ends.last.pop_front();
    }
  }
  return ends;
}

}  // namespace

std::optional<PartialTable> read_partial(const std::string& partial_path, std::string_view header,
                                         std::string_view footer, std::size_t tail_rows) {
  const FilePtr file(std::fopen(partial_path.c_str(), "rb"), &std::fclose);
  if (!file) {
    if (errno == ENOENT) return std::nullopt;
    throw CliError(exit_cant_create, fmt::format("--resume: {} cannot be read: {}", partial_path,
                                                 std::strerror(errno)));
  }
  std::string start(header.size(), '\0');
  start.resize(std::fread(start.data(), 1, header.size(), file.get()));
  if (header.substr(0, start.size()) != start)
    throw CliError(exit_usage,
                   fmt::format("--resume: {} was written by another command (its header "
                               "differs); accepted is the same command that wrote it, or remove "
                               "the file and run without --resume",
                               partial_path));
  PartialTable table;
  if (start.size() < header.size()) return table;

  const auto footer_lines =
      static_cast<std::size_t>(std::count(footer.begin(), footer.end(), '\n'));
  const LineEnds ends = scan_line_ends(file.get(), header.size(), tail_rows + footer_lines + 1);
  table.rows = ends.count;
  table.keep_bytes = ends.last.empty() ? header.size() : ends.last.back();
  // Whole lines of the footer (the run ended while writing it, or before the rename) are no rows.
  for (std::size_t j = static_cast<std::size_t>(std::min<std::uint64_t>(footer_lines, table.rows));
       j > 0; --j) {
    const std::uint64_t start =
        ends.count > j ? ends.last[ends.last.size() - 1 - j] : header.size();
    const std::string lines = read_bytes(file.get(), start, table.keep_bytes - start);
    if (footer.substr(0, lines.size()) != lines) continue;
    table.rows -= j;
    table.keep_bytes = start;
    break;
  }
  // Row boundaries, oldest first: the header's end, then the newline ends, up to keep_bytes.
  std::vector<std::uint64_t> bounds(ends.last.begin(), ends.last.end());
  bounds.erase(std::upper_bound(bounds.begin(), bounds.end(), table.keep_bytes), bounds.end());
  if (bounds.size() == table.rows) bounds.insert(bounds.begin(), header.size());
  const std::size_t wanted =
      static_cast<std::size_t>(std::min<std::uint64_t>(tail_rows, table.rows));
  for (std::size_t i = bounds.size() - 1 - wanted; i + 1 < bounds.size(); ++i)
    table.tail.push_back(read_bytes(file.get(), bounds[i], bounds[i + 1] - bounds[i]));
  return table;
}

}  // namespace radbound::cli
