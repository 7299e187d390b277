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

// Room for a text cell kept by RecentTexts: it is copied whole.
constexpr std::size_t kCellRoom = 64;
// Room for any number or index (the text is at most 24 characters: "-1.2345678901234567e-308"),
// and, with the row end's chunk after it, for a kept text cell: Row::text may be given a number
// column.
constexpr std::size_t kNumberRoom = 48;
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
  // Needs room for kNumberRoom characters at `out`; `v` is finite.
  char* write(char* out, double v, int precision, std::size_t column) {
    if (column >= kColumns) return write_number(out, v, precision);
    Recent& recent = columns_[column];
    if (recent.misses >= kMissesToGiveUp) return write_number(out, v, precision);
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    if (recent.precision == precision)
      for (const Entry& e : recent.entries)
        if (e.bits == bits) {
          std::memcpy(out, e.text, kTextRoom);
          recent.misses = 0;
          return out + e.size;
        }
    return remember(recent, out, v, precision);
  }

 private:
  static constexpr std::size_t kColumns = 32;
  static constexpr std::size_t kWays = 4;  // an inner axis of up to 4 values always hits
  static constexpr int kMissesToGiveUp = 64;
  static constexpr std::size_t kTextRoom = 32;  // copied whole: the text and what follows it
  // The bits of a NaN: never those of a finite number, so an unused entry never hits.
  static constexpr std::uint64_t kUnused = 0x7ff8000000000001;
  struct Entry {
    std::uint64_t bits = kUnused;
    std::size_t size = 0;
    char text[kTextRoom];
  };
  // 256 bytes: a column's entries are found with a shift, not a multiplication.
  struct alignas(64) Recent {
    int precision = 0;     // of the texts (0: none yet)
    int misses = 0;        // lookups in a row that missed
    std::size_t next = 0;  // the entry replaced next
    std::array<Entry, kWays> entries{};
  };
  std::array<Recent, kColumns> columns_{};

  // A miss: converts `v` and keeps its text in place of the oldest. Out of line, so that a hit
  // saves no registers for it.
  [[gnu::noinline]] static char* remember(Recent& recent, char* out, double v, int precision) {
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
};

thread_local RecentNumbers recent_numbers;

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

// Whether the n bytes at a and b are equal (0 < n): compared a word at a time, inline (a call to
// memcmp costs more than the comparison of a short word), without reading past either end.
bool same_bytes(const char* a, const char* b, std::size_t n) {
  const auto differ = [a, b](std::size_t at, auto word) {
    decltype(word) x, y;
    std::memcpy(&x, a + at, sizeof x);
    std::memcpy(&y, b + at, sizeof y);
    return x != y;
  };
  if (n < 4) return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
  if (n < 8) return !differ(0, std::uint32_t{}) && !differ(n - 4, std::uint32_t{});
  for (std::size_t k = 0; k + 8 < n; k += 8)
    if (differ(k, std::uint64_t{})) return false;
  return !differ(n - 8, std::uint64_t{});
}

// The text cells last written in each column, per thread, as the format writes them: a sweep's
// text columns (the end specs, the status) take few values, and comparing a word and copying its
// cell is several times cheaper than escaping it again a character at a time. A hit needs the
// same text and format, so the cell is exactly what write_text would write.
class RecentTexts {
 public:
  // The end of the cell of `text` copied to `out` (room for kCellRoom characters), or null when
  // it is not kept.
  char* find(char* out, Format format, std::string_view text, std::size_t column) const {
    if (column >= kColumns || text.empty()) return nullptr;
    for (const Entry& e : columns_[column].entries)
      if (e.text_size == text.size() && e.format == format &&
          same_bytes(e.text, text.data(), text.size())) {
        std::memcpy(out, e.cell, kCellRoom);
        return out + e.cell_size;
      }
    return nullptr;
  }

  // Keeps the cell [begin, end) of `text` in place of the column's oldest, if both fit.
  void remember(const char* begin, const char* end, Format format, std::string_view text,
                std::size_t column) {
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

 private:
  static constexpr std::size_t kColumns = 32;
  static constexpr std::size_t kWays = 4;       // a column of up to 4 words always hits
  static constexpr std::size_t kTextRoom = 40;  // longer texts are written, not kept
  struct Entry {
    std::size_t text_size = 0;  // 0: unused (an empty text is never looked up)
    Format format = Format::csv;
    std::size_t cell_size = 0;
    char text[kTextRoom];
    char cell[kCellRoom];
  };
  struct Recent {
    std::size_t next = 0;  // the entry replaced next
    std::array<Entry, kWays> entries{};
  };
  std::array<Recent, kColumns> columns_{};
};

thread_local RecentTexts recent_texts;

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
    : tail(text.size() > kChunk ? (text.size() - 1) / kChunk * kChunk : 0, '\0'),
      size(text.size()) {
  const std::size_t in_head = std::min(text.size(), kChunk);
  std::copy_n(text.begin(), in_head, head.begin());
  std::copy(text.begin() + in_head, text.end(), tail.begin());
}

char* TableFormatter::Lead::write(char* out) const {
  std::memcpy(out, head.data(), kChunk);
  for (std::size_t k = kChunk; k < size; k += kChunk)
    std::memcpy(out + k, tail.data() + (k - kChunk), kChunk);
  return out + size;
}

TableFormatter::TableFormatter(Format format, std::vector<Column> columns, int precision)
    : format_(format),
      columns_(std::move(columns)),
      precision_(precision),
      row_end_(row_end(false)),
      last_row_end_(row_end(true)) {
  row_room_ = std::max(row_end_.room(), last_row_end_.room());
  // A kept text cell is copied whole, in a column of any kind (Row::text may be given a number
  // column): after a cell begins there is its room and at least the row end's chunk.
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
  for (const Column& c : columns_) row.heading(c.name);
  row.finish(false);
}

void TableFormatter::append_rules(fmt::memory_buffer& out) const {
  Row row(*this, out);
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const std::string dashes(padding_[i].width - 1, '-');
    row.heading(padding_[i].right ? dashes + ":" : ":" + dashes);
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

TableFormatter::Row::Row(const TableFormatter& table, fmt::memory_buffer& out)
    : table_(table),
      out_(out),
      lead_(table.leads_.data()),
      padding_(table.padding_.empty() ? nullptr : table.padding_.data()) {
  out.reserve(out.size() + table.row_room_);
  end_ = out.data() + out.size();
}

char* TableFormatter::Row::begin_cell() {
  // One cell per column: a further cell would read leads (and paddings) past their end.
  assert(column_ < table_.leads_.size());
  return (lead_++)->write(end_);
}

void TableFormatter::Row::end_cell(char* begin, char* end) {
  if (padding_) {
    end = pad(begin, end, padding_->width, padding_->right);
    ++padding_;
  }
  end_ = end;
  ++column_;
}

void TableFormatter::Row::index(std::uint64_t value) {
  char* const begin = begin_cell();
  end_cell(begin, fmt::format_to(begin, FMT_COMPILE("{}"), value));
}

void TableFormatter::Row::number(double value) {
  if (!std::isfinite(value)) return empty();
  char* const begin = begin_cell();
  end_cell(begin, recent_numbers.write(begin, value, table_.precision_, column_));
}

void TableFormatter::Row::text(std::string_view value) {
  char* const begin = begin_cell();
  char* const end = recent_texts.find(begin, table_.format_, value, column_);
  if (end) return end_cell(begin, end);
  new_text(begin, value);
}

char* TableFormatter::Row::room_for_text(char* begin, std::string_view value) {
  // The row so far (with the cell's lead) is kept on regrowth.
  const auto used = static_cast<std::size_t>(begin - out_.data());
  const std::size_t room = text_room(value) + table_.row_room_;
  if (out_.capacity() - used < room) {
    out_.resize(used);
    out_.reserve(used + room);
    begin = out_.data() + used;
  }
  return begin;
}

void TableFormatter::Row::new_text(char* begin, std::string_view value) {
  begin = room_for_text(begin, value);
  char* const end = write_text(begin, table_.format_, value);
  recent_texts.remember(begin, end, table_.format_, value, column_);
  end_cell(begin, end);
}

void TableFormatter::Row::heading(std::string_view value) {
  char* const begin = room_for_text(begin_cell(), value);
  end_cell(begin, write_text(begin, table_.format_, value));
}

void TableFormatter::Row::empty() {
  constexpr std::string_view null = "null";
  char* const begin = begin_cell();
  end_cell(begin, table_.format_ == Format::json ? std::copy(null.begin(), null.end(), begin)
                                                 : begin);
}

void TableFormatter::Row::finish(bool last) {
  const Lead& ending = last ? table_.last_row_end_ : table_.row_end_;
  end_ = ending.write(end_);
  out_.resize(static_cast<std::size_t>(end_ - out_.data()));
}

}  // namespace radbound::cli
