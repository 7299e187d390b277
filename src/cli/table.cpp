#include "table.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <array>
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

// Room for any number or index: "-1.2345678901234567e-308" is 24 characters.
constexpr std::size_t kNumberRoom = 32;
static_assert(kNumberRoom >= kShortestRoom, "write_shortest needs its room");

// A compiled format string for lower precisions: parsing the format at run time would cost several
// times the conversion itself.
char* write_number(char* out, double v, int precision) {
  v += 0.0;  // a signed zero (e.g. u'(1) at an insulated tip) prints as 0, not -0
  if (precision == kRoundTripPrecision) return write_shortest(out, v);
  return fmt::format_to(out, FMT_COMPILE("{:.{}g}"), v, precision);
}

// The texts of the numbers last printed in each column, per thread: a sweep's parameter columns
// take few values (an inner axis cycles through them, an outer one repeats each for many rows)
// and fixed values (the base temperature, a zero slope at an insulated tip) repeat from row to
// row; copying their text is ten times cheaper than converting them again. A hit needs the same
// bits and precision, so the text is exactly what write_number would write. A column of results
// (which hardly ever repeat) stops being looked up after kMissesToGiveUp misses in a row.
class RecentNumbers {
 public:
  // Needs room for kNumberRoom characters at `out`.
  char* write(char* out, double v, int precision, std::size_t column) {
    if (column >= kColumns || columns_[column].misses >= kMissesToGiveUp)
      return write_number(out, v, precision);
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    Recent& recent = columns_[column];
    for (const Entry& e : recent.entries)
      if (e.bits == bits && e.precision == precision) {
        std::memcpy(out, e.text, kNumberRoom);
        recent.misses = 0;
        return out + e.size;
      }
    ++recent.misses;
    Entry& e = recent.entries[recent.next];
    recent.next = (recent.next + 1) % kWays;
    char* const end = write_number(out, v, precision);
    std::memcpy(e.text, out, kNumberRoom);
    e.size = static_cast<std::size_t>(end - out);
    e.bits = bits;
    e.precision = precision;
    return end;
  }

 private:
  static constexpr std::size_t kColumns = 32;
  static constexpr std::size_t kWays = 4;  // an inner axis of up to 4 values always hits
  static constexpr int kMissesToGiveUp = 64;
  struct Entry {
    std::uint64_t bits = 0;
    int precision = 0;  // 0: nothing cached (no precision is 0)
    std::size_t size = 0;
    char text[kNumberRoom];
  };
  struct Recent {
    std::array<Entry, kWays> entries{};
    std::size_t next = 0;  // the entry replaced next
    int misses = 0;        // lookups in a row that missed
  };
  std::array<Recent, kColumns> columns_{};
};

thread_local RecentNumbers recent_numbers;

// Longest "%.Pg" text: sign, P digits, point and a three-digit exponent with its sign.
std::size_t widest_number(int precision) { return static_cast<std::size_t>(precision) + 7; }

// The most characters `text` takes as a cell of any format (JSON's \u00XX escapes and quotes).
std::size_t text_room(std::string_view text) { return 6 * text.size() + 2; }

// Separators and JSON names are copied in whole chunks of kChunk bytes, cheaper than a copy of
// any length; the bytes past the lead are overwritten by what follows it.
constexpr std::size_t kChunk = 16;

char* copy_chunks(char* out, const std::string& chunks, std::size_t size) {
  std::memcpy(out, chunks.data(), kChunk);  // the one chunk of all but long JSON names
  for (std::size_t k = kChunk; k < size; k += kChunk)
    std::memcpy(out + k, chunks.data() + k, kChunk);
  return out + size;
}

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

// Text as a cell of the given format, quoted or escaped where the format needs it.
char* write_text(char* out, Format format, std::string_view text) {
  switch (format) {
    case Format::csv:
      if (std::none_of(text.begin(), text.end(),
                       [](char c) { return c == ',' || c == '"' || c == '\n'; }))
        return std::copy(text.begin(), text.end(), out);
      *out++ = '"';
      for (const char c : text) {
        if (c == '"') *out++ = '"';
        *out++ = c;
      }
      *out++ = '"';
      return out;
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
      return std::copy(text.begin(), text.end(), out);
  }
  return out;
}

// Pads the cell text [begin, end) with blanks to `width` characters, on the left when `right`.
char* pad(char* begin, char* end, std::size_t width, bool right) {
  const auto size = static_cast<std::size_t>(end - begin);
  if (size >= width) return end;
  const std::size_t blanks = width - size;
  if (right) {
    std::memmove(begin + blanks, begin, size);
    std::memset(begin, ' ', blanks);
  } else {
    std::memset(end, ' ', blanks);
  }
  return begin + width;
}

}  // namespace

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
    : chunks(std::max<std::size_t>(1, (text.size() + kChunk - 1) / kChunk) * kChunk, '\0'),
      size(text.size()) {
  std::copy(text.begin(), text.end(), chunks.begin());
}

TableFormatter::TableFormatter(Format format, std::vector<Column> columns, int precision)
    : format_(format),
      columns_(std::move(columns)),
      precision_(precision),
      row_end_(row_end(false)),
      last_row_end_(row_end(true)) {
  row_room_ = std::max(row_end_.chunks.size(), last_row_end_.chunks.size());
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    const std::size_t cells =
        c.kind == CellKind::number && c.widest == 0 ? widest_number(precision_) : c.widest;
    widths_.push_back(std::max({c.name.size(), cells, std::size_t{3}}));
    leads_.emplace_back(lead(i));
    row_room_ += leads_.back().chunks.size() + widths_.back() + kNumberRoom;
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

std::string TableFormatter::header() const {
  std::vector<Cell> names;
  for (const Column& c : columns_) names.emplace_back(std::string_view(c.name));
  fmt::memory_buffer lines;
  switch (format_) {
    case Format::json:
      return "[\n";
    case Format::markdown: {
      std::vector<std::string> rules;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        const std::string dashes(widths_[i] - 1, '-');
        rules.push_back(columns_[i].kind == CellKind::text ? ":" + dashes : dashes + ":");
      }
      append_row(lines, names, false);
      append_row(lines, std::vector<Cell>(rules.begin(), rules.end()), false);
      return fmt::to_string(lines);
    }
    case Format::latex: {
      std::string spec;
      for (const Column& c : columns_) spec += c.kind == CellKind::text ? 'l' : 'r';
      append_row(lines, names, false);
      return "\\begin{tabular}{" + spec + "}\n\\toprule\n" + fmt::to_string(lines) + "\\midrule\n";
    }
    default:
      append_row(lines, names, false);
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

char* TableFormatter::write_value(char* out, const Cell& cell) const {
  if (const auto* index = std::get_if<std::uint64_t>(&cell))
    return fmt::format_to(out, FMT_COMPILE("{}"), *index);
  if (const auto* text = std::get_if<std::string_view>(&cell)) return write_text(out, format_, *text);
  // Empty, or a number that is not finite: not one to stand behind.
  if (format_ != Format::json) return out;
  constexpr std::string_view null = "null";
  return std::copy(null.begin(), null.end(), out);
}

void TableFormatter::append_row(fmt::memory_buffer& out, const std::vector<Cell>& cells,
                                bool last) const {
  std::size_t room = row_room_;
  for (const Cell& cell : cells)
    if (const auto* text = std::get_if<std::string_view>(&cell)) room += text_room(*text);
  out.reserve(out.size() + room);
  char* end = out.data() + out.size();
  RecentNumbers& numbers = recent_numbers;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    char* const begin = copy_chunks(end, leads_[i].chunks, leads_[i].size);
    const auto* number = std::get_if<double>(&cells[i]);
    end = number && std::isfinite(*number) ? numbers.write(begin, *number, precision_, i)
                                           : write_value(begin, cells[i]);
    if (format_ == Format::markdown)
      end = pad(begin, end, widths_[i], columns_[i].kind != CellKind::text);
  }
  const Lead& ending = last ? last_row_end_ : row_end_;
  end = copy_chunks(end, ending.chunks, ending.size);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

}  // namespace radbound::cli
