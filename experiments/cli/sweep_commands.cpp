// `cimsim sweep` and `cimsim merge`.
#include <boost/program_options.hpp>
#include <iostream>
#include <optional>
#include <set>

#include "experiments/cli/commands.hpp"
#include "experiments/cli/exit_codes.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/cli/plot_script.hpp"
#include "experiments/output_path.hpp"
#include "experiments/results_table.hpp"
#include "experiments/sweep_runner.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/errors.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

namespace {

std::string overrides_text(const experiments::SweepPoint& point) {
  std::string text;
  for (const auto& o : point.overrides) text += (text.empty() ? "" : "  ") + o.key + "=" + o.value;
  return text.empty() ? "(base)" : text;
}

// Checks every axis value on its own, then lists the shard's points, validating each point to
// run as it goes (one at a time, so memory stays flat): the first bad one throws its error after
// the lines of the points before it. Returns false when a signal stopped it.
bool print_dry_run(const experiments::SweepSpec& sweep, const experiments::SweepOptions& options) {
  if (!sweep.points.check_axis_values(options.stop)) return false;
  const std::set<std::string> finished = experiments::finished_point_ids(sweep, options);
  const std::size_t selected = options.shard.size(sweep.points.size());
  std::size_t to_run = 0;
  experiments::SweepPoints::Maker maker(sweep.points);
  for (std::size_t j = 0; j < selected; ++j) {
    if (options.stop != nullptr && options.stop->load()) return false;
    const experiments::SweepPoint point = sweep.points.at(options.shard.point_index(j));
    const bool done = finished.count(point.id) > 0;
    if (!done) {
      maker.spec(point);
      ++to_run;
    }
    std::cout << point.id << (done ? "  done  " : "  ") << overrides_text(point) << "\n";
  }
  std::cout << "sweep " << sweep.name << ": " << sweep.points.size() << " points, " << selected
            << " in this shard, " << to_run << " to run (all valid); results table "
            << experiments::results_table_path(options.out_dir, options.shard).string() << "\n";
  return true;
}

// What `cimsim sweep` was asked on the command line.
struct SweepRequest {
  std::string file;
  std::string out_dir;
  bool dry_run = false;
  bool no_plot = false;
  experiments::SweepAdjustments adjust;
  experiments::SweepOptions options;  // but out_dir, workers and stop
  std::optional<int> workers;
};

// Parses the options; nothing when --help was asked. Throws core::ConfigError for bad values.
std::optional<SweepRequest> parse_sweep_request(const Args& args) {
  po::options_description options(
      "cimsim sweep FILE [options]\n\nRun the points of the sweep FILE not yet in "
      "results/<sweep>/results.csv (each point is validated when it is reached, every axis value "
      "on "
      "its own beside the first points; cost sweeps price each point as cimsim cost does), then "
      "draw the plots of its plot: block. Several processes may work one table together (each "
      "point runs once), and a table keeps the sweep definition that started it (--force starts it "
      "afresh)");
  SweepRequest request;
  int workers = 0;
  std::string shard = "1/1";
  std::vector<std::string> sets;
  int seeds = 0;
  options.add_options()("sweep", po::value(&request.file)->required()->value_name("FILE"),
                        "sweep YAML file")(
      "workers", po::value(&workers), "points run at once (default: the file's workers:, else 1)")(
      "shard", po::value(&shard), "run only shard K of N (points with index % N == K-1), e.g. 2/8")(
      "force", po::bool_switch(&request.options.force),
      "start the results table afresh (also under a changed sweep definition) and rerun every "
      "point; refused while another process works the table")(
      "out", po::value(&request.out_dir), "output folder (default results/<sweep name>)")(
      "dry-run", po::bool_switch(&request.dry_run),
      "check every axis value, then list the points and what would run, validating each point to "
      "run; run nothing")("no-plot", po::bool_switch(&request.no_plot), "skip the plot: block")(
      "set", po::value(&sets)->composing(),
      "override a key in every point, like the file's set: (repeatable), e.g. "
      "--set data.train_limit=0")("seeds", po::value(&seeds),
                                  "run seeds 1..N instead of the file's seeds:");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  po::variables_map values;
  if (!parse_command(args, options, positional, values)) return std::nullopt;
  request.options.shard = experiments::parse_shard(shard);
  if (values.count("workers")) {
    if (workers < 1 || workers > 1024) {
      throw core::ConfigError("--workers " + std::to_string(workers) +
                              ": expected an integer in [1, 1024]");
    }
    request.workers = workers;
  }
  for (const std::string& assignment : sets) {
    const std::size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw core::ConfigError("--set " + assignment + ": expected path.to.key=value");
    }
    request.adjust.set.push_back({assignment.substr(0, eq), assignment.substr(eq + 1)});
  }
  if (values.count("seeds")) {
    if (seeds < 1)
      throw core::ConfigError("--seeds " + std::to_string(seeds) + ": expected N >= 1");
    request.adjust.seeds = seeds;
  }
  return request;
}

// The sweep's folder: --out, else results/<sweep name> (which must be writable).
std::filesystem::path sweep_out_dir(const SweepRequest& request,
                                    const experiments::SweepSpec& sweep) {
  if (!request.out_dir.empty()) {
    check_output_option("--out", request.out_dir, false);
    return request.out_dir;
  }
  const std::filesystem::path dir = std::filesystem::path("results") / sweep.name;
  if (const auto problem = experiments::output_dir_problem(dir)) {
    throw core::ConfigError(sweep.name_where + ": results folder " + dir.string() +
                            " cannot be written: " + *problem + " (or give --out DIR)");
  }
  return dir;
}

// Prints what the run did; returns the exit code (throws when points failed).
int report_outcome(const experiments::SweepSpec& sweep, const experiments::SweepOptions& options,
                   const experiments::SweepOutcome& outcome) {
  std::cout << "sweep " << sweep.name << ": ran " << outcome.ran << ", skipped " << outcome.skipped
            << " already done, ";
  if (outcome.elsewhere > 0) std::cout << outcome.elsewhere << " run by other processes, ";
  std::cout << outcome.failures.size() << " failed, of " << outcome.selected << " points";
  if (outcome.ran > 0) std::cout << " (" << static_cast<long long>(outcome.wall_s + 0.5) << " s)";
  std::cout << "\nresults: " << outcome.table.string() << "\n";
  if (options.stop->load()) {
    std::cerr << "interrupted: " << outcome.ran << " point(s) finished and kept, "
              << outcome.interrupted << " stopped mid-run; run the same command to resume\n";
    return kExitInterrupted;
  }
  if (!outcome.failures.empty()) {
    throw core::Error(std::to_string(outcome.failures.size()) +
                      " point(s) failed (rerun to retry them); first: " + outcome.failures.front());
  }
  return kExitOk;
}

}  // namespace

int command_sweep(const Args& args) {
  std::optional<SweepRequest> request = parse_sweep_request(args);
  if (!request) return kExitOk;
  experiments::SweepOptions& options = request->options;
  // Signals are answered from here on: every phase below polls the flag.
  options.stop = stop_on_signals();
  const experiments::SweepSpec sweep = experiments::load_sweep(request->file, request->adjust);
  options.out_dir = sweep_out_dir(*request, sweep);
  options.workers = request->workers.value_or(sweep.workers);
  if (request->dry_run) {
    if (print_dry_run(sweep, options)) return kExitOk;
    std::cerr << "interrupted\n";
    return kExitInterrupted;
  }
  const experiments::SweepOutcome outcome = experiments::run_sweep(sweep, options);
  const int code = report_outcome(sweep, options, outcome);
  if (code != kExitOk || request->no_plot || options.shard.count > 1) return code;
  for (const auto& plot : sweep.plots) {
    const std::filesystem::path out = options.out_dir / "plots" / experiments::plot_file_name(plot);
    draw_plot(outcome.table, plot, out);
    std::cout << "wrote " << out.string() << "\n";
  }
  return kExitOk;
}

int command_merge(const Args& args) {
  po::options_description options(
      "cimsim merge OUT.csv IN.csv... \n\nJoin the results tables of a sweep's shards: one row per "
      "point (the first seen wins), sorted by point index; all tables must have the same columns");
  std::string out;
  std::vector<std::string> inputs;
  options.add_options()("out", po::value(&out)->required()->value_name("OUT.csv"),
                        "merged table to write")(
      "inputs", po::value(&inputs)->multitoken()->required()->value_name("IN.csv"),
      "tables to merge");
  po::positional_options_description positional;
  positional.add("out", 1).add("inputs", -1);
  po::variables_map values;
  if (!parse_command(args, options, positional, values)) return kExitOk;
  check_output_option("merge: output", out, true);
  std::vector<std::filesystem::path> files(inputs.begin(), inputs.end());
  const experiments::ResultsTable merged = experiments::merge_results(files);
  core::write_file_atomic(out, experiments::results_csv(merged));
  std::cout << "wrote " << out << ": " << merged.rows.size() << " points from " << inputs.size()
            << " tables\n";
  return kExitOk;
}

}  // namespace cimsim::cli
