// The whole cells (lead, value, Markdown padding) a table wrote last in each column, kept per
// thread so that a repeated value's cell is copied instead of written again: a sweep's parameter
// columns take few values (an inner axis cycles through them, an outer one repeats each for many
// rows), and its end specs, status and fixed end values (the base temperature, a zero slope at an
// insulated tip) repeat from row to row. The cells are those of one table (its leads, precision,
// format and widths): another table's row forgets them. Lookups are inline (always: see
// TableFormatter::Row), so that a row written in one function keeps its place in registers; what
// a miss keeps is out of line (table.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace radbound::cli {

// Whether the n bytes at a and b are equal (0 < n): compared a word at a time, inline (a call to
// memcmp costs more than the comparison of a short word), without reading past either end.
[[gnu::always_inline]] inline bool same_bytes(const char* a, const char* b, std::size_t n) {
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

// The cells of the numbers last written in each column, found by the number's bits. A column of
// results (which hardly ever repeat) stops being looked up after kMissesToGiveUp misses in a row.
class RecentNumbers {
 public:
  // A kept cell is copied whole: the cell and what follows it, to be overwritten.
  static constexpr std::size_t kCellRoom = 48;
  // A cell holds the complement of the number's bits: an unused cell's zero is the complement of
  // a NaN's, never those of a finite number, so it is never found. Every member starts at zero:
  // the thread's recent cells are zero-initialized storage, whose pages only the cells used touch
  // (each page at a page fault), instead of initialized storage copied whole at every start.
  struct Cell {
    std::uint64_t complement = 0;  // ~bits of the number
    std::size_t size = 0;          // of the cell
    char text[kCellRoom];
  };

  // Whether `column` is looked up: one bit test (read where the row's registers are short).
  [[gnu::always_inline]] bool looked_up(std::size_t column) const {
    return column < kColumns && !(given_up_ >> column & 1);
  }
  // The kept cell of the number with these bits in a looked-up `column`, or null.
  [[gnu::always_inline]] const Cell* find(std::size_t column, std::uint64_t bits) {
    const std::uint64_t complement = ~bits;
    for (const Cell& cell : cells_[column])
      if (cell.complement == complement) {
        misses_[column] = 0;
        return &cell;
      }
    return nullptr;
  }
  // After a miss in a looked-up `column`: keeps the cell [begin, end) of the number with these
  // bits in place of the oldest, if it fits.
  [[gnu::noinline]] void keep(std::size_t column, std::uint64_t bits, const char* begin,
                              const char* end);
  void forget() { *this = RecentNumbers{}; }

 private:
  static constexpr std::size_t kColumns = 32;
  static constexpr std::size_t kWays = 4;  // an inner axis of up to 4 values always hits
  static constexpr int kMissesToGiveUp = 64;
  std::uint32_t given_up_ = 0;  // bit i: column i is no longer looked up
  static_assert(kColumns == 32, "a bit of given_up_ for each column");
  // A column's cells are 256 bytes, found with a shift (their bookkeeping is apart).
  std::array<std::array<Cell, kWays>, kColumns> cells_{};
  std::array<int, kColumns> misses_{};        // lookups in a row that missed
  std::array<std::size_t, kColumns> next_{};  // the cell replaced next
};

// The cells of the texts last written in each column, found by the text: comparing a word and
// copying its cell is several times cheaper than escaping it again a character at a time.
class RecentTexts {
 public:
  static constexpr std::size_t kTextRoom = 48;  // longer texts are written, not kept
  static constexpr std::size_t kCellRoom = 64;  // copied whole, as RecentNumbers::Cell
  struct Cell {
    std::size_t text_size = 0;  // 0: unused (an empty text is never looked up)
    char text[kTextRoom];
    std::size_t size = 0;  // of the cell
    char cell[kCellRoom];
  };

  // Whether `column` is looked up: it is one of the first kColumns.
  [[gnu::always_inline]] static bool looked_up(std::size_t column) { return column < kColumns; }
  // The kept cell of `text` (not empty) in a looked-up `column`, or null.
  [[gnu::always_inline]] const Cell* find(std::size_t column, std::string_view text) const {
    for (const Cell& c : cells_[column])
      if (c.text_size == text.size() && same_bytes(c.text, text.data(), text.size())) return &c;
    return nullptr;
  }
  // Keeps the cell [begin, end) of `text` in a looked-up `column` in place of the oldest, if both
  // fit.
  void keep(std::size_t column, std::string_view text, const char* begin, const char* end);
  void forget();

 private:
  static constexpr std::size_t kColumns = 32;
  static constexpr std::size_t kWays = 4;  // a column of up to 4 words always hits
  // A column's cells are 512 bytes, found with a shift.
  std::array<std::array<Cell, kWays>, kColumns> cells_{};
  std::array<std::size_t, kColumns> next_{};  // the cell replaced next
};

class RecentCells {
 public:
  RecentNumbers numbers;
  RecentTexts texts;

  // Keeps the cells of the table numbered `table` (from 1) from now on. A thread's first table
  // finds them as forget() leaves them: forgetting them would touch all their pages.
  void serve(std::uint64_t table) {
    if (table == table_) return;
    if (table_ != 0) {
      numbers.forget();
      texts.forget();
    }
    table_ = table;
  }

 private:
  std::uint64_t table_ = 0;  // whose cells are kept (0: none yet)
};

// This thread's recent cells.
RecentCells& recent_cells();

}  // namespace radbound::cli
