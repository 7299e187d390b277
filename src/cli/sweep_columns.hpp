// The columns of a sweep row: SPEC §2's fixed set by default, and two more on request.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sweep_runner.hpp"
#include "table.hpp"

namespace radbound::cli {

// What a column shows of a solved point.
enum class SweepValue { index, model, left, right, status, summary, method, seconds };

struct SweepColumn {
  std::string_view name;
  CellKind kind;
  SweepValue value;
  double Problem::*model = nullptr;                   // the field of SweepValue::model
  std::optional<double> Summary::*summary = nullptr;  // the field of SweepValue::summary
};

// index,nr,theta_s,nc,theta_inf,q,left,right,status,u0,u1,du0,du1,u_mid,u0_lo,u0_hi,u1_lo,u1_hi,
// du0_lo,du0_hi,gap,efficiency,err_est (SPEC §2), then `method` (the method that answered) and
// `seconds` (solve wall time; not deterministic, so only with --timing).
const std::vector<SweepColumn>& sweep_columns();

// The columns to print. `list` (--columns) is empty for SPEC's default columns, or a
// comma-separated choice and order of names; `timing` (--timing) appends `seconds` unless listed.
// Throws SyntaxError for an unknown or repeated name, or `seconds` without `timing`.
std::vector<SweepColumn> select_sweep_columns(std::string_view list, bool timing);

// Appends the row of `r` in `columns` to `out`; `last` marks the table's final row. One function
// writes the whole row, with a switch on each column's value rather than a call through a
// pointer, so that the row's place stays in registers from cell to cell.
void append_sweep_row(const TableFormatter& table, fmt::memory_buffer& out,
                      const std::vector<SweepColumn>& columns, const PointResult& r, bool last);

}  // namespace radbound::cli
