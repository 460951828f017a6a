// `cimsim run` and `cimsim validate`.
#include <boost/program_options.hpp>
#include <iostream>

#include "experiments/cli/commands.hpp"
#include "experiments/cli/exit_codes.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/output_path.hpp"
#include "experiments/runner.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

namespace {

// Shown after the options of `run --help` and `validate --help`: the keys users reach for first.
constexpr const char* kSetExamples =
    "examples:\n"
    "  cimsim run configs/experiments/mnist_dfa.yaml --set data.train_limit=2000 --set "
    "train.epochs=1\n"
    "  --set data.train_limit=2000          train on the first 2000 images (0 = all)\n"
    "  --set data.test_limit=1000           evaluate on the first 1000 test images\n"
    "  --set train.epochs=3 --set train.learning_rate=0.1\n"
    "  --set train.trainer.type=bp          learning rule: bp | fa | dfa | drtp\n"
    "  --set hardware.array=software        the same network in float software (the baseline)\n"
    "  --set hardware.device.preset=ecram   a device preset (cimsim list presets)\n"
    "  --set hardware.tile.adc_bits=6       a tile key (hardware.tile, hardware.crossbar, ...)\n"
    "  --set model.layers[0].units=128      a list entry by its index\n"
    "  --set name=my_run                    results go to results/my_run/\n"
    "every key with its default and range: cimsim list config\n";

}  // namespace

int command_run(const Args& args) {
  po::options_description options(
      "cimsim run CONFIG [options]\n\nTrain the experiment in CONFIG "
      "and write results/<name>/");
  std::string out_dir;
  options.add_options()("out", po::value(&out_dir)->value_name("DIR"),
                        "results folder (default results/<name>)");
  ConfigArgs config;
  const auto parsed = parse_config_command(args, options, config, kSetExamples);
  if (!parsed) return kExitOk;
  const experiments::ExperimentSpec spec =
      experiments::load_experiment(config.file, config.overrides);
  experiments::RunOptions run;
  if (out_dir.empty()) {
    run.out_dir = std::filesystem::path("results") / spec.name;
    if (const auto problem = experiments::output_dir_problem(run.out_dir)) {
      spec.name_node.fail_message("results folder " + run.out_dir.string() +
                                  " cannot be written: " + *problem + " (or give --out DIR)");
    }
  } else {
    check_output_option("--out", out_dir, false);
    run.out_dir = out_dir;
  }
  run.stop = stop_on_signals();
  const experiments::RunResult result = experiments::run_experiment(spec, run);
  std::cout << experiments::format_summary(spec, result);
  if (result.status == experiments::RunStatus::kDiverged) {
    std::cerr << "error: run diverged: " << result.message << "\n";
    return kExitDiverged;
  }
  if (result.status == experiments::RunStatus::kInterrupted) {
    std::cerr << "interrupted: " << result.message << " in " << run.out_dir.string()
              << "; a run restarts from scratch with the same command\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

int command_validate(const Args& args) {
  po::options_description options(
      "cimsim validate CONFIG [options]\n\nCheck every key of CONFIG "
      "and print the resolved configuration");
  ConfigArgs config;
  if (!parse_config_command(args, options, config, kSetExamples)) return kExitOk;
  const experiments::ExperimentSpec spec =
      experiments::load_experiment(config.file, config.overrides);
  YAML::Emitter out;
  out << spec.resolved;
  std::cout << out.c_str() << "\n";
  return kExitOk;
}

}  // namespace cimsim::cli
