// The `hardware:` section of an experiment: where each layer's weights live (software memory or
// crossbar tiles), the device and tile of the crossbars, their numerics, and where the fixed
// feedback matrices of FA/DFA/DRTP live.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "devices/device_model.hpp"
#include "sim/core/config.hpp"
#include "sim/core/params.hpp"
#include "sim/cost/cost_spec.hpp"
#include "sim/crossbar_spec.hpp"
#include "sim/tile_spec.hpp"

namespace cimsim::experiments {

struct HardwareSpec {
  std::string array = "software";  // default for every layer
  bool layers_on_crossbars = false;  // at least one layer's weights are on crossbar tiles
  sim::TileSpec tile;
  sim::CrossbarSpec crossbar;
  std::shared_ptr<const devices::DeviceModel> device;           // null when nothing is analog
  std::string feedback_array = "software";
  std::shared_ptr<const devices::DeviceModel> feedback_device;  // null unless feedback is analog
  // The circuit cost model's section, with the device's electrical figures filled in.
  sim::cost::CostSpec cost;
  // Electrical figures neither the device nor hardware.cost.electricals gave (Ag:a-Si defaults).
  std::vector<std::string> defaulted_electricals;
  YAML::Node resolved;
};

// Keys of `hardware` itself and of `hardware.feedback`.
const core::ParamTable& hardware_params();
const core::ParamTable& feedback_params();

// Reads `hardware` (null: all software). The device is built when any array is a crossbar or
// when hardware.device is given (the cost model takes its electrical figures). `layer_arrays` are the per-layer `array` choices
// ("inherit" takes hardware.array), resolved in place; `trainer` and `momentum` are checked
// against what analog weights can do. Throws ConfigError naming the key.
HardwareSpec read_hardware(const core::ConfigNode& node, std::vector<std::string>& layer_arrays,
                           double momentum, const core::ConfigNode& momentum_node);

}  // namespace cimsim::experiments
