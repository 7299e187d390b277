#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "commands.hpp"
#include "exit_code.hpp"
#include "interrupt.hpp"
#include "metadata.hpp"
#include "option_values.hpp"
#include "partial_table.hpp"
#include "progress.hpp"
#include "sweep_columns.hpp"
#include "sweep_runner.hpp"

namespace radbound::cli {

namespace {

constexpr Status kStatuses[] = {Status::ok, Status::no_convergence, Status::unphysical,
                                Status::not_applicable, Status::failed};
constexpr Method kMethods[] = {Method::automatic, Method::fd, Method::shooting, Method::exact,
                               Method::none};

template <class Values>
std::size_t widest_word(const Values& values) {
  std::size_t widest = 0;
  for (const auto v : values) widest = std::max(widest, to_string(v).size());
  return widest;
}

// Table columns for the chosen sweep columns, with the widest cells Markdown pads to. (The grid's
// values are measured, each converted to text, for Markdown only: no other format pads.)
std::vector<Column> table_columns(const std::vector<SweepColumn>& chosen, const ModelGrid& grid,
                                  Format format, int precision) {
  constexpr std::string_view kModelFields[] = {"nr", "theta_s", "nc", "theta_inf", "q"};
  std::vector<Column> columns;
  for (const SweepColumn& c : chosen) {
    Column column{std::string(c.name), c.kind};
    if (format == Format::markdown &&
        std::find(std::begin(kModelFields), std::end(kModelFields), c.name) !=
            std::end(kModelFields))
      for (const double v : grid.values(c.name))
        column.widest = std::max(column.widest, number_width(v, precision));
    if (c.kind == CellKind::integer) column.widest = fmt::formatted_size("{}", grid.size() - 1);
    if (c.name == "left" || c.name == "right") column.widest = grid.widest_boundary_label();
    if (c.name == "status") column.widest = widest_word(kStatuses);
    if (c.name == "method") column.widest = widest_word(kMethods);
    columns.push_back(column);
  }
  return columns;
}

// "fd 120, shooting 3"; words in `skip` are left out.
std::string counts_text(const std::map<std::string, std::uint64_t>& counts,
                        std::string_view skip = {}) {
  std::string text;
  for (const auto& [word, n] : counts)
    if (word != skip) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", word, n);
  return text;
}

// Where a run starts: the rows already in FILE.partial (with --resume) are verified against
// the recomputed block they end in, then the run continues after them.
struct StartPoint {
  std::uint64_t compute_from = 0;    // first row solved and formatted
  std::uint64_t write_from = 0;      // first row written (earlier ones are only compared)
  std::vector<std::string> written;  // rows [compute_from, write_from) as FILE.partial holds them
  std::optional<std::uint64_t> keep_bytes;  // resume FILE.partial after this many bytes
};

StartPoint start_point(const SweepArgs& args, const TableFormatter& table, std::uint64_t block,
                       std::uint64_t begin, std::uint64_t end) {
  StartPoint start{begin, begin, {}, std::nullopt};
  if (!args.resume) return start;
  const std::string partial = partial_path_of(args.common.output);
  const auto found = read_partial(partial, table.header(), table.footer(), block);
  if (!found) {
    if (!args.common.quiet)
      fmt::print(stderr, "radbound: --resume: no {} yet; starting from the first row\n", partial);
    return start;
  }
  if (found->rows > end - begin)
    throw CliError(exit_usage,
                   fmt::format("--resume: {} holds {} rows, more than the {} of this command; "
                               "accepted is the same command that wrote it",
                               partial, found->rows, end - begin));
  start.keep_bytes = found->keep_bytes;
  start.write_from = begin + found->rows;
  if (found->rows > 0) start.compute_from = std::max(begin, (start.write_from - 1) / block * block);
  start.written.assign(
      found->tail.end() - static_cast<std::ptrdiff_t>(start.write_from - start.compute_from),
      found->tail.end());
  return start;
}

// Writes the rows handed on by the sweep and keeps count of them.
class RowWriter {
 public:
  RowWriter(OutputFile& out, const StartPoint& start, bool compare, Progress& progress,
            std::string partial)
      : out_(out),
        start_(start),
        compare_(compare),
        progress_(progress),
        partial_(std::move(partial)) {}

  void consume(const RowBatch& batch) {
    std::size_t offset = 0;
    for (std::size_t k = 0; k < batch.ends.size(); ++k) {
      const std::uint64_t index = batch.first + k;
      if (index >= start_.write_from) break;
      const std::string_view row(batch.text.data() + offset, batch.ends[k] - offset);
      if (compare_ && row != start_.written[index - start_.compute_from])
        throw CliError(exit_usage,
                       fmt::format("--resume: row {} of {} differs from what this command "
                                   "computes; accepted is the command (and radbound version) "
                                   "that wrote it, or remove the file and run without --resume",
                                   index, partial_));
      offset = batch.ends[k];
    }
    out_.write(std::string_view(batch.text.data(), batch.text.size()).substr(offset));
    out_.flush();
    rows_ += batch.ends.size();
    for (const auto& [status, n] : batch.statuses) statuses_[to_string(status)] += n;
    for (const auto& [word, n] : batch.methods) methods_[word] += n;
    progress_.update(rows_);
  }

  std::uint64_t rows() const { return rows_; }
  std::uint64_t not_ok() const {
    const auto ok = statuses_.find(to_string(Status::ok));
    return rows_ - (ok == statuses_.end() ? 0 : ok->second);
  }
  const std::map<std::string, std::uint64_t>& statuses() const { return statuses_; }
  const std::map<std::string, std::uint64_t>& methods() const { return methods_; }

 private:
  OutputFile& out_;
  const StartPoint& start_;
  const bool compare_;
  Progress& progress_;
  const std::string partial_;
  std::uint64_t rows_ = 0;
  std::map<std::string, std::uint64_t> statuses_, methods_;
};

unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

// Every option parsed and every point of the grid checked: usage errors (64) before model
// errors (65), both before anything is written.
struct SweepPlan {
  ModelGrid grid;
  CommonSettings common;
  SweepSettings sweep;
  Shard shard;
  std::vector<SweepColumn> columns;

  bool timing() const {
    return std::any_of(columns.begin(), columns.end(),
                       [](const SweepColumn& c) { return c.name == "seconds"; });
  }
};

SweepPlan plan_sweep(const SweepArgs& args) {
  SweepPlan plan{ModelGrid(args.common.model), parse_common(args.common), {}, {}, {}};
  plan.sweep.solve = plan.common.solve;
  // A row prints u at x = 0, 1/2 and 1 only: the answer need vouch for no other point.
  plan.sweep.solve.coverage = Coverage::nodes;
  plan.sweep.chaining = chaining_of(plan.grid);
  plan.sweep.threads = args.threads.empty()
                           ? default_threads()
                           : parse_option("--threads", args.threads, parse_threads);
  plan.shard = parse_option("--shard", args.shard, parse_shard);
  plan.columns = parse_option("--columns", args.columns, [&](std::string_view list) {
    return select_sweep_columns(list, args.timing);
  });
  plan.sweep.timed = plan.timing();
  if (args.resume && args.common.output.empty())
    throw CliError(exit_usage,
                   "--resume: continues an interrupted -o FILE; accepted only with -o FILE");
  plan.grid.validate();
  return plan;
}

// The output, positioned after what an interrupted run left, with the header written if needed.
std::unique_ptr<OutputFile> open_table(const std::string& path, const StartPoint& start,
                                       const TableFormatter& table) {
  auto out = start.keep_bytes
                 ? std::make_unique<OutputFile>(path, OutputFile::Mode::resume, *start.keep_bytes)
                 : open_output(path);
  if (!start.keep_bytes || *start.keep_bytes == 0) out->write(table.header());
  out->flush();
  return out;
}

// The closing lines on stderr: why points are not ok; with --verbose, speed and methods.
void report(const RowWriter& writer, const CommonArgs& common, unsigned threads, double seconds) {
  if (common.quiet) return;
  if (writer.not_ok() > 0)
    fmt::print(stderr, "radbound: {} of {} points not ok ({}); their numeric cells are empty\n",
               writer.not_ok(), writer.rows(), counts_text(writer.statuses(), "ok"));
  if (common.verbose)
    fmt::print(stderr,
               "radbound: {} points solved in {:.3f} s ({:.0f} points/s, {} threads); "
               "methods: {}\n",
               writer.rows(), seconds, static_cast<double>(writer.rows()) / seconds, threads,
               counts_text(writer.methods()));
}

}  // namespace

int sweep_command(const SweepArgs& args, const std::vector<std::string>& command_line) {
  const InterruptGuard interrupt;  // from the start: checking a large grid takes a while
  RunRecord run{command_line, utc_timestamp()};
  SweepPlan plan = plan_sweep(args);
  if (interrupt.flag()) {
    fmt::print(stderr, "radbound: interrupted before the first row; nothing written\n");
    return exit_interrupted;
  }
  const ModelGrid& grid = plan.grid;
  const int precision = plan.common.precision;
  const TableFormatter table(plan.common.format,
                             table_columns(plan.columns, grid, plan.common.format, precision),
                             precision);
  const std::uint64_t begin = plan.shard.begin(grid.size()), end = plan.shard.end(grid.size());
  const StartPoint start = start_point(args, table, plan.sweep.chaining.block, begin, end);
  const auto out = open_table(args.common.output, start, table);
  run.resumed = start.keep_bytes.has_value();

  plan.sweep.interrupt = &interrupt.flag();
  Progress progress(end - start.compute_from, stderr_is_terminal() && !args.common.quiet);
  RowWriter writer(*out, start, !plan.timing(), progress, out->partial_path());
  const auto format = [&](fmt::memory_buffer& text, const PointResult& r) {
    append_sweep_row(table, text, plan.columns, r, r.index + 1 == grid.size());
  };
  const auto clock_start = std::chrono::steady_clock::now();
  const bool finished = run_sweep(
      grid, start.compute_from, end, plan.sweep, format,
      [&](const RowBatch& b) { writer.consume(b); }, [&] { progress.refresh(); });
  progress.finish();
  const std::uint64_t rows =
      (start.write_from - begin) + writer.rows() - (start.write_from - start.compute_from);
  if (!finished) {
    out->keep();
    fmt::print(stderr, "radbound: interrupted: {} rows kept{}\n", rows,
               out->is_stdout() ? ""
                                : fmt::format(" in {}; run the same command with --resume to "
                                              "continue",
                                              out->partial_path()));
    return exit_interrupted;
  }
  out->write(table.footer());
  out->commit();
  run.rows = rows;
  run.exit_status = writer.not_ok() > 0 ? exit_points_failed : exit_ok;
  if (!out->is_stdout()) write_metadata(run, out->path());
  report(writer, args.common, plan.sweep.threads,
         std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count());
  return run.exit_status;
}

}  // namespace radbound::cli
