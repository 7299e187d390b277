#include "table.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <iterator>

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

// A compiled format string for lower precisions: parsing the format at run time would cost several
// times the conversion itself.
char* write_number(char* out, double v, int precision) {
  v += 0.0;  // a signed zero (e.g. u'(1) at an insulated tip) prints as 0, not -0
  if (precision == kRoundTripPrecision) return write_shortest(out, v);
  return fmt::format_to(out, FMT_COMPILE("{:.{}g}"), v, precision);
}

// The text of the number last printed in each column of a row, per thread: a sweep's parameter
// columns and fixed values (the base temperature, a zero slope at an insulated tip) repeat from row
// to row, and copying their text is several times cheaper than converting them again. A hit needs
// the same bits and precision, so the text is exactly what write_number would write.
class RecentNumbers {
 public:
  char* write(char* out, double v, int precision, std::size_t column) {
    if (column >= kColumns) return write_number(out, v, precision);
    Entry& e = entries_[column];
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    if (e.size > 0 && e.bits == bits && e.precision == precision) {
      std::memcpy(out, e.text, e.size);
      return out + e.size;
    }
    char* const end = write_number(out, v, precision);
    e.size = static_cast<std::size_t>(end - out);
    std::memcpy(e.text, out, e.size);
    e.bits = bits;
    e.precision = precision;
    return end;
  }

 private:
  static constexpr std::size_t kColumns = 32;
  struct Entry {
    std::uint64_t bits = 0;
    int precision = 0;
    std::size_t size = 0;  // 0: nothing cached
    char text[kNumberRoom];
  };
  std::array<Entry, kColumns> entries_{};
};

thread_local RecentNumbers recent_numbers;

// Longest "%.Pg" text: sign, P digits, point and a three-digit exponent with its sign.
std::size_t widest_number(int precision) { return static_cast<std::size_t>(precision) + 7; }

// The most characters `text` takes as a cell of any format (JSON's \u00XX escapes and quotes).
std::size_t text_room(std::string_view text) { return 6 * text.size() + 2; }

// Text as a cell of the given format, quoted or escaped where the format needs it.
char* write_text(char* out, Format format, std::string_view text) {
  switch (format) {
    case Format::csv:
      if (text.find_first_of(",\"\n") == std::string_view::npos)
        return std::copy(text.begin(), text.end(), out);
      *out++ = '"';
      for (const char c : text) {
        if (c == '"') *out++ = '"';
        *out++ = c;
      }
      *out++ = '"';
      return out;
    case Format::json: {
      const std::string quoted = json_quote(text);
      return std::copy(quoted.begin(), quoted.end(), out);
    }
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
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\')
      quoted += fmt::format("\\{}", c);
    else if (static_cast<unsigned char>(c) < 0x20)
      quoted += fmt::format("\\u{:04x}", static_cast<int>(c));
    else
      quoted += c;
  }
  return quoted + "\"";
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

TableFormatter::TableFormatter(Format format, std::vector<Column> columns, int precision)
    : format_(format), columns_(std::move(columns)), precision_(precision) {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    const std::size_t cells =
        c.kind == CellKind::number && c.widest == 0 ? widest_number(precision_) : c.widest;
    widths_.push_back(std::max({c.name.size(), cells, std::size_t{3}}));
    leads_.push_back(lead(i));
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

char* TableFormatter::write_value(char* out, const Cell& cell, std::size_t column) const {
  switch (cell.index()) {
    case 1:
      return fmt::format_to(out, FMT_COMPILE("{}"), std::get<std::uint64_t>(cell));
    case 2: {
      // A number that is not finite is not one to stand behind: an empty cell.
      const double v = std::get<double>(cell);
      if (std::isfinite(v)) return recent_numbers.write(out, v, precision_, column);
      break;
    }
    case 3:
      return write_text(out, format_, std::get<std::string_view>(cell));
  }
  if (format_ != Format::json) return out;
  constexpr std::string_view null = "null";
  return std::copy(null.begin(), null.end(), out);
}

void TableFormatter::append_cell(fmt::memory_buffer& out, std::size_t i, const Cell& cell) const {
  const std::string& lead = leads_[i];
  const auto* text = std::get_if<std::string_view>(&cell);
  out.reserve(out.size() + lead.size() + widths_[i] + kNumberRoom + (text ? text_room(*text) : 0));
  char* const begin = std::copy(lead.begin(), lead.end(), out.data() + out.size());
  char* end = write_value(begin, cell, i);
  if (format_ == Format::markdown)
    end = pad(begin, end, widths_[i], columns_[i].kind != CellKind::text);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

void TableFormatter::append_row(fmt::memory_buffer& out, const std::vector<Cell>& cells,
                                bool last) const {
  for (std::size_t i = 0; i < cells.size(); ++i) append_cell(out, i, cells[i]);
  out.append(row_end(last));
}

}  // namespace radbound::cli
