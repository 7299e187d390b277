#include "sweep_columns.hpp"

#include <algorithm>
#include <string>

#include "grid.hpp"

namespace radbound::cli {

namespace {

constexpr std::size_t kSpecColumns = 23;  // the default: every column up to err_est
constexpr std::string_view kTiming = "seconds";

constexpr SweepColumn model_column(std::string_view name, double Problem::*field) {
  return {name, CellKind::number, SweepValue::model, field, nullptr};
}

constexpr SweepColumn summary_column(std::string_view name, std::optional<double> Summary::*field) {
  return {name, CellKind::number, SweepValue::summary, nullptr, field};
}

const std::vector<SweepColumn> kColumns = {
    {"index", CellKind::integer, SweepValue::index},
    model_column("nr", &Problem::nr),
    model_column("theta_s", &Problem::theta_s),
    model_column("nc", &Problem::nc),
    model_column("theta_inf", &Problem::theta_inf),
    model_column("q", &Problem::q),
    {"left", CellKind::text, SweepValue::left},
    {"right", CellKind::text, SweepValue::right},
    {"status", CellKind::text, SweepValue::status},
    summary_column("u0", &Summary::u0),
    summary_column("u1", &Summary::u1),
    summary_column("du0", &Summary::du0),
    summary_column("du1", &Summary::du1),
    summary_column("u_mid", &Summary::u_mid),
    summary_column("u0_lo", &Summary::u0_lo),
    summary_column("u0_hi", &Summary::u0_hi),
    summary_column("u1_lo", &Summary::u1_lo),
    summary_column("u1_hi", &Summary::u1_hi),
    summary_column("du0_lo", &Summary::du0_lo),
    summary_column("du0_hi", &Summary::du0_hi),
    summary_column("gap", &Summary::gap),
    summary_column("efficiency", &Summary::efficiency),
    summary_column("err_est", &Summary::err_est),
    {"method", CellKind::text, SweepValue::method},
    {kTiming, CellKind::number, SweepValue::seconds},
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

void append_sweep_row(const TableFormatter& table, fmt::memory_buffer& out,
                      const std::vector<SweepColumn>& columns, const PointResult& r, bool last) {
  TableFormatter::Row row(table, out);
  for (const SweepColumn& c : columns) {
    switch (c.value) {
      case SweepValue::index:
        row.index(r.index);
        break;
      case SweepValue::model:
        row.number(r.point.problem.*c.model);
        break;
      case SweepValue::left:
        row.text(r.point.left);
        break;
      case SweepValue::right:
        row.text(r.point.right);
        break;
      case SweepValue::status:
        row.text(to_string(r.summary.status));
        break;
      case SweepValue::summary:
        row.number(r.summary.*c.summary);
        break;
      case SweepValue::method:
        row.text(r.summary.method);
        break;
      case SweepValue::seconds:
        row.number(r.seconds);
        break;
    }
  }
  row.finish(last);
}

}  // namespace radbound::cli
