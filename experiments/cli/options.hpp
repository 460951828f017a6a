// Command-line parsing shared by the subcommands that take a config file.
#pragma once

#include <boost/program_options.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "experiments/cli/commands.hpp"

namespace cimsim::cli {

struct ConfigArgs {
  std::string file;
  std::vector<std::string> overrides;  // --set path=value, in order
};

// Adds CONFIG (positional), --set and --help to `options`, parses `args`. Returns false if help
// was printed (the command should exit 0); `epilog` is printed after the options. Throws
// core::UsageError on bad arguments.
bool parse_config_command(const Args& args, boost::program_options::options_description& options,
                          ConfigArgs& config, const std::string& epilog = "");

// Parses `args` against `options` with `positional`; prints help (then `epilog`) and returns
// false on --help. Throws core::UsageError on bad arguments; a missing positional argument is
// named by its value_name (e.g. CONFIG), as the usage line shows it.
bool parse_command(const Args& args, boost::program_options::options_description& options,
                   const boost::program_options::positional_options_description& positional,
                   boost::program_options::variables_map& values, const std::string& epilog = "");

// Throws core::UsageError "OPTION VALUE: cannot write here: why" when `path` cannot be used as
// an output folder (`is_file`: a file to be written), before any work is done.
void check_output_option(const std::string& option, const std::string& path, bool is_file);

// Makes SIGINT and SIGTERM set the returned flag instead of killing the process, so a run or
// sweep can stop after its current batch or point and keep what finished.
const std::atomic<bool>* stop_on_signals();

}  // namespace cimsim::cli
