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
// `cimsim cost CONFIG [--set k=v] [--json FILE]`: hardware cost of a config without training.
int command_cost(const Args& args);

// `cimsim device-curve PRESET|CONFIG [--devices N] [--pulses P] [--out DIR] [--seed S]`:
// LTP-then-LTD conductance curves and update sizes of sampled devices as CSV and PNG
// (experiments/cli/device_commands.cpp).
int command_device_curve(const Args& args);

}  // namespace cimsim::cli
