#include "table.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <cstring>

#include "grid.hpp"
#include "shortest.hpp"

namespace radbound::cli {

namespace {

struct FormatName {
  Format format;
  std::string_view name;
};

constexpr FormatName kFormats[] = {{Format::csv, "csv"},
                                   {Format::tsv, "tsv"},
                                   {Format::json, "json"},
                                   {Format::markdown, "markdown"},
                                   {Format::latex, "latex"}};

// At full precision, the shortest text that reads back as the same double (at most 17 digits:
// 0.3, not 0.29999999999999999).
constexpr int kRoundTripPrecision = 17;

// Room for any number or index (the text is at most 24 characters: "-1.2345678901234567e-308"),
// and, with a lead's chunk before it, for a kept cell copied whole: the header writes its names
// as texts in number columns too.
constexpr std::size_t kNumberRoom = 48;
static_assert(kNumberRoom >= kShortestRoom, "write_shortest needs its room");

// A number for each table made, from 1: a thread's recent cells are those of one table.
std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> made{0};
  return ++made;
}

// Longest "%.Pg" text: sign, P digits, point and a three-digit exponent with its sign.
std::size_t widest_number(int precision) { return static_cast<std::size_t>(precision) + 7; }

// The most characters `text` takes as a cell of any format (JSON's \u00XX escapes and quotes).
std::size_t text_room(std::string_view text) { return 6 * text.size() + 2; }

// `text` as a JSON string literal, quoted and escaped; at most text_room(text) characters.
char* write_json_string(char* out, std::string_view text) {
  constexpr char kHex[] = "0123456789abcdef";
  *out++ = '"';
  for (const char c : text) {
    const auto code = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      *out++ = '\\';
      *out++ = c;
    } else if (code < 0x20) {
      out = std::copy_n("\\u00", 4, out);
      *out++ = kHex[code >> 4];
      *out++ = kHex[code & 0xf];
    } else {
      *out++ = c;
    }
  }
  *out++ = '"';
  return out;
}

// Text as a csv cell: as it is, or quoted when it holds a separator, a quote or a line end. One
// pass for the usual words, which need no quotes.
char* write_csv_text(char* out, std::string_view text) {
  char* end = out;
  for (const char c : text) {
    if (c == ',' || c == '"' || c == '\n') {
      end = out;
      *end++ = '"';
      for (const char q : text) {
        if (q == '"') *end++ = '"';
        *end++ = q;
      }
      *end++ = '"';
      return end;
    }
    *end++ = c;
  }
  return end;
}

}  // namespace

namespace {

// A compiled format string for lower precisions: parsing the format at run time would cost several
// times the conversion itself. Out of line, so that the shortest path saves nothing for it.
[[gnu::noinline]] char* write_rounded(char* out, double v, int precision) {
  return fmt::format_to(out, FMT_COMPILE("{:.{}g}"), v, precision);
}

}  // namespace

char* write_number(char* out, double v, int precision) {
  v += 0.0;  // a signed zero (e.g. u'(1) at an insulated tip) prints as 0, not -0
  if (precision == kRoundTripPrecision) return write_shortest(out, v);
  return write_rounded(out, v, precision);
}

void RecentNumbers::keep(std::size_t column, std::uint64_t bits, const char* begin,
                         const char* end) {
  if (++misses_[column] == kMissesToGiveUp) given_up_ |= std::uint32_t{1} << column;
  const auto size = static_cast<std::size_t>(end - begin);
  if (size > kCellRoom) return;
  std::size_t& next = next_[column];
  Cell& cell = cells_[column][next];
  next = (next + 1) % kWays;
  cell.complement = ~bits;
  cell.size = size;
  std::memcpy(cell.text, begin, kCellRoom);
}

void RecentTexts::keep(std::size_t column, std::string_view text, const char* begin,
                       const char* end) {
  const auto size = static_cast<std::size_t>(end - begin);
  if (text.empty() || text.size() > kTextRoom || size > kCellRoom) return;
  std::size_t& next = next_[column];
  Cell& cell = cells_[column][next];
  next = (next + 1) % kWays;
  cell.text_size = text.size();
  std::memcpy(cell.text, text.data(), text.size());
  cell.size = size;
  std::memcpy(cell.cell, begin, size);
}

void RecentTexts::forget() {
  next_ = {};
  for (auto& column : cells_)
    for (Cell& cell : column) cell.text_size = 0;
}

RecentCells& recent_cells() {
  thread_local RecentCells cells;
  return cells;
}

std::string json_quote(std::string_view text) {
  std::string quoted(text_room(text), '\0');
  quoted.resize(static_cast<std::size_t>(write_json_string(quoted.data(), text) - quoted.data()));
  return quoted;
}

std::size_t number_width(double value, int precision) {
  char text[kNumberRoom];
  return static_cast<std::size_t>(write_number(text, value, precision) - text);
}

Format parse_format(std::string_view text) {
  for (const FormatName& f : kFormats)
    if (f.name == text) return f.format;
  throw SyntaxError("unknown format '" + std::string(text) +
                    "': accepted are csv, tsv, json, markdown, latex");
}

TableFormatter::Lead::Lead(std::string_view text)
    : tail(text.size() > kChunk ? (text.size() - 1) / kChunk * kChunk : 0, '\0'),
      size(text.size()) {
  const std::size_t in_head = std::min(text.size(), kChunk);
  std::copy_n(text.begin(), in_head, head.begin());
  std::copy(text.begin() + in_head, text.end(), tail.begin());
}

TableFormatter::TableFormatter(Format format, std::vector<Column> columns, int precision)
    : format_(format),
      columns_(std::move(columns)),
      precision_(precision),
      serial_(next_serial()),
      row_end_(row_end(false)),
      last_row_end_(row_end(true)) {
  row_room_ = std::max(row_end_.room(), last_row_end_.room());
  // A kept cell is copied whole from its lead on, in a column of any kind (the header writes
  // names in number columns): a lead's chunk and a value's room.
  static_assert(kChunk + kNumberRoom >= RecentTexts::kCellRoom &&
                    kChunk + kNumberRoom >= RecentNumbers::kCellRoom,
                "a kept cell fits in any column");
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    places_.push_back({Lead(lead(i)), i, {}});
    Place& place = places_.back();
    row_room_ +=
        place.lead.room() + (c.kind == CellKind::text ? RecentTexts::kCellRoom : kNumberRoom);
    if (format_ != Format::markdown) continue;
    const std::size_t cells =
        c.kind == CellKind::number && c.widest == 0 ? widest_number(precision_) : c.widest;
    place.padding = {std::max({c.name.size(), cells, std::size_t{3}}), c.kind != CellKind::text};
    row_room_ += place.padding.width;
  }
}

std::string TableFormatter::lead(std::size_t i) const {
  switch (format_) {
    case Format::csv:
      return i > 0 ? "," : "";
    case Format::tsv:
      return i > 0 ? "\t" : "";
    case Format::latex:
      return i > 0 ? " & " : "";
    case Format::json:
      return (i > 0 ? ",\"" : "{\"") + columns_[i].name + "\":";
    case Format::markdown:
      return i > 0 ? " | " : "| ";
  }
  return {};
}

std::string_view TableFormatter::row_end(bool last) const {
  switch (format_) {
    case Format::json:
      return last ? "}\n" : "},\n";
    case Format::markdown:
      return " |\n";
    case Format::latex:
      return " \\\\\n";
    default:
      return "\n";
  }
}

void TableFormatter::append_names(fmt::memory_buffer& out) const {
  Row row(*this, out);
  for (const Column& c : columns_) row.heading(c.name);
  row.finish(false);
}

void TableFormatter::append_rules(fmt::memory_buffer& out) const {
  Row row(*this, out);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Padding& padding = places_[i].padding;
    const std::string dashes(padding.width - 1, '-');
    row.heading(padding.right ? dashes + ":" : ":" + dashes);
  }
  row.finish(false);
}

std::string TableFormatter::header() const {
  fmt::memory_buffer lines;
  switch (format_) {
    case Format::json:
      return "[\n";
    case Format::markdown:
      append_names(lines);
      append_rules(lines);
      return fmt::to_string(lines);
    case Format::latex: {
      std::string spec;
      for (const Column& c : columns_) spec += c.kind == CellKind::text ? 'l' : 'r';
      append_names(lines);
      return "\\begin{tabular}{" + spec + "}\n\\toprule\n" + fmt::to_string(lines) + "\\midrule\n";
    }
    default:
      append_names(lines);
      return fmt::to_string(lines);
  }
}

std::string TableFormatter::footer() const {
  switch (format_) {
    case Format::json:
      return "]\n";
    case Format::latex:
      return "\\bottomrule\n\\end{tabular}\n";
    default:
      return {};
  }
}

char* TableFormatter::Row::write_index(char* out, std::uint64_t value) {
  return fmt::format_to(out, FMT_COMPILE("{}"), value);
}

char* TableFormatter::Row::pad(char* begin, char* end, const Padding& padding) {
  const auto size = static_cast<std::size_t>(end - begin);
  if (size >= padding.width) return end;
  const std::size_t blanks = padding.width - size;
  if (padding.right) {
    std::memmove(begin + blanks, begin, size);
    std::memset(begin, ' ', blanks);
  } else {
    std::memset(end, ' ', blanks);
  }
  return begin + padding.width;
}

char* TableFormatter::Row::make_room(const TableFormatter& table, fmt::memory_buffer& out,
                                     char* end, std::string_view text) {
  const auto used = static_cast<std::size_t>(end - out.data());
  const std::size_t room = text_room(text) + table.row_room_;
  if (out.capacity() - used >= room) return end;
  // The row so far is kept on regrowth.
  out.resize(used);
  out.reserve(used + room);
  return out.data() + used;
}

char* TableFormatter::Row::write_text(char* out, Format format, std::string_view text) {
  switch (format) {
    case Format::csv:
      return write_csv_text(out, text);
    case Format::json:
      return write_json_string(out, text);
    case Format::markdown:
      for (const char c : text) {
        if (c == '|') *out++ = '\\';
        *out++ = c;
      }
      return out;
    case Format::latex:
      for (const char c : text) {
        if (std::string_view("_&%$#{}").find(c) != std::string_view::npos) *out++ = '\\';
        *out++ = c;
      }
      return out;
    case Format::tsv:
      for (const char c : text) *out++ = c;  // short words: a loop, cheaper than a call
      return out;
  }
  return out;
}

}  // namespace radbound::cli
