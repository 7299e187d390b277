#include "table.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <array>
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

static_assert(kNumberRoom >= kShortestRoom, "write_shortest needs its room");

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

// Text as a cell of the given format, quoted or escaped where the format needs it.
char* write_text(char* out, Format format, std::string_view text) {
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

}  // namespace

// A compiled format string for lower precisions: parsing the format at run time would cost several
// times the conversion itself.
char* write_number(char* out, double v, int precision) {
  v += 0.0;  // a signed zero (e.g. u'(1) at an insulated tip) prints as 0, not -0
  if (precision == kRoundTripPrecision) return write_shortest(out, v);
  return fmt::format_to(out, FMT_COMPILE("{:.{}g}"), v, precision);
}

char* RecentNumbers::remember(Recent& recent, char* out, double v, int precision) {
  if (recent.precision != precision) recent = Recent{precision};  // another table's column
  ++recent.misses;
  Entry& e = recent.entries[recent.next];
  recent.next = (recent.next + 1) % kWays;
  char* const end = write_number(out, v, precision);
  std::memcpy(e.text, out, kTextRoom);
  e.size = static_cast<std::size_t>(end - out);
  std::memcpy(&e.bits, &v, sizeof v);
  return end;
}

void RecentTexts::remember(const char* begin, const char* end, Format format,
                           std::string_view text, std::size_t column) {
  const auto size = static_cast<std::size_t>(end - begin);
  if (column >= kColumns || text.empty() || text.size() > kTextRoom || size > kCellRoom) return;
  Recent& recent = columns_[column];
  Entry& e = recent.entries[recent.next];
  recent.next = (recent.next + 1) % kWays;
  e.text_size = text.size();
  e.format = format;
  e.cell_size = size;
  std::memcpy(e.text, text.data(), text.size());
  std::memcpy(e.cell, begin, size);
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
      row_end_(row_end(false)),
      last_row_end_(row_end(true)) {
  row_room_ = std::max(row_end_.room(), last_row_end_.room());
  // A kept text cell is copied whole, in a column of any kind (the header writes names in number
  // columns): after a cell begins there is its room and at least the row end's chunk.
  static_assert(kNumberRoom + kChunk >= kCellRoom, "a kept text cell fits in any column");
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    leads_.emplace_back(lead(i));
    row_room_ += leads_.back().room() + (c.kind == CellKind::text ? kCellRoom : kNumberRoom);
    if (format_ != Format::markdown) continue;
    const std::size_t cells =
        c.kind == CellKind::number && c.widest == 0 ? widest_number(precision_) : c.widest;
    padding_.push_back({std::max({c.name.size(), cells, std::size_t{3}}), c.kind != CellKind::text});
    row_room_ += padding_.back().width;
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
  for (const Column& c : columns_) row.text(c.name);
  row.finish(false);
}

void TableFormatter::append_rules(fmt::memory_buffer& out) const {
  Row row(*this, out);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const std::string dashes(padding_[i].width - 1, '-');
    row.text(padding_[i].right ? dashes + ":" : ":" + dashes);
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

TableFormatter::Row::TextCell TableFormatter::Row::write_new_text(
    const TableFormatter& table, fmt::memory_buffer& out, RecentTexts& recent, char* begin,
    std::string_view value, std::size_t column) {
  // Room for this text and the rest of the row; the row so far (with the cell's lead) is kept on
  // regrowth.
  const auto used = static_cast<std::size_t>(begin - out.data());
  const std::size_t room = text_room(value) + table.row_room_;
  if (out.capacity() - used < room) {
    out.resize(used);
    out.reserve(used + room);
    begin = out.data() + used;
  }
  char* const end = write_text(begin, table.format_, value);
  recent.remember(begin, end, table.format_, value, column);
  return {begin, end};
}

}  // namespace radbound::cli
