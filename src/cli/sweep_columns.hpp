// The columns of a sweep row: SPEC §2's fixed set by default, and two more on request.
#pragma once

#include <string_view>
#include <vector>

#include "sweep_runner.hpp"
#include "table.hpp"

namespace radbound::cli {

struct SweepColumn {
  std::string_view name;
  CellKind kind;
  void (*write)(TableFormatter::Row&, const PointResult&);
};

// index,nr,theta_s,nc,theta_inf,q,left,right,status,u0,u1,du0,du1,u_mid,u0_lo,u0_hi,u1_lo,u1_hi,
// du0_lo,du0_hi,gap,efficiency,err_est (SPEC §2), then `method` (the method that answered) and
// `seconds` (solve wall time; not deterministic, so only with --timing).
const std::vector<SweepColumn>& sweep_columns();

// The columns to print. `list` (--columns) is empty for SPEC's default columns, or a
// comma-separated choice and order of names; `timing` (--timing) appends `seconds` unless listed.
// Throws SyntaxError for an unknown or repeated name, or `seconds` without `timing`.
std::vector<SweepColumn> select_sweep_columns(std::string_view list, bool timing);

}  // namespace radbound::cli
