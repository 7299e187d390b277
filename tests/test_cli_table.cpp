// Output formats (SPEC §3): one whole line per row, empty cells for values not established.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <random>
#include <set>

#include "cli_process.hpp"
#include "exit_code.hpp"
#include "partial_table.hpp"
#include "shortest.hpp"
#include "table.hpp"

using namespace radbound::cli;

namespace {

const std::vector<Column> kColumns = {{"index", CellKind::integer, 2},
                                      {"theta_s", CellKind::number, 0},
                                      {"left", CellKind::text, 16}};

std::string table_text(Format format) {
  const TableFormatter table(format, kColumns, 17);
  fmt::memory_buffer rows;
  TableFormatter::Row first(table, rows);
  first.index(7);
  first.number(0.1);
  first.text("convective:1:0.5");
  first.finish(false);
  TableFormatter::Row last(table, rows);
  last.index(12);
  last.number(std::nullopt);
  last.text("a,b|c_d\"");
  last.finish(true);
  return table.header() + fmt::to_string(rows) + table.footer();
}

}  // namespace

TEST_CASE("csv: header, rows, empty cells empty, commas quoted", "[cli][format]") {
  CHECK(table_text(Format::csv) ==
        "index,theta_s,left\n7,0.1,convective:1:0.5\n12,,\"a,b|c_d\"\"\"\n");
}

TEST_CASE("tsv is csv with tabs", "[cli][format]") {
  CHECK(table_text(Format::tsv) ==
        "index\ttheta_s\tleft\n7\t0.1\tconvective:1:0.5\n12\t\ta,b|c_d\"\n");
}

TEST_CASE("json: an array of objects, empty cells null", "[cli][format]") {
  CHECK(table_text(Format::json) ==
        "[\n{\"index\":7,\"theta_s\":0.1,\"left\":\"convective:1:0.5\"},\n"
        "{\"index\":12,\"theta_s\":null,\"left\":\"a,b|c_d\\\"\"}\n]\n");
}

TEST_CASE("markdown: every line has its bars in the same columns", "[cli][format]") {
  const auto lines = radbound::test::lines_of(table_text(Format::markdown));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "| index |                  theta_s | left             |");
  CHECK(lines[1] == "| ----: | -----------------------: | :--------------- |");
  CHECK(lines[2] == "|     7 |                      0.1 | convective:1:0.5 |");
  CHECK(lines[3] == "|    12 |                          | a,b\\|c_d\"        |");
}

TEST_CASE("latex: a booktabs tabular with special characters escaped", "[cli][format]") {
  CHECK(
      table_text(Format::latex) ==
      "\\begin{tabular}{rrl}\n\\toprule\nindex & theta\\_s & left \\\\\n\\midrule\n"
      "7 & 0.1 & convective:1:0.5 \\\\\n12 &  & a,b|c\\_d\" \\\\\n\\bottomrule\n\\end{tabular}\n");
}

TEST_CASE("precision 17 round-trips with the shortest text; lower precisions round",
          "[cli][format]") {
  const TableFormatter full(Format::csv, {{"v"}}, 17);
  const TableFormatter three(Format::csv, {{"v"}}, 3);
  fmt::memory_buffer a, b;
  for (const double v : {0.1, 1.0 / 3.0, 2.5e-300, 12345678.9}) {
    for (auto [table, out] : {std::pair{&full, &a}, std::pair{&three, &b}}) {
      TableFormatter::Row row(*table, *out);
      row.number(v);
      row.finish(false);
    }
  }
  CHECK(fmt::to_string(a) == "0.1\n0.3333333333333333\n2.5e-300\n12345678.9\n");
  CHECK(fmt::to_string(b) == "0.1\n0.333\n2.5e-300\n1.23e+07\n");
}

TEST_CASE("rows of several tables written in turn on one thread are each as written alone",
          "[cli][format]") {
  // A repeated value's whole cell (lead, value, padding) is copied from the last cells of its
  // column: they must be those of the row's own table, not of the one written just before.
  const std::vector<Column> columns = {{"x", CellKind::number, 0}, {"w", CellKind::text, 5}};
  const TableFormatter csv(Format::csv, columns, 17), json(Format::json, columns, 1),
      markdown(Format::markdown, columns, 17);
  fmt::memory_buffer csv_rows, json_rows, markdown_rows;
  for (const double x : {0.5, 0.5, 0.3, 0.5})
    for (auto [table, out] : {std::pair{&csv, &csv_rows}, std::pair{&json, &json_rows},
                              std::pair{&markdown, &markdown_rows}}) {
      TableFormatter::Row row(*table, *out);
      row.number(x);
      row.text("ab");
      row.finish(false);
    }
  CHECK(fmt::to_string(csv_rows) == "0.5,ab\n0.5,ab\n0.3,ab\n0.5,ab\n");
  CHECK(fmt::to_string(json_rows) ==
        "{\"x\":0.5,\"w\":\"ab\"},\n{\"x\":0.5,\"w\":\"ab\"},\n"
        "{\"x\":0.3,\"w\":\"ab\"},\n{\"x\":0.5,\"w\":\"ab\"},\n");
  const auto markdown_row = [](std::string_view x) {
    return "| " + std::string(24 - x.size(), ' ') + std::string(x) + " | ab    |\n";
  };
  CHECK(fmt::to_string(markdown_rows) == markdown_row("0.5") + markdown_row("0.5") +
                                             markdown_row("0.3") + markdown_row("0.5"));
}

TEST_CASE("unknown formats are refused with the accepted ones", "[cli][format]") {
  CHECK(parse_format("markdown") == Format::markdown);
  CHECK_THROWS_WITH(parse_format("xml"),
                    Catch::Contains("accepted are csv, tsv, json, markdown, latex"));
}

// What read_partial() finds in a file holding `content`.
PartialTable read_back(const std::string& content, std::string_view header, std::string_view footer,
                       std::size_t tail_rows) {
  radbound::test::TempDir dir;
  radbound::test::write_text(dir / "t.partial", content);
  const auto table = read_partial(dir / "t.partial", header, footer, tail_rows);
  REQUIRE(table);
  return *table;
}

using Rows = std::vector<std::string>;

TEST_CASE("a partial file keeps its whole rows and drops a torn last line", "[cli][resume]") {
  const auto table = read_back("h1\nh2\nr0\nr1\nr2\nr3 torn", "h1\nh2\n", "", 2);
  CHECK(table.rows == 3);
  CHECK(table.keep_bytes == 15);
  CHECK(table.tail == Rows{"r1\n", "r2\n"});
}

TEST_CASE("a partial file's footer is not counted as rows", "[cli][resume]") {
  const auto table = read_back("[\nr0,\nr1\n]\n", "[\n", "]\n", 5);
  CHECK(table.rows == 2);
  CHECK(table.keep_bytes == 9);
  CHECK(table.tail == Rows{"r0,\n", "r1\n"});
}

TEST_CASE("a footer written in part is not counted as rows", "[cli][resume]") {
  const auto table =
      read_back("h\nr0\nr1\n\\bottomrule\n\\end{tab", "h\n", "\\bottomrule\n\\end{tabular}\n", 1);
  CHECK(table.rows == 2);
  CHECK(table.keep_bytes == 8);
  CHECK(table.tail == Rows{"r1\n"});
}

TEST_CASE("a partial file torn inside its header starts afresh", "[cli][resume]") {
  const auto torn = read_back("h1\nh", "h1\nh2\n", "", 2);
  CHECK(torn.rows == 0);
  CHECK(torn.keep_bytes == 0);
}

TEST_CASE("a partial file with another header is refused; a missing one is no table",
          "[cli][resume]") {
  radbound::test::TempDir dir;
  radbound::test::write_text(dir / "t.partial", "x1\nh2\nr0\n");
  CHECK_THROWS_AS(read_partial(dir / "t.partial", "h1\nh2\n", "", 2), CliError);
  CHECK_FALSE(read_partial(dir / "absent.partial", "h1\n", "", 2));
}

TEST_CASE("a signed zero prints as 0", "[cli][format]") {
  const TableFormatter table(Format::csv, {{"du1", CellKind::number, 0}}, 17);
  fmt::memory_buffer rows;
  TableFormatter::Row row(table, rows);
  row.number(-0.0);
  row.finish(false);
  CHECK(fmt::to_string(rows) == "0\n");
}

TEST_CASE("the shortest text of a double is fmt's {} byte for byte", "[cli][format]") {
  // Random bit patterns (every exponent, subnormals, both signs), powers of ten and their
  // neighbours (where fixed and exponential notation meet), whole numbers and short fractions.
  std::mt19937_64 bits(20261126);
  std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 5e-324, -5e-324, 2.2250738585072014e-308,
                                1.7976931348623157e308, 9007199254740993.0, 1234567890123456.7};
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t b = bits() >> (i % 3 == 0 ? bits() % 64 : 0);
    double v;
    std::memcpy(&v, &b, sizeof v);
    if (std::isfinite(v)) values.push_back(v);
  }
  for (int e = -324; e <= 308; ++e) {
    const double p = std::strtod(("1e" + std::to_string(e)).c_str(), nullptr);
    for (const double v : {p, std::nextafter(p, 0.0), std::nextafter(p, 2 * p), 9.5 * p, 3 * p})
      if (std::isfinite(v)) values.push_back(v);
  }
  for (int i = 0; i < 3000; ++i) values.insert(values.end(), {i * 1.0, i / 64.0, i / 1000.0});
  // Digits are laid out sixteen at a time (eight without SSE2) in groups of four: i * 10001 puts
  // every group of four digits in the last two places, i * 1000100010001 (exact below 2^53) in all
  // four; the others give 17-digit significands in fixed and exponential form. (The random values
  // put each group in each place about 80 times more.)
  for (int i = 0; i < 10000; ++i)
    values.insert(values.end(), {i * 10001.0, i * 1000100010001.0, 0.1 + i * 1.0001e-5,
                                 1e16 + i * 1.0001e4});
  std::size_t differ = 0;
  for (const double v : values) {
    char text[kShortestRoom];
    const std::string mine(text, write_shortest(text, v));
    if (mine != fmt::format("{}", v) && ++differ < 5) UNSCOPED_INFO(fmt::format("{} as {}", v, mine));
  }
  CHECK(differ == 0);
}

TEST_CASE("a text cell printed again is the cell printed the first time", "[cli][format]") {
  // Words of one length that differ, a word that needs quotes, one too long to be kept and one
  // whose JSON cell is too long to be kept, each printed several times in one column.
  const std::string long_word(50, 'x'), escaped(11, '\x01');
  const std::vector<std::string> words = {"no_convergence", "not_applicable", "a,b", "ok",
                                          long_word, escaped};
  const std::string escaped_json = [] {
    std::string s;
    for (int i = 0; i < 11; ++i) s += "\\u0001";
    return s;
  }();
  const std::vector<std::string> csv_cells = {"no_convergence", "not_applicable", "\"a,b\"", "ok",
                                              long_word, escaped};
  const std::vector<std::string> json_cells = {"\"no_convergence\"", "\"not_applicable\"",
                                               "\"a,b\"", "\"ok\"", '"' + long_word + '"',
                                               '"' + escaped_json + '"'};
  for (const auto& [format, cells] : {std::pair{Format::csv, csv_cells},
                                      std::pair{Format::json, json_cells}}) {
    const TableFormatter table(format, {{"w", CellKind::text, 0}}, 17);
    fmt::memory_buffer rows;
    std::string expected;
    for (int pass = 0; pass < 3; ++pass)
      for (std::size_t k = 0; k < words.size(); ++k) {
        TableFormatter::Row row(table, rows);
        row.text(words[(k + pass) % words.size()]);
        row.finish(false);
        const std::string& cell = cells[(k + pass) % words.size()];
        expected += format == Format::json ? "{\"w\":" + cell + "},\n" : cell + "\n";
      }
    CHECK(fmt::to_string(rows) == expected);
  }
}

TEST_CASE("json names longer than the lead's first chunk are written whole", "[cli][format]") {
  const std::string name16(16, 'a'), name40 = std::string(20, 'b') + std::string(20, 'c');
  const TableFormatter table(Format::json, {{name16, CellKind::number, 0}, {name40}}, 17);
  fmt::memory_buffer rows;
  TableFormatter::Row row(table, rows);
  row.number(1.5);
  row.number(2.5);
  row.finish(true);
  CHECK(fmt::to_string(rows) == "{\"" + name16 + "\":1.5,\"" + name40 + "\":2.5}\n");
}
