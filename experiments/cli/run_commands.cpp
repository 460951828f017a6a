// `cimsim run` and `cimsim validate`.
#include <boost/program_options.hpp>

#include <iostream>

#include "experiments/cli/commands.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/runner.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

int command_run(const Args& args) {
  po::options_description options("cimsim run CONFIG [options]\n\nTrain the experiment in CONFIG "
                                   "and write results/<name>/");
  std::string out_dir;
  options.add_options()("out", po::value(&out_dir), "results folder (default results/<name>)");
  ConfigArgs config;
  const auto parsed = parse_config_command(args, options, config);
  if (!parsed) return 0;
  const experiments::ExperimentSpec spec = experiments::load_experiment(config.file, config.overrides);
  experiments::RunOptions run;
  run.out_dir = out_dir.empty() ? std::filesystem::path("results") / spec.name : std::filesystem::path(out_dir);
  run.stop = stop_on_signals();
  const experiments::RunResult result = experiments::run_experiment(spec, run);
  std::cout << experiments::format_summary(spec, result);
  if (result.status == "diverged") {
    std::cerr << "error: run diverged: " << result.message << "\n";
    return 3;
  }
  if (result.status == "interrupted") {
    std::cerr << "interrupted: " << result.message << " in " << run.out_dir.string()
              << "; a run restarts from scratch with the same command\n";
    return 130;
  }
  return 0;
}

int command_validate(const Args& args) {
  po::options_description options("cimsim validate CONFIG [options]\n\nCheck every key of CONFIG "
                                   "and print the resolved configuration");
  ConfigArgs config;
  if (!parse_config_command(args, options, config)) return 0;
  const experiments::ExperimentSpec spec = experiments::load_experiment(config.file, config.overrides);
  YAML::Emitter out;
  out << spec.resolved;
  std::cout << out.c_str() << "\n";
  return 0;
}

}  // namespace cimsim::cli
