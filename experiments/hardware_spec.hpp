// The `hardware:` section of an experiment: where each layer's weights live (software memory or
// crossbar tiles), the device and tile of the crossbars, their numerics, and where the fixed
// feedback matrices of FA/DFA/DRTP live.
#pragma once

#include <memory>
#include <optional>
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
  std::string array = "software";    // default for every layer
  bool layers_on_crossbars = false;  // at least one layer's weights are on crossbar tiles
  sim::TileSpec tile;
  sim::CrossbarSpec crossbar;
  std::shared_ptr<const devices::DeviceModel> device;  // null when nothing is analog
  std::string feedback_array = "software";
  std::shared_ptr<const devices::DeviceModel> feedback_device;  // null unless feedback is analog
  // The circuit cost model's section, with the device's electrical figures filled in.
  sim::cost::CostSpec cost;
  // Electrical figures neither the device nor hardware.cost.electricals gave (Ag:a-Si defaults).
  std::vector<std::string> defaulted_electricals;
};

// Keys of `hardware` itself and of `hardware.feedback`.
const core::ParamTable& hardware_params();
const core::ParamTable& feedback_params();

// What each subsection of `hardware` reads to on its own, before the subsections are combined:
// read_experiment reads them all; a cost sweep keeps those its axes do not change between points.
struct HardwareParts {
  core::ParamValues top;       // hardware.array
  core::ParamValues feedback;  // hardware.feedback.array
  // hardware.feedback.device, built only when feedback is on crossbars (null otherwise, and when
  // the feedback arrays share hardware.device).
  std::shared_ptr<const devices::DeviceModel> feedback_device;
  sim::TileSpec tile;  // read for `tile_trained` (layers trained in situ on the tiles)
  bool tile_trained = false;
  core::ParamValues crossbar;
  std::shared_ptr<const devices::DeviceModel> device;  // null when hardware.device is absent
  sim::cost::CostSpec cost;                            // with `device`'s electrical figures
  std::vector<std::string> defaulted_electricals;
};

// A combination of parts that no part shows wrong on its own: the key path to blame (from the
// experiment's root, e.g. hardware.tile) and what is wrong.
struct ConfigProblem {
  std::string where;
  std::string message;
};

// The per-layer `array` choices with "inherit" replaced by `top`'s hardware.array.
std::vector<std::string> resolve_layer_arrays(std::vector<std::string> layer_arrays,
                                              const core::ParamValues& top);
// Whether some layer (of resolved `layer_arrays`) keeps its weights on crossbar tiles.
bool layers_on_crossbars(const std::vector<std::string>& layer_arrays);

// Reads the subsections of `node` (the `hardware` map; null: all software) in order: top,
// feedback (its device only on crossbars), tile (for `layer_arrays` resolved against the top),
// crossbar, device, cost. Throws ConfigError naming the key.
HardwareParts read_hardware_parts(const core::ConfigNode& node,
                                  const std::vector<std::string>& layer_arrays);

// Combines the parts for resolved `layer_arrays`; the first problem of the combination is
// returned in `problem` (and the spec is then incomplete). The resolved YAML is left empty.
HardwareSpec combine_hardware(const HardwareParts& parts,
                              const std::vector<std::string>& layer_arrays, double momentum,
                              std::optional<ConfigProblem>& problem);

// The resolved `hardware` section, every default written out.
YAML::Node hardware_resolved(const HardwareParts& parts, const HardwareSpec& spec);

}  // namespace cimsim::experiments
