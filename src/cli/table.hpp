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
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "recent_cells.hpp"

namespace radbound::cli {

enum class Format { csv, tsv, json, markdown, latex };

// Throws SyntaxError naming the accepted formats.
Format parse_format(std::string_view text);

// `text` as a JSON string literal, quoted and escaped.
std::string json_quote(std::string_view text);

enum class CellKind { integer, number, text };

// The width of `value` printed with `precision` significant digits.
std::size_t number_width(double value, int precision);

// Finite `v` with `precision` significant digits at `out` (room for 48 characters: it may write
// past the text, for the caller to overwrite).
char* write_number(char* out, double v, int precision);

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
    std::size_t width = 0;  // 0: not padded
    bool right = false;     // aligned right (numbers), else left (text)
  };
  // Where cell i of a row goes: after its lead, in column i, padded to a width. A row walks these
  // with one pointer, which tells it all it needs of the cell.
  struct Place {
    Lead lead;
    std::size_t column;
    Padding padding;
  };

  Format format_;
  std::vector<Column> columns_;
  int precision_;
  std::uint64_t serial_;  // tells this table's recent cells from another's
  std::vector<Place> places_;  // one for each column
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
//
// Every member is inline and nothing out of line is handed the row, so that a row written in
// one function (a sweep's row) keeps its place in registers; what is rare or long (a conversion,
// a new text, Markdown's padding) is out of line. The members are always inlined: link-time
// optimization would otherwise keep one copy of a long one for all callers, and a row handed to
// it lives in memory.
class TableFormatter::Row {
 public:
  [[gnu::always_inline]] Row(const TableFormatter& table, fmt::memory_buffer& out)
      : table_(table),
        out_(out),
        recent_(recent_cells()),
        place_(table.places_.data()) {
    recent_.serve(table.serial_);
    out.reserve(out.size() + table.row_room_);
    end_ = out.data() + out.size();
  }

  [[gnu::always_inline]] void index(std::uint64_t value) {
    char* const begin = begin_cell();
    end_cell(begin, write_index(begin, value));
  }
  // A number that is not finite is not one to stand behind: an empty cell.
  [[gnu::always_inline]] void number(double value) {
    if (!std::isfinite(value)) return empty();
    std::uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    const std::size_t column = place_->column;
    const bool looked_up = recent_.numbers.looked_up(column);
    if (looked_up)
      if (const RecentNumbers::Cell* kept = recent_.numbers.find(column, bits))
        return copy_cell(kept->text, kept->size);
    char* const cell = end_;
    char* const begin = begin_cell();
    end_cell(begin, write_number(begin, value, table_.precision_));
    if (looked_up) recent_.numbers.keep(column, bits, cell, end_);
  }
  [[gnu::always_inline]] void number(const std::optional<double>& value) {
    value ? number(*value) : empty();
  }
  [[gnu::always_inline]] void text(std::string_view value) {
    const std::size_t column = place_->column;
    const bool looked_up = RecentTexts::looked_up(column);
    if (looked_up && !value.empty())
      if (const RecentTexts::Cell* kept = recent_.texts.find(column, value))
        return copy_cell(kept->cell, kept->size);
    end_ = make_room(table_, out_, end_, value);
    char* const cell = end_;
    char* const begin = begin_cell();
    end_cell(begin, write_text(begin, table_.format_, value));
    if (looked_up) recent_.texts.keep(column, value, cell, end_);
  }
  // A column's name (or Markdown's rule) in the header: written, not kept. Only a text column's
  // rows look texts up; kept names would touch every column's recent texts, pages first touched
  // (each at a page fault) for nothing.
  [[gnu::always_inline]] void heading(std::string_view value) {
    end_ = make_room(table_, out_, end_, value);
    char* const begin = begin_cell();
    end_cell(begin, write_text(begin, table_.format_, value));
  }
  // A value not established: nothing, or JSON's null.
  [[gnu::always_inline]] void empty() {
    char* const begin = begin_cell();
    end_cell(begin, table_.format_ == Format::json ? write_null(begin) : begin);
  }
  // `last` marks the final row of the whole table (JSON puts no separator after it).
  [[gnu::always_inline]] void finish(bool last) {
    const Lead& ending = last ? table_.last_row_end_ : table_.row_end_;
    end_ = ending.write(end_);
    out_.resize(static_cast<std::size_t>(end_ - out_.data()));
  }

 private:
  const TableFormatter& table_;
  fmt::memory_buffer& out_;
  RecentCells& recent_;
  char* end_;           // of what the row has written so far
  const Place* place_;  // of the next cell

  // Writes the lead of the next cell; returns where its value goes.
  [[gnu::always_inline]] char* begin_cell() {
    // One cell per column: a further cell would read places past their end.
    assert(place_ < table_.places_.data() + table_.places_.size());
    return place_->lead.write(end_);
  }
  // Pads the value [begin, end) for Markdown and moves on to the next cell.
  [[gnu::always_inline]] void end_cell(char* begin, char* end) {
    if (place_->padding.width > 0) end = pad(begin, end, place_->padding);
    end_ = end;
    ++place_;
  }
  // Writes the next cell whole (lead, value, padding) from the `size` bytes at `cell`, copying
  // `Room` bytes.
  template <std::size_t Room>
  [[gnu::always_inline]] void copy_cell(const char (&cell)[Room], std::size_t size) {
    assert(place_ < table_.places_.data() + table_.places_.size());
    std::memcpy(end_, cell, Room);
    end_ += size;
    ++place_;
  }

  static char* write_index(char* out, std::uint64_t value);
  static char* write_null(char* out) {
    std::memcpy(out, "null", 4);
    return out + 4;
  }
  // `text` as a cell's value in `format`, quoted or escaped where the format needs it.
  static char* write_text(char* out, Format format, std::string_view text);
  // Pads the cell text [begin, end) with blanks to the padding's width.
  static char* pad(char* begin, char* end, const Padding& padding);
  // Makes room in `out`, after the row so far (which ends at `end`), for `text` as a value and
  // the rest of the row; returns where the row ends then (the buffer may have moved).
  static char* make_room(const TableFormatter& table, fmt::memory_buffer& out, char* end,
                         std::string_view text);
};

inline char* TableFormatter::Lead::write(char* out) const {
  std::memcpy(out, head.data(), kChunk);
  for (std::size_t k = kChunk; k < size; k += kChunk)
    std::memcpy(out + k, tail.data() + (k - kChunk), kChunk);
  return out + size;
}

}  // namespace radbound::cli
