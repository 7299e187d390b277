// Tables in the output formats of SPEC §3, written one whole line at a time so that rows can be
// streamed, flushed, resumed and concatenated across shards.
//
// Every format is a header (a fixed number of lines), one line per row, and a footer:
//   csv       names,...            rows                  (no footer)
//   tsv       as csv with tabs
//   json      "["                  {"name":value,...},   "]"   (an array of objects; empty -> null)
//   markdown  | name | + |---:|    | value |              (no footer; columns padded to fixed
//                                                         widths)
//   latex     booktabs tabular     a & b \\              \bottomrule \end{tabular}
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace radbound::cli {

enum class Format { csv, tsv, json, markdown, latex };

// Throws SyntaxError naming the accepted formats.
Format parse_format(std::string_view text);

// `text` as a JSON string literal, quoted and escaped.
std::string json_quote(std::string_view text);

enum class CellKind { integer, number, text };

// The width of `value` printed with `precision` significant digits.
std::size_t number_width(double value, int precision);

struct Column {
  std::string name;
  CellKind kind = CellKind::number;
  // The widest cell of the column, for the fixed widths of Markdown. 0 for a number column
  // whose values are not known in advance: as wide as any number at the table's precision.
  std::size_t widest = 0;
};

class TableFormatter {
 public:
  class Row;

  // `precision` is the number of significant digits of numbers.
  TableFormatter(Format format, std::vector<Column> columns, int precision);

  std::string header() const;
  std::string footer() const;

 private:
  // Leads are copied in whole chunks of kChunk bytes, cheaper than a copy of any length; the
  // bytes past the lead are overwritten by what follows it.
  static constexpr std::size_t kChunk = 16;
  // What precedes cell i in a row (a separator, a JSON name) or ends a row, padded with zeros to
  // whole chunks (at least one). The first chunk is held in place, so the usual lead (all but
  // long JSON names) is copied without following a pointer.
  struct Lead {
    explicit Lead(std::string_view text);
    std::array<char, kChunk> head{};
    std::string tail;  // the chunks after the first
    std::size_t size;  // of the text
    std::size_t room() const { return kChunk + tail.size(); }
    // Copies the chunks to `out`; returns the end of the text.
    char* write(char* out) const;
  };
  // How Markdown pads a column (no other format pads).
  struct Padding {
    std::size_t width;
    bool right;  // aligned right (numbers), else left (text)
  };

  Format format_;
  std::vector<Column> columns_;
  int precision_;
  std::vector<Padding> padding_;  // Markdown only, else empty
  std::vector<Lead> leads_;
  Lead row_end_, last_row_end_;  // JSON puts no separator after the table's last row
  std::size_t row_room_;  // the most a row takes, but for text cells longer than a kept one

  std::string lead(std::size_t i) const;
  std::string_view row_end(bool last) const;
  // The header's row of column names (and Markdown's rule row).
  void append_names(fmt::memory_buffer& out) const;
  void append_rules(fmt::memory_buffer& out) const;
};

// One row written into `out` as one whole line: its cells in column order, then finish(). Each
// cell goes straight into the buffer; the row is added to it (out.size() grows) by finish().
// Rows of one formatter may be written on several threads at once, each into its own buffer.
class TableFormatter::Row {
 public:
  Row(const TableFormatter& table, fmt::memory_buffer& out);

  void index(std::uint64_t value);
  // A number that is not finite is not one to stand behind: an empty cell.
  void number(double value);
  void number(const std::optional<double>& value) { value ? number(*value) : empty(); }
  void text(std::string_view value);
  // A column's name (or Markdown's rule) in the header: written, not kept by the recent texts of
  // the column, which only a text column's rows look up (the thread's recent texts are pages
  // first touched, each at a page fault, and a number column's would be touched for nothing).
  void heading(std::string_view value);
  // A value not established: nothing, or JSON's null.
  void empty();
  // `last` marks the final row of the whole table (JSON puts no separator after it).
  void finish(bool last);

 private:
  const TableFormatter& table_;
  fmt::memory_buffer& out_;
  char* end_;                // of what the row has written so far
  std::size_t column_ = 0;   // of the next cell
  const Lead* lead_;         // of the next cell
  const Padding* padding_;   // of the next cell; null in every format but Markdown

  // Writes the lead of the next cell; returns where its value goes.
  char* begin_cell();
  // Writes a text cell the recent texts do not keep at `begin`, after its lead.
  [[gnu::noinline]] void new_text(char* begin, std::string_view value);
  // Makes room for `value` as the cell at `begin` and for the rest of the row; returns where the
  // cell begins now.
  char* room_for_text(char* begin, std::string_view value);
  // Pads the value [begin, end) for Markdown and moves on to the next cell.
  void end_cell(char* begin, char* end);
};

}  // namespace radbound::cli
