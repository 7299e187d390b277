#include "sweep_columns.hpp"

#include <algorithm>
#include <string>

#include "grid.hpp"

namespace radbound::cli {

namespace {

constexpr std::size_t kSpecColumns = 23;  // the default: every column up to err_est
constexpr std::string_view kTiming = "seconds";

using Row = TableFormatter::Row;

// A column of the solved point's summary.
template <std::optional<double> Summary::*field>
void summary_cell(Row& row, const PointResult& r) {
  row.number(r.summary.*field);
}

// A model value of the point.
template <double Problem::*field>
void model_cell(Row& row, const PointResult& r) {
  row.number(r.point.problem.*field);
}

const std::vector<SweepColumn> kColumns = {
    {"index", CellKind::integer, [](Row& row, const PointResult& r) { row.index(r.index); }},
    {"nr", CellKind::number, model_cell<&Problem::nr>},
    {"theta_s", CellKind::number, model_cell<&Problem::theta_s>},
    {"nc", CellKind::number, model_cell<&Problem::nc>},
    {"theta_inf", CellKind::number, model_cell<&Problem::theta_inf>},
    {"q", CellKind::number, model_cell<&Problem::q>},
    {"left", CellKind::text, [](Row& row, const PointResult& r) { row.text(r.point.left); }},
    {"right", CellKind::text, [](Row& row, const PointResult& r) { row.text(r.point.right); }},
    {"status", CellKind::text,
     [](Row& row, const PointResult& r) { row.text(to_string(r.summary.status)); }},
    {"u0", CellKind::number, summary_cell<&Summary::u0>},
    {"u1", CellKind::number, summary_cell<&Summary::u1>},
    {"du0", CellKind::number, summary_cell<&Summary::du0>},
    {"du1", CellKind::number, summary_cell<&Summary::du1>},
    {"u_mid", CellKind::number, summary_cell<&Summary::u_mid>},
    {"u0_lo", CellKind::number, summary_cell<&Summary::u0_lo>},
    {"u0_hi", CellKind::number, summary_cell<&Summary::u0_hi>},
    {"u1_lo", CellKind::number, summary_cell<&Summary::u1_lo>},
    {"u1_hi", CellKind::number, summary_cell<&Summary::u1_hi>},
    {"du0_lo", CellKind::number, summary_cell<&Summary::du0_lo>},
    {"du0_hi", CellKind::number, summary_cell<&Summary::du0_hi>},
    {"gap", CellKind::number, summary_cell<&Summary::gap>},
    {"efficiency", CellKind::number, summary_cell<&Summary::efficiency>},
    {"err_est", CellKind::number, summary_cell<&Summary::err_est>},
    {"method", CellKind::text,
     [](Row& row, const PointResult& r) { row.text(r.summary.method); }},
    {kTiming, CellKind::number, [](Row& row, const PointResult& r) { row.number(r.seconds); }},
};

std::string known_names() {
  std::string names;
  for (const SweepColumn& c : kColumns) names += (names.empty() ? "" : ",") + std::string(c.name);
  return names;
}

const SweepColumn& find_column(std::string_view name) {
  for (const SweepColumn& c : kColumns)
    if (c.name == name) return c;
  throw SyntaxError("unknown column '" + std::string(name) + "': accepted are " + known_names());
}

bool listed(const std::vector<SweepColumn>& columns, std::string_view name) {
  return std::any_of(columns.begin(), columns.end(),
                     [&](const SweepColumn& c) { return c.name == name; });
}

}  // namespace

const std::vector<SweepColumn>& sweep_columns() { return kColumns; }

std::vector<SweepColumn> select_sweep_columns(std::string_view list, bool timing) {
  std::vector<SweepColumn> chosen;
  if (list.empty()) chosen.assign(kColumns.begin(), kColumns.begin() + kSpecColumns);
  for (std::size_t start = 0; start < list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view name = list.substr(start, comma - start);
    if (listed(chosen, name))
      throw SyntaxError("column '" + std::string(name) + "' is listed twice");
    chosen.push_back(find_column(name));
    start = comma + 1;
  }
  if (!timing && listed(chosen, kTiming))
    throw SyntaxError("the seconds column is not deterministic: accepted only with --timing");
  if (timing && !listed(chosen, kTiming)) chosen.push_back(find_column(kTiming));
  return chosen;
}

}  // namespace radbound::cli
