#include "sim/cost/cost_spec.hpp"

#include "sim/cost/technology.hpp"

namespace cimsim::sim::cost {

using core::Range;

namespace {

// Cell footprints (width x height in F) of DNN+NeuroSim's Param.cpp (Peng et al., IEDM 2019):
// 1T1R 12 x 4, selector-less crossbar 2 x 2, 6T SRAM 28 x 10 (logic design rules).
struct CellFootprint {
  double width_f;
  double height_f;
};
CellFootprint footprint(CellType type) {
  switch (type) {
    case CellType::k1T1R:
      return {12, 4};
    case CellType::kCrossbar:
      return {2, 2};
    case CellType::kSram6T:
      return {28, 10};
  }
  return {12, 4};
}

}  // namespace

const core::ParamTable& cost_spec_params() {
  static const core::ParamTable table = [] {
    const CostSpec d;
    core::ParamTable t;
    t.integer("node_nm", d.node_nm, Range::between(7, 130),
              "technology node: 130, 90, 65, 45, 32, 22, 14, 10 or 7")
        .real("clock_hz", d.clock_hz, "Hz", Range::above(0), "digital periphery clock")
        .choice("cell_type", std::string("1t1r"), {"1t1r", "crossbar", "sram6t"},
                "memory cell: 1T1R (pseudo-crossbar), selector-less crossbar, 6T SRAM")
        .real("cell_width_f", d.cell_width_f, "F", Range::above(0),
              "cell pitch along a row (default by cell_type: 12, 2, 28)")
        .real("cell_height_f", d.cell_height_f, "F", Range::above(0),
              "cell pitch along a column (default by cell_type: 4, 2, 10)")
        .real("access_resistance_ohm", d.access_resistance_ohm, "ohm", Range::above(0),
              "on-resistance of the 1T1R access transistor (sets its width)")
        .real("array_wire_width_nm", 0.0, "nm", Range::at_least(0),
              "array wire width (0: the node's minimum wire width)")
        .choice("array_shape", std::string(to_string(d.array_shape)), {"fixed", "fit_layer"},
                "fixed: every array is a whole rows x cols tile; fit_layer: a layer's arrays are "
                "cut to the rows and columns its weights use, with their per-row and per-column "
                "periphery and read circuits (area only; circuits priced as a whole tile's)")
        .choice("serial_periphery", std::string(to_string(d.serial_periphery)),
                {"always", "when_serial"},
                "always: a bit-serial input register per row and a shift-adder per read "
                "circuit; when_serial: the register only for inputs of more than 1 bit, the "
                "shift-adder only when a read has more than one input cycle or weight slice")
        .integer("error_bits", d.error_bits, Range::between(1, 32),
                 "precision of error signals and gradients in the digital periphery")
        .integer("feedback_bits", d.feedback_bits, Range::between(1, 16), "precision of B")
        .integer("bus_bits", d.bus_bits, Range::between(1, 4096), "H-tree bus width")
        .choice("schedule", std::string(to_string(d.schedule)),
                {"dependency", "layer_serial", "pipelined"},
                "training-step accounting: dependency (a task runs when its data and resource "
                "are ready), layer_serial (DNN+NeuroSim: a chained rule's layers do their "
                "backward work one after another; projecting rules all at once), pipelined "
                "(dependency, samples of a batch overlapped through the layers)")
        .choice("read_gate_lines", std::string(to_string(d.read_gate_lines)),
                {"active_rows", "all_rows_per_conversion"},
                "1T1R access gates a forward read charges: active_rows (the rows with a 1 "
                "bit, once per read) or all_rows_per_conversion (every row of the layer, once "
                "per sensed column: MLP+NeuroSim V3.0)")
        .choice("integrate_fire_energy", std::string(to_string(d.integrate_fire_energy)),
                {"node_scaled", "spice_65nm"},
                "energy of an integrate_fire conversion: NeuroSim's 65 nm SPICE figure scaled "
                "by F VDD^2 (node_scaled) or used at every node (spice_65nm, as NeuroSim)")
        .real("chip_area_budget_mm2", d.chip_area_budget_mm2, "mm^2", Range::above(0),
              "largest chip allowed (default: the 26 x 33 mm reticle)")
        .real("input_bit_density", d.input_bit_density, "", Range::between(0, 1),
              "estimate: fraction of first-layer input bits that are 1")
        .real("hidden_bit_density", d.hidden_bit_density, "", Range::between(0, 1),
              "estimate: fraction of hidden-activation bits that are 1")
        .real("error_bit_density", d.error_bit_density, "", Range::between(0, 1),
              "estimate: fraction of error-signal bits that are 1")
        .real("update_cell_fraction", d.update_cell_fraction, "", Range::between(0, 1),
              "estimate: fraction of cells in an updated row that receive pulses")
        .real("mean_pulses_per_update", d.mean_pulses_per_update, "", Range::at_least(0),
              "estimate: mean pulses per programmed cell per update");
    return t;
  }();
  return table;
}

CostSpec read_cost_spec(const core::ConfigNode& node, const DeviceElectricals& device) {
  if (node.is_map() && node.has("pipeline")) {
    node.at("pipeline")
        .fail_message(
            "the key pipeline was replaced by schedule: pipelined (or dependency, layer_serial)");
  }
  const core::ParamValues v = cost_spec_params().read(node, {"electricals"});
  CostSpec s;
  s.node_nm = static_cast<int>(v.integer("node_nm"));
  if (!is_known_node(s.node_nm)) {
    std::string list;
    for (const int n : known_nodes_nm()) list += (list.empty() ? "" : ", ") + std::to_string(n);
    node.at("node_nm").fail("one of the nodes " + list);
  }
  s.clock_hz = v.real("clock_hz");
  const std::string& cell = v.text("cell_type");
  s.cell_type = cell == "crossbar" ? CellType::kCrossbar
                : cell == "sram6t" ? CellType::kSram6T
                                   : CellType::k1T1R;
  const CellFootprint f = footprint(s.cell_type);
  s.cell_width_f = v.was_given("cell_width_f") ? v.real("cell_width_f") : f.width_f;
  s.cell_height_f = v.was_given("cell_height_f") ? v.real("cell_height_f") : f.height_f;
  s.access_resistance_ohm = v.real("access_resistance_ohm");
  const Technology tech = technology_for_node(s.node_nm);
  const double wire_nm = v.real("array_wire_width_nm");
  // Divided by the exact 1e9, not multiplied by the inexact 1e-9: the resolved config writes
  // m * 1e9 back, and only this pair reads that value back to itself (found by fuzz/).
  s.array_wire_width_m = wire_nm > 0 ? wire_nm / 1e9 : tech.wire_width_m;
  s.array_shape = v.text("array_shape") == "fit_layer" ? ArrayShape::kFitLayer : ArrayShape::kFixed;
  s.serial_periphery = v.text("serial_periphery") == "when_serial" ? SerialPeriphery::kWhenSerial
                                                                   : SerialPeriphery::kAlways;
  s.error_bits = v.integer("error_bits");
  s.feedback_bits = v.integer("feedback_bits");
  s.bus_bits = v.integer("bus_bits");
  const std::string& schedule = v.text("schedule");
  s.schedule = schedule == "layer_serial" ? ScheduleMode::kLayerSerial
               : schedule == "pipelined"  ? ScheduleMode::kPipelined
                                          : ScheduleMode::kDependency;
  s.read_gate_lines = v.text("read_gate_lines") == "all_rows_per_conversion"
                          ? ReadGateLines::kAllRowsPerConversion
                          : ReadGateLines::kActiveRows;
  s.integrate_fire_energy = v.text("integrate_fire_energy") == "spice_65nm"
                                ? IntegrateFireEnergy::kSpice65nm
                                : IntegrateFireEnergy::kNodeScaled;
  s.chip_area_budget_mm2 = v.real("chip_area_budget_mm2");
  s.input_bit_density = v.real("input_bit_density");
  s.hidden_bit_density = v.real("hidden_bit_density");
  s.error_bit_density = v.real("error_bit_density");
  s.update_cell_fraction = v.real("update_cell_fraction");
  s.mean_pulses_per_update = v.real("mean_pulses_per_update");
  s.electricals = read_device_electricals(node.section("electricals"), device);
  return s;
}

YAML::Node cost_spec_to_yaml(const CostSpec& s) {
  YAML::Node n(YAML::NodeType::Map);
  n["node_nm"] = s.node_nm;
  n["clock_hz"] = s.clock_hz;
  n["cell_type"] = to_string(s.cell_type);
  n["cell_width_f"] = s.cell_width_f;
  n["cell_height_f"] = s.cell_height_f;
  n["access_resistance_ohm"] = s.access_resistance_ohm;
  n["array_wire_width_nm"] = s.array_wire_width_m * 1e9;
  n["array_shape"] = to_string(s.array_shape);
  n["serial_periphery"] = to_string(s.serial_periphery);
  n["error_bits"] = s.error_bits;
  n["feedback_bits"] = s.feedback_bits;
  n["bus_bits"] = s.bus_bits;
  n["schedule"] = to_string(s.schedule);
  n["read_gate_lines"] = to_string(s.read_gate_lines);
  n["integrate_fire_energy"] = to_string(s.integrate_fire_energy);
  n["chip_area_budget_mm2"] = s.chip_area_budget_mm2;
  n["input_bit_density"] = s.input_bit_density;
  n["hidden_bit_density"] = s.hidden_bit_density;
  n["error_bit_density"] = s.error_bit_density;
  n["update_cell_fraction"] = s.update_cell_fraction;
  n["mean_pulses_per_update"] = s.mean_pulses_per_update;
  YAML::Node e(YAML::NodeType::Map);
  e["g_on_siemens"] = s.electricals.g_on_siemens;
  e["g_off_siemens"] = s.electricals.g_off_siemens;
  e["read_voltage_v"] = s.electricals.read_voltage_v;
  e["read_pulse_width_s"] = s.electricals.read_pulse_width_s;
  e["write_voltage_ltp_v"] = s.electricals.write_voltage_ltp_v;
  e["write_voltage_ltd_v"] = s.electricals.write_voltage_ltd_v;
  e["write_pulse_width_s"] = s.electricals.write_pulse_width_s;
  e["pulse_energy_j"] = s.electricals.pulse_energy_j;
  n["electricals"] = e;
  return n;
}

const char* to_string(CellType type) {
  switch (type) {
    case CellType::k1T1R:
      return "1t1r";
    case CellType::kCrossbar:
      return "crossbar";
    case CellType::kSram6T:
      return "sram6t";
  }
  return "?";
}

const char* to_string(FeedbackStorage storage) {
  return storage == FeedbackStorage::kAnalog ? "analog" : "digital";
}

const char* to_string(ScheduleMode mode) {
  switch (mode) {
    case ScheduleMode::kDependency:
      return "dependency";
    case ScheduleMode::kLayerSerial:
      return "layer_serial";
    case ScheduleMode::kPipelined:
      return "pipelined";
  }
  return "?";
}

const char* to_string(ArrayShape shape) {
  return shape == ArrayShape::kFitLayer ? "fit_layer" : "fixed";
}

const char* to_string(SerialPeriphery periphery) {
  return periphery == SerialPeriphery::kWhenSerial ? "when_serial" : "always";
}

const char* to_string(ReadGateLines lines) {
  return lines == ReadGateLines::kAllRowsPerConversion ? "all_rows_per_conversion" : "active_rows";
}

const char* to_string(IntegrateFireEnergy energy) {
  return energy == IntegrateFireEnergy::kSpice65nm ? "spice_65nm" : "node_scaled";
}

std::optional<FeedbackStorage> feedback_storage_from_string(const std::string& name) {
  for (const FeedbackStorage storage : {FeedbackStorage::kDigital, FeedbackStorage::kAnalog}) {
    if (name == to_string(storage)) return storage;
  }
  return std::nullopt;
}

}  // namespace cimsim::sim::cost
