#include "experiments/hardware_spec.hpp"

#include <algorithm>

#include "devices/device_factory.hpp"

namespace cimsim::experiments {
namespace {

// The device's electrical figures for the cost model; those it does not define keep the Ag:a-Si
// defaults of DeviceElectricals and are listed in `defaulted`.
sim::cost::DeviceElectricals electricals_of(const devices::DeviceModel* device,
                                            std::vector<std::string>& defaulted) {
  sim::cost::DeviceElectricals e;
  // Without a device every figure is a default; listed key by key, so that those the user sets
  // in hardware.cost.electricals drop out of the note `cimsim cost` prints.
  const devices::DeviceInfo info = device != nullptr ? device->info() : devices::DeviceInfo{};
  const auto take = [&defaulted](double value, double& field, const char* key) {
    if (value > 0) {
      field = value;
    } else {
      defaulted.push_back(key);
    }
  };
  take(info.g_max_siemens, e.g_on_siemens, "g_on_siemens");
  take(info.g_min_siemens, e.g_off_siemens, "g_off_siemens");
  take(info.electrical.read_voltage_v, e.read_voltage_v, "read_voltage_v");
  take(info.electrical.write_voltage_ltp_v, e.write_voltage_ltp_v, "write_voltage_ltp_v");
  take(info.electrical.write_voltage_ltd_v, e.write_voltage_ltd_v, "write_voltage_ltd_v");
  take(info.electrical.pulse_width_s, e.write_pulse_width_s, "write_pulse_width_s");
  e.pulse_energy_j = info.electrical.pulse_energy_j;
  defaulted.push_back("read_pulse_width_s");  // device models do not describe a read's duration
  return e;
}

}  // namespace

const core::ParamTable& hardware_params() {
  static const core::ParamTable t = [] {
    core::ParamTable p;
    p.choice("array", std::string("software"), {"software", "crossbar"},
             "where layer weights live unless a layer says otherwise: ideal float memory or "
             "crossbar tiles");
    return p;
  }();
  return t;
}

const core::ParamTable& feedback_params() {
  static const core::ParamTable t = [] {
    core::ParamTable p;
    p.choice("array", std::string("software"), {"software", "crossbar"},
             "where FA/DFA/DRTP feedback matrices live (crossbar: programmed once, read with every "
             "nonideality)");
    return p;
  }();
  return t;
}

std::vector<std::string> resolve_layer_arrays(std::vector<std::string> layer_arrays,
                                              const core::ParamValues& top) {
  for (auto& array : layer_arrays) {
    if (array == "inherit") array = top.text("array");
  }
  return layer_arrays;
}

bool layers_on_crossbars(const std::vector<std::string>& layer_arrays) {
  return std::find(layer_arrays.begin(), layer_arrays.end(), "crossbar") != layer_arrays.end();
}

HardwareParts read_hardware_parts(const core::ConfigNode& node,
                                  const std::vector<std::string>& layer_arrays) {
  HardwareParts parts;
  if (!node.is_null()) node.require_map();
  parts.top = hardware_params().read(node, {"device", "tile", "crossbar", "feedback", "cost"});
  const core::ConfigNode feedback_node = node.section("feedback");
  if (!feedback_node.is_null()) feedback_node.require_map();
  parts.feedback = feedback_params().read(feedback_node, {"device"});
  parts.tile_trained = layers_on_crossbars(resolve_layer_arrays(layer_arrays, parts.top));
  parts.tile = sim::read_tile_spec(node.section("tile"), parts.tile_trained);
  parts.crossbar = sim::crossbar_params().read(node.section("crossbar"));
  const core::ConfigNode device_node = node.section("device");
  if (!device_node.is_null()) parts.device = devices::make_device(device_node);
  const core::ConfigNode own = feedback_node.section("device");
  if (parts.feedback.text("array") == "crossbar" && !own.is_null()) {
    parts.feedback_device = devices::make_device(own);
  }
  parts.cost = sim::cost::read_cost_spec(
      node.section("cost"), electricals_of(parts.device.get(), parts.defaulted_electricals));
  const core::ConfigNode given = node.section("cost").section("electricals");
  std::erase_if(parts.defaulted_electricals,
                [&given](const std::string& key) { return given.has(key); });
  return parts;
}

HardwareSpec combine_hardware(const HardwareParts& parts,
                              const std::vector<std::string>& layer_arrays, double momentum,
                              std::optional<ConfigProblem>& problem) {
  HardwareSpec spec;
  spec.array = parts.top.text("array");
  spec.feedback_array = parts.feedback.text("array");
  spec.layers_on_crossbars = layers_on_crossbars(layer_arrays);
  spec.tile = parts.tile;
  spec.crossbar = sim::crossbar_spec_from_values(parts.crossbar);
  spec.device = parts.device;
  const bool any_crossbar = spec.layers_on_crossbars || spec.feedback_array == "crossbar";
  const auto fail = [&](std::string where, std::string message) {
    problem = ConfigProblem{std::move(where), std::move(message)};
    return spec;
  };
  if (any_crossbar && !spec.device)
    return fail("hardware", "crossbar arrays need a device: (a type or a preset)");
  if (spec.layers_on_crossbars) {
    if (momentum != 0.0) {
      return fail("train.momentum",
                  "momentum needs digital weight storage; crossbar layers take plain SGD "
                  "(use hardware.crossbar.update: mixed_precision for digital accumulation)");
    }
    if (spec.device->info().potentiation_only &&
        spec.crossbar.pair_update != sim::PairUpdate::kOneSide) {
      return fail("hardware.crossbar", "the device can only be potentiated (" +
                                           spec.device->info().type +
                                           "): set pair_update: one_side, with refresh_every > 0");
    }
    if (spec.device->info().potentiation_only &&
        spec.tile.mapping != sim::WeightMapping::kDifferential) {
      return fail("hardware.tile", "a potentiation-only device needs mapping: differential");
    }
  }
  // Fixed matrices may be bit-sliced, but only over differential pairs (sim/crossbar_array.cpp).
  if (spec.feedback_array == "crossbar" && spec.tile.mapping == sim::WeightMapping::kReference &&
      spec.tile.cells_per_weight() != 1) {
    const std::string cell_bits = std::to_string(spec.tile.cell_bits);
    return fail(
        "hardware.tile.mapping",
        "the reference mapping holds a weight in one cell, and feedback weights of weight_bits (" +
            std::to_string(spec.tile.weight_bits) + ") need " +
            std::to_string(spec.tile.cells_per_weight()) + " cells of cell_bits (" + cell_bits +
            "): set hardware.tile.mapping: differential or hardware.tile.weight_bits: " +
            cell_bits);
  }
  if (spec.feedback_array == "crossbar") {
    spec.feedback_device = parts.feedback_device ? parts.feedback_device : spec.device;
  }
  spec.cost = parts.cost;
  spec.defaulted_electricals = parts.defaulted_electricals;
  spec.cost.feedback_storage = spec.feedback_array == "crossbar"
                                   ? sim::cost::FeedbackStorage::kAnalog
                                   : sim::cost::FeedbackStorage::kDigital;
  spec.cost.read_series_resistance_ohm = spec.crossbar.access_resistance_ohm;
  spec.cost.transposed_reads = spec.crossbar.backward == sim::BackwardMode::kAnalog;
  return spec;
}

YAML::Node hardware_resolved(const HardwareParts& parts, const HardwareSpec& spec) {
  YAML::Node resolved = parts.top.to_yaml();
  if (spec.device) resolved["device"] = spec.device->resolved_config();
  resolved["tile"] = sim::tile_spec_to_yaml(spec.tile);
  resolved["crossbar"] = parts.crossbar.to_yaml();
  YAML::Node feedback = parts.feedback.to_yaml();
  if (spec.feedback_device) feedback["device"] = spec.feedback_device->resolved_config();
  resolved["feedback"] = feedback;
  resolved["cost"] = sim::cost::cost_spec_to_yaml(spec.cost);
  return resolved;
}

}  // namespace cimsim::experiments
