// Subcommands of the `cimsim` executable. Each takes the arguments after its name, parses them
// with Boost.Program_options, and returns the process exit code. Library errors propagate as
// exceptions to `main`, which prints them and exits non-zero.
#pragma once

#include <string>
#include <vector>

namespace cimsim::cli {

using Args = std::vector<std::string>;

int command_run(const Args& args);
int command_validate(const Args& args);
int command_list(const Args& args);
// `cimsim cost CONFIG [--set k=v] [--events RUN_DIR/events.json] [--json FILE]`: hardware cost
// of a config without training, from analytic counts or from the events a run recorded.
int command_cost(const Args& args);

// `cimsim device-curve PRESET|CONFIG [--devices N] [--pulses P] [--out DIR] [--seed S]`:
// LTP-then-LTD conductance curves and update sizes of sampled devices as CSV and PNG
// (experiments/cli/device_commands.cpp).
int command_device_curve(const Args& args);

// `cimsim sweep FILE [--workers N] [--shard K/N] [--force] [--out DIR] [--dry-run] [--no-plot]`:
// expand, validate and run a sweep, appending a row per point to its results table
// (experiments/cli/sweep_commands.cpp).
int command_sweep(const Args& args);
// `cimsim merge OUT.csv IN.csv...`: one table from the tables of a sweep's shards.
int command_merge(const Args& args);
// `cimsim plot RESULTS.csv --kind line|bars|pareto|curves --x KEY --y METRIC [--group COL]
// [--format png|svg|pdf] [--out FILE]` (experiments/cli/plot_command.cpp).
int command_plot(const Args& args);

}  // namespace cimsim::cli
