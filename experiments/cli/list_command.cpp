// `cimsim list trainers|config`: the registered components and their documented parameters.
#include <iostream>

#include "algorithms/trainer.hpp"
#include "devices/device_factory.hpp"
#include "experiments/cli/commands.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/dataset.hpp"
#include "experiments/experiment_spec.hpp"
#include "experiments/hardware_spec.hpp"
#include "sim/crossbar_spec.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

namespace {

void print_config_keys() {
  const std::pair<const char*, const core::ParamTable*> sections[] = {
      {"(top level)", &experiments::experiment_params()},
      {"data", &experiments::data_params()},
      {"model", &experiments::model_params()},
      {"model.layers[i] (type: dense, the default)", &experiments::dense_layer_params()},
      {"model.layers[i] (type: conv2d)", &experiments::conv_layer_params()},
      {"model.layers[i] (type: max_pool | avg_pool)", &experiments::pool_layer_params()},
      {"train", &experiments::train_params()},
      {"train.quantization", &experiments::quantization_params()},
      {"hardware", &experiments::hardware_params()},
      {"hardware.tile", &sim::tile_spec_params()},
      {"hardware.crossbar", &sim::crossbar_params()},
      {"hardware.feedback", &experiments::feedback_params()},
  };
  for (const auto& [name, table] : sections) {
    std::cout << name << ":\n" << table->describe("  ");
  }
  std::cout << "train.trainer: type plus the trainer's parameters (cimsim list trainers)\n"
            << "hardware.device, hardware.feedback.device: type or preset plus parameters (cimsim list devices)\n";
}

}  // namespace

int command_list(const Args& args) {
  po::options_description options(
      "cimsim list WHAT\n\nWHAT is one of: trainers, devices, presets, config");
  std::string what;
  options.add_options()("what", po::value(&what)->required(), "what to list");
  po::positional_options_description positional;
  positional.add("what", 1);
  po::variables_map values;
  if (!parse_command(args, options, positional, values)) return 0;
  if (what == "trainers") {
    for (const auto& e : algorithms::trainer_registry().entries()) {
      std::cout << e.name << ": " << e.summary << "\n" << e.params.describe("    ");
    }
  } else if (what == "devices") {
    std::cout << devices::describe_devices();
  } else if (what == "presets") {
    std::cout << devices::describe_presets();
  } else if (what == "config") {
    print_config_keys();
  } else {
    throw core::Error("cimsim list: unknown list \"" + what + "\"; expected one of: trainers, devices, presets, config");
  }
  return 0;
}

}  // namespace cimsim::cli
