// `cimsim list trainers|config`: the registered components and their documented parameters.
#include <iostream>

#include "algorithms/trainer.hpp"
#include "devices/device_factory.hpp"
#include "experiments/cli/commands.hpp"
#include "experiments/cli/exit_codes.hpp"
#include "experiments/cli/options.hpp"
#include "experiments/dataset.hpp"
#include "experiments/experiment_spec.hpp"
#include "experiments/hardware_spec.hpp"
#include "sim/core/json.hpp"
#include "sim/cost/cost_spec.hpp"
#include "sim/cost/device_electricals.hpp"
#include "sim/crossbar_spec.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::cli {

namespace po = boost::program_options;

namespace {

// Every section of an experiment file with a parameter table, by its key path ("" is the top
// level; "model.layers[]" a layer of the given type). `cimsim list config` prints them and
// ListConfig.JsonKeysAreTheKeysValidationAccepts checks them against a resolved config.
struct ConfigSection {
  const char* path;
  const char* when;  // the condition under which the table applies, or ""
  const core::ParamTable* table;
};

std::vector<ConfigSection> config_sections() {
  return {
      {"", "", &experiments::experiment_params()},
      {"data", "", &experiments::data_params()},
      {"model", "", &experiments::model_params()},
      {"model.layers[]", "type: dense (the default)", &experiments::dense_layer_params()},
      {"model.layers[]", "type: conv2d", &experiments::conv_layer_params()},
      {"model.layers[]", "type: max_pool | avg_pool", &experiments::pool_layer_params()},
      {"train", "", &experiments::train_params()},
      {"train.quantization", "", &experiments::quantization_params()},
      {"hardware", "", &experiments::hardware_params()},
      {"hardware.tile", "", &sim::tile_spec_params()},
      {"hardware.crossbar", "", &sim::crossbar_params()},
      {"hardware.feedback", "", &experiments::feedback_params()},
      {"hardware.cost", "", &sim::cost::cost_spec_params()},
      {"hardware.cost.electricals", "overrides the device's figures",
       &sim::cost::device_electricals_params()},
  };
}

constexpr const char* kElsewhere[][2] = {
    {"model.layers[]", "type: dense | conv2d | max_pool | avg_pool | flatten"},
    {"train.trainer", "type plus the trainer's parameters (cimsim list trainers)"},
    {"hardware.device", "type or preset plus the device's parameters (cimsim list devices)"},
    {"hardware.feedback.device", "type or preset plus parameters (cimsim list devices)"},
};

void print_config_keys(bool json) {
  if (json) {
    core::Json sections = core::Json::array();
    for (const ConfigSection& s : config_sections()) {
      core::Json section = core::Json::object();
      section.set("path", s.path);
      section.set("when", s.when);
      section.set("keys", s.table->describe_json());
      sections.push(std::move(section));
    }
    core::Json others = core::Json::object();
    for (const auto& [path, what] : kElsewhere) others.set(path, what);
    core::Json root = core::Json::object();
    root.set("sections", std::move(sections));
    root.set("elsewhere", std::move(others));
    std::cout << root.dump() << "\n";
    return;
  }
  for (const ConfigSection& s : config_sections()) {
    std::cout << (*s.path ? s.path : "(top level)")
              << (*s.when ? std::string(" (") + s.when + ")" : "") << ":\n"
              << s.table->describe("  ");
  }
  for (const auto& [path, what] : kElsewhere) std::cout << path << ": " << what << "\n";
}

}  // namespace

int command_list(const Args& args) {
  po::options_description options(
      "cimsim list WHAT\n\nWHAT is one of: trainers, devices, presets, config");
  std::string what;
  bool json = false;
  options.add_options()("what", po::value(&what)->required()->value_name("WHAT"), "what to list")(
      "json", po::bool_switch(&json), "config: print the keys as JSON");
  po::positional_options_description positional;
  positional.add("what", 1);
  po::variables_map values;
  if (!parse_command(args, options, positional, values)) return kExitOk;
  if (what == "trainers") {
    for (const auto& e : algorithms::trainer_registry().entries()) {
      std::cout << e.name << ": " << e.summary << "\n" << e.params.describe("    ");
    }
  } else if (what == "devices") {
    std::cout << devices::describe_devices();
  } else if (what == "presets") {
    std::cout << devices::describe_presets();
  } else if (what == "config") {
    print_config_keys(json);
  } else {
    throw core::UsageError("cimsim list: unknown list \"" + what +
                           "\"; expected one of: trainers, devices, presets, config");
  }
  return kExitOk;
}

}  // namespace cimsim::cli
