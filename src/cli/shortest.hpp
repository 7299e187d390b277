// The shortest decimal text that reads back as the same double, laid out as fmt's "{}" lays it
// out (0.3, 1e-05, 123456.789, 1e+16), byte for byte, in about 190 instructions a number in a
// sweep, 88 of them Dragonbox's (with fmt's full cache, CMakeLists.txt). The digits are fmt's: its
// Dragonbox (fmt::detail::dragonbox::to_decimal, compiled in from fmt's headers), laid out
// sixteen at a time in one SSE2 register (eight at a time in a word without SSE2); the test
// suite checks the whole text against fmt's "{}".
#pragma once

namespace radbound::cli {

// Room the writer needs at its output (the longest text, "-2.2250738585072014e-308", is 24
// characters): it stores in whole 16-byte blocks, and the bytes past the text are left for the
// caller to overwrite.
constexpr int kShortestRoom = 40;

// Writes finite `v` at `out` (room for kShortestRoom characters); returns the end of the text.
char* write_shortest(char* out, double v);

}  // namespace radbound::cli
