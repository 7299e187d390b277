// Tables in the output formats of SPEC §3, written one whole line at a time so that rows can be
// streamed, flushed, resumed and concatenated across shards.
//
// Every format is a header (a fixed number of lines), one line per row, and a footer:
//   csv       names,...            rows                  (no footer)
//   tsv       as csv with tabs
//   json      "["                  {"name":value,...},   "]"   (an array of objects; empty -> null)
//   markdown  | name | + |---:|    | value |              (no footer; columns padded to fixed
//   widths) latex     booktabs tabular     a & b \\              \bottomrule \end{tabular}
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace radbound::cli {

enum class Format { csv, tsv, json, markdown, latex };

// Throws SyntaxError naming the accepted formats.
Format parse_format(std::string_view text);

// `text` as a JSON string literal, quoted and escaped.
std::string json_quote(std::string_view text);

enum class CellKind { integer, number, text };

// One table cell: empty (a value not established), an index, a number or a word.
using Cell = std::variant<std::monostate, std::uint64_t, double, std::string_view>;

// The width of `value` printed with `precision` significant digits.
std::size_t number_width(double value, int precision);

inline Cell to_cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

struct Column {
  std::string name;
  CellKind kind = CellKind::number;
  // The widest cell of the column, for the fixed widths of Markdown. 0 for a number column
  // whose values are not known in advance: as wide as any number at the table's precision.
  std::size_t widest = 0;
};

class TableFormatter {
 public:
  // `precision` is the number of significant digits of numbers.
  TableFormatter(Format format, std::vector<Column> columns, int precision);

  std::string header() const;
  std::string footer() const;

  // Appends one row as one whole line. `last` marks the final row of the whole table (JSON puts
  // no separator after it).
  void append_row(fmt::memory_buffer& out, const std::vector<Cell>& cells, bool last) const;

 private:
  // What precedes cell i in a row (a separator, a JSON name) or ends a row, padded with zeros
  // to whole chunks (at least one) that are copied at once.
  struct Lead {
    explicit Lead(std::string_view text);
    std::string chunks;
    std::size_t size;  // of the text
  };

  Format format_;
  std::vector<Column> columns_;
  int precision_;
  std::vector<std::size_t> widths_;  // Markdown column widths
  std::vector<Lead> leads_;
  Lead row_end_, last_row_end_;  // JSON puts no separator after the table's last row
  std::size_t row_room_;         // the most a row takes besides the text of its text cells

  std::string lead(std::size_t i) const;
  std::string_view row_end(bool last) const;
  // The text of a cell other than a finite number at `out` (room for an index or the text's);
  // returns its end.
  char* write_value(char* out, const Cell& cell) const;
};

}  // namespace radbound::cli
