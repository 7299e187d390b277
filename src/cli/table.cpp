#include "table.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <iterator>

#include "grid.hpp"

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

// Compiled format strings: a sweep formats some twenty numbers per point, and parsing the format
// at run time would cost several times the conversion itself.
void append_number(fmt::memory_buffer& out, double v, int precision) {
  v += 0.0;  // a signed zero (e.g. u'(1) at an insulated tip) prints as 0, not -0
  if (precision == kRoundTripPrecision)
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), v);
  else
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{:.{}g}"), v, precision);
}

// The text of the number last printed in each column of a row, per thread: a sweep's parameter
// columns and fixed values (the base temperature, a zero slope at an insulated tip) repeat from row
// to row, and copying their text is several times cheaper than converting them again. A hit needs
// the same bits and precision, so the text is exactly what append_number would write.
class RecentNumbers {
 public:
  void append(fmt::memory_buffer& out, double v, int precision, std::size_t column) {
    if (column >= kColumns) return append_number(out, v, precision);
    Entry& e = entries_[column];
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    if (e.size > 0 && e.bits == bits && e.precision == precision) {
      out.append(e.text, e.text + e.size);
      return;
    }
    const std::size_t start = out.size();
    append_number(out, v, precision);
    const std::size_t size = out.size() - start;
    e.size = size <= sizeof e.text ? size : 0;
    if (e.size == 0) return;
    std::memcpy(e.text, out.data() + start, size);
    e.bits = bits;
    e.precision = precision;
  }

 private:
  static constexpr std::size_t kColumns = 32;
  struct Entry {
    std::uint64_t bits = 0;
    int precision = 0;
    std::size_t size = 0;  // 0: nothing cached
    char text[40];
  };
  std::array<Entry, kColumns> entries_{};
};

thread_local RecentNumbers recent_numbers;

// Longest "%.Pg" text: sign, P digits, point and a three-digit exponent with its sign.
std::size_t widest_number(int precision) { return static_cast<std::size_t>(precision) + 7; }

// Text as a cell of the given format, quoted or escaped where the format needs it.
void append_text(fmt::memory_buffer& out, Format format, std::string_view text) {
  switch (format) {
    case Format::csv:
      if (text.find_first_of(",\"\n") == std::string_view::npos) {
        out.append(text);
      } else {
        out.push_back('"');
        for (const char c : text) {
          if (c == '"') out.push_back('"');
          out.push_back(c);
        }
        out.push_back('"');
      }
      return;
    case Format::json:
      out.append(json_quote(text));
      return;
    case Format::markdown:
      for (const char c : text) {
        if (c == '|') out.push_back('\\');
        out.push_back(c);
      }
      return;
    case Format::latex:
      for (const char c : text) {
        if (std::string_view("_&%$#{}").find(c) != std::string_view::npos) out.push_back('\\');
        out.push_back(c);
      }
      return;
    case Format::tsv:
      out.append(text);
      return;
  }
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
  fmt::memory_buffer text;
  append_number(text, value, precision);
  return text.size();
}

Format parse_format(std::string_view text) {
  for (const FormatName& f : kFormats)
    if (f.name == text) return f.format;
  throw SyntaxError("unknown format '" + std::string(text) +
                    "': accepted are csv, tsv, json, markdown, latex");
}

TableFormatter::TableFormatter(Format format, std::vector<Column> columns, int precision)
    : format_(format), columns_(std::move(columns)), precision_(precision) {
  for (const Column& c : columns_) {
    const std::size_t cells =
        c.kind == CellKind::number && c.widest == 0 ? widest_number(precision_) : c.widest;
    widths_.push_back(std::max({c.name.size(), cells, std::size_t{3}}));
  }
}

std::string TableFormatter::markdown_line(const std::vector<std::string>& texts) const {
  std::string line = "|";
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const bool right = columns_[i].kind != CellKind::text;
    line += fmt::format(right ? " {:>{}} |" : " {:<{}} |", texts[i], widths_[i]);
  }
  return line + "\n";
}

std::string TableFormatter::header() const {
  fmt::memory_buffer names;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0)
      names.append(std::string_view(format_ == Format::tsv     ? "\t"
                                    : format_ == Format::latex ? " & "
                                                               : ","));
    append_text(names, format_, columns_[i].name);
  }
  switch (format_) {
    case Format::csv:
    case Format::tsv:
      return fmt::to_string(names) + "\n";
    case Format::json:
      return "[\n";
    case Format::markdown: {
      std::vector<std::string> titles, rules;
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        titles.push_back(columns_[i].name);
        const std::string dashes(widths_[i] - 1, '-');
        rules.push_back(columns_[i].kind == CellKind::text ? ":" + dashes : dashes + ":");
      }
      return markdown_line(titles) + markdown_line(rules);
    }
    case Format::latex: {
      std::string spec;
      for (const Column& c : columns_) spec += c.kind == CellKind::text ? 'l' : 'r';
      return "\\begin{tabular}{" + spec + "}\n\\toprule\n" + fmt::to_string(names) +
             " \\\\\n\\midrule\n";
    }
  }
  return {};
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

void TableFormatter::append_value(fmt::memory_buffer& out, const Cell& cell,
                                  std::size_t column) const {
  if (const auto* i = std::get_if<std::uint64_t>(&cell)) {
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), *i);
  } else if (const auto* v = std::get_if<double>(&cell)) {
    recent_numbers.append(out, *v, precision_, column);
  } else if (const auto* t = std::get_if<std::string_view>(&cell)) {
    append_text(out, format_, *t);
  }
}

void TableFormatter::append_cell(fmt::memory_buffer& out, std::size_t i, const Cell& cell) const {
  const Column& column = columns_[i];
  const auto* number = std::get_if<double>(&cell);
  // A number that is not finite is not one to stand behind: an empty cell.
  const bool empty =
      std::holds_alternative<std::monostate>(cell) || (number && !std::isfinite(*number));
  if (format_ == Format::json) {
    fmt::format_to(std::back_inserter(out), "\"{}\":", column.name);
    if (empty)
      out.append(std::string_view("null"));
    else
      append_value(out, cell, i);
    return;
  }
  if (!empty) append_value(out, cell, i);
}

void TableFormatter::append_row(fmt::memory_buffer& out, const std::vector<Cell>& cells,
                                bool last) const {
  switch (format_) {
    case Format::csv:
    case Format::tsv:
    case Format::latex: {
      const std::string_view sep = format_ == Format::csv   ? ","
                                   : format_ == Format::tsv ? "\t"
                                                            : " & ";
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out.append(sep);
        append_cell(out, i, cells[i]);
      }
      out.append(std::string_view(format_ == Format::latex ? " \\\\\n" : "\n"));
      return;
    }
    case Format::json:
      out.push_back('{');
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out.push_back(',');
        append_cell(out, i, cells[i]);
      }
      out.append(std::string_view(last ? "}\n" : "},\n"));
      return;
    case Format::markdown: {
      std::vector<std::string> texts;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        fmt::memory_buffer cell;
        append_cell(cell, i, cells[i]);
        texts.push_back(fmt::to_string(cell));
      }
      const std::string line = markdown_line(texts);
      out.append(line);
      return;
    }
  }
}

}  // namespace radbound::cli
