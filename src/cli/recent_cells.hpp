// The cells a table printed last in each column, kept per thread so that a repeated value is
// copied instead of converted or escaped again. Their hits are inline (always: see
// TableFormatter::Row), so that a row written in one function keeps its place in registers;
// their misses are out of line (table.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace radbound::cli {

enum class Format;  // table.hpp

// Room for a text cell kept by RecentTexts: it is copied whole.
constexpr std::size_t kCellRoom = 64;
// Room for any number or index (the text is at most 24 characters: "-1.2345678901234567e-308"),
// and, with the row end's chunk after it, for a kept text cell: the header writes its names
// through RecentTexts in number columns too.
constexpr std::size_t kNumberRoom = 48;

// Finite `v` with `precision` significant digits at `out` (room for kNumberRoom characters).
char* write_number(char* out, double v, int precision);

// Whether the n bytes at a and b are equal (0 < n): compared a word at a time, inline (a call to
// memcmp costs more than the comparison of a short word), without reading past either end.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
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

// The texts of the numbers last printed in each column: a sweep's parameter columns take few
// values (an inner axis cycles through them, an outer one repeats each for many rows) and fixed
// values (the base temperature, a zero slope at an insulated tip) repeat from row to row; copying
// their text is ten times cheaper than converting them again. A hit needs the same bits and
// precision, so the text is exactly what write_number would write. A column of results (which
// hardly ever repeat) stops being looked up after kMissesToGiveUp misses in a row.
class RecentNumbers {
 public:
  // Needs room for kNumberRoom characters at `out`; `v` is finite.
  [[gnu::always_inline]] char* write(char* out, double v, int precision, std::size_t column) {
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
  [[gnu::noinline]] static char* remember(Recent& recent, char* out, double v, int precision);
};

// The text cells last written in each column, as the format writes them: a sweep's text columns
// (the end specs, the status) take few values, and comparing a word and copying its cell is
// several times cheaper than escaping it again a character at a time. A hit needs the same text
// and format, so the cell is exactly what the format's escaping would write.
class RecentTexts {
 public:
  // The end of the cell of `text` copied to `out` (room for kCellRoom characters), or null when
  // it is not kept.
  [[gnu::always_inline]] char* find(char* out, Format format, std::string_view text,
                                    std::size_t column) const {
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
                std::size_t column);

 private:
  static constexpr std::size_t kColumns = 32;
  static constexpr std::size_t kWays = 4;       // a column of up to 4 words always hits
  static constexpr std::size_t kTextRoom = 40;  // longer texts are written, not kept
  struct Entry {
    std::size_t text_size = 0;  // 0: unused (an empty text is never looked up)
    Format format{};
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

struct RecentCells {
  RecentNumbers numbers;
  RecentTexts texts;
};

// This thread's recent cells.
RecentCells& recent_cells();

}  // namespace radbound::cli
