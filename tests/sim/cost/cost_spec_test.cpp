#include "sim/cost/cost_spec.hpp"

#include <gtest/gtest.h>

#include "sim/core/errors.hpp"
#include "sim/cost/technology.hpp"

namespace cimsim::sim::cost {
namespace {

CostSpec read(const std::string& yaml) {
  return read_cost_spec(core::ConfigNode::parse(yaml, "hw.yaml").section("cost"));
}

std::string error_of(const std::string& yaml) {
  try {
    read(yaml);
  } catch (const core::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(CostSpec, DefaultsFollowTheCellType) {
  const CostSpec d = read("{}\n");
  EXPECT_EQ(d.node_nm, 32);
  EXPECT_EQ(d.cell_type, CellType::k1T1R);
  EXPECT_DOUBLE_EQ(d.cell_width_f * d.cell_height_f, 48);
  EXPECT_DOUBLE_EQ(d.array_wire_width_m, 56e-9);  // the node's minimum wire
  const CostSpec sram = read("cost: {cell_type: sram6t, node_nm: 65, array_wire_width_nm: 100}\n");
  EXPECT_DOUBLE_EQ(sram.cell_width_f * sram.cell_height_f, 280);
  EXPECT_DOUBLE_EQ(sram.array_wire_width_m, 100e-9);
  const CostSpec given = read("cost: {cell_type: crossbar, cell_width_f: 3}\n");
  EXPECT_DOUBLE_EQ(given.cell_width_f, 3);
  EXPECT_DOUBLE_EQ(given.cell_height_f, 2);
}

// A resolved config (resolved.yaml, a sweep's points/*.yaml) must read back to itself: the
// fuzzer found the wire width drifting by an ulp on every round trip (56.000000000000007 nm, then
// 56.000000000000014 nm).
TEST(CostSpec, ResolvedWireWidthReadsBackToItself) {
  for (const int node : known_nodes_nm()) {
    for (const std::string width : {"0", "56", "56.000000000000007", "22", "7.3"}) {
      const YAML::Node once = cost_spec_to_yaml(read("cost: {node_nm: " + std::to_string(node) +
                                                     ", array_wire_width_nm: " + width + "}\n"));
      YAML::Node wrapped(YAML::NodeType::Map);
      wrapped["cost"] = once;
      YAML::Emitter text;
      text << wrapped;
      const YAML::Node twice = cost_spec_to_yaml(read(text.c_str()));
      EXPECT_EQ(twice["array_wire_width_nm"].as<double>(), once["array_wire_width_nm"].as<double>())
          << "node " << node << " nm, width " << width;
    }
  }
}

TEST(CostSpec, ElectricalsOverrideTheAgASiDefaults) {
  const CostSpec s = read("cost:\n  electricals: {write_pulse_width_s: 1.0e-8}\n");
  EXPECT_DOUBLE_EQ(s.electricals.write_pulse_width_s, 1e-8);
  EXPECT_DOUBLE_EQ(s.electricals.g_on_siemens, 38.462e-9);
  EXPECT_NE(error_of("cost:\n  electricals: {g_off_siemens: 1.0e-6}\n")
                .find("cost.electricals.g_off_siemens: expected g_off_siemens below g_on_siemens"),
            std::string::npos);
}

TEST(CostSpec, UnknownNodeListsTheKnownOnes) {
  EXPECT_EQ(error_of("cost:\n  node_nm: 33\n"),
            "hw.yaml:2:12: cost.node_nm: expected one of the nodes 130, 90, 65, 45, 32, 22, 14, "
            "10, 7, got \"33\"");
  EXPECT_NE(error_of("cost:\n  node_nm: 3\n").find("cost.node_nm: expected an integer in [7, 130]"),
            std::string::npos);
  EXPECT_NE(error_of("cost:\n  clock_hz: 0\n").find("cost.clock_hz: expected a number > 0 (Hz)"),
            std::string::npos);
  EXPECT_NE(error_of("cost:\n  nodes: 32\n").find("unknown key \"nodes\""), std::string::npos);
}

TEST(CostSpec, ScheduleModesAndTheFormerPipelineFlag) {
  EXPECT_EQ(read("{}\n").schedule, ScheduleMode::kDependency);
  EXPECT_EQ(read("cost: {schedule: layer_serial}\n").schedule, ScheduleMode::kLayerSerial);
  EXPECT_EQ(read("cost: {schedule: pipelined}\n").schedule, ScheduleMode::kPipelined);
  EXPECT_EQ(
      cost_spec_to_yaml(read("cost: {schedule: layer_serial}\n"))["schedule"].as<std::string>(),
      "layer_serial");
  EXPECT_NE(error_of("cost: {schedule: serial}\n")
                .find("cost.schedule: expected one of: dependency, layer_serial, pipelined"),
            std::string::npos);
  EXPECT_EQ(error_of("cost:\n  pipeline: true\n"),
            "hw.yaml:2:13: cost.pipeline: the key pipeline was replaced by schedule: pipelined "
            "(or dependency, layer_serial)");
}

TEST(CostSpec, ArrayShapeAndSerialPeriphery) {
  const CostSpec d = read("{}\n");
  EXPECT_EQ(d.array_shape, ArrayShape::kFixed);
  EXPECT_EQ(d.serial_periphery, SerialPeriphery::kAlways);
  const CostSpec s = read("cost: {array_shape: fit_layer, serial_periphery: when_serial}\n");
  EXPECT_EQ(s.array_shape, ArrayShape::kFitLayer);
  EXPECT_EQ(s.serial_periphery, SerialPeriphery::kWhenSerial);
  const YAML::Node y = cost_spec_to_yaml(s);
  EXPECT_EQ(y["array_shape"].as<std::string>(), "fit_layer");
  EXPECT_EQ(y["serial_periphery"].as<std::string>(), "when_serial");
  EXPECT_NE(error_of("cost: {array_shape: fitted}\n")
                .find("cost.array_shape: expected one of: fixed, fit_layer"),
            std::string::npos);
}

TEST(CostSpec, ReadGateLinesAndIntegrateFireEnergyChoices) {
  const CostSpec d = read("{}\n");
  EXPECT_EQ(d.read_gate_lines, ReadGateLines::kActiveRows);
  EXPECT_EQ(d.integrate_fire_energy, IntegrateFireEnergy::kNodeScaled);
  const CostSpec ns =
      read("cost: {read_gate_lines: all_rows_per_conversion, integrate_fire_energy: spice_65nm}\n");
  EXPECT_EQ(ns.read_gate_lines, ReadGateLines::kAllRowsPerConversion);
  EXPECT_EQ(ns.integrate_fire_energy, IntegrateFireEnergy::kSpice65nm);
  const YAML::Node y = cost_spec_to_yaml(ns);
  EXPECT_EQ(y["read_gate_lines"].as<std::string>(), "all_rows_per_conversion");
  EXPECT_EQ(y["integrate_fire_energy"].as<std::string>(), "spice_65nm");
  EXPECT_NE(error_of("cost: {read_gate_lines: all}\n")
                .find("expected one of: active_rows, all_rows_per_conversion"),
            std::string::npos);
  EXPECT_NE(error_of("cost: {integrate_fire_energy: spice}\n")
                .find("expected one of: node_scaled, spice_65nm"),
            std::string::npos);
}

}  // namespace
}  // namespace cimsim::sim::cost
