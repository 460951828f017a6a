// The `cimsim` executable: dispatches subcommands, and is the only place that prints errors and
// chooses the exit code.
#include <cstring>
#include <iostream>
#include <map>
#include <string>

#include "experiments/cli/commands.hpp"
#include "experiments/cli/exit_codes.hpp"
#include "sim/core/allocator.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/log.hpp"

namespace {

using cimsim::cli::kExitFailure;
using cimsim::cli::kExitOk;
using cimsim::cli::kExitUsage;
using Command = int (*)(const cimsim::cli::Args&);

const std::map<std::string, std::pair<Command, const char*>>& commands() {
  static const std::map<std::string, std::pair<Command, const char*>> table = {
      {"run", {cimsim::cli::command_run, "train an experiment and write its results"}},
      {"validate", {cimsim::cli::command_validate, "check a config and print it resolved"}},
      {"list", {cimsim::cli::command_list, "list trainers, devices, presets, config keys"}},
      {"cost",
       {cimsim::cli::command_cost, "energy, area and latency of a config's hardware, no training"}},
      {"device-curve",
       {cimsim::cli::command_device_curve, "conductance-vs-pulse curves of a device (CSV + PNG)"}},
      {"sweep", {cimsim::cli::command_sweep, "run a sweep file's points; resumable, shardable"}},
      {"merge", {cimsim::cli::command_merge, "join the results tables of a sweep's shards"}},
      {"plot", {cimsim::cli::command_plot, "line, bars, pareto or curves plot of a results table"}},
  };
  return table;
}

void print_usage() {
  std::cout
      << "usage: cimsim [-q|-v] COMMAND [args] (COMMAND --help for its options)\n\ncommands:\n";
  for (const auto& [name, entry] : commands()) {
    std::cout << "  " << name << std::string(16 - name.size(), ' ') << entry.second << "\n";
  }
  std::cout << "\n  --version        print the version\n"
            << "\nexit codes: 0 ok, 1 runtime failure, 2 usage or config error, 3 run diverged,\n"
            << "            130 interrupted (SIGINT/SIGTERM; finished work kept)\n";
}

}  // namespace

int main(int argc, char** argv) {
  cimsim::core::keep_freed_memory_in_process();
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; ++i) {
    if (std::strcmp(argv[i], "-q") == 0) {
      cimsim::core::set_log_level(cimsim::core::LogLevel::kQuiet);
    } else if (std::strcmp(argv[i], "-v") == 0) {
      cimsim::core::set_log_level(cimsim::core::LogLevel::kDebug);
    } else if (std::strcmp(argv[i], "--version") == 0) {
      std::cout << "cimsim " << CIMSIM_VERSION << "\n";
      return kExitOk;
    } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      print_usage();
      return kExitOk;
    } else {
      std::cerr << "cimsim: unknown option " << argv[i] << " (see cimsim --help)\n";
      return kExitUsage;
    }
  }
  if (i >= argc) {
    print_usage();
    return kExitUsage;
  }
  const auto found = commands().find(argv[i]);
  if (found == commands().end()) {
    std::cerr << "cimsim: unknown command \"" << argv[i] << "\" (see cimsim --help)\n";
    return kExitUsage;
  }
  const cimsim::cli::Args args(argv + i + 1, argv + argc);
  try {
    return found->second.first(args);
  } catch (const cimsim::core::ConfigError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const cimsim::core::UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitFailure;
  }
}
