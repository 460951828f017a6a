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
             "where layer weights live unless a layer says otherwise: ideal float memory or crossbar tiles");
    return p;
  }();
  return t;
}

const core::ParamTable& feedback_params() {
  static const core::ParamTable t = [] {
    core::ParamTable p;
    p.choice("array", std::string("software"), {"software", "crossbar"},
             "where FA/DFA/DRTP feedback matrices live (crossbar: programmed once, read with every nonideality)");
    return p;
  }();
  return t;
}

HardwareSpec read_hardware(const core::ConfigNode& node, std::vector<std::string>& layer_arrays,
                           double momentum, const core::ConfigNode& momentum_node) {
  HardwareSpec spec;
  if (!node.is_null()) node.require_map();
  const core::ParamValues top =
      hardware_params().read(node, {"device", "tile", "crossbar", "feedback", "cost"});
  spec.array = top.text("array");
  const core::ConfigNode feedback_node = node.section("feedback");
  if (!feedback_node.is_null()) feedback_node.require_map();
  const core::ParamValues feedback = feedback_params().read(feedback_node, {"device"});
  spec.feedback_array = feedback.text("array");

  bool any_crossbar = spec.feedback_array == "crossbar";
  for (std::size_t l = 0; l < layer_arrays.size(); ++l) {
    if (layer_arrays[l] == "inherit") layer_arrays[l] = spec.array;
    any_crossbar = any_crossbar || layer_arrays[l] == "crossbar";
  }
  spec.layers_on_crossbars =
      std::find(layer_arrays.begin(), layer_arrays.end(), "crossbar") != layer_arrays.end();
  spec.tile = sim::read_tile_spec(node.section("tile"), spec.layers_on_crossbars);
  const core::ParamValues crossbar_values = sim::crossbar_params().read(node.section("crossbar"));
  spec.crossbar = sim::crossbar_spec_from_values(crossbar_values);
  spec.resolved = top.to_yaml();

  const core::ConfigNode device_node = node.section("device");
  if (any_crossbar && device_node.is_null()) {
    node.fail_message("crossbar arrays need a device: (a type or a preset)");
  }
  if (!device_node.is_null()) {
    spec.device = devices::make_device(device_node);
    spec.resolved["device"] = spec.device->resolved_config();
  }
  spec.resolved["tile"] = sim::tile_spec_to_yaml(spec.tile);
  spec.resolved["crossbar"] = crossbar_values.to_yaml();
  if (spec.layers_on_crossbars) {
    if (momentum != 0.0) {
      momentum_node.fail_message("momentum needs digital weight storage; crossbar layers take plain SGD "
                                 "(use hardware.crossbar.update: mixed_precision for digital accumulation)");
    }
    if (spec.device->info().potentiation_only && spec.crossbar.pair_update != sim::PairUpdate::kOneSide) {
      node.section("crossbar").fail_message(
          "the device can only be potentiated (" + spec.device->info().type +
          "): set pair_update: one_side, with refresh_every > 0");
    }
    if (spec.device->info().potentiation_only && spec.tile.mapping != sim::WeightMapping::kDifferential) {
      node.section("tile").fail_message("a potentiation-only device needs mapping: differential");
    }
  }
  if (spec.feedback_array == "crossbar") {
    // Fixed matrices may be bit-sliced, but only over differential pairs (sim/crossbar_array.cpp).
    if (spec.tile.mapping == sim::WeightMapping::kReference && spec.tile.cells_per_weight() != 1) {
      const std::string cell_bits = std::to_string(spec.tile.cell_bits);
      node.section("tile").at("mapping").fail_message(
          "the reference mapping holds a weight in one cell, and feedback weights of weight_bits (" +
          std::to_string(spec.tile.weight_bits) + ") need " +
          std::to_string(spec.tile.cells_per_weight()) + " cells of cell_bits (" + cell_bits +
          "): set hardware.tile.mapping: differential or hardware.tile.weight_bits: " + cell_bits);
    }
    const core::ConfigNode own = feedback_node.section("device");
    spec.feedback_device = own.is_null() ? spec.device : devices::make_device(own);
    YAML::Node fb = feedback.to_yaml();
    fb["device"] = spec.feedback_device->resolved_config();
    spec.resolved["feedback"] = fb;
  } else {
    spec.resolved["feedback"] = feedback.to_yaml();
  }
  spec.cost = sim::cost::read_cost_spec(node.section("cost"), electricals_of(spec.device.get(), spec.defaulted_electricals));
  const core::ConfigNode given = node.section("cost").section("electricals");
  std::erase_if(spec.defaulted_electricals, [&given](const std::string& key) { return given.has(key); });
  spec.cost.feedback_storage = spec.feedback_array == "crossbar" ? sim::cost::FeedbackStorage::kAnalog
                                                                 : sim::cost::FeedbackStorage::kDigital;
  spec.cost.read_series_resistance_ohm = spec.crossbar.access_resistance_ohm;
  spec.resolved["cost"] = sim::cost::cost_spec_to_yaml(spec.cost);
  return spec;
}

}  // namespace cimsim::experiments
